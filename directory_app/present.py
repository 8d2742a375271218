"""Listings in plain English: when a service runs, what it costs, who it is for."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}


def clock(value: str | None) -> str | None:
    """'10:00:00' as '10am', '13:30:00' as '1:30pm', '12:00:00' as '12pm'."""
    if not value:
        return None
    try:
        moment = datetime.strptime(value[:5], "%H:%M")
    except ValueError:
        return None
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{suffix}"


def _days(byday: str, plural: bool) -> str:
    names = []
    for code in byday.split(","):
        day, ordinal = code[-2:], code[:-2]
        name = DAYS.get(day, day)
        if ordinal:
            names.append(f"{ORDINALS.get(ordinal.lstrip('+'), ordinal)} {name}")
        else:
            names.append(name + ("s" if plural else ""))
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe_schedule(schedule: dict[str, Any]) -> str:
    """One schedule rule as words: 'Tuesdays, 10am to 12pm'."""
    byday, freq = schedule.get("byday"), schedule.get("freq")
    interval = schedule.get("interval") or 1
    when = ""
    if byday and freq == "WEEKLY":
        when = _days(byday, plural=interval == 1)
        if interval == 2:
            when = f"Every other {when}"
        elif interval > 2:
            when = f"Every {interval} weeks on {when}"
    elif byday and freq == "MONTHLY":
        when = _days(byday, plural=False)
        when = f"{when[0].upper()}{when[1:]} of the month"
    elif schedule.get("bymonthday") and freq == "MONTHLY":
        when = f"Monthly on day {schedule['bymonthday']}"
    elif not freq and schedule.get("dtstart"):
        when = _long_date(schedule["dtstart"])
    opens, closes = clock(schedule.get("opens_at")), clock(schedule.get("closes_at"))
    times = f"{opens} to {closes}" if opens and closes else (opens or "")
    if when and times:
        return f"{when}, {times}"
    return when or times or (schedule.get("description") or "")


def _long_date(value: str) -> str:
    """'2026-12-05' as 'Saturday 5 December 2026'."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day:%A} {day.day} {day:%B %Y}"


def schedule_summary(schedules: list[dict[str, Any]]) -> str:
    """Every schedule of a service, in words, joined."""
    parts = [describe_schedule(s) for s in schedules]
    return "; ".join(p for p in parts if p)


def cost_summary(pkg: dict[str, Any]) -> str:
    """'Free', '£3.00 per session', 'Donations welcome', or the fees text."""
    parts = [_cost_words(option) for option in pkg.get("cost_options") or []]
    parts = [part for part in parts if part]
    if parts:
        return "; ".join(dict.fromkeys(parts))
    return pkg.get("fees_description") or pkg.get("fees") or "Ask about cost"


def _cost_words(option: dict[str, Any]) -> str:
    """'Free', 'First session free', '£3.00 per session', '£1.50 (concessions)'."""
    amount, label = option.get("amount"), (option.get("option") or "").strip()
    if amount == 0:
        return "Free" if label.lower() in ("", "free") else f"{label} free"
    if amount:
        text = f"£{amount:.2f}"
        if option.get("amount_description"):
            text += f" {option['amount_description']}"
        return f"{text} ({label.lower()})" if label else text
    return label


def is_free(pkg: dict[str, Any]) -> bool:
    """Whether the service costs nothing (every cost option is £0)."""
    options = pkg.get("cost_options") or []
    return bool(options) and all(o.get("amount") == 0 for o in options)


def age_summary(pkg: dict[str, Any]) -> str:
    """'All ages', 'Aged 18 and over', 'Aged 0 to 5'."""
    low, high = pkg.get("minimum_age"), pkg.get("maximum_age")
    if low is None and high is None:
        return "All ages"
    if high is None:
        return f"Aged {low} and over"
    if low is None or low == 0:
        return f"Aged up to {high}"
    return f"Aged {low} to {high}"


def join_summary(pkg: dict[str, Any]) -> str:
    """How to join, in a few words: "Drop in", "Self-referral", "Referral needed"."""
    names = [t["name"] for t in terms_of(pkg, "directory-access") if t.get("name")]
    return ", ".join(names)


def terms_of(pkg: dict[str, Any], vocabulary: str) -> list[dict[str, Any]]:
    """The taxonomy terms of one vocabulary attached to a service."""
    return [
        a["taxonomy_term"]
        for a in pkg.get("attributes", [])
        if a["taxonomy_term"].get("taxonomy") == vocabulary
    ]


def address_line(location: dict[str, Any]) -> str:
    """A location's first address on one line."""
    for addr in location.get("addresses", []):
        parts = [
            addr.get("address_1"),
            addr.get("address_2"),
            addr.get("city"),
            addr.get("postal_code"),
        ]
        return ", ".join(p for p in parts if p)
    return ""
