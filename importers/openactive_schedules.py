"""OpenActive schedules (eventSchedule, hoursAvailable, sessions) as HSDS rules."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from importers.normalise.text import clean_text
from importers.openactive_values import as_list, tail

LONDON = ZoneInfo("Europe/London")
MAX_OCCURRENCES = 20  # dated sessions or slots kept per service, earliest first
DAYS = {
    day: day[:2].upper()
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
} | {"saturday": "SA", "sunday": "SU"}
ICAL_DAY = re.compile(r"[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)")
PERIOD = re.compile(r"P(\d+)([DWMY])")
DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")


def schedules(
    data: dict[str, Any], occurrences: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Recurring rules (eventSchedule, hoursAvailable), else dated occurrences."""
    rules = [
        _rule(s) for s in as_list(data.get("eventSchedule")) if isinstance(s, dict)
    ]
    hours = [
        _hours(s) for s in as_list(data.get("hoursAvailable")) if isinstance(s, dict)
    ]
    rules += [h for h in hours if h]
    if rules:
        return rules  # the rule says when it runs; its dated sessions repeat it
    return _dated(occurrences) or _dated([data])  # sessions, or the event's dates


def _days(values: object) -> str | None:
    codes = []
    for value in as_list(values):
        name = tail(value)
        code = DAYS.get(name.lower()) or (
            name.upper() if ICAL_DAY.fullmatch(name.upper()) else None
        )
        if code:
            codes.append(code)
    return ",".join(dict.fromkeys(codes)) or None


def _frequency(value: object, has_days: bool) -> tuple[str | None, int | None]:
    match = PERIOD.fullmatch((clean_text(value) or "").upper())
    if not match:
        return ("WEEKLY", 1) if has_days else (None, None)
    count, unit = int(match[1]), match[2]
    if unit == "D" and count % 7 == 0:
        return "WEEKLY", count // 7
    names = {"D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Y": "YEARLY"}
    return names[unit], count


def _rule(spec: dict[str, Any]) -> dict[str, Any]:
    days = _days(spec.get("byDay"))
    freq, interval = _frequency(spec.get("repeatFrequency"), days is not None)
    start, end = _local(spec.get("startDate")), _local(spec.get("endDate"))
    excepted = [_local(value) for value in as_list(spec.get("exceptDate"))]
    skipped = [_long_date(d) for d in excepted if d is not None]
    return {
        "freq": freq,
        "interval": interval,
        "byday": days,
        "bymonthday": ",".join(str(d) for d in as_list(spec.get("byMonthDay"))),
        "opens_at": spec.get("startTime"),
        "closes_at": spec.get("endTime"),
        "dtstart": _day_of(start),
        "valid_from": _day_of(start),
        "valid_to": _day_of(end),
        "until": _day_of(end),
        "count": spec.get("repeatCount"),
        "description": "Not on " + ", ".join(skipped) if skipped else None,
    }


def _hours(spec: dict[str, Any]) -> dict[str, Any] | None:
    days = _days(spec.get("dayOfWeek"))
    if days is None:
        return None  # public holidays only: not a weekly rule
    return {
        "freq": "WEEKLY",
        "interval": 1,
        "byday": days,
        "opens_at": spec.get("opens"),
        "closes_at": spec.get("closes"),
        "valid_from": _day_of(_local(spec.get("validFrom"))),
        "valid_to": _day_of(_local(spec.get("validThrough"))),
    }


def _local(value: object) -> datetime | date | None:
    """A date, or a date and time in UK local time (as a person reads it)."""
    text = clean_text(value)
    if text is None:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(LONDON).replace(tzinfo=None)


def _day_of(moment: datetime | date | None) -> str | None:
    if isinstance(moment, datetime):
        return moment.date().isoformat()
    return moment.isoformat() if moment else None


def _long_date(moment: datetime | date) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def _plus(start: datetime, duration: object) -> datetime | None:
    match = DURATION.fullmatch(clean_text(duration) or "")
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (float(g or 0) for g in match.groups())
    return start + timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _one_off(occurrence: dict[str, Any]) -> dict[str, Any] | None:
    start = _local(occurrence.get("startDate"))
    if start is None:
        return None
    end = _local(occurrence.get("endDate"))
    if end is None and isinstance(start, datetime):
        end = _plus(start, occurrence.get("duration"))
    entry = {"dtstart": _day_of(start), "valid_from": _day_of(start)}
    entry["valid_to"] = _day_of(end) or entry["dtstart"]
    timed = isinstance(start, datetime)
    entry["opens_at"] = f"{start:%H:%M}" if timed else None
    entry["closes_at"] = f"{end:%H:%M}" if timed and isinstance(end, datetime) else None
    entry["description"] = _long_date(start)
    if entry["valid_to"] != entry["dtstart"] and end is not None:
        entry["description"] = f"From {_long_date(start)} to {_long_date(end)}"
    return entry


def _dated(occurrences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    entries: dict[tuple[str, str, str], dict[str, Any]] = {}
    for occurrence in occurrences:
        entry = _one_off(occurrence)
        if entry is not None:
            key = (entry["dtstart"], entry["opens_at"] or "", entry["closes_at"] or "")
            entries.setdefault(key, entry)
    return [entries[key] for key in sorted(entries)][:MAX_OCCURRENCES]
