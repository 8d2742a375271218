"""The one path by which listings change: imports and people's edits alike.

``apply_packages`` stores service packages with field-level provenance, a new version
and a change-log row each; a field last set by a person is never overwritten by an
import (the imported value becomes a suggested update). ``apply_records`` runs a
source's records through it in batches and withdraws what the source no longer lists.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Callable, Iterable
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
    SuggestedUpdate,
    table_of,
    utcnow,
)
from directory_app.packages import (
    canonical,
    load_packages,
    rekey,
    upsert,
    write_packages,
)
from importers.records import ServiceRecord

REVIEW_MONTHS = 6
BATCH = 250


@dataclass(frozen=True)
class Actor:
    """Who is making a change: a source (in an import run) or a person."""

    kind: str  # source or person
    name: str
    source_id: str | None = None
    run_id: int | None = None

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


def content_hash(data: dict[str, Any]) -> str:
    """A fingerprint of a record's content, to skip unchanged items quickly."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def apply_records(
    session: Session,
    source: Source,
    run: ImportRun,
    records: list[ServiceRecord],
    *,
    complete: bool = True,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Apply one run's records; counts go on ``run``. The caller commits."""
    actor = Actor.for_run(source, run)
    known = {
        sr.external_id: sr
        for sr in session.exec(
            select(SourceRecord).where(col(SourceRecord.source_id) == source.id)
        )
    }
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        _apply_batch(session, source, run, actor, batch, known)
        if progress:
            progress(len(batch))
    if complete:
        _withdraw_missing(session, source, run, actor, known)
    session.flush()


def _apply_batch(
    session: Session,
    source: Source,
    run: ImportRun,
    actor: Actor,
    batch: list[ServiceRecord],
    known: dict[str, SourceRecord],
) -> None:
    now, pending = utcnow(), []
    for record in batch:
        run.read += 1
        digest = content_hash(record.data)
        seen = known.get(record.external_id)
        if seen and seen.content_hash == digest and seen.withdrawn_at is None:
            seen.last_seen, seen.last_run_id = now, run.id
            run.unchanged += 1
        else:
            pending.append((record, digest, rekey(source.id, record.data)))
    changes = apply_packages(session, [pkg for _, _, pkg in pending], actor)
    for (record, digest, pkg), change in zip(pending, changes, strict=True):
        seen = known.get(record.external_id)
        outcome = change.outcome
        if seen is None:
            seen = SourceRecord(
                source_id=source.id,
                external_id=record.external_id,
                service_id=pkg["id"],
                content_hash=digest,
            )
            known[record.external_id] = seen
        elif seen.withdrawn_at is not None:
            seen.withdrawn_at = None
            reinstate(session, pkg["id"], actor)
            outcome = "updated"
        seen.content_hash, seen.last_seen, seen.last_run_id = digest, now, run.id
        session.add(seen)
        setattr(run, outcome, getattr(run, outcome) + 1)


def _withdraw_missing(
    session: Session,
    source: Source,
    run: ImportRun,
    actor: Actor,
    known: dict[str, SourceRecord],
) -> None:
    now = utcnow()
    for gone in known.values():
        if gone.last_run_id != run.id and gone.withdrawn_at is None:
            gone.withdrawn_at = now
            session.add(gone)
            withdraw(
                session, gone.service_id, actor, f"no longer listed by {source.name}"
            )
            run.withdrawn += 1


def apply_package(session: Session, pkg: dict[str, Any], actor: Actor) -> str:
    """Store one rekeyed package; 'created', 'updated' or 'unchanged'."""
    return apply_packages(session, [pkg], actor)[0].outcome


