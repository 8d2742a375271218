"""Telling people by email: staff, and the people who look after an organisation.

A message that cannot be sent is logged, never lost from the store: whatever it
was about (a proposal, a claim, a report) is kept for staff in the console.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlmodel import Session, col, select

from directory_app.db import get_session
from directory_app.mail import Mail, MailError, send
from directory_app.models import User, UserOrganization

log = logging.getLogger(__name__)


def owners_of(org_id: str | None, session: Session | None = None) -> list[str]:
    """The email addresses of the active people who look after an organisation."""
    if not org_id:
        return []
    query = (
        select(User.email)
        .join(UserOrganization, col(UserOrganization.user_id) == col(User.id))
        .where(col(UserOrganization.organization_id) == org_id, col(User.active))
    )
    return list((session or get_session()).exec(query).all())


def owned_organizations(session: Session, user: Any) -> set[str]:
    """The organisations a person looks after."""
    query = select(UserOrganization.organization_id).where(
        col(UserOrganization.user_id) == user.id
    )
    return set(session.exec(query).all())


def tell(
    to: list[str | None], subject: str, body: str, reply_to: str | None = None
) -> bool:
    """Email these people (blanks and repeats dropped); whether it was handed over."""
    addresses = [str(a) for a in dict.fromkeys(to) if a]
    if not addresses:
        return False
    try:
        send(Mail(addresses, subject, body, reply_to))
    except MailError:
        log.exception("could not send %r", subject)
        return False
    return True


def tell_staff(subject: str, body: str) -> bool:
    """Email the directory's staff address, when one is set."""
    return tell([current_app.config.get("STAFF_EMAIL")], subject, body)


def external_url(endpoint: str, **values: str) -> str:
    """A full link for an email, in a request or not (jobs use BASE_URL)."""
    from flask import has_request_context, url_for

    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    app = current_app
    base = app.config.get("BASE_URL") or "http://127.0.0.1:5000"
    with app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)
