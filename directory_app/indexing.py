"""Keeping the search index in step with the store.

The store is the truth. ``rebuild`` makes the index afresh; ``apply_changes`` follows
the change log from the sequence number the index last applied; ``check`` compares the
two and repairs any difference. Only one process writes at a time (Whoosh's lock).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func
from sqlmodel import Session, col, select

from directory_app.config import PROJECT_ROOT
from directory_app.db import get_engine
from directory_app.documents import documents_for
from directory_app.models import ChangeLog, ReviewState, Service
from directory_app.packages import load_packages
from search_index import SearchIndex
from search_index.words import load_synonyms

HIDDEN_STATUSES = {"defunct", "inactive"}
BATCH = 500


def index_path(app: Flask) -> Path:
    """Where this app keeps its index."""
    return Path(app.config["INDEX_DIR"])


SYNONYMS = PROJECT_ROOT / "data" / "synonyms.txt"
BUILD_FILE = "BUILD"  # a new id at every rebuild, so web workers reopen
LATE_WINDOW = 500  # how far back the follower looks for changes that committed late


@cache
def synonyms() -> dict[str, list[str]]:
    """The UK synonym groups in data/synonyms.txt."""
    return load_synonyms(SYNONYMS)


def get_index(app: Flask) -> SearchIndex:
    """The process's open index, reopened after a rebuild; IndexMissing if none."""
    path = index_path(app)
    build = _build_of(path)
    cached = app.extensions.get("search_index")
    if cached is None or app.extensions.get("search_index_build") != build:
        cached = SearchIndex.open(path)
        cached.synonyms = synonyms()
        app.extensions["search_index"] = cached
        app.extensions["search_index_build"] = build
    return cached


def _build_of(path: Path) -> str:
    try:
        return (path / BUILD_FILE).read_text()
    except OSError:
        return ""


def is_listed(
    pkg: dict[str, Any], review: ReviewState | None, hide_stale: bool = False
) -> bool:
    """Whether a listing may be found: not withdrawn, defunct or inactive (nor
    stale, when the directory hides stale listings)."""
    if review is not None and review.withdrawn_at is not None:
        return False
    if hide_stale and review is not None and review.stale_since is not None:
        return False
    return pkg.get("status") not in HIDDEN_STATUSES


def hides_stale(app: Flask) -> bool:
    """Whether this directory hides stale listings rather than marking them."""
    return bool(app.config.get("HIDE_STALE"))


def listed_documents(
    session: Session,
    ids: Iterable[str],
    packages: Mapping[str, dict[str, Any]] | None = None,
    *,
    hide_stale: bool = False,
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
            if is_listed(pkg, reviews.get(sid), hide_stale):
                yield from documents_for(pkg, reviews.get(sid))


def _last_seq(session: Session) -> int:
    return session.execute(select(func.max(col(ChangeLog.seq)))).scalar() or 0


def rebuild(app: Flask) -> int:
    """Build the index afresh beside the old one, then swap it in; returns its size.

    Searches go on against the old index (if it can be read) until the swap; web
    workers see the new build's marker and reopen.
    """
    path = index_path(app)
    fresh = path.with_name(path.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    with Session(get_engine(app)) as session:
        seq = _last_seq(session)
        ids = list(session.exec(select(Service.id)))
        index = SearchIndex.create(fresh)
        count = index.replace_all(
            listed_documents(session, ids, hide_stale=hides_stale(app))
        )
    index.set_state(seq=seq, recent=list(range(max(0, seq - LATE_WINDOW) + 1, seq + 1)))
    (fresh / BUILD_FILE).write_text(uuid.uuid4().hex)
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    fresh.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    app.extensions.pop("search_index", None)
    return count


def apply_changes(
    app: Flask,
    index: SearchIndex | None = None,
    packages: Mapping[str, dict[str, Any]] | None = None,
) -> int:
    """Apply change-log rows the index has not seen; returns how many services.

    ``packages``: listings just stored by the caller (see ``listed_documents``).
    """
    index = index or get_index(app)
    state = index.state()
    last, recent = int(state.get("seq", 0)), set(state.get("recent", []))
    with Session(get_engine(app)) as session:
        window = session.execute(
            select(col(ChangeLog.seq), ChangeLog.service_id)
            .where(col(ChangeLog.seq) > last - LATE_WINDOW)
            .order_by(col(ChangeLog.seq))
        ).all()
        # A row at or below ``last`` not yet applied committed late (PostgreSQL
        # transactions can commit out of sequence order): apply it too.
        rows: list[tuple[int, str]] = [
            (seq, sid) for seq, sid in window if seq > last or seq not in recent
        ]
        if not rows:
            return 0
        ids = list(dict.fromkeys(sid for _, sid in rows))
        docs = list(
            listed_documents(session, ids, packages, hide_stale=hides_stale(app))
        )
    index.update(ids, docs)
    top = max(last, rows[-1][0])
    recent |= {seq for seq, _ in rows}
    index.set_state(seq=top, recent=sorted(s for s in recent if s > top - LATE_WINDOW))
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
        expected = {
            doc["service_id"]
            for doc in listed_documents(session, ids, hide_stale=hides_stale(app))
        }
        indexed = index.service_ids()
        report = CheckReport(expected - indexed, indexed - expected)
        if repair and not report.agrees:
            changed = report.missing | report.extra
            index.update(
                changed,
                list(listed_documents(session, changed, hide_stale=hides_stale(app))),
            )
    return report