def apply_packages(
    session: Session, pkgs: list[dict[str, Any]], actor: Actor
) -> list[Change]:
    """Store rekeyed packages with provenance, versions and change-log rows."""
    if not pkgs:
        return []
    ids = [pkg["id"] for pkg in pkgs]
    olds = load_packages(session, ids)
    provenance = _provenance(session, ids)
    changes, to_write = [], []
    for pkg in pkgs:
        old = olds.get(pkg["id"])
        if old is None:
            fields = [
                f for f in pkg if f != "id" and canonical(pkg[f]) not in (None, [])
            ]
            changes.append(Change(pkg["id"], "created", fields))
            to_write.append(pkg)
            continue
        merged, fields = _merge(session, old, pkg, provenance.get(pkg["id"], {}), actor)
        changes.append(Change(pkg["id"], "updated" if fields else "unchanged", fields))
        if fields:
            to_write.append(merged)
    if to_write:
        write_packages(session, to_write)
        done = [c for c in changes if c.outcome != "unchanged"]
        _record_provenance(session, done, actor)
        _record_versions(session, to_write, done, actor)
        _update_reviews(session, to_write, actor)
        session.execute(
            insert(table_of(ChangeLog)),
            [
                {"service_id": c.service_id, "action": "upsert", "at": utcnow()}
                for c in done
            ],
        )
    return changes


def _provenance(
    session: Session, ids: list[str]
) -> dict[str, dict[str, FieldProvenance]]:
    found: dict[str, dict[str, FieldProvenance]] = {}
    rows = session.exec(
        select(FieldProvenance).where(col(FieldProvenance.service_id).in_(ids))
    )
    for row in rows:
        found.setdefault(row.service_id, {})[row.field] = row
    return found


def _merge(
    session: Session,
    old: dict[str, Any],
    new: dict[str, Any],
    provenance: dict[str, FieldProvenance],
    actor: Actor,
) -> tuple[dict[str, Any], list[str]]:
    merged, changed = dict(new), []
    for field in (key for key in new if key != "id"):
        if canonical(new[field]) == canonical(old.get(field)):
            continue
        held = provenance.get(field)
        if actor.kind == "source" and held is not None and held.set_by_kind == "person":
            merged[field] = old.get(field)
            _suggest(session, old["id"], field, new[field], actor)
            continue
        changed.append(field)
    return merged, changed


def _suggest(session: Session, sid: str, field: str, value: Any, actor: Actor) -> None:
    assert actor.source_id is not None
    session.add(
        SuggestedUpdate(
            service_id=sid,
            field=field,
            value={"value": value},
            source_id=actor.source_id,
            run_id=actor.run_id,
        )
    )


def _record_provenance(session: Session, changes: list[Change], actor: Actor) -> None:
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
            for field in c.fields
        ],
    )


def _record_versions(
    session: Session, pkgs: list[dict[str, Any]], changes: list[Change], actor: Actor
) -> None:
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
                "summary": "created"
                if c.outcome == "created"
                else "changed " + ", ".join(sorted(c.fields)),
            }
            for pkg, c in zip(pkgs, changes, strict=True)
        ],
    )


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


def _update_reviews(
    session: Session, pkgs: Iterable[dict[str, Any]], actor: Actor
) -> None:
    pkgs = list(pkgs)
    query = select(ReviewState).where(
        col(ReviewState.service_id).in_([p["id"] for p in pkgs])
    )
    reviews = {r.service_id: r for r in session.exec(query)}
    for pkg in pkgs:
        review = reviews.get(pkg["id"]) or ReviewState(service_id=pkg["id"])
        vouched = _assured_at(pkg.get("assured_date"))
        if vouched and (
            review.last_verified_at is None or vouched > review.last_verified_at
        ):
            review.last_verified_at, review.verified_by = vouched, actor.name
        if actor.kind == "person":
            review.last_verified_at, review.verified_by = utcnow(), actor.name
        if review.last_verified_at is not None:
            review.next_review_due = add_months(
                review.last_verified_at.date(), REVIEW_MONTHS
            )
        session.add(review)


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
    data = load_packages(session, [sid]).get(sid, {"id": sid})
    _record_version(session, sid, data, actor, "listed again")
    session.add(ChangeLog(service_id=sid, action="upsert"))
