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


def email_field(label: str, required: str | None = None) -> StringField:
    """An email address field: required (saying ``required`` when empty) or not."""
    first = DataRequired(message=required) if required else Optional()
    return StringField(label, validators=[first, Length(max=254), email_address])


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
    email = email_field("Your email address (optional)")


class SaveForm(FlaskForm):
    """Save a service to the list on this device, or take it off."""

    service_id = HiddenField(validators=[DataRequired(), Regexp(SERVICE_ID)])
    action = HiddenField(validators=[DataRequired(), Regexp(r"^(add|remove)$")])
    next = HiddenField(validators=[Optional(), Length(max=2000)])


class ShareForm(FlaskForm):
    """Save every service of a shared list."""

    ids = HiddenField(validators=[DataRequired(), Length(max=40 * 50)])


class SignInForm(FlaskForm):
    """An email address, and a password or a request for a link."""

    email = email_field("Email address", "Enter your email address")
    password = StringField("Password", validators=[Optional(), Length(max=200)])
    next = HiddenField(validators=[Optional(), Length(max=2000)])


class SignUpForm(FlaskForm):
    """A professional asks for an account."""

    name = StringField(
        "Your name",
        validators=[DataRequired(message="Enter your name"), Length(max=200)],
    )
    email = email_field("Your work email address", "Enter your work email address")


class ConfirmForm(FlaskForm):
    """A button that confirms an action (the CSRF token is the point)."""


class NoteForm(FlaskForm):
    """A short note for the patient, printed or sent with the shortlist."""

    note = TextAreaField(
        "A note for the patient (optional)",
        validators=[
            Optional(),
            Length(max=500, message="Keep the note to 500 characters or fewer"),
        ],
    )


class SendForm(FlaskForm):
    """Where to send the shortlist: an email address or a UK mobile number."""

    how = RadioField(
        "How should the patient get the list?",
        choices=[
            SelectChoice("email", "By email"),
            SelectChoice("text", "By text message"),
        ],
        validators=[DataRequired(message="Select email or text message")],
    )
    email = email_field("Patient's email address")
    phone = StringField(
        "Patient's mobile number", validators=[Optional(), Length(max=30)]
    )
