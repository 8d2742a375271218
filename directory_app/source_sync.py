"""A source's run through the sync path: batches, matching, withdrawal.

Source records (which listing each of a source's items became, and the item's
fingerprint) are read and written as plain rows in bulk: a run of 20,000 unchanged
items touches them with a handful of statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlmodel import Session

from directory_app.history import Actor, reinstate, withdraw
from directory_app.matching import (
    AUTO_MERGE,
    Match,
    MatchIndex,
    build_index,
    fingerprint,
)
from directory_app.models import (
    DuplicateCandidate,
    ImportRun,
    Source,
    SourceRecord,
    table_of,
    utcnow,
)
from directory_app.packages import rekey
from directory_app.sync import apply_packages
from importers.records import Problem, ServiceRecord

BATCH = 250
Row = dict[str, Any]


@dataclass
class Applied:
    """What a run's records did: field warnings, and the listings written."""

    warnings: list[Problem]
    written: dict[str, dict[str, Any]]


def apply_records(
    session: Session,
    source: Source,
    run: ImportRun,
    records: list[ServiceRecord],
    *,
    complete: bool = True,
    deleted: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
) -> Applied:
    """Apply one run's records; counts go on ``run``. The caller commits.

    ``complete``: the records are the whole source, so what is missing is withdrawn.
    ``deleted``: external ids the source says are gone (incremental feeds).
    Returns the field warnings of the items that changed, and the listings written
    (by id, as stored) so the index can be updated without reading them back.
    """
    table = table_of(SourceRecord)
    known: dict[str, Row] = {
        row["external_id"]: dict(row)
        for row in session.execute(
            table.select().where(table.c.source_id == source.id)
        ).mappings()
    }
    batch_run = _Run(session, source, run, known)
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        batch_run.apply(batch)
        if progress:
            progress(len(batch))
    gone = [known[ext] for ext in deleted if ext in known]
    if complete:
        gone = [row for row in known.values() if row["last_run_id"] != run.id]
    _withdraw_rows(session, source, run, batch_run.actor, gone)
    session.flush()
    return Applied(batch_run.warnings, batch_run.written)


class _Run:
    """One source's run: matches new items to listings, applies batches, counts."""

    def __init__(
        self, session: Session, source: Source, run: ImportRun, known: dict[str, Row]
    ) -> None:
        self.session, self.source, self.run, self.known = session, source, run, known
        self.actor = Actor.for_run(source, run)
        self.existing = {row["service_id"] for row in known.values()}
        self.warnings: list[Problem] = []
        self.written: dict[str, dict[str, Any]] = {}  # listings as stored, by id
        self._matcher: MatchIndex | None = None

    @property
    def matcher(self) -> MatchIndex:
        """Listings from other sources, built once, when first needed."""
        if self._matcher is None:
            self._matcher = build_index(self.session, self.source.id)
        return self._matcher

    def apply(self, batch: list[ServiceRecord]) -> None:
        """Apply a batch of records: skip the unchanged, match the new, store."""
        now, pending, untouched = utcnow(), [], []
        merged: set[str] = set()
        doubts: list[tuple[str, Match]] = []
        for record in batch:
            self.run.read += 1
            digest = record.digest
            seen = self.known.get(record.external_id)
            if seen and seen["content_hash"] == digest and not seen["withdrawn_at"]:
                untouched.append(seen)
                continue
            target = seen["service_id"] if seen else None
            pkg = rekey(self.source.id, record.data, service_id=target)
            if seen is None:
                pkg = self._match(record, pkg, merged, doubts)
            self.warnings.extend(record.warnings)
            pending.append((record, digest, pkg))
        self._touch(untouched, now)
        changes = apply_packages(
            self.session,
            [p for _, _, p in pending],
            self.actor,
            existing=self.existing | merged,
        )
        fresh: list[Row] = []
        changed: list[Row] = []
        for (record, digest, pkg), change in zip(pending, changes, strict=True):
            outcome = "merged" if pkg["id"] in merged else change.outcome
            if change.package is not None:
                self.written[change.service_id] = change.package
            row = self._keep(record, digest, pkg["id"], now)
            (fresh if "id" not in row else changed).append(row)
            if row.pop("reinstate", False):
                reinstate(self.session, pkg["id"], self.actor)
                outcome = "updated"
            setattr(self.run, outcome, getattr(self.run, outcome) + 1)
        self._write(fresh, changed)
        for sid, match in doubts:
            self.session.add(
                DuplicateCandidate(
                    service_id=sid,
                    other_id=match.service_id,
                    score=match.score,
                    evidence=match.evidence,
                )
            )

    def _match(
        self,
        record: ServiceRecord,
        pkg: dict[str, Any],
        merged: set[str],
        doubts: list[tuple[str, Match]],
    ) -> dict[str, Any]:
        if not self.matcher.prints:  # no listing from any other source
            return pkg
        match = self.matcher.best(fingerprint(pkg))
        if match is None:
            return pkg
        if match.score < AUTO_MERGE:
            doubts.append((pkg["id"], match))
            return pkg
        self.matcher.remove(match.service_id)  # one item per listing per source
        merged.add(match.service_id)
        return rekey(self.source.id, record.data, service_id=match.service_id)

    def _keep(self, record: ServiceRecord, digest: str, sid: str, now: datetime) -> Row:
        """The source record for an applied item, new or updated, as a row."""
        seen = self.known.get(record.external_id)
        if seen is None:
            seen = {
                "source_id": self.source.id,
                "external_id": record.external_id,
                "service_id": sid,
                "first_seen": now,
                "withdrawn_at": None,
            }
            self.known[record.external_id] = seen
            self.existing.add(sid)
        elif seen["withdrawn_at"] is not None:
            seen["withdrawn_at"], seen["reinstate"] = None, True
        seen.update(content_hash=digest, last_seen=now, last_run_id=self.run.id)
        return seen

    def _touch(self, rows: list[Row], now: datetime) -> None:
        """Note that unchanged items were seen again in this run."""
        for row in rows:
            row["last_seen"], row["last_run_id"] = now, self.run.id
        self.run.unchanged += len(rows)
        _update_rows(self.session, rows, ("last_seen", "last_run_id"))

    def _write(self, fresh: list[Row], changed: list[Row]) -> None:
        if fresh:
            self.session.execute(insert(table_of(SourceRecord)), fresh)
        _update_rows(
            self.session,
            changed,
            ("content_hash", "last_seen", "last_run_id", "withdrawn_at"),
        )


def _update_rows(session: Session, rows: list[Row], columns: tuple[str, ...]) -> None:
    """Write some columns of source-record rows back, by id, in one statement."""
    if not rows:
        return
    table = table_of(SourceRecord)
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({name: bindparam(f"new_{name}") for name in columns})
    )
    session.execute(
        statement,
        [{"row_id": r["id"], **{f"new_{n}": r[n] for n in columns}} for r in rows],
    )


def _withdraw_rows(
    session: Session, source: Source, run: ImportRun, actor: Actor, rows: list[Row]
) -> None:
    now = utcnow()
    gone = [row for row in rows if row["withdrawn_at"] is None and "id" in row]
    for row in gone:
        row["withdrawn_at"] = now
    _update_rows(session, gone, ("withdrawn_at",))
    for row in gone:
        withdraw(
            session, row["service_id"], actor, f"no longer listed by {source.name}"
        )
        run.withdrawn += 1
