"""Scheduled re-imports: each source on its own schedule; staff are told when a
source keeps failing."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlmodel import Session, col, select

from directory_app.db import get_engine
from directory_app.imports import ImportError_, run_import
from directory_app.models import ImportRun, Source, utcnow
from directory_app.notices import tell_staff

DEFAULT_HOURS = 24
FAILURES_BEFORE_ALERT = 3


def every_hours(source: Source) -> int:
    """How often a source is re-imported (its ``every_hours`` option, default 24)."""
    hours = (source.options or {}).get("every_hours", DEFAULT_HOURS)
    return hours if isinstance(hours, int) and hours > 0 else DEFAULT_HOURS


def recent_runs(session: Session, source_id: str, count: int) -> list[ImportRun]:
    """A source's latest runs, newest first."""
    query = (
        select(ImportRun)
        .where(col(ImportRun.source_id) == source_id)
        .order_by(col(ImportRun.started_at).desc())
        .limit(count)
    )
    return list(session.exec(query).all())


def due_sources(session: Session) -> list[Source]:
    """Enabled, repeating sources whose last run is older than their schedule."""
    now = utcnow()
    due = []
    for source in session.exec(select(Source).where(col(Source.enabled))).all():
        if source.one_off:
            continue
        last = recent_runs(session, source.id, 1)
        started = last[0].started_at if last else None
        if started is not None and started.tzinfo is None:
            started = started.replace(tzinfo=now.tzinfo)
        if started is None or now - started >= timedelta(hours=every_hours(source)):
            due.append(source)
    return due


def next_run_at(session: Session, source: Source) -> object:
    """When a source is next due (None: at the next check, or never if off)."""
    if not source.enabled or source.one_off:
        return None
    last = recent_runs(session, source.id, 1)
    return last[0].started_at + timedelta(hours=every_hours(source)) if last else None


def reimport_due(app: Flask) -> dict[str, int]:
    """Run every due source; alert staff about one failing again and again."""
    with Session(get_engine(app), expire_on_commit=False) as session:
        sources = due_sources(session)
    counts = {"succeeded": 0, "failed": 0}
    for source in sources:
        try:
            run = run_import(app, source.id)
        except ImportError_:  # someone is importing it right now
            counts["busy"] = counts.get("busy", 0) + 1
            continue
        counts[run.status] = counts.get(run.status, 0) + 1
        if run.status == "failed":
            _alert_if_failing(app, source, run)
    return counts


def _alert_if_failing(app: Flask, source: Source, run: ImportRun) -> None:
    with Session(get_engine(app)) as session:
        runs = recent_runs(session, source.id, FAILURES_BEFORE_ALERT + 1)
    failed = 0
    for past in runs:
        if past.status != "failed":
            break
        failed += 1
    if failed != FAILURES_BEFORE_ALERT:  # once per run of failures, not every time
        return
    with app.app_context():
        tell_staff(
            f"Source {source.name} has failed {failed} times in a row",
            f"The last {failed} imports of “{source.name}” ({source.location}) "
            f"failed. The latest said:\n\n{run.error}\n\nIts listings are kept as "
            "they were; they will go stale if nobody fixes the source.",
        )
