"""The OpenActive Activity List, bundled as data/taxonomy/openactive-activities.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import Any

from importers.normalise.categories import DATA
from importers.openactive_values import as_list, label_of, ref_of

ACTIVITIES = DATA / "openactive-activities.csv"
ACTIVITY_LIST = "https://openactive.io/activity-list"
ACTIVITY_TAXONOMY = "openactive-activity-list"


@dataclass(frozen=True)
class Activity:
    """A concept of the OpenActive Activity List (``code`` None when not in it)."""

    code: str | None
    label: str

    @property
    def uri(self) -> str | None:
        return f"{ACTIVITY_LIST}#{self.code}" if self.code else None


def activity_attribute(activity: Activity) -> dict[str, Any]:
    return {
        "id": f"{ACTIVITY_TAXONOMY}:{activity.code or activity.label}",
        "link_type": "activity",
        "taxonomy_term": {
            "id": activity.uri,
            "name": activity.label,
            "taxonomy": ACTIVITY_TAXONOMY,
            "code": activity.code,
            "term_uri": activity.uri,
        },
    }


def _label_key(text: str) -> str:
    return " ".join(text.replace("™", "").replace("®", "").lower().split())


@cache
def activity_list() -> tuple[dict[str, Activity], dict[str, Activity]]:
    """The bundled Activity List, by concept id and by label (preferred first)."""
    by_id: dict[str, Activity] = {}
    alternatives: list[tuple[str, Activity]] = []
    with ACTIVITIES.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            activity = Activity(row["id"], row["prefLabel"])
            by_id[row["id"]] = activity
            alternatives += [
                (alt, activity) for alt in row["altLabel"].split("|") if alt
            ]
    by_label = {_label_key(a.label): a for a in by_id.values()}
    for alt, activity in alternatives:
        by_label.setdefault(_label_key(alt), activity)
    return by_id, by_label


def resolve_activity(value: object) -> Activity | None:
    """A Concept, id or label as its Activity List concept, else as given."""
    by_id, by_label = activity_list()
    ref = ref_of(value) if isinstance(value, dict) else None
    label = label_of(value)
    if ref is None and label and ACTIVITY_LIST in label:
        ref, label = label, None
    found = by_id.get(ref.rsplit("#", 1)[-1]) if ref and "#" in ref else None
    if found is None and label:
        found = by_label.get(_label_key(label), Activity(None, label))
    return found


def activities(data: dict[str, Any]) -> list[Activity]:
    """The opportunity's activities, resolved, without repeats."""
    found = (resolve_activity(value) for value in as_list(data.get("activity")))
    return list(dict.fromkeys(a for a in found if a is not None))
