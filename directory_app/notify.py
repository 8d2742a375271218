"""Email and text messages to patients through GOV.UK Notify, when configured.

Notify needs two templates made in its admin site, each with a ``((subject))``
(email only) and a ``((body))`` placeholder; their ids go in
DIRECTORY_NOTIFY_EMAIL_TEMPLATE and DIRECTORY_NOTIFY_SMS_TEMPLATE. Without Notify,
email goes through SMTP (or the outbox) and text messages cannot be sent.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from flask import current_app
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient
from requests import RequestException

from directory_app.mail import Mail, MailError, send


class SendError(Exception):
    """The message could not be sent; says why in plain words."""


def can_text() -> bool:
    """Whether text messages can be sent (Notify is configured for them)."""
    config = current_app.config
    return bool(config.get("NOTIFY_API_KEY") and config.get("NOTIFY_SMS_TEMPLATE"))


def uk_mobile(number: str) -> str | None:
    """A UK mobile number in international form, or None if it is not one."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return None
    kind = phonenumbers.number_type(parsed)
    mobile = phonenumbers.is_valid_number(parsed) and kind in {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    # Ofcom's drama range (07700 900000 to 900999): fictional, for demos and tests.
    drama = parsed.country_code == 44 and str(parsed.national_number).startswith(
        "7700900"
    )
    if not (mobile or (drama and len(str(parsed.national_number)) == 10)):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def send_email(to: str, subject: str, body: str) -> str:
    """Email someone: through Notify when configured, else SMTP or the outbox."""
    config = current_app.config
    template = config.get("NOTIFY_EMAIL_TEMPLATE")
    if config.get("NOTIFY_API_KEY") and template:
        return _notify(
            "send_email_notification",
            email_address=to,
            template_id=template,
            personalisation={"subject": subject, "body": body},
        )
    try:
        return send(Mail([to], subject, body))
    except MailError as exc:
        raise SendError("The email could not be sent. Try again later.") from exc


def send_text(to: str, body: str) -> str:
    """Text a UK mobile through Notify."""
    if not can_text():
        raise SendError("Text messages are not set up for this directory.")
    return _notify(
        "send_sms_notification",
        phone_number=to,
        template_id=current_app.config["NOTIFY_SMS_TEMPLATE"],
        personalisation={"body": body},
    )


def _notify(method: str, **kwargs: Any) -> str:
    config = current_app.config
    client = NotificationsAPIClient(
        config["NOTIFY_API_KEY"],
        base_url=config.get("NOTIFY_BASE_URL")
        or "https://api.notifications.service.gov.uk",
    )
    try:
        response = getattr(client, method)(**kwargs)
    except (APIError, RequestException) as exc:
        raise SendError("The message could not be sent. Try again later.") from exc
    return f"notify:{response.get('id', '')}"
