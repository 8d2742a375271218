"""Forms of the staff console: a source, an account's role, a period of searches.
Each field says in plain English what it is for (``description`` is its hint)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from directory_app.auth import ROLES
from directory_app.imports import KINDS
from directory_app.web.forms import email_field
from directory_app.web.provider_forms import options, text, words

KIND_LABELS = {
    "oruk": "Open Referral UK feed or file (oruk)",
    "hsds-csv": "HSDS tables: a folder or .zip of CSV files (hsds-csv)",
    "openactive": "OpenActive sessions feed (openactive)",
    "spreadsheet": "A spreadsheet: .csv or .xlsx (spreadsheet)",
    "webpage": "An organisation's web page (webpage)",
}
ROLE_LABELS = {
    "professional": "Professional (GP, nurse, link worker)",
    "provider": "Group (keeps its own listings right)",
    "staff": "Directory staff",
    "admin": "Admin (staff who also manage accounts)",
}
NAME = re.compile(r"[\w.-]+")
GAP_DAYS = 30


def whole_number(low: int, high: int, message: str) -> Callable[..., None]:
    """A validator: empty, or a whole number from ``low`` to ``high``."""

    def check(_form: Form, field: StringField) -> None:
        value = (field.data or "").strip()
        if value and not (
            re.fullmatch(r"\d{1,6}", value, re.ASCII) and low <= int(value) <= high
        ):
            raise ValidationError(message)

    return check


class SourceForm(FlaskForm):
    """Where listings come from, and how often they are read again."""

    name = text(
        "Name",
        "A short name for staff and the directory command, like council-feed.",
        required="Enter a name for the source",
        size=100,
    )
    title = text(
        "Shown to the public as (optional)",
        "Where the public is told its listings came from, like Doncaster Council.",
    )
    kind = SelectField(
        "What kind of source is it?",
        choices=options([("", "Choose one"), *KIND_LABELS.items()]),
        validate_choice=False,
        validators=[DataRequired(message="Choose what kind of source it is")],
    )
    location = text(
        "Where it is",
        "A feed's web address starting https://, or a file or folder on the server.",
        required="Enter where the source is",
        size=2000,
    )
    every_hours = StringField(
        "Re-import every (hours)",
        [whole_number(1, 2160, "Enter a whole number of hours from 1 to 2160")],
        description="For example 24 for once a day. Leave empty for once a day.",
    )
    review_months = StringField(
        "Review its listings every (months, optional)",
        [whole_number(1, 60, "Enter a whole number of months from 1 to 60")],
        description="Only if its listings change more often than most. "
        "Leave empty for the directory's usual period.",
    )
    enabled = RadioField(
        "Re-import it on its schedule?",
        choices=options(
            [("yes", "Yes"), ("no", "No, only when staff choose “Run now”")]
        ),
        default="yes",
        validators=[DataRequired(message="Select whether it re-imports by itself")],
    )

    def __init__(self, *args: Any, taken: set[str], current: str = "", **kw: Any):
        super().__init__(*args, **kw)
        self.taken, self.current = taken, current

    def validate_name(self, field: StringField) -> None:
        """A name no other source has, without spaces."""
        name = field.data.strip()
        if name in self.taken:
            raise ValidationError(f"There is already a source called {name}")
        if name != self.current and not NAME.fullmatch(name):
            raise ValidationError(
                "Use only letters, numbers, dots and dashes, like council-feed"
            )

    def validate_kind(self, field: SelectField) -> None:
        """One of the kinds of source the directory can read."""
        if field.data and field.data not in KINDS:
            raise ValidationError("Choose a kind of source from the list")


class RoleForm(FlaskForm):
    """An admin changes what an account may do."""

    role = SelectField(
        "Role",
        choices=options((role, ROLE_LABELS.get(role, role)) for role in ROLES),
        validators=[DataRequired(message="Choose a role")],
    )


class GapForm(Form):
    """A period of days (GET, so no CSRF token): both days are included."""

    start = StringField("From", [Optional(), Length(max=10)], name="from")
    end = StringField("To", [Optional(), Length(max=10)], name="to")

    def validate_start(self, field: StringField) -> None:
        """A date written YYYY-MM-DD."""
        _day(field, "Enter the first day as a date, like 2026-11-01")

    def validate_end(self, field: StringField) -> None:
        """A date written YYYY-MM-DD, not before the first day."""
        end = _day(field, "Enter the last day as a date, like 2026-11-30")
        start = _parsed(self.start.data)
        if end and start and end < start:
            raise ValidationError("The last day must be the same as or after the first")

    def period(self, today: date) -> tuple[date, date]:
        """The days chosen (the last 30 days by default)."""
        end = _parsed(self.end.data) or today
        return _parsed(self.start.data) or end - timedelta(days=GAP_DAYS - 1), end


def _parsed(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


def _day(field: StringField, message: str) -> date | None:
    if field.data and _parsed(field.data) is None:
        raise ValidationError(message)
    return _parsed(field.data)


class ReasonForm(FlaskForm):
    """Staff turn something down and say why (the group is told)."""

    reason = words(
        "Why",
        "The group is sent this.",
        required="Enter the reason, so the group knows what to change",
        size=1000,
    )


class InviteForm(FlaskForm):
    """Staff invite a person to look after an organisation's listings."""

    email = email_field("Their email address", "Enter their email address")
    name = text("Their name (optional)", "")
