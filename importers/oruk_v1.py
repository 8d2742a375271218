"""Open Referral UK 1.0 (HSDS-UK-1.0) services, reshaped as HSDS 3.0 service packages.

ORUK 1.0 extends HSDS 1.x. A service nests ``regular_schedules``,
``holiday_schedules``, ``eligibilitys``, ``service_taxonomys`` (each with a
``taxonomy``), ``service_at_locations`` (a ``location`` with ``physical_addresses`` and
``accessibility_for_disabilities``), ``contacts`` with ``phones``, ``cost_options``,
``languages``, ``service_areas``, ``fundings`` and an ``organization``. ``to_hsds3``
renames and reshapes them so ``normalise_service`` cleans them like ORUK 3.0 items.
The part converters are shared with the HSDS 1.x CSV reader: same objects, laid flat.

Decisions:
- ``weekday`` (a number, ISO 1 = Monday ... 7 = Sunday, 0 also Sunday, or a day name)
  becomes a weekly ``byday`` when the schedule has no ``byday`` of its own.
- Holiday schedules that have not ended become ``notes`` on the regular schedules
  ("Closed 24 Dec 2025 to 26 Dec 2025"); past ones, and those with no regular
  schedule to sit on, are dropped. HSDS 3.0 has no holiday schedule of its own.
- Eligibilities give the service's age range (the widest; a missing bound on any
  row that has ages means no bound) and ``eligibility_description`` (their labels).
- ``attending_type`` is copied to every schedule and, with ``attending_access``,
  mapped to the directory's attendance and access terms where they match cleanly.
- ``deliverable_type``, reviews and eligibility taxonomies are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from importers.normalise.categories import directory_attribute
from importers.normalise.text import clean_text

V1_KEYS = frozenset(
    {
        "regular_schedules",
        "holiday_schedules",
        "eligibilitys",
        "service_taxonomys",
        "fundings",
        "deliverable_type",
        "attending_type",
        "attending_access",
    }
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
DAY_NAMES = {
    key: code
    for code, name in zip(DAYS, WEEKDAYS, strict=True)
    for key in (code.lower(), name, name[:3])
}
ATTENDANCE = {
    "venue": "in-person",
    "online": "online",
    "phone": "phone",
    "home visit": "home-visit",
}
ACCESS = {"drop-in": "drop-in", "referral": "professional-referral"}
UK_NAMES = {"uk", "united kingdom", "great britain", "england", "scotland", "wales"}
UK_NAMES |= {"northern ireland", "gb"}
US_NAMES = {"us", "usa", "united states", "united states of america"}
CLOCK_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?m\.?$", re.I)
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
VERSION_RE = re.compile(r"(\d+)\.\d+")


def looks_v1(item: object) -> bool:
    """Whether a service item uses ORUK 1.0 names (``regular_schedules``...)."""
    if not isinstance(item, dict):
        return False
    if V1_KEYS & item.keys():
        return True
    return any(
        isinstance(sal.get("location"), dict)
        and "physical_addresses" in sal["location"]
        for sal in _dicts(item.get("service_at_locations"))
    )


def to_hsds3(item: dict[str, Any]) -> dict[str, Any]:
    """One ORUK 1.0 service in the HSDS 3.0 service-package shape."""
    out = {key: value for key, value in item.items() if key not in V1_KEYS}
    sals, org = _dicts(item.get("service_at_locations")), item.get("organization")
    attending = clean_text(item.get("attending_type"))
    schedules = [schedule(s, attending) for s in _dicts(item.get("regular_schedules"))]
    for sal in sals:
        schedules += _sal_schedules(sal, attending)
    add_holidays(schedules, _dicts(item.get("holiday_schedules")))
    out |= {
        "organization": organization(org) if isinstance(org, dict) else None,
        "service_at_locations": [service_at_location(sal) for sal in sals],
        "schedules": schedules,
        "contacts": _dicts(item.get("contacts")),
        "languages": [language(x) for x in _dicts(item.get("languages"))],
        "service_areas": [service_area(x) for x in _dicts(item.get("service_areas"))],
        "funding": _dicts(item.get("fundings")) or _dicts(item.get("funding")),
        "cost_options": _dicts(item.get("cost_options")),
        "attributes": _attributes(item),
    }
    for key, value in eligibility(_dicts(item.get("eligibilitys"))).items():
        out[key] = item.get(key) if item.get(key) is not None else value
    return out


def organization(raw: dict[str, Any]) -> dict[str, Any]:
    """An ORUK 1.0 organisation: its ``url`` is HSDS 3.0's ``website``."""
    return {**raw, "website": raw.get("website") or raw.get("url")}


