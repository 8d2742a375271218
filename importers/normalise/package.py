"""Normalise one service package (HSDS 3.0 shape) from any source.

Every importer turns its items into this shape and calls ``normalise_service``, so
postcodes, phones, URLs, markup and numbers are cleaned in one place. A field that is
wrong is dropped with a warning; an item with no id or no name is rejected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from importers.normalise.phone import normalise_phone
from importers.normalise.postcode import normalise_postcode
from importers.normalise.text import (
    clean_html,
    clean_text,
    normalise_email,
    normalise_url,
)
from importers.records import Problem, ServiceRecord

STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
SERVICE_TEXT = (
    "alternate_name",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "alert",
)
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?")
BYDAY_RE = re.compile(
    r"^(?:[+-]?\d{0,2}(?:MO|TU|WE|TH|FR|SA|SU))(?:,[+-]?\d{0,2}"
    r"(?:MO|TU|WE|TH|FR|SA|SU))*$"
)


class _Item:
    """Collects the warnings for one item while its fields are cleaned."""

    def __init__(self, item_id: str) -> None:
        self.item_id = item_id
        self.warnings: list[Problem] = []

    def warn(self, field: str, reason: str) -> None:
        self.warnings.append(Problem(self.item_id, reason, field, "warning"))

    def checked(
        self, field: str, raw: object, clean: Callable[[object], Any], what: str
    ) -> Any:
        """Clean ``raw``; if it was given but does not clean, warn and drop it."""
        value = clean(raw)
        if value is None and clean_text(raw) is not None:
            self.warn(field, f"{raw!r} is not {what}; left out")
        return value


def normalise_service(raw: object) -> ServiceRecord | Problem:
    """Clean one raw service; a Problem when it cannot be loaded at all."""
    if not isinstance(raw, dict):
        return Problem(None, f"is not an object but {type(raw).__name__}")
    item_id = clean_text(raw.get("id"))
    if item_id is None:
        return Problem(None, "has no id", "id")
    if clean_text(raw.get("name")) is None:
        return Problem(item_id, "has no name", "name")
    return ServiceRecord(item_id, raw=raw, clean=_clean)


def _clean(raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Every field of one raw service cleaned, and what was wrong with them."""
    item_id, name = clean_text(raw.get("id")), clean_text(raw.get("name"))
    assert item_id is not None and name is not None
    item = _Item(item_id)
    data: dict[str, Any] = {"id": item_id, "name": name}
    data["status"] = _status(item, raw.get("status"))
    data["description"] = clean_html(raw.get("description"))
    for key in SERVICE_TEXT:
        data[key] = clean_text(raw.get(key))
    data["url"] = item.checked("url", raw.get("url"), normalise_url, "a web address")
    data["email"] = item.checked("email", raw.get("email"), normalise_email, "an email")
    data["assurer_email"] = normalise_email(raw.get("assurer_email"))
    for key in ("minimum_age", "maximum_age"):
        data[key] = item.checked(key, raw.get(key), _age, "an age in years")
    data["assured_date"] = item.checked(
        "assured_date", raw.get("assured_date"), _iso_date, "a date"
    )
    data["last_modified"] = item.checked(
        "last_modified", raw.get("last_modified"), _iso_datetime, "a date and time"
    )
    data["organization"] = _organization(item, raw.get("organization"))
    data["service_at_locations"] = _each(item, raw, "service_at_locations", _sal)
    data["schedules"] = _each(item, raw, "schedules", _schedule)
    data["cost_options"] = _each(item, raw, "cost_options", _cost)
    data["contacts"] = _each(item, raw, "contacts", _contact)
    data["phones"] = _each(item, raw, "phones", _phone)
    data["service_areas"] = _each(item, raw, "service_areas", _service_area)
    data["languages"] = _each(item, raw, "languages", _language)
    data["funding"] = _each(item, raw, "funding", _funding)
    data["attributes"] = _each(item, raw, "attributes", _attribute)
    return data, item.warnings


