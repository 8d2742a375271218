"""Keeping the search index in step with the store.

The store is the truth. ``rebuild`` makes the index afresh; ``apply_changes`` follows
the change log from the sequence number the index last applied; ``check`` compares the
two and repairs any difference. Only one process writes at a time (Whoosh's lock).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func
from sqlmodel import Session, col, select

from directory_app.db import get_engine
from directory_app.models import ChangeLog, ReviewState, Service
from directory_app.packages import load_packages
from directory_app.present import cost_summary, is_free, schedule_summary, terms_of
from importers.normalise.text import html_to_text
from search_index import IndexMissing, SearchIndex

HIDDEN_STATUSES = {"defunct", "inactive"}
BATCH = 500


def index_path(app: Flask) -> Path:
    """Where this app keeps its index."""
    return Path(app.config["INDEX_DIR"])


def get_index(app: Flask) -> SearchIndex:
    """The process's open index; IndexMissing when none has been built."""
    cached = app.extensions.get("search_index")
    if cached is None:
        cached = SearchIndex.open(index_path(app))
        app.extensions["search_index"] = cached
    return cached


def is_listed(pkg: dict[str, Any], review: ReviewState | None) -> bool:
    """Whether a listing may be found: not withdrawn, defunct or inactive."""
    if review is not None and review.withdrawn_at is not None:
        return False
    return pkg.get("status") not in HIDDEN_STATUSES


def documents_for(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """The index documents of one service: one per location, or one with no place."""
    categories = terms_of(pkg, "directory-category")
    org = pkg.get("organization") or {}
    base = {
        "service_id": pkg["id"],
        "name": pkg["name"],
        "organisation": org.get("name", ""),
        "description": html_to_text(pkg.get("description")),
        "terms": " ".join(a["taxonomy_term"]["name"] for a in pkg["attributes"]),
        "categories": ",".join(t.get("code") or t["name"] for t in categories),
        "status": pkg.get("status", "active"),
        "free": is_free(pkg),
        "summary": {
            "when": schedule_summary(pkg.get("schedules", [])),
            "cost": cost_summary(pkg),
            "alert": pkg.get("alert") or "",
        },
    }
    docs = []
    for sal in pkg.get("service_at_locations", []):
        loc = sal["location"]
        doc = dict(base, doc_id=sal["id"])
        if loc.get("latitude") is not None and loc.get("longitude") is not None:
            doc["lat"], doc["lon"] = loc["latitude"], loc["longitude"]
        doc["summary"] = dict(
            base["summary"], location=loc.get("name") or "", location_id=loc["id"]
        )
        docs.append(doc)
    return docs or [dict(base, doc_id=pkg["id"])]


def listed_documents(
    session: Session,
    ids: Iterable[str],
    packages: Mapping[str, dict[str, Any]] | None = None,
) -> Iterator[dict[str, Any]]:
    """Documents for those of ``ids`` that may be found, read in batches.

    ``packages`` are listings the caller has just stored, used as they are instead
    of being read back.
    """
    ids, packages = list(ids), packages or {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        query = select(ReviewState).where(col(ReviewState.service_id).in_(chunk))
        reviews = {r.service_id: r for r in session.exec(query)}
        known = {sid: packages[sid] for sid in chunk if sid in packages}
        loaded = load_packages(session, [sid for sid in chunk if sid not in known])
        for sid, pkg in (known | loaded).items():
            if is_listed(pkg, reviews.get(sid)):
                yield from documents_for(pkg)


def _last_seq(session: Session) -> int:
    return session.execute(select(func.max(col(ChangeLog.seq)))).scalar() or 0


def rebuild(app: Flask) -> int:
    """Build the index afresh from the store; returns how many documents it holds."""
    path = index_path(app)
    with Session(get_engine(app)) as session:
        seq = _last_seq(session)
        ids = list(session.exec(select(Service.id)))
        index = _open_or_create(path)
        count = index.replace_all(listed_documents(session, ids))
    index.set_state(seq=seq)
    app.extensions.pop("search_index", None)
    return count


def _open_or_create(path: Path) -> SearchIndex:
    try:
        return SearchIndex.open(path)
    except IndexMissing:
        return SearchIndex.create(path)


def apply_changes(
    app: Flask,
    index: SearchIndex | None = None,
    packages: Mapping[str, dict[str, Any]] | None = None,
) -> int:
    """Apply change-log rows the index has not seen; returns how many services.

    ``packages``: listings just stored by the caller (see ``listed_documents``).
    """
    index = index or get_index(app)
    last = int(index.state().get("seq", 0))
    with Session(get_engine(app)) as session:
        rows = session.execute(
            select(col(ChangeLog.seq), ChangeLog.service_id)
            .where(col(ChangeLog.seq) > last)
            .order_by(col(ChangeLog.seq))
        ).all()
        if not rows:
            return 0
        ids = list(dict.fromkeys(sid for _, sid in rows))
        docs = list(listed_documents(session, ids, packages))
    index.update(ids, docs)
    index.set_state(seq=rows[-1][0])
    return len(ids)


@dataclass
class CheckReport:
    """What ``check`` found: services missing from the index, and ones extra in it."""

    missing: set[str]
    extra: set[str]

    @property
    def agrees(self) -> bool:
        """Whether index and store agree."""
        return not self.missing and not self.extra


def check(app: Flask, *, repair: bool = True) -> CheckReport:
    """Compare index and store by service; repair the difference if asked."""
    index = get_index(app)
    with Session(get_engine(app)) as session:
        ids = list(session.exec(select(Service.id)))
        expected = {doc["service_id"] for doc in listed_documents(session, ids)}
        indexed = index.service_ids()
        report = CheckReport(expected - indexed, indexed - expected)
        if repair and not report.agrees:
            changed = report.missing | report.extra
            index.update(changed, list(listed_documents(session, changed)))
    return report
