"""Build ``openactive-activities.csv`` from the OpenActive Activity List (JSON-LD).

The directory ships this compact table instead of the 768-concept JSON-LD file:
one row per concept with its id (the UUID after ``activity-list#``), its preferred
label, its broader concepts' ids and its alternative labels (both ``|``-separated).
The Activity List is published by OpenActive under CC BY 4.0.

    python data/taxonomy/build_openactive_activities.py \
        ../shared/taxonomies/openactive-activity-list.jsonld
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET = HERE / "openactive-activities.csv"
PREFIX = "https://openactive.io/activity-list#"
COLUMNS = ("id", "prefLabel", "broader", "altLabel")


def concept_rows(document: dict[str, Any]) -> list[dict[str, str]]:
    """One row per concept, sorted by label then id so the file diffs well."""
    rows = [
        {
            "id": concept["id"].removeprefix(PREFIX),
            "prefLabel": concept["prefLabel"].strip(),
            "broader": "|".join(
                b.removeprefix(PREFIX) for b in concept.get("broader", [])
            ),
            "altLabel": "|".join(a.strip() for a in concept.get("altLabel", [])),
        }
        for concept in document["concept"]
    ]
    return sorted(rows, key=lambda row: (row["prefLabel"].lower(), row["id"]))


def build(source: Path, target: Path = TARGET) -> int:
    """Write the table for the JSON-LD at ``source``; the number of concepts."""
    rows = concept_rows(json.loads(source.read_text(encoding="utf-8")))
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str]) -> int:
    """Build from the path given, or from ../shared beside the project."""
    default = HERE.parents[2] / "shared/taxonomies/openactive-activity-list.jsonld"
    source = Path(argv[1]) if len(argv) > 1 else default
    count = build(source)
    sys.stdout.write(f"{count} activities written to {TARGET}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
