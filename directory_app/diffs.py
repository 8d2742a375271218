"""Field-by-field differences between two states of a listing, in plain words.

Staff reviewing a group's change, and anyone reading a listing's history, see
each changed field with what it was and what it would be, written the way the
public pages write it ("Tuesdays, 10am to 12pm"), not as raw data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from directory_app.moderation import PRO_FIELDS
from directory_app.packages import canonical
from directory_app.present import address_line, cost_summary, describe_schedule

LABELS = {
    "name": "Name",
    "alternate_name": "Other name",
    "description": "What it is",
    "url": "Website",
    "email": "Email address",
    "status": "Status",
    "alert": "Notice shown on the listing",
    "eligibility_description": "Who it is for",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "application_process": "How to join",
    "fees_description": "Cost in words",
    "schedules": "Sessions",
    "cost_options": "Costs",
    "phones": "Phone numbers",
    "contacts": "Contacts",
    "service_at_locations": "Places",
    "service_areas": "Areas covered",
    "languages": "Languages",
    "attributes": "Categories and features",
    "organization": "Organisation",
    "referral:referral_criteria": "Referral: who is eligible",
    "referral:exclusions": "Referral: exclusions",
    "referral:how_to_refer": "Referral: how to refer",
    "referral:referral_email": "Referral: email",
    "referral:referral_phone": "Referral: phone",
    "referral:referral_form_url": "Referral: form link",
    "referral:capacity": "Referral: capacity",
    "referral:waiting_weeks": "Referral: waiting time (weeks)",
    "referral:contact_name": "Professional contact: name",
    "referral:contact_email": "Professional contact: email",
    "referral:contact_phone": "Professional contact: phone",
    "referral:notes": "Notes for professionals",
    "website": "Website",
}
SKIPPED = {"id", "organization_id", "last_modified", "assured_date", "assurer_email"}


@dataclass(frozen=True)
class FieldDiff:
    """One changed field: its label, and its lines before and after."""

    field: str
    label: str
    before: list[str]
    after: list[str]


def words(field: str, value: Any) -> list[str]:
    """A field's value as lines a person can read (empty list for nothing)."""
    if value in (None, "", [], {}):
        return []
    if field == "schedules":
        return [describe_schedule(s) for s in value]
    if field == "cost_options":
        return [cost_summary({"cost_options": [c]}) for c in value]
    if field == "phones":
        return [p.get("number", "") for p in value]
    if field == "contacts":
        return [_contact(c) for c in value]
    if field == "service_at_locations":
        return [_place(sal["location"]) for sal in value]
    if field in {"service_areas", "languages"}:
        return [v.get("name") or v.get("description") or "" for v in value]
    if field == "attributes":
        return sorted(a["taxonomy_term"]["name"] for a in value)
    if field == "organization":
        return [value.get("name", "")]
    return [str(value)]


def _contact(contact: dict[str, Any]) -> str:
    parts = [contact.get("name"), contact.get("email")]
    parts += [p.get("number") for p in contact.get("phones", [])]
    return ", ".join(p for p in parts if p)


def _place(location: dict[str, Any]) -> str:
    access = ", ".join(a.get("description") or "" for a in location["accessibility"])
    line = ", ".join(p for p in (location.get("name"), address_line(location)) if p)
    return f"{line} (access: {access})" if access else line


def listing_diffs(
    before: dict[str, Any],
    after: dict[str, Any],
    pro_before: dict[str, Any] | None = None,
    pro_after: dict[str, Any] | None = None,
) -> list[FieldDiff]:
    """Every field that differs between two packages (and their referral details)."""
    found = []
    for field in dict.fromkeys([*before, *after]):
        if field in SKIPPED:
            continue
        old, new = before.get(field), after.get(field)
        if canonical(old) != canonical(new):
            label = LABELS.get(field, field.replace("_", " ").capitalize())
            found.append(FieldDiff(field, label, words(field, old), words(field, new)))
    if pro_after:
        pro_before = pro_before or {}
        for name in PRO_FIELDS:
            old, new = pro_before.get(name) or None, pro_after.get(name) or None
            if old != new:
                key = f"referral:{name}"
                found.append(
                    FieldDiff(key, LABELS[key], words(key, old), words(key, new))
                )
    return found


def organization_diffs(
    before: dict[str, Any], after: dict[str, Any]
) -> list[FieldDiff]:
    """What a proposed change to an organisation's details would change."""
    return [
        FieldDiff(
            k, LABELS.get(k, k.capitalize()), words(k, before.get(k)), words(k, v)
        )
        for k, v in after.items()
        if (before.get(k) or None) != (v or None)
    ]
