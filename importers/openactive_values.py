"""Reading JSON-LD values as OpenActive publishers write them."""

from __future__ import annotations

import re
from typing import Any

from importers.normalise.text import clean_text


def kind_of(data: dict[str, Any]) -> str:
    """The type of an OpenActive object, from '@type' (2.x) or 'type' (1.0)."""
    return (clean_text(data.get("@type") or data.get("type")) or "").removeprefix(
        "beta:"
    )


def ref_of(value: object) -> str | None:
    """The id a reference carries: an embedded object's '@id' or 'id', or a URL."""
    if isinstance(value, dict):
        return clean_text(value.get("@id") or value.get("id"))
    return clean_text(value)


def as_list(value: object) -> list[Any]:
    """A value that may be one thing or a list, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def tail(value: object) -> str:
    """The last part of a URL-like value: 'https://schema.org/Monday' -> 'Monday'."""
    text = clean_text(value) or ""
    return re.split(r"[/#]", text.rstrip("/"))[-1]


def label_of(value: object) -> str | None:
    """A Concept's prefLabel, or a plain string."""
    if isinstance(value, dict):
        return clean_text(value.get("prefLabel") or value.get("name"))
    return clean_text(value)
