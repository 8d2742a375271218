"""Forms groups use to keep their listings right. Each field says, in plain
English, what it is for (``description`` is shown as the field's hint)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from directory_app.present import DAYS
from directory_app.web.forms import email_field
from importers.normalise.categories import vocabularies
from importers.normalise.phone import normalise_phone

TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
WEEKS = [("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth")]
WEEKS.append(("-1", "Last"))


def options(pairs: Any) -> list[SelectChoice]:
    """Choices for a radio, select or checkbox field, from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class EditForm(FlaskForm):
    """A form on a listing: carries the state it was opened in."""

    token = HiddenField(validators=[DataRequired(), Length(max=80)])


def phone_number(_form: FlaskForm, field: StringField) -> None:
    """A UK phone number, written any usual way (when one is given)."""
    if field.data and normalise_phone(field.data) is None:
        raise ValidationError("Enter a phone number, like 01302 123456 or 07700 900982")


def web_address(_form: FlaskForm, field: StringField) -> None:
    """A web address starting http:// or https:// (when one is given)."""
    value = (field.data or "").strip()
    if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise ValidationError(
            "Enter a web address starting https://, like https://www.example.org.uk"
        )


def clock_time(_form: FlaskForm, field: StringField) -> None:
    """A time of day like 10:00 or 14:30."""
    if field.data and not TIME.match(field.data.strip()):
        raise ValidationError("Enter a time like 10:00 or 14:30 (24-hour clock)")


def text(label: str, hint: str, *, required: str = "", size: int = 200) -> StringField:
    """A one-line text field with a hint (required when ``required`` says why)."""
    first = DataRequired(message=required) if required else Optional()
    return StringField(label, [first, Length(max=size)], description=hint)


def words(label: str, hint: str, *, required: str = "", size: int = 3000) -> Any:
    """A text box with a hint."""
    first = DataRequired(message=required) if required else Optional()
    too_long = f"Keep this to {size:,} characters or fewer"
    return TextAreaField(
        label, [first, Length(max=size, message=too_long)], description=hint
    )


class ServiceForm(EditForm):
    """What the service is and who it is for."""

    name = text(
        "Name",
        "What people call it, e.g. Bentley Health Walk.",
        required="Enter the name",
    )
    description = words(
        "What it is",
        "What happens, in a few plain sentences, as you would tell a neighbour.",
        required="Enter what the service is",
    )
    eligibility_description = words(
        "Who it is for", "For example: adults over 50, carers, anyone who feels lonely."
    )
    minimum_age = IntegerField(
        "Youngest age (optional)",
        [Optional(), NumberRange(0, 120, "Enter an age from 0 to 120")],
        description="Leave empty if there is no lower age limit.",
    )
    maximum_age = IntegerField(
        "Oldest age (optional)",
        [Optional(), NumberRange(0, 120, "Enter an age from 0 to 120")],
        description="Leave empty if there is no upper age limit.",
    )
    application_process = words(
        "How to join", "For example: just turn up; or phone first to book a place."
    )

    def validate_maximum_age(self, field: IntegerField) -> None:
        """The oldest age is not below the youngest."""
        low = self.minimum_age.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(
                "The oldest age must be the same as or above the youngest"
            )


class ContactForm(EditForm):
    """How the public gets in touch."""

    email = email_field("Email address")
    phone = StringField(
        "Phone number",
        [Optional(), Length(max=40), phone_number],
        description="The number people call to ask about it.",
    )
    url = StringField(
        "Website",
        [Optional(), Length(max=500), web_address],
        description="A page about this service, starting https://",
    )


class SessionForm(EditForm):
    """When one regular session runs."""

    frequency = RadioField(
        "How often does it run?",
        choices=options(
            [
                ("weekly", "Every week"),
                ("fortnightly", "Every other week"),
                ("monthly", "Once a month"),
                ("once", "On one date only"),
            ]
        ),
        validators=[DataRequired(message="Select how often it runs")],
    )
    day = SelectField(
        "Which day?",
        choices=options([("", "Choose a day"), *DAYS.items()]),
        validators=[Optional()],
        description="For weekly, fortnightly or monthly sessions.",
    )
    week = SelectField(
        "Which week of the month?",
        choices=options([("", "Choose a week"), *WEEKS]),
        validators=[Optional()],
        description="For monthly sessions, e.g. the first Tuesday.",
    )
    on_date = DateField(
        "The date",
        [Optional()],
        description="For a one-off session.",
    )
    opens_at = text(
        "Starts at",
        "For example 10:00 or 14:30.",
        required="Enter the start time",
        size=5,
    )
    closes_at = text(
        "Ends at", "For example 12:00 or 16:00.", required="Enter the end time", size=5
    )
    description = text(
        "Anything else about this session (optional)", "For example: term time only."
    )

    def validate_opens_at(self, field: StringField) -> None:
        """A start time like 10:00."""
        clock_time(self, field)

    def validate_closes_at(self, field: StringField) -> None:
        """An end time like 12:00, after the start."""
        clock_time(self, field)
        opens = TIME.match((self.opens_at.data or "").strip())
        closes = TIME.match((field.data or "").strip())
        if opens and closes and closes.groups() <= opens.groups():
            raise ValidationError("The end time must be after the start time")

    def validate_day(self, field: SelectField) -> None:
        """A day for anything but a one-off."""
        if (
            self.frequency.data in {"weekly", "fortnightly", "monthly"}
            and not field.data
        ):
            raise ValidationError("Choose the day it runs")

    def validate_week(self, field: SelectField) -> None:
        """Which week, for a monthly session."""
        if self.frequency.data == "monthly" and not field.data:
            raise ValidationError("Choose which week of the month it runs")

    def validate_on_date(self, field: DateField) -> None:
        """A date, not in the past, for a one-off."""
        if self.frequency.data != "once":
            return
        if field.data is None:
            raise ValidationError("Enter the date, like 2027-03-14")
        if field.data < datetime.now(UTC).date():
            raise ValidationError("The date must be today or in the future")


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for several choices."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlaceForm(EditForm):
    """Where it happens."""

    name = text(
        "Name of the place",
        "For example: St Mary's Church Hall.",
        required="Enter the name of the place",
    )
    address_1 = text(
        "Address",
        "The building number and street.",
        required="Enter the street address",
    )
    city = text("Town or city", "", required="Enter the town or city", size=100)
    postcode = text(
        "Postcode", "For example DN1 1AA.", required="Enter the postcode", size=10
    )
    accessibility = MultiCheckboxField(
        "Access at this place (tick all that apply)",
        choices=options(vocabularies()["directory-accessibility"]["terms"].items()),
    )


