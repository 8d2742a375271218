"""Checks an HSDS 3.0 CSV package against the standard's own ``datapackage.json``
in ../shared (read in place): the tables and columns it defines, required and
unique fields, types, formats, enums, and that every link points at a row."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "https://hsds.test/schema/"


def _ok(value: str, field: dict[str, Any]) -> bool:
    kind, form = field.get("type", "string"), field.get("format")
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
        elif kind == "boolean":
            assert value in {"true", "false"}
        elif kind == "date":
            date.fromisoformat(value)
        elif kind == "datetime":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif form == "uuid":
            uuid.UUID(value)
        elif form == "email":
            assert re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value)
        elif form == "uri":
            assert re.match(r"^[a-z][a-z0-9+.-]*:", value)
    except (ValueError, AssertionError):
        return False
    enum = (field.get("constraints") or {}).get("enum")
    return not enum or value in enum


def package_problems(zip_path: Path, shared: Path) -> list[str]:
    """Everything in the package that the standard's descriptor does not allow."""
    spec = json.loads((shared / "spec/hsds-3.0/datapackage.json").read_text())
    by_path = {r["path"]: r for r in spec["resources"]}
    problems: list[str] = []
    tables: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        if "datapackage.json" not in names:
            return ["no datapackage.json"]
        ours = json.loads(archive.read("datapackage.json"))
        for resource in ours["resources"]:
            standard = by_path.get(resource["path"])
            if standard is None or standard["name"] != resource["name"]:
                problems.append(f"{resource['path']} is not an HSDS 3.0 table")
                continue
            text = archive.read(resource["path"]).decode("utf-8")
            rows = list(csv.DictReader(io.StringIO(text)))
            tables[resource["name"]] = rows
            problems += _table_problems(resource["path"], text, rows, standard)
    for name, rows in tables.items():
        standard = next(r for r in spec["resources"] if r["name"] == name)
        for key in standard["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            known = {r["id"] for r in tables.get(target, [])}
            for row in rows:
                value = row.get(key["fields"])
                if value and value not in known:
                    problems.append(
                        f"{name}.{key['fields']} {value} is not in {target}"
                    )
    return problems


def _table_problems(
    path: str, text: str, rows: list[dict[str, str]], standard: dict[str, Any]
) -> list[str]:
    fields = {f["name"]: f for f in standard["schema"]["fields"]}
    header = next(csv.reader(io.StringIO(text)))
    problems = [
        f"{path}: column {c} is not in HSDS 3.0" for c in header if c not in fields
    ]
    for name, field in fields.items():
        constraints = field.get("constraints") or {}
        values = [row.get(name) or "" for row in rows]
        if constraints.get("required") and any(not v for v in values):
            problems.append(f"{path}: {name} is required but empty")
        if constraints.get("unique") and len(set(values)) != len(values):
            problems.append(f"{path}: {name} is not unique")
        problems += [
            f"{path}: {name} {v!r} is not a valid {field.get('type')}"
            for v in values
            if v and not _ok(v, field)
        ][:3]
    return problems


def hsds_validator(shared: Path, name: str) -> Draft202012Validator:
    """A validator for one of HSDS 3.0's JSON Schemas (relative references resolved)."""
    folder = shared / "spec/hsds-3.0/schema"
    registry = Registry().with_resources(
        (BASE + p.name, Resource.from_contents(json.loads(p.read_text()), DRAFT202012))
        for p in folder.glob("*.json")
    )
    schema = json.loads((folder / name).read_text()) | {"$id": BASE + name}
    return Draft202012Validator(
        schema, registry=registry, format_checker=FormatChecker()
    )
