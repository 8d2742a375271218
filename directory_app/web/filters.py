"""The search form's filters: their options, and reading them from a request.

Every value is checked against the options offered, so a hand-made or hostile URL
can only choose among real options; anything else is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from importers.normalise.categories import vocabularies

DAYS = {
    "mo": "Monday",
    "tu": "Tuesday",
    "we": "Wednesday",
    "th": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "su": "Sunday",
}
TIMES = {
    "morning": "Morning (before 12pm)",
    "afternoon": "Afternoon (12pm to 5pm)",
    "evening": "Evening (after 5pm)",
}
RADII = (1, 3, 5, 10, 25)


def _terms(vocabulary: str) -> dict[str, str]:
    return dict(vocabularies()[vocabulary]["terms"])


def choices() -> dict[str, tuple[str, dict[str, str]]]:
    """Each single-choice filter: its legend and its options (value -> label)."""
    return {
        "category": ("Type of activity or support", _terms("directory-category")),
        "day": ("Day", DAYS),
        "time": ("Time of day", TIMES),
        "attendance": ("How people take part", _terms("directory-attendance")),
        "access": ("How to join", _terms("directory-access")),
    }


@dataclass
class Filters:
    """What a resident chose."""

    chosen: dict[str, str] = field(default_factory=dict)
    switches: set[str] = field(default_factory=set)
    accessibility: list[str] = field(default_factory=list)
    age: int | None = None
    radius: int | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """Whether any filter is on."""
        return bool(
            self.chosen
            or self.switches
            or self.accessibility
            or self.age is not None
            or self.radius
        )


def read_filters(args: MultiDict[str, str]) -> Filters:
    """The filters in a request's query string (unknown values ignored)."""
    found = Filters()
    for name, (_legend, options) in choices().items():
        value = args.get(name, "")
        if value in options:
            found.chosen[name] = value
    found.switches = {s for s in ("free", "running") if args.get(s) == "yes"}
    features = _terms("directory-accessibility")
    found.accessibility = [a for a in args.getlist("accessibility") if a in features]
    found.age = _age(args.get("age", "").strip(), found)
    radius = args.get("radius", "")
    found.radius = int(radius) if radius.isdigit() and int(radius) in RADII else None
    return found


def _age(text: str, found: Filters) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 120:
        found.errors["age"] = "Enter an age in years, as a number from 0 to 120"
        return None
    return int(text)


def today_number(today: date | None = None) -> int:
    """Today as yyyymmdd, for telling overdue listings."""
    return int((today or date.today()).strftime("%Y%m%d"))


def link_args(args: MultiDict[str, str], **changes: Any) -> MultiDict[str, str]:
    """The query string again with some values changed (for page links)."""
    kept = MultiDict(args)
    for key, value in changes.items():
        kept.setlist(key, [str(value)])
    return kept
