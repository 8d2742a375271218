"""Each part of a listing a group edits: how a form is filled from the draft, and
how the form's answers go back into it (the listing package, HSDS shaped)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from flask_wtf import FlaskForm
from markupsafe import escape

from directory_app.moderation import PRO_FIELDS, Draft
from directory_app.postcodes import PostcodeError, lookup
from directory_app.web import provider_forms as forms
from importers.normalise.categories import vocabularies
from importers.normalise.phone import normalise_phone
from importers.normalise.text import clean_html


class FieldProblem(Exception):
    """An answer that passed the form's checks but cannot be used (a postcode)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Section:
    """One editable part of a listing."""

    title: str
    form: type[FlaskForm]
    load: Callable[[Draft], dict[str, Any]]
    store: Callable[[Any, Draft, FlaskForm], None]  # (session, draft, form)


def _new_id() -> str:
    return str(uuid.uuid4())


def _blank(value: Any) -> Any:
    return value.strip() if isinstance(value, str) and value.strip() else None


# What the service is


SERVICE_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
)


def load_service(draft: Draft) -> dict[str, Any]:
    found = {name: draft.data.get(name) for name in SERVICE_FIELDS}
    found["description"] = html_to_paragraphs(draft.data.get("description"))
    return found


def store_service(_session: Any, draft: Draft, form: FlaskForm) -> None:
    stored = draft.data.get("description")
    for name in SERVICE_FIELDS:
        value = form[name].data
        draft.data[name] = _blank(value) if isinstance(value, str) else value
    draft.data["description"] = description_html(form.description.data or "", stored)


def description_html(typed: str, stored: str | None = None) -> str | None:
    """What a typed description is stored as: the stored markup (lists, bold) when
    the words are unchanged, else the words escaped into paragraphs."""
    if stored is not None and _same_text(typed, html_to_paragraphs(stored)):
        return stored
    return paragraphs_to_html(typed)


def html_to_paragraphs(value: str | None) -> str:
    """A stored (clean) HTML description as plain paragraphs to edit."""
    if not value or "<" not in value:
        return value or ""
    soup = BeautifulSoup(value, "html.parser")
    blocks = [b.get_text(" ", strip=True) for b in soup.find_all(["p", "li"])]
    return "\n\n".join(b for b in blocks if b) or soup.get_text(" ", strip=True)


def paragraphs_to_html(text: str) -> str | None:
    """Typed paragraphs as safe HTML: every character escaped, blank lines kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(str(escape(line)) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )
    return clean_html(html)


def _same_text(one: str, two: str) -> bool:
    return " ".join(one.split()) == " ".join(two.split())


# Contact details


def load_contact(draft: Draft) -> dict[str, Any]:
    phones = draft.data.get("phones") or []
    return {
        "email": draft.data.get("email"),
        "url": draft.data.get("url"),
        "phone": phones[0]["number"] if phones else "",
    }


def store_contact(_session: Any, draft: Draft, form: FlaskForm) -> None:
    draft.data["email"] = _blank(form.email.data)
    draft.data["url"] = _blank(form.url.data)
    phones = list(draft.data.get("phones") or [])
    number = normalise_phone(form.phone.data) if form.phone.data else None
    rest = phones[1:]
    if number is None:
        draft.data["phones"] = rest
        return
    first = dict(phones[0]) if phones else {"id": _new_id(), "type": "voice"}
    first["number"] = number.display
    draft.data["phones"] = [first, *rest]


# Cost


def load_cost(draft: Draft) -> dict[str, Any]:
    costs = draft.data.get("cost_options") or []
    if not costs:
        return {}
    first = costs[0]
    amount = first.get("amount")
    return {
        "free": "free" if not amount else "paid",
        "amount": f"{amount:.2f}" if amount else "",
        "amount_description": first.get("amount_description") or first.get("option"),
    }


def store_cost(_session: Any, draft: Draft, form: FlaskForm) -> None:
    costs = list(draft.data.get("cost_options") or [])
    first = dict(costs[0]) if costs else {"id": _new_id()}
    free = form.free.data == "free"
    amount = form.amount.data.strip().lstrip("£") if form.amount.data else ""
    first["amount"] = 0.0 if free else (float(amount) if amount else None)
    first["currency"] = "GBP"
    first["option"] = "Free" if free else "Paid"
    first["amount_description"] = _blank(form.amount_description.data)
    draft.data["cost_options"] = [first, *costs[1:]]


# Referral details (professionals only)


def load_referral(draft: Draft) -> dict[str, Any]:
    return {"capacity": "accepting", **draft.professional}


def store_referral(_session: Any, draft: Draft, form: FlaskForm) -> None:
    draft.professional = {name: form[name].data for name in PRO_FIELDS}
    for name in PRO_FIELDS:
        if isinstance(draft.professional[name], str):
            draft.professional[name] = _blank(draft.professional[name])


SECTIONS: dict[str, Section] = {
    "about": Section(
        "What the service is", forms.ServiceForm, load_service, store_service
    ),
    "contact": Section(
        "Contact details", forms.ContactForm, load_contact, store_contact
    ),
    "cost": Section("Cost", forms.CostForm, load_cost, store_cost),
    "referral": Section(
        "Referral details for professionals",
        forms.ReferralForm,
        load_referral,
        store_referral,
    ),
}


# Sessions: one schedule each


def load_session(schedule: dict[str, Any]) -> dict[str, Any]:
    """A stored schedule as the session form's answers."""
    freq, byday = schedule.get("freq"), schedule.get("byday") or ""
    found: dict[str, Any] = {
        "opens_at": (schedule.get("opens_at") or "")[:5],
        "closes_at": (schedule.get("closes_at") or "")[:5],
        "description": schedule.get("description"),
        "day": byday[-2:] if byday else "",
    }
    if freq == "WEEKLY":
        found["frequency"] = (
            "fortnightly" if schedule.get("interval") == 2 else "weekly"
        )
    elif freq == "MONTHLY":
        found["frequency"], found["week"] = "monthly", byday[:-2].lstrip("+")
    elif schedule.get("dtstart"):
        found["frequency"] = "once"
        found["on_date"] = _date(schedule["dtstart"])
    return found


