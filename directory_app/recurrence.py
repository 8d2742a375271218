"""When a session next runs, from its recurrence rule (RFC 5545 RRULE fields).

The schedule table keeps HSDS 3.0's RRULE parts (freq, interval, byday,
bymonthday, dtstart, until, valid_from, valid_to); python-dateutil turns them into
dates, so "first Tuesday of the month" and "every other Friday" come out right.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from dateutil.rrule import rrulestr

FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def next_date(schedule: dict[str, Any], today: date) -> date | None:
    """The first date on or after ``today`` the session runs; None if unknown."""
    start = _date(schedule.get("dtstart")) or _date(schedule.get("valid_from"))
    end = _date(schedule.get("until")) or _date(schedule.get("valid_to"))
    freq = (schedule.get("freq") or "").upper()
    if freq not in FREQS:
        return start if start and start >= today else None  # a one-off date
    if start is None:
        return None
    parts = [f"FREQ={freq}", f"INTERVAL={max(1, int(schedule.get('interval') or 1))}"]
    days = [d.strip().upper() for d in (schedule.get("byday") or "").split(",")]
    days = [d for d in days if BYDAY.match(d)]
    if days:
        parts.append("BYDAY=" + ",".join(days))
    monthdays = str(schedule.get("bymonthday") or "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,2}(,-?\d{1,2})*", monthdays):
        parts.append(f"BYMONTHDAY={monthdays}")
    if end is not None:
        parts.append(f"UNTIL={end:%Y%m%d}T235959")
    try:
        rule = rrulestr(";".join(parts), dtstart=datetime.combine(start, time()))
    except (ValueError, TypeError):
        return None
    found = rule.after(datetime.combine(today, time()), inc=True)
    return found.date() if found else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
