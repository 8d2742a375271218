"""Every scheduled job, declared in one table with its trigger.

The scheduler process (``directory scheduler``) runs these; web workers never do.
A job returns what it did: words, counts (recorded with the run), or None when it
had nothing to do. ``lease`` says who may run it: ``jobs`` jobs run in one
scheduler however many are started; ``index`` jobs look after this machine's own
search index, so one scheduler per machine runs them (see ``lease.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import Flask

from directory_app import backups, indexing, link_checks, listing_actions
from directory_app.auth import forget_old_links
from directory_app.db import session_scope
from directory_app.reimports import reimport_due
from directory_app.review_cycle import run_cycle
from directory_app.search_log import roll_up
from search_index import IndexMissing

Outcome = str | dict[str, int] | None


@dataclass(frozen=True)
class Job:
    """A job: what it runs, when, who may run it, whether idle runs are recorded."""

    name: str
    run: Callable[[Flask], Outcome]
    trigger: str
    trigger_args: dict[str, Any] = field(default_factory=dict)
    record_idle: bool = True
    lease: str = "jobs"  # jobs: one scheduler anywhere; index: one per machine
    says: str = ""


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


def review_cycle(app: Flask) -> dict[str, int]:
    """Remind groups of listings due for review, tell staff, mark stale."""
    with session_scope(app) as session:
        return run_cycle(session, datetime.now(UTC).date()).counts()


def check_links(app: Flask) -> dict[str, int]:
    """Check every website, referral-form and booking link."""
    checker = link_checks.Checker(app.config.get("LINK_CHECK_ALLOW") or [])
    with session_scope(app) as session:
        return link_checks.check_links(session, checker)


def back_up(app: Flask) -> str:
    """Back the store up, and remove backups older than the retention."""
    path = backups.backup_now(app)
    removed = backups.prune(app)
    return f"wrote {path.name}; removed {len(removed)} old"


def tidy(app: Flask) -> str | None:
    """Forget sign-in links that can no longer be used."""
    with session_scope(app) as session:
        count = forget_old_links(session)
    return f"forgot {count} old sign-in links" if count else None


JOBS: tuple[Job, ...] = (
    Job(
        "follow-change-log",
        follow_change_log,
        "interval",
        {"seconds": 1},
        record_idle=False,
        lease="index",
        says="every second",
    ),
    Job(
        "index-check",
        check_index,
        "interval",
        {"hours": 1},
        lease="index",
        says="hourly",
    ),
    Job(
        "search-gaps",
        roll_up,
        "interval",
        {"minutes": 5},
        record_idle=False,
        lease="index",
        says="every 5 minutes",
    ),
    Job(
        "reopen-listings",
        reopen_listings,
        "cron",
        {"minute": 5},
        says="hourly, at 5 past",
    ),
    Job(
        "review-cycle",
        review_cycle,
        "cron",
        {"hour": 7, "minute": 0},
        says="daily at 07:00",
    ),
    Job(
        "reimport-sources",
        reimport_due,
        "interval",
        {"minutes": 15},
        says="every 15 minutes: each source when due (every_hours, default 24)",
    ),
    Job(
        "link-check",
        check_links,
        "cron",
        {"day_of_week": "sun", "hour": 2},
        says="weekly, Sunday 02:00",
    ),
    Job("backup", back_up, "cron", {"hour": 1, "minute": 30}, says="nightly at 01:30"),
    Job(
        "tidy",
        tidy,
        "cron",
        {"hour": 3, "minute": 15},
        record_idle=False,
        says="nightly at 03:15",
    ),
)
