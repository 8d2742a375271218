"""Validators for the Open Referral UK 3.0 JSON Schemas in ../shared, read in place."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/"


def oruk_validator(shared: Path, name: str) -> Draft202012Validator:
    """A validator for one of the standard's schemas (formats checked too)."""
    folder = shared / "spec/oruk-3.0/schema"
    registry = Registry().with_resources(
        (
            SCHEMA_URL + path.name,
            Resource.from_contents(json.loads(path.read_text()), DRAFT202012),
        )
        for path in folder.glob("*.json")
    )
    schema = json.loads((folder / name).read_text())
    return Draft202012Validator(
        schema, registry=registry, format_checker=FormatChecker()
    )


def errors_of(validator: Draft202012Validator, document: object) -> list[str]:
    """Every error, with where it is."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]