def service_at_location(raw: dict[str, Any]) -> dict[str, Any]:
    """A service-at-location whose location has HSDS 3.0 addresses and accessibility."""
    location = raw.get("location")
    if not isinstance(location, dict):
        return raw
    return {**raw, "location": location_v3(location)}


def location_v3(raw: dict[str, Any]) -> dict[str, Any]:
    """A location with ``physical_addresses`` and ``accessibility_for_disabilities``."""
    addresses = [address(a) for a in _dicts(raw.get("physical_addresses"))]
    access = _dicts(raw.get("accessibility_for_disabilities"))
    return {
        **raw,
        "addresses": addresses or _dicts(raw.get("addresses")),
        "accessibility": [accessibility(a) for a in access]
        or _dicts(raw.get("accessibility")),
    }


def address(raw: dict[str, Any]) -> dict[str, Any]:
    """An HSDS 1.x address: lines 2 to 4 joined, the country as a code."""
    lines = [clean_text(raw.get(f"address_{n}")) for n in (2, 3, 4)]
    second = ", ".join(line for line in lines if line) or None
    return {**raw, "address_2": second, "country": country_code(raw.get("country"))}


def country_code(raw: object) -> str | None:
    """'England' or 'United Kingdom' as 'GB'; a two-letter code as it is."""
    text = (clean_text(raw) or "").lower()
    if text in UK_NAMES:
        return "GB"
    if text in US_NAMES:
        return "US"
    return text.upper() if len(text) == 2 else None


def accessibility(raw: dict[str, Any]) -> dict[str, Any]:
    """An accessibility feature: 'disabled_parking' described as 'Disabled parking'."""
    label = clean_text(raw.get("accessibility"))
    description = raw.get("description") or (
        label.replace("_", " ").capitalize() if label else None
    )
    return {**raw, "description": description}


def language(raw: dict[str, Any]) -> dict[str, Any]:
    """An HSDS 1.x language: its ``language`` is HSDS 3.0's ``name``."""
    return {**raw, "name": raw.get("name") or raw.get("language")}


def service_area(raw: dict[str, Any]) -> dict[str, Any]:
    """An HSDS 1.x service area: its ``service_area`` is HSDS 3.0's ``name``."""
    return {**raw, "name": raw.get("name") or raw.get("service_area")}


def schedule(raw: dict[str, Any], attending: str | None = None) -> dict[str, Any]:
    """A regular schedule with 24-hour times, and ``weekday`` as a weekly ``byday``."""
    out = {**raw, "opens_at": clock_time(raw.get("opens_at"))}
    out["closes_at"] = clock_time(raw.get("closes_at"))
    day = weekday_code(raw.get("weekday"))
    if day and not clean_text(raw.get("byday")):
        out["byday"], out["freq"] = day, clean_text(raw.get("freq")) or "WEEKLY"
    if attending and not raw.get("attending_type"):
        out["attending_type"] = attending
    return out


def weekday_code(raw: object) -> str | None:
    """'MO' for 1, 'Monday', 'mon' or 'MO'; 'SU' for 7 or 0; None otherwise."""
    text = (clean_text(raw) or "").lower()
    if text.isdigit():
        number = int(text)
        return DAYS[(number - 1) % 7] if 0 <= number <= 7 else None
    return DAY_NAMES.get(text)


def clock_time(raw: object) -> object:
    """'9am' as '09:00', '4:00 PM' as '16:00', '1900-01-01T09:30:00' as '09:30:00'."""
    text = clean_text(raw)
    if text is None:
        return raw
    if DATETIME_RE.match(text):
        text = text.split("T", 1)[1]
    match = CLOCK_RE.match(text)
    if not match:
        return text
    hour = int(match[1]) % 12 + (12 if match[4].lower() == "p" else 0)
    return f"{hour:02d}:{match[2] or '00'}"


def add_holidays(schedules: list[dict[str, Any]], holidays: list[dict]) -> None:
    """Put each holiday that has not ended in the notes of every regular schedule."""
    notes = [note for note in map(holiday_note, holidays) if note]
    for sched in schedules if notes else []:
        sched["notes"] = "; ".join([*filter(None, [sched.get("notes")]), *notes])


