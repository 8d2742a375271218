"""The public forms (Flask-WTF: each carries a CSRF token and checks its fields)."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SERVICE_ID = r"^[0-9a-fA-F-]{36}$"

PROBLEMS = [
    ("closed", "It has closed or stopped running"),
    ("when", "The day or time is wrong"),
    ("where", "The place or address is wrong"),
    ("contact", "The phone number, email or website is wrong"),
    ("cost", "The cost is wrong"),
    ("other", "Something else"),
]


def email_address(_form: FlaskForm, field: StringField) -> None:
    """An email address like name@example.org (when one is given)."""
    if field.data and not EMAIL.match(field.data.strip()):
        raise ValidationError(
            "Enter an email address in the correct format, like name@example.com"
        )


class ReportForm(FlaskForm):
    """A member of the public reports a problem with a listing."""

    kind = RadioField(
        "What is wrong?",
        choices=[SelectChoice(value, label) for value, label in PROBLEMS],
        validators=[DataRequired(message="Select what is wrong with the listing")],
    )
    details = TextAreaField(
        "Tell us more",
        validators=[
            DataRequired(message="Enter what is wrong, so staff can put it right"),
            Length(max=2000, message="Tell us in 2,000 characters or fewer"),
        ],
    )
    email = StringField(
        "Your email address (optional)",
        validators=[Optional(), Length(max=254), email_address],
    )


class SaveForm(FlaskForm):
    """Save a service to the list on this device, or take it off."""

    service_id = HiddenField(validators=[DataRequired(), Regexp(SERVICE_ID)])
    action = HiddenField(validators=[DataRequired(), Regexp(r"^(add|remove)$")])
    next = HiddenField(validators=[Optional(), Length(max=2000)])


class ShareForm(FlaskForm):
    """Save every service of a shared list."""

    ids = HiddenField(validators=[DataRequired(), Length(max=40 * 50)])