class CostForm(EditForm):
    """What it costs."""

    free = RadioField(
        "Is it free?",
        choices=options(
            [("free", "Yes, it is free"), ("paid", "No, there is a charge")]
        ),
        validators=[DataRequired(message="Select whether it is free")],
    )
    amount = StringField(
        "How much, in pounds (optional)",
        [Optional(), Length(max=10)],
        description="For example 3.50. Leave empty if it varies.",
    )
    amount_description = text(
        "About the cost (optional)", "For example: per session; concessions £2."
    )

    def validate_amount(self, field: StringField) -> None:
        """An amount in pounds, like 3.50."""
        if field.data and not re.match(r"^£?\d{1,4}(\.\d{1,2})?$", field.data.strip()):
            raise ValidationError("Enter an amount in pounds, like 3.50")


class ReferralForm(EditForm):
    """What professionals see: referral criteria, route, capacity, contacts."""

    referral_criteria = words("Who can be referred", "Who is eligible, in plain words.")
    exclusions = words(
        "Who it is not suitable for (optional)",
        "So nobody is sent who cannot be helped.",
    )
    how_to_refer = words(
        "How to refer", "Email, phone or a form; what to include; how soon you reply."
    )
    referral_email = email_field("Referral email address")
    referral_phone = StringField(
        "Referral phone number", [Optional(), Length(max=40), phone_number]
    )
    referral_form_url = StringField(
        "Referral form link", [Optional(), Length(max=500), web_address]
    )
    capacity = RadioField(
        "Are you taking referrals?",
        choices=options(
            [
                ("accepting", "Yes, accepting referrals"),
                ("waiting-list", "There is a waiting list"),
                ("not-accepting", "Not accepting referrals just now"),
            ]
        ),
        validators=[DataRequired(message="Select whether you are taking referrals")],
    )
    waiting_weeks = IntegerField(
        "Waiting time in weeks (optional)",
        [Optional(), NumberRange(0, 104, "Enter a number of weeks from 0 to 104")],
    )
    contact_name = text("Contact for professionals: name", "")
    contact_email = email_field("Contact for professionals: email")
    contact_phone = StringField(
        "Contact for professionals: phone", [Optional(), Length(max=40), phone_number]
    )
    notes = words(
        "Notes for professionals (optional)",
        "Shown only to signed-in professionals.",
        size=1000,
    )


class OrganizationForm(EditForm):
    """The group itself."""

    name = text("Name of the group", "", required="Enter the group's name")
    description = words("About the group", "What the group does, in a few sentences.")
    website = StringField("Website", [Optional(), Length(max=500), web_address])
    email = email_field("Email address")


class NewServiceForm(FlaskForm):
    """A new listing: enough to start; the rest is added on its page."""

    name = ServiceForm.name
    description = ServiceForm.description
    category = SelectField(
        "What kind of service is it?",
        choices=options(
            [
                ("", "Choose one"),
                *vocabularies()["directory-category"]["terms"].items(),
            ]
        ),
        validators=[DataRequired(message="Choose what kind of service it is")],
    )


class CloseForm(FlaskForm):
    """Closed for now, with a notice and an optional reopening day."""

    notice = text(
        "What should people be told?",
        "For example: closed while the hall is repaired.",
        size=300,
    )
    reopens_on = DateField(
        "Reopening date (optional)",
        [Optional()],
        description="The listing shows as running again on this day by itself.",
    )

    def validate_reopens_on(self, field: DateField) -> None:
        """A reopening day in the future."""
        if field.data is not None and field.data <= datetime.now(UTC).date():
            raise ValidationError("The reopening date must be in the future")


class ClaimForm(FlaskForm):
    """Someone asks to look after a group's listings."""

    name = text("Your name", "", required="Enter your name")
    email = email_field("Your email address", "Enter your email address")
    role = text(
        "Your part in the group",
        "For example: secretary, volunteer coordinator.",
        required="Enter your part in the group",
    )
    message = words(
        "Anything staff should know (optional)",
        "How we can check you are part of the group.",
        size=1000,
    )
