"""Every scheduled job, declared in one table with its trigger.

The scheduler process (``directory scheduler``) runs these; web workers never do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import Flask

from directory_app import indexing, listing_actions
from directory_app.db import session_scope
from search_index import IndexMissing


@dataclass(frozen=True)
class Job:
    """A job: what it runs, when, and whether a run that did nothing is recorded."""

    name: str
    run: Callable[[Flask], str | None]
    trigger: str
    trigger_args: dict[str, Any] = field(default_factory=dict)
    record_idle: bool = True


def follow_change_log(app: Flask) -> str | None:
    """Apply store changes to the search index (None when there were none)."""
    try:
        changed = indexing.apply_changes(app)
    except IndexMissing:
        count = indexing.rebuild(app)
        return f"index was missing; rebuilt with {count} documents"
    return f"{changed} services re-indexed" if changed else None


def check_index(app: Flask) -> str:
    """Compare index and store, and repair any difference."""
    report = indexing.check(app)
    if report.agrees:
        return "index and store agree"
    return f"repaired: {len(report.missing)} missing, {len(report.extra)} extra"


def reopen_listings(app: Flask) -> str | None:
    """Reopen temporarily closed listings whose reopening day has come."""
    with session_scope(app) as session:
        ids = listing_actions.reopen_due(session, datetime.now(UTC).date())
    return f"{len(ids)} listings reopened" if ids else None


JOBS: tuple[Job, ...] = (
    Job(
        "follow-change-log",
        follow_change_log,
        "interval",
        {"seconds": 1},
        record_idle=False,
    ),
    Job("index-check", check_index, "interval", {"hours": 1}),
    Job("reopen-listings", reopen_listings, "cron", {"minute": 5}, record_idle=False),
)