def _date(value: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def schedule_of(form: FlaskForm, old: dict[str, Any] | None) -> dict[str, Any]:
    """The session form's answers as a schedule (RRULE fields)."""
    how = form.frequency.data
    schedule = dict(old or {"id": _new_id()})
    schedule.update(
        freq={"weekly": "WEEKLY", "fortnightly": "WEEKLY", "monthly": "MONTHLY"}.get(
            how
        ),
        interval=2 if how == "fortnightly" else 1 if how != "once" else None,
        byday=(form.week.data + form.day.data) if how == "monthly" else form.day.data,
        dtstart=form.on_date.data.isoformat() if how == "once" else None,
        opens_at=_clock(form.opens_at.data),
        closes_at=_clock(form.closes_at.data),
        description=_blank(form.description.data),
    )
    if how == "once":
        schedule["byday"] = None
    return schedule


def _clock(value: str) -> str:
    hours, minutes = forms.TIME.match(value.strip()).groups()  # type: ignore[union-attr]
    return f"{int(hours):02d}:{minutes}:00"  # as importers keep times


# Places: one location each


def load_place(sal: dict[str, Any]) -> dict[str, Any]:
    """A stored place as the place form's answers."""
    loc = sal["location"]
    address = (loc.get("addresses") or [{}])[0]
    return {
        "name": loc.get("name"),
        "address_1": address.get("address_1"),
        "city": address.get("city"),
        "postcode": address.get("postal_code"),
        "accessibility": [a.get("accessibility") for a in loc.get("accessibility", [])],
    }


def place_of(
    session: Any, form: FlaskForm, old: dict[str, Any] | None
) -> dict[str, Any]:
    """The place form's answers as a service-at-location; FieldProblem for a postcode
    we cannot place. A new location each time, so a venue another listing shares is
    never changed from here."""
    try:
        point = lookup(session, form.postcode.data)
    except PostcodeError as exc:
        raise FieldProblem("postcode", str(exc)) from exc
    labels = vocabularies()["directory-accessibility"]["terms"]
    loc_id = _new_id()
    location = {
        "id": loc_id,
        "location_type": "physical",
        "name": form.name.data.strip(),
        "latitude": point.latitude,
        "longitude": point.longitude,
        "addresses": [
            {
                "id": _new_id(),
                "address_1": form.address_1.data.strip(),
                "city": form.city.data.strip(),
                "state_province": form.city.data.strip(),  # UK: no states
                "postal_code": point.label,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": _new_id(), "accessibility": code, "description": labels[code]}
            for code in form.accessibility.data or []
        ],
    }
    return {
        "id": (old or {}).get("id") or _new_id(),
        "description": None,
        "location": location,
    }
