"""A listing as search documents: one per place it runs, with what to filter on."""

from __future__ import annotations

import csv
from functools import cache
from typing import Any

from directory_app.config import PROJECT_ROOT
from directory_app.models import ReviewState
from directory_app.present import (
    cost_summary,
    is_free,
    join_summary,
    schedule_summary,
    terms_of,
)
from importers.normalise.categories import vocabularies
from importers.normalise.text import html_to_text

NO_MINIMUM, NO_MAXIMUM = 0, 200
AREAS = PROJECT_ROOT / "data" / "places" / "service-areas.csv"


@cache
def area_districts() -> dict[str, list[str]]:
    """Area names (lower case) to the postcode districts they cover."""
    with AREAS.open(newline="", encoding="utf-8") as handle:
        return {
            r["area"].strip().lower(): r["districts"].split()
            for r in csv.DictReader(handle)
        }


def parts_of_day(opens: str | None, closes: str | None) -> set[str]:
    """Which of morning, afternoon and evening a session touches."""
    if not opens:
        return set()
    start = int(opens[:2]) * 60 + int(opens[3:5])
    end = int(closes[:2]) * 60 + int(closes[3:5]) if closes else start + 60
    bands = {"morning": (0, 720), "afternoon": (720, 1020), "evening": (1020, 1440)}
    return {name for name, (low, high) in bands.items() if start < high and end > low}


def _schedule_facts(pkg: dict[str, Any]) -> tuple[str, str]:
    days, times = set(), set()
    for sched in pkg.get("schedules", []):
        for code in (sched.get("byday") or "").split(","):
            if code:
                days.add(code[-2:].lower())
        times |= parts_of_day(sched.get("opens_at"), sched.get("closes_at"))
    return " ".join(sorted(days)), " ".join(sorted(times))


def _attendance(pkg: dict[str, Any]) -> list[str]:
    codes = [t.get("code") for t in terms_of(pkg, "directory-attendance")]
    if not codes and pkg.get("service_at_locations"):
        codes = ["in-person"]
    return [c for c in codes if c]


def _accessibility(location: dict[str, Any]) -> list[str]:
    labels = {
        label.lower(): code
        for code, label in vocabularies()["directory-accessibility"]["terms"].items()
    }
    found = []
    for entry in location.get("accessibility", []):
        code = entry.get("accessibility") or labels.get(
            (entry.get("description") or "").lower()
        )
        if code:
            found.append(code)
    return found


def _areas(pkg: dict[str, Any]) -> list[str]:
    table = area_districts()
    districts: list[str] = []
    for area in pkg.get("service_areas", []):
        districts += table.get((area.get("name") or "").strip().lower(), [])
    return sorted(set(districts))


def _review_due(review: ReviewState | None) -> int:
    due = review.next_review_due if review else None
    return int(due.strftime("%Y%m%d")) if due else 0


def documents_for(
    pkg: dict[str, Any], review: ReviewState | None = None
) -> list[dict[str, Any]]:
    """The index documents of one service: one per location, or one with no place."""
    categories = terms_of(pkg, "directory-category")
    org = pkg.get("organization") or {}
    days, times = _schedule_facts(pkg)
    base = {
        "service_id": pkg["id"],
        "name": pkg["name"],
        "organisation": org.get("name", ""),
        "description": html_to_text(pkg.get("description")),
        "terms": " ".join(a["taxonomy_term"]["name"] for a in pkg["attributes"]),
        "categories": ",".join(t.get("code") or t["name"] for t in categories),
        "status": pkg.get("status", "active"),
        "free": is_free(pkg),
        "days": days,
        "times": times,
        "min_age": pkg.get("minimum_age") or NO_MINIMUM,
        "max_age": pkg.get("maximum_age") or NO_MAXIMUM,
        "attendance": ",".join(_attendance(pkg)),
        "access": ",".join(
            t.get("code") or "" for t in terms_of(pkg, "directory-access")
        ),
        "areas": " ".join(_areas(pkg)),
        "review_due": _review_due(review),
        "summary": {
            "when": schedule_summary(pkg.get("schedules", [])),
            "cost": cost_summary(pkg),
            "join": join_summary(pkg),
            "alert": pkg.get("alert") or "",
            "stale": bool(review is not None and review.stale_since is not None),
        },
    }
    docs = []
    for sal in pkg.get("service_at_locations", []):
        loc = sal["location"]
        doc = dict(base, doc_id=sal["id"], accessibility=",".join(_accessibility(loc)))
        if loc.get("latitude") is not None and loc.get("longitude") is not None:
            doc["lat"], doc["lon"] = loc["latitude"], loc["longitude"]
        doc["summary"] = dict(
            base["summary"], location=loc.get("name") or "", location_id=loc["id"]
        )
        docs.append(doc)
    return docs or [dict(base, doc_id=pkg["id"])]
