"""How long a listing stays fresh: months from its last check until it is due.

The directory's default (REVIEW_MONTHS, 6), shortened for some categories
(REVIEW_MONTHS_BY_CATEGORY, e.g. money advice every 3 months, since rules and
opening hours there change often) and for some sources (a source's
``review_months`` option). Where several apply, the shortest wins: a listing is
as fresh as its most demanding rule allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, has_app_context
from sqlmodel import Session, col, select

from directory_app.models import Source, SourceRecord

DEFAULT_MONTHS = 6


@dataclass(frozen=True)
class ReviewPolicy:
    """Review periods in months: the default, by category code, by source id."""

    months: int = DEFAULT_MONTHS
    by_category: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)

    def months_for(self, pkg: dict[str, Any], source_ids: Iterable[str] = ()) -> int:
        """The review period of one listing (its categories, its sources)."""
        found = [self.months]
        for attr in pkg.get("attributes") or []:
            term = attr.get("taxonomy_term") or {}
            if term.get("taxonomy") == "directory-category":
                found.append(self.by_category.get(term.get("code") or "", self.months))
        found += [self.by_source[s] for s in source_ids if s in self.by_source]
        return max(1, min(found))


def current_policy(session: Session) -> ReviewPolicy:
    """The policy from the app's settings and the sources' options."""
    config: Any = current_app.config if has_app_context() else {}
    by_source = {}
    for source_id, options in session.exec(select(Source.id, Source.options)).all():
        months = (options or {}).get("review_months")
        if isinstance(months, int) and months > 0:
            by_source[source_id] = months
    return ReviewPolicy(
        int(config.get("REVIEW_MONTHS") or DEFAULT_MONTHS),
        dict(config.get("REVIEW_MONTHS_BY_CATEGORY") or {}),
        by_source,
    )


def sources_of(session: Session, ids: list[str]) -> dict[str, list[str]]:
    """The sources that list each of these services."""
    found: dict[str, list[str]] = {}
    if not ids:
        return found
    rows = session.exec(
        select(SourceRecord.service_id, SourceRecord.source_id).where(
            col(SourceRecord.service_id).in_(ids)
        )
    )
    for sid, source_id in rows:
        found.setdefault(sid, []).append(source_id)
    return found
