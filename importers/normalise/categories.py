"""Sources' own categories mapped to the directory's vocabularies.

Mapping tables live in ``data/taxonomy/maps/*.csv`` with the columns
``source,term,category``: ``source`` names the vocabulary (``openactive``, ``ohana``,
``outpost``...), ``term`` is the source's label or id (matched without regard to case),
``category`` is a code of the ``directory-category`` vocabulary in
``data/taxonomy/directory.json``.
"""

from __future__ import annotations

import csv
import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "data" / "taxonomy"
TAXONOMY_URL = "https://sp-directory.uk/taxonomy/"


@cache
def vocabularies() -> dict[str, dict[str, Any]]:
    """The directory's own vocabularies: name -> {label, terms: {code: label}}."""
    data = json.loads((DATA / "directory.json").read_text())
    vocabs: dict[str, dict[str, Any]] = data["vocabularies"]
    return vocabs


@cache
def _maps() -> dict[tuple[str, str], tuple[str, ...]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted((DATA / "maps").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row["source"].strip().lower(), row["term"].strip().lower())
                found.setdefault(key, []).append(row["category"].strip())
    return {key: tuple(dict.fromkeys(codes)) for key, codes in found.items()}


def map_terms(source: str, terms: list[str]) -> list[str]:
    """Directory category codes for a source's terms, in order, without repeats."""
    table = _maps()
    codes: list[str] = []
    for term in terms:
        codes.extend(table.get((source.lower(), term.strip().lower()), ()))
    return list(dict.fromkeys(codes))


def directory_term_id(vocabulary: str, code: str) -> str:
    """The id of a term in one of the directory's own vocabularies."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{TAXONOMY_URL}{vocabulary}/{code}"))


def directory_attribute(vocabulary: str, code: str) -> dict[str, Any]:
    """An ORUK attribute naming one term of the directory's own vocabularies."""
    label = vocabularies()[vocabulary]["terms"][code]
    term_id = directory_term_id(vocabulary, code)
    return {
        "id": f"{vocabulary}:{code}",
        "link_type": vocabulary.removeprefix("directory-"),
        "taxonomy_term": {
            "id": term_id,
            "name": label,
            "description": label,
            "taxonomy": vocabulary,
            "term": code,
        },
    }