def _status(item: _Item, raw: object) -> str:
    text = (clean_text(raw) or "active").lower().replace("_", " ")
    if text not in STATUSES:
        item.warn("status", f"{raw!r} is not a known status; taken as active")
        return "active"
    return text


def _age(raw: object) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        age = int(float(str(raw)))
    except ValueError:
        return None
    return age if 0 <= age <= 130 else None


def _iso_date(raw: object) -> str | None:
    text = clean_text(raw)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _iso_datetime(raw: object) -> str | None:
    text = clean_text(raw)
    if text is None:
        return None
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return text


def _number(raw: object) -> float | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        return float(str(raw).replace("£", "").strip())
    except ValueError:
        return None


def _each(
    item: _Item, raw: dict[str, Any], key: str, clean: Callable[[_Item, dict], Any]
) -> list[dict[str, Any]]:
    values = raw.get(key) or []
    if not isinstance(values, list):
        item.warn(key, "is not a list; left out")
        return []
    out = []
    for value in values:
        if not isinstance(value, dict):
            item.warn(key, f"has an entry that is not an object: {value!r}")
            continue
        cleaned = clean(item, value)
        if cleaned is not None:
            out.append(cleaned)
    return out


def _texts(raw: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: clean_text(raw.get(key)) for key in keys}


def _organization(item: _Item, raw: object) -> dict[str, Any] | None:
    if not isinstance(raw, dict) or clean_text(raw.get("name")) is None:
        return None
    org = _texts(raw, "id", "name", "alternate_name", "logo", "uri")
    org["description"] = clean_html(raw.get("description"))
    org["email"] = item.checked(
        "organization.email", raw.get("email"), normalise_email, "an email"
    )
    org["website"] = item.checked(
        "organization.website", raw.get("website"), normalise_url, "a web address"
    )
    org["organization_identifiers"] = [
        _texts(ident, "id", "identifier_scheme", "identifier_type", "identifier")
        for ident in raw.get("organization_identifiers") or []
        if isinstance(ident, dict) and clean_text(ident.get("identifier"))
    ]
    return org