def holiday_note(raw: dict[str, Any]) -> str | None:
    """'Closed 24 Dec 2025 to 26 Dec 2025'; None when it has ended or is unreadable."""
    start, end = _date(raw.get("start_date")), _date(raw.get("end_date"))
    if start is None or end is None or end < date.today():
        return None
    span = f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"
    if str(raw.get("closed")).lower() in {"true", "1", "yes"}:
        return f"Closed {span}"
    opens, closes = clock_time(raw.get("opens_at")), clock_time(raw.get("closes_at"))
    hours = f"{opens} to {closes}" if opens and closes else "different hours"
    return f"Open {hours}, {span}"


def eligibility(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The service's age range and eligibility text from its eligibility rows."""
    aged = [
        r for r in rows if {_age(r, "minimum_age"), _age(r, "maximum_age")} - {None}
    ]
    labels = dict.fromkeys(
        filter(None, (clean_text(r.get("eligibility")) for r in rows))
    )
    return {
        "minimum_age": _bound([_age(r, "minimum_age") for r in aged], min),
        "maximum_age": _bound([_age(r, "maximum_age") for r in aged], max),
        "eligibility_description": ", ".join(labels) or None,
    }


def taxonomy_attribute(link_id: str | None, term: dict[str, Any]) -> dict[str, Any]:
    """An attribute for a v1 taxonomy term (id, name, vocabulary, parent)."""
    parent = term.get("parent") or term.get("parent_id")
    return {
        "id": link_id,
        "taxonomy_term": {
            "id": term.get("id"),
            "name": term.get("name"),
            "taxonomy": term.get("vocabulary") or term.get("taxonomy"),
            "parent_id": parent.get("id") if isinstance(parent, dict) else parent,
        },
    }


def feed_version(root: object) -> str | None:
    """'1' or '3' from a feed's ``GET /`` answer ({"version": "HSDS-UK-1.0"})."""
    version = root.get("version") if isinstance(root, dict) else None
    match = VERSION_RE.search(version) if isinstance(version, str) else None
    return match[1] if match and match[1] in {"1", "3"} else None


def is_v1_page(document: object) -> bool:
    """Whether a document is an ORUK 1.0 page: ``content``, not ``contents``."""
    return (
        isinstance(document, dict)
        and isinstance(document.get("content"), list)
        and "contents" not in document
    )


def answered_second_page(envelope: dict[str, Any]) -> bool:
    """Whether the answer to ``page=1`` is a zero-based server's second page."""
    return envelope.get("first") is False and envelope.get("number") == 1


def is_last_page(envelope: dict[str, Any], pages_read: int, items: list) -> bool:
    """Whether a v1 page is the last: it says so, is empty, or all pages are read."""
    if not items or envelope.get("last") is True or envelope.get("empty") is True:
        return True
    total = envelope.get("totalPages")
    return isinstance(total, int) and pages_read >= total


def _attributes(item: dict[str, Any]) -> list[dict[str, Any]]:
    attributes = _dicts(item.get("attributes"))
    for link in _dicts(item.get("service_taxonomys")):
        term = link.get("taxonomy") or link.get("taxonomy_term")
        if isinstance(term, dict):
            attributes.append(taxonomy_attribute(link.get("id"), term))
    attending = (clean_text(item.get("attending_type")) or "").lower()
    access = (clean_text(item.get("attending_access")) or "").lower()
    if attending in ATTENDANCE:
        attributes.append(
            directory_attribute("directory-attendance", ATTENDANCE[attending])
        )
    if access in ACCESS:
        attributes.append(directory_attribute("directory-access", ACCESS[access]))
    return attributes


def _sal_schedules(sal: dict[str, Any], attending: str | None) -> list[dict]:
    """Schedules given on a service-at-location (v1 feeds call them either name)."""
    given = _dicts(sal.get("regular_schedule")) + _dicts(sal.get("regular_schedules"))
    return [schedule(s, attending) for s in given]


def _age(row: dict[str, Any], key: str) -> float | None:
    try:
        return float(row[key]) if row.get(key) not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _bound(values: list[float | None], pick: Callable[[list[float]], float]) -> Any:
    """The widest bound, or None when any row leaves it open."""
    known = [value for value in values if value is not None]
    return pick(known) if known and len(known) == len(values) else None


def _date(raw: object) -> date | None:
    try:
        return date.fromisoformat((clean_text(raw) or "")[:10])
    except ValueError:
        return None


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
