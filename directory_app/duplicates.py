"""The duplicate review list: pairs of listings that may be one service."""

from __future__ import annotations

from sqlmodel import Session, col, select

from directory_app.history import Actor, withdraw
from directory_app.models import DuplicateCandidate, Service, SourceRecord, utcnow


class DuplicateError(ValueError):
    """A decision that cannot be made (unknown or already decided)."""


def open_candidates(session: Session) -> list[tuple[DuplicateCandidate, str, str]]:
    """Undecided pairs, most likely first, with both listings' names."""
    rows = session.exec(
        select(DuplicateCandidate).where(col(DuplicateCandidate.status) == "open")
    ).all()
    names = {
        s.id: s.name
        for s in session.exec(
            select(Service).where(
                col(Service.id).in_(
                    [r.service_id for r in rows] + [r.other_id for r in rows]
                )
            )
        )
    }
    rows = sorted(rows, key=lambda r: -r.score)
    return [(r, names.get(r.service_id, "?"), names.get(r.other_id, "?")) for r in rows]


def _undecided(session: Session, candidate_id: int) -> DuplicateCandidate:
    found = session.get(DuplicateCandidate, candidate_id)
    if found is None:
        raise DuplicateError(f"no duplicate candidate {candidate_id}")
    if found.status != "open":
        raise DuplicateError(f"candidate {candidate_id} was already {found.status}")
    return found


def merge(session: Session, candidate_id: int, by: str) -> DuplicateCandidate:
    """Make the newer listing's sources feed the older one; withdraw the newer."""
    pair = _undecided(session, candidate_id)
    records = session.exec(
        select(SourceRecord).where(col(SourceRecord.service_id) == pair.service_id)
    )
    for record in records:
        record.service_id = pair.other_id
        record.content_hash = ""  # its next import re-applies onto the listing
        session.add(record)
    withdraw(
        session, pair.service_id, Actor("person", by), f"merged into {pair.other_id}"
    )
    return _decide(session, pair, "merged", by)


def dismiss(session: Session, candidate_id: int, by: str) -> DuplicateCandidate:
    """Two different services after all: keep both, and stop asking."""
    return _decide(session, _undecided(session, candidate_id), "dismissed", by)


def _decide(
    session: Session, pair: DuplicateCandidate, status: str, by: str
) -> DuplicateCandidate:
    pair.status, pair.decided_by, pair.decided_at = status, by, utcnow()
    session.add(pair)
    return pair
