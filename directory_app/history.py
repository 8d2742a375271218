"""What every change leaves behind: provenance, versions, review state.

Listings are never lost: each change is a new version with who made it, and a
withdrawn listing is hidden, not deleted.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from directory_app.models import (
    ChangeLog,
    FieldProvenance,
    ImportRun,
    ListingVersion,
    ReviewState,
    Source,
    SourceRecord,
    table_of,
    utcnow,
)
from directory_app.packages import load_packages, upsert
from directory_app.review_policy import current_policy, sources_of

# Provenance of a new listing: every field was set by whoever created it, in one row.
EVERY_FIELD = "*"


@dataclass(frozen=True)
class Actor:
    """Who is making a change: a source (in an import run) or a person."""

    kind: str  # source or person
    name: str
    source_id: str | None = None
    run_id: int | None = None
    note: str | None = None  # said in the version's summary ("approved by ...")
    verifies: bool = True  # a person's change counts as checking the listing

    @classmethod
    def for_run(cls, source: Source, run: ImportRun) -> Actor:
        """The actor for an import run of a source."""
        return cls("source", source.name, source.id, run.id)


@dataclass
class Change:
    """What applying one package did."""

    service_id: str
    outcome: str  # created, updated or unchanged
    fields: list[str]
    package: dict[str, Any] | None = None  # what was written, when anything was


def record_provenance(session: Session, changes: list[Change], actor: Actor) -> None:
    """Note who set each changed field, and when (one row for a new listing)."""
    now = utcnow()
    upsert(
        session,
        FieldProvenance,
        [
            {
                "service_id": c.service_id,
                "field": field,
                "set_by_kind": actor.kind,
                "set_by": actor.name,
                "run_id": actor.run_id,
                "set_at": now,
            }
            for c in changes
            for field in ([EVERY_FIELD] if c.outcome == "created" else c.fields)
        ],
    )


def record_versions(
    session: Session, pkgs: list[dict[str, Any]], changes: list[Change], actor: Actor
) -> None:
    """A new version of each changed listing, numbered after its last."""
    ids = [pkg["id"] for pkg in pkgs]
    query = (
        select(ListingVersion.service_id, func.max(col(ListingVersion.version)))
        .where(col(ListingVersion.service_id).in_(ids))
        .group_by(col(ListingVersion.service_id))
    )
    last: dict[str, int] = dict(session.exec(query).all())
    now = utcnow()
    session.execute(
        insert(table_of(ListingVersion)),
        [
            {
                "service_id": pkg["id"],
                "version": last.get(pkg["id"], 0) + 1,
                "data": pkg,
                "changed_by_kind": actor.kind,
                "changed_by": actor.name,
                "changed_at": now,
                "summary": _summary(c, actor),
            }
            for pkg, c in zip(pkgs, changes, strict=True)
        ],
    )


def _summary(change: Change, actor: Actor) -> str:
    said = (
        "created"
        if change.outcome == "created"
        else "changed " + ", ".join(sorted(change.fields))
    )
    return f"{said} ({actor.note})" if actor.note else said


def _record_version(
    session: Session, sid: str, data: dict[str, Any], actor: Actor, summary: str
) -> None:
    last = session.exec(
        select(func.max(col(ListingVersion.version))).where(
            col(ListingVersion.service_id) == sid
        )
    ).one()
    session.add(
        ListingVersion(
            service_id=sid,
            version=(last or 0) + 1,
            data=data,
            changed_by_kind=actor.kind,
            changed_by=actor.name,
            summary=summary,
        )
    )


def update_reviews(
    session: Session, pkgs: Iterable[dict[str, Any]], actor: Actor
) -> None:
    """Record verification: a source's assured or modified date, or a person's edit.

    A new verification starts the review cycle afresh (no reminders sent, not stale).
    """
    pkgs = list(pkgs)
    ids = [p["id"] for p in pkgs]
    table = table_of(ReviewState)
    query = table.select().where(table.c.service_id.in_(ids))
    stored = {row["service_id"]: dict(row) for row in session.execute(query).mappings()}
    blank = {column.name: None for column in table.columns} | {"reminders_sent": 0}
    policy, sources = current_policy(session), sources_of(session, ids)
    now, rows = utcnow(), []
    for pkg in pkgs:
        row = stored.get(pkg["id"]) or dict(blank, service_id=pkg["id"])
        before = row["last_verified_at"]
        vouched = _vouched_at(pkg)
        if vouched and (before is None or vouched > before):
            row["last_verified_at"], row["verified_by"] = vouched, actor.name
        if actor.kind == "person" and actor.verifies:
            row["last_verified_at"], row["verified_by"] = utcnow(), actor.name
        months = policy.months_for(pkg, sources.get(pkg["id"], []))
        if row["last_verified_at"] is not None:
            row["next_review_due"] = add_months(row["last_verified_at"].date(), months)
        elif (
            row["next_review_due"] is None
        ):  # never checked: due a period after listing
            row["next_review_due"] = add_months(utcnow().date(), months)
        if row["last_verified_at"] != before:
            restart_cycle(row)
        row["changed_at"] = now  # only changed listings come here
        rows.append(row)
    upsert(session, ReviewState, rows)


def restart_cycle(row: Any) -> None:
    """Forget the reminders, escalation and staleness of an earlier review cycle."""
    for name in ("last_reminded_at", "escalated_at", "stale_since"):
        row[name] = None
    row["reminders_sent"] = 0


def _vouched_at(pkg: dict[str, Any]) -> datetime | None:
    """When the source last vouched for the listing (assured or modified date)."""
    dates = [_assured_at(pkg.get(k)) for k in ("assured_date", "last_modified")]
    return max((d for d in dates if d is not None), default=None)


def _assured_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).replace(tzinfo=UTC)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last of the month when it has fewer)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def withdraw(session: Session, sid: str, actor: Actor, reason: str) -> None:
    """Hide a listing (kept, with its history) unless another source still has it."""
    session.flush()
    others = session.exec(
        select(SourceRecord).where(
            col(SourceRecord.service_id) == sid,
            col(SourceRecord.withdrawn_at).is_(None),
        )
    ).first()
    if others is not None:
        return
    review = session.get(ReviewState, sid) or ReviewState(service_id=sid)
    review.withdrawn_at, review.withdrawn_reason = utcnow(), reason
    review.changed_at = review.withdrawn_at
    session.add(review)
    data = load_packages(session, [sid]).get(sid, {"id": sid})
    _record_version(session, sid, data, actor, f"withdrawn: {reason}")
    session.add(ChangeLog(service_id=sid, action="withdraw"))


def reinstate(session: Session, sid: str, actor: Actor) -> None:
    """Show a withdrawn listing again, because its source lists it once more."""
    review = session.get(ReviewState, sid)
    if review is None or review.withdrawn_at is None:
        return
    review.withdrawn_at, review.withdrawn_reason = None, None
    review.changed_at = utcnow()
    data = load_packages(session, [sid]).get(sid, {"id": sid})
    _record_version(session, sid, data, actor, "listed again")
    session.add(ChangeLog(service_id=sid, action="upsert"))
