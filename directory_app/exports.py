"""HSDS 3.0 exports of the published directory: JSON, and a CSV tabular package
(a zip of one CSV per table with its ``datapackage.json``).

Only what the API shows: published listings, their organisations, places and
terms; nothing withdrawn, ended, unpublished or professional-only. The tables use
HSDS 3.0's names and fields (the store is shaped on them); a required field the
store has empty is filled from its nearest neighbour (an address's county from its
town, a description from a name) so every row is valid.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session, SQLModel

from directory_app import oruk_out as out
from directory_app.api_queries import Filters, all_service_ids, changed_at
from directory_app.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory_app.packages import load_packages, stable_id

BATCH = 500
NOT_HSDS = {"accessibility": {"accessibility"}, "attribute": {"label"}}
TABLES: tuple[tuple[str, str, type[SQLModel]], ...] = (
    ("organization", "organizations.csv", Organization),
    ("organization_identifier", "organization_identifiers.csv", OrganizationIdentifier),
    ("service", "services.csv", Service),
    ("location", "locations.csv", Location),
    ("address", "addresses.csv", Address),
    ("accessibility", "accessibility.csv", Accessibility),
    ("service_at_location", "service_at_location.csv", ServiceAtLocation),
    ("contact", "contacts.csv", Contact),
    ("phone", "phones.csv", Phone),
    ("schedule", "schedules.csv", Schedule),
    ("funding", "funding.csv", Funding),
    ("service_area", "service_areas.csv", ServiceArea),
    ("language", "languages.csv", Language),
    ("cost_option", "cost_options.csv", CostOption),
    ("taxonomy", "taxonomies.csv", Taxonomy),
    ("taxonomy_term", "taxonomy_terms.csv", TaxonomyTerm),
    ("attribute", "attributes.csv", Attribute),
)
LINKS = {  # foreign keys: field -> table it points at
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "contact_id": "contact",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
}
NO_ORGANIZATION: dict[str, Any] = {
    "id": stable_id("directory", "organization", "not recorded"),
    "name": "Organisation not recorded",
    "description": "The source of these listings did not say who runs them.",
    "organization_identifiers": [],
}


def packages(
    session: Session, hide_stale: bool
) -> Iterator[tuple[dict[str, Any], datetime | None]]:
    """Every published listing, with when it last changed, in batches."""
    ids = all_service_ids(session, Filters(hide_stale=hide_stale))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        pkgs, changed = load_packages(session, chunk), changed_at(session, chunk)
        for sid in chunk:
            if sid in pkgs:
                yield pkgs[sid], changed.get(sid)


def write_json(session: Session, handle: IO[str], hide_stale: bool = False) -> int:
    """Every published service, fully nested, as one JSON array; how many."""
    handle.write("[")
    count = 0
    for pkg, changed in packages(session, hide_stale):
        handle.write(
            ("," if count else "")
            + "\n"
            + json.dumps(out.service(pkg, changed, full=True), ensure_ascii=False)
        )
        count += 1
    handle.write("\n]\n")
    return count


class _Tables:
    """Rows for each table, by id (a shared place or term is written once)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = {
            name: {} for name, _, _ in TABLES
        }

    def add(self, table: str, row: dict[str, Any], **links: Any) -> None:
        self.rows[table].setdefault(row["id"], {**row, **links})


def _gather(tables: _Tables, pkg: dict[str, Any], changed: datetime | None) -> None:
    sid = pkg["id"]
    org: dict[str, Any] = pkg.get("organization") or NO_ORGANIZATION
    tables.add(
        "organization", {**org, "description": org.get("description") or org["name"]}
    )
    for ident in org.get("organization_identifiers") or []:
        tables.add("organization_identifier", ident, organization_id=org["id"])
    tables.add(
        "service",
        pkg,
        organization_id=org["id"],
        last_modified=out.stamp(changed) or pkg.get("last_modified"),
    )
    for sal in pkg["service_at_locations"]:
        loc = sal["location"]
        tables.add("location", loc)
        for address in loc["addresses"]:
            county = address.get("state_province") or address.get("city")
            tables.add("address", address, location_id=loc["id"], state_province=county)
        for access in loc["accessibility"]:
            tables.add("accessibility", access, location_id=loc["id"])
        tables.add("service_at_location", sal, service_id=sid, location_id=loc["id"])
    for key, table in (
        ("schedules", "schedule"),
        ("funding", "funding"),
        ("service_areas", "service_area"),
        ("languages", "language"),
        ("cost_options", "cost_option"),
        ("phones", "phone"),
    ):
        for row in pkg.get(key) or []:
            tables.add(table, row, service_id=sid)
    for contact in pkg["contacts"]:
        tables.add("contact", contact, service_id=sid)
        for phone in contact.get("phones") or []:
            tables.add("phone", phone, contact_id=contact["id"])
    for attr in pkg["attributes"]:
        term = attr["taxonomy_term"]
        tables.add(
            "taxonomy",
            {
                "id": term["taxonomy_id"],
                "name": term["taxonomy"],
                "description": term["taxonomy"],
            },
        )
        tables.add(
            "taxonomy_term",
            {**term, "description": term.get("description") or term["name"]},
        )
        tables.add(
            "attribute",
            attr,
            link_id=sid,
            link_entity="service",
            taxonomy_term_id=term["id"],
        )


def _fields(name: str, model: type[SQLModel]) -> list[str]:
    return [f for f in model.model_fields if f not in NOT_HSDS.get(name, set())]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _kind(model: type[SQLModel], field: str) -> str:
    annotation = str(model.model_fields[field].annotation)
    for python, kind in (("int", "integer"), ("float", "number"), ("bool", "boolean")):
        if python in annotation:
            return kind
    return "string"


def descriptor(counts: dict[str, int]) -> dict[str, Any]:
    """The ``datapackage.json`` of an export holding these tables."""
    resources = []
    for name, path, model in TABLES:
        fields = _fields(name, model)
        schema: dict[str, Any] = {
            "fields": [{"name": f, "type": _kind(model, f)} for f in fields],
            "primaryKey": "id",
            "foreignKeys": [
                {"fields": f, "reference": {"resource": LINKS[f], "fields": "id"}}
                for f in fields
                if f in LINKS and LINKS[f] != name
            ],
        }
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "count": counts[name],
                "schema": schema,
            }
        )
    return {
        "name": "community-directory",
        "title": "Community directory: published listings",
        "profile": "tabular-data-package",
        "version": "3.0",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0"}],
        "resources": resources,
    }


def write_csv_package(session: Session, path: Path, hide_stale: bool = False) -> int:
    """Every published listing as an HSDS 3.0 CSV package at ``path``; how many."""
    tables = _Tables()
    for pkg, changed in packages(session, hide_stale):
        _gather(tables, pkg, changed)
    part = path.with_name(path.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, file_name, model in TABLES:
            fields = _fields(name, model)
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(fields)
            for row in tables.rows[name].values():
                writer.writerow([_cell(row.get(f)) for f in fields])
            archive.writestr(file_name, text.getvalue())
        counts = {name: len(rows) for name, rows in tables.rows.items()}
        archive.writestr("datapackage.json", json.dumps(descriptor(counts), indent=2))
    part.replace(path)
    return len(tables.rows["service"])
