"""A source's run through the sync path: batches, matching, withdrawal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

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
    utcnow,
)
from directory_app.packages import rekey
from directory_app.sync import apply_packages, content_hash
from importers.records import ServiceRecord

BATCH = 250


def apply_records(
    session: Session,
    source: Source,
    run: ImportRun,
    records: list[ServiceRecord],
    *,
    complete: bool = True,
    deleted: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
) -> None:
    """Apply one run's records; counts go on ``run``. The caller commits.

    ``complete``: the records are the whole source, so what is missing is withdrawn.
    ``deleted``: external ids the source says are gone (incremental feeds).
    """
    known = {
        sr.external_id: sr
        for sr in session.exec(
            select(SourceRecord).where(col(SourceRecord.source_id) == source.id)
        )
    }
    batch_run = _Run(session, source, run, known)
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        batch_run.apply(batch)
        if progress:
            progress(len(batch))
    gone = [known[ext] for ext in deleted if ext in known]
    if complete:
        gone = [sr for sr in known.values() if sr.last_run_id != run.id]
    _withdraw_records(session, source, run, batch_run.actor, gone)
    session.flush()


class _Run:
    """One source's run: matches new items to listings, applies batches, counts."""

    def __init__(
        self,
        session: Session,
        source: Source,
        run: ImportRun,
        known: dict[str, SourceRecord],
    ) -> None:
        self.session, self.source, self.run, self.known = session, source, run, known
        self.actor = Actor.for_run(source, run)
        self._matcher: MatchIndex | None = None

    @property
    def matcher(self) -> MatchIndex:
        """Listings from other sources, built once, when first needed."""
        if self._matcher is None:
            self._matcher = build_index(self.session, self.source.id)
        return self._matcher

    def apply(self, batch: list[ServiceRecord]) -> None:
        """Apply a batch of records: skip the unchanged, match the new, store."""
        now, pending = utcnow(), []
        merged: set[str] = set()
        doubts: list[tuple[str, Match]] = []
        for record in batch:
            self.run.read += 1
            digest = content_hash(record.data)
            seen = self.known.get(record.external_id)
            if seen and seen.content_hash == digest and seen.withdrawn_at is None:
                seen.last_seen, seen.last_run_id = now, self.run.id
                self.run.unchanged += 1
                continue
            target = seen.service_id if seen else None
            pkg = rekey(self.source.id, record.data, service_id=target)
            if seen is None:
                pkg = self._match(record, pkg, merged, doubts)
            pending.append((record, digest, pkg))
        existing = {sr.service_id for sr in self.known.values()} | merged
        changes = apply_packages(
            self.session, [p for _, _, p in pending], self.actor, existing=existing
        )
        for (record, digest, pkg), change in zip(pending, changes, strict=True):
            outcome = "merged" if pkg["id"] in merged else change.outcome
            self._keep(record, digest, pkg["id"], now, outcome)
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

    def _keep(
        self, record: ServiceRecord, digest: str, sid: str, now: datetime, outcome: str
    ) -> None:
        seen = self.known.get(record.external_id)
        if seen is None:
            seen = SourceRecord(
                source_id=self.source.id,
                external_id=record.external_id,
                service_id=sid,
                content_hash=digest,
            )
            self.known[record.external_id] = seen
        elif seen.withdrawn_at is not None:
            seen.withdrawn_at = None
            reinstate(self.session, sid, self.actor)
            outcome = "updated"
        seen.content_hash, seen.last_seen, seen.last_run_id = digest, now, self.run.id
        self.session.add(seen)
        setattr(self.run, outcome, getattr(self.run, outcome) + 1)


def _withdraw_records(
    session: Session,
    source: Source,
    run: ImportRun,
    actor: Actor,
    records: list[SourceRecord],
) -> None:
    now = utcnow()
    for gone in records:
        if gone.withdrawn_at is None:
            gone.withdrawn_at = now
            session.add(gone)
            withdraw(
                session, gone.service_id, actor, f"no longer listed by {source.name}"
            )
            run.withdrawn += 1
