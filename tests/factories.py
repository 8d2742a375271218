"""Plain keyword-only factories for tests: raw ORUK items, sources, imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine, session_scope
from directory_app.imports import add_source, run_import
from directory_app.models import ImportRun, Source
from importers.normalise.categories import directory_term_id


def make_raw_service(
    *,
    id: str = "svc-1",
    name: str = "Bentley Health Walk",
    description: str = "A gentle walk around Bentley Park, led by volunteers.",
    postcode: str | None = "DN5 0AA",
    latitude: float | None = 53.545,
    longitude: float | None = -1.15,
    category: str = "physical-activity",
    **overrides: Any,
) -> dict[str, Any]:
    """A raw ORUK 3.0 service item, as a feed would publish it."""
    item: dict[str, Any] = {
        "id": id,
        "name": name,
        "description": description,
        "status": "active",
        "organization": {"id": f"org-{id}", "name": f"{name} Group"},
        "schedules": [
            {
                "id": f"{id}-sched",
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "10:00",
                "closes_at": "12:00",
            }
        ],
        "cost_options": [{"id": f"{id}-cost", "option": "Free", "amount": 0}],
        "attributes": [
            {
                "id": f"{id}-cat",
                "taxonomy_term": {
                    "id": directory_term_id("directory-category", category),
                    "name": category.replace("-", " ").capitalize(),
                    "taxonomy": "directory-category",
                    "term": category,
                },
            }
        ],
    }
    if postcode is not None:
        item["service_at_locations"] = [
            {
                "id": f"{id}-sal",
                "location": {
                    "id": f"loc-{id}",
                    "name": f"{name} venue",
                    "location_type": "physical",
                    "latitude": latitude,
                    "longitude": longitude,
                    "addresses": [
                        {
                            "id": f"addr-{id}",
                            "address_1": "1 High Street",
                            "city": "Doncaster",
                            "state_province": "South Yorkshire",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ]
    item.update(overrides)
    return item


def write_feed(path: Path, items: list[dict[str, Any]]) -> Path:
    """Write items as an ORUK 3.0 page envelope file."""
    path.write_text(
        json.dumps(
            {
                "total_items": len(items),
                "total_pages": 1,
                "page_number": 1,
                "size": len(items),
                "first_page": True,
                "last_page": True,
                "empty": not items,
                "contents": items,
            }
        )
    )
    return path


def make_source(
    app: Flask, *, name: str = "council-feed", location: str, kind: str = "oruk"
) -> str:
    """Register a source; returns its id."""
    with session_scope(app) as session:
        return add_source(session, name, kind, location).id


def import_items(
    app: Flask, tmp_path: Path, items: list[dict[str, Any]], *, name: str = "feed"
) -> ImportRun:
    """Write items to a feed file for source ``name`` (made on first use), run it."""
    path = write_feed(tmp_path / f"{name}.json", items)
    with Session(get_engine(app)) as session:
        found = session.exec(select(Source).where(Source.name == name)).first()
        source_id = found.id if found else None
    if source_id is None:
        source_id = make_source(app, name=name, location=str(path))
    return run_import(app, source_id)