def _sal(item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    location = raw.get("location")
    if not isinstance(location, dict):
        item.warn("service_at_locations", "an entry has no location; left out")
        return None
    return {
        "id": clean_text(raw.get("id")),
        "description": clean_text(raw.get("description")),
        "location": _location(item, location),
    }


def _location(item: _Item, raw: dict[str, Any]) -> dict[str, Any]:
    loc = _texts(
        raw,
        "id",
        "name",
        "alternate_name",
        "transportation",
        "external_identifier",
        "external_identifier_type",
    )
    loc["description"] = clean_html(raw.get("description"))
    kind = (clean_text(raw.get("location_type")) or "physical").lower()
    loc["location_type"] = (
        kind if kind in {"physical", "postal", "virtual"} else ("physical")
    )
    lat, lon = _number(raw.get("latitude")), _number(raw.get("longitude"))
    if (
        lat is not None
        and lon is not None
        and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        item.warn("location.latitude", f"({lat}, {lon}) is not on Earth; left out")
        lat = lon = None
    loc["latitude"], loc["longitude"] = lat, lon
    loc["addresses"] = _each(item, raw, "addresses", _address)
    loc["accessibility"] = _each(item, raw, "accessibility", _accessibility)
    return loc


def _address(item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    addr = _texts(
        raw,
        "id",
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "country",
        "address_type",
    )
    given = clean_text(raw.get("postal_code"))
    postcode = normalise_postcode(given or "")
    if given and postcode is None:
        item.warn("address.postal_code", f"{given!r} is not a UK postcode")
    addr["postal_code"] = postcode or given
    if not addr["address_1"] and not addr["postal_code"]:
        return None
    addr["country"] = (addr["country"] or "GB").upper()[:2]
    addr["address_type"] = addr["address_type"] or "physical"
    for required in ("address_1", "city", "state_province", "postal_code"):
        addr[required] = addr[required] or ""  # HSDS requires them; sources omit some
    return addr


def _accessibility(_item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    acc = _texts(raw, "id", "description", "details", "accessibility")
    acc["url"] = normalise_url(raw.get("url"))
    return acc if acc["description"] or acc["accessibility"] else None


def _time(raw: object) -> str | None:
    match = TIME_RE.match(clean_text(raw) or "")
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{int(match[3] or 0):02d}"


def _schedule(item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    sched = _texts(
        raw,
        "id",
        "wkst",
        "byweekno",
        "bymonthday",
        "byyearday",
        "description",
        "attending_type",
        "notes",
    )
    for key in ("valid_from", "valid_to", "dtstart", "until"):
        sched[key] = _iso_date(raw.get(key))
    freq = (clean_text(raw.get("freq")) or "").upper() or None
    if freq and freq not in {"WEEKLY", "MONTHLY", "DAILY", "YEARLY"}:
        item.warn("schedule.freq", f"{freq!r} is not a recurrence; left out")
        freq = None
    sched["freq"] = freq
    byday = (clean_text(raw.get("byday")) or "").upper().replace(" ", "") or None
    if byday and not BYDAY_RE.match(byday):
        item.warn("schedule.byday", f"{byday!r} is not a list of days; left out")
        byday = None
    sched["byday"] = byday
    interval, count = _number(raw.get("interval")), _number(raw.get("count"))
    sched["interval"] = int(interval) if interval else None
    sched["count"] = int(count) if count else None
    sched["opens_at"] = item.checked(
        "schedule.opens_at", raw.get("opens_at"), _time, "a time"
    )
    sched["closes_at"] = item.checked(
        "schedule.closes_at", raw.get("closes_at"), _time, "a time"
    )
    sched["schedule_link"] = normalise_url(raw.get("schedule_link"))
    return sched


def _cost(_item: _Item, raw: dict[str, Any]) -> dict[str, Any]:
    cost = _texts(raw, "id", "option", "currency", "amount_description")
    cost["valid_from"] = _iso_date(raw.get("valid_from"))
    cost["valid_to"] = _iso_date(raw.get("valid_to"))
    cost["amount"] = _number(raw.get("amount"))
    return cost


def _phone(item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    given = clean_text(raw.get("number"))
    parsed = normalise_phone(given)
    if parsed is None:
        if given:
            item.warn("phone.number", f"{given!r} is not a phone number; left out")
        return None
    phone = _texts(raw, "id", "extension", "type", "description")
    phone["number"] = parsed.display
    return phone


def _contact(item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    contact = _texts(raw, "id", "name", "title", "department")
    contact["email"] = item.checked(
        "contact.email", raw.get("email"), normalise_email, "an email"
    )
    contact["phones"] = _each(item, raw, "phones", _phone)
    if not any(contact.get(k) for k in ("name", "title", "email", "phones")):
        return None
    return contact


def _service_area(_item: _Item, raw: dict[str, Any]) -> dict[str, Any]:
    area = _texts(raw, "id", "name", "extent", "extent_type", "uri")
    area["description"] = clean_text(raw.get("description") or raw.get("service_area"))
    return area


def _language(_item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    lang = _texts(raw, "id", "name", "code", "note")
    return lang if lang["name"] or lang["code"] else None


def _funding(_item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    fund = _texts(raw, "id", "source")
    return fund if fund["source"] else None


def _attribute(_item: _Item, raw: dict[str, Any]) -> dict[str, Any] | None:
    term = raw.get("taxonomy_term")
    if not isinstance(term, dict) or not clean_text(term.get("name")):
        return None
    clean_term = _texts(
        term,
        "id",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "taxonomy_id",
        "term_uri",
    )
    clean_term["code"] = clean_text(term.get("code") or term.get("term"))
    clean_term["description"] = clean_term["description"] or clean_term["name"]
    attr = _texts(raw, "id", "link_type", "value", "label")
    attr["taxonomy_term"] = clean_term
    return attr
