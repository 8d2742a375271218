"""One-step actions on a listing: still accurate, closed for now, moved online,
ended, reopened, restored to an earlier version.

These publish at once (they only make a listing more truthful about whether and
where it runs; waiting for review would leave patients sent to a closed door),
go through the sync path like every other change, and are kept in the history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from directory_app.history import Actor, add_months
from directory_app.models import (
    ChangeLog,
    ListingVersion,
    ReviewState,
    Service,
    Verification,
    utcnow,
)
from directory_app.packages import load_packages, stable_id
from directory_app.review_policy import current_policy, sources_of
from directory_app.sync import apply_packages
from importers.normalise.categories import directory_attribute

CLOSED = "temporarily closed"


def verify(session: Session, sid: str, by: str, how: str) -> ReviewState:
    """Record that ``by`` confirmed the listing is still accurate, now."""
    now = utcnow()
    review = session.get(ReviewState, sid) or ReviewState(service_id=sid)
    review.last_verified_at, review.verified_by = now, by
    pkg = load_packages(session, [sid]).get(sid, {})
    months = current_policy(session).months_for(
        pkg, sources_of(session, [sid]).get(sid, [])
    )
    review.next_review_due = add_months(now.date(), months)
    review.reminders_sent, review.last_reminded_at = 0, None  # a new cycle
    review.escalated_at, review.stale_since = None, None
    session.add(review)
    session.add(Verification(service_id=sid, verified_by=by, how=how))
    # freshness is part of ranking, so the index takes it up too
    session.add(ChangeLog(service_id=sid, action="upsert"))
    return review


def _publish(session: Session, pkg: dict[str, Any], actor: Actor) -> None:
    apply_packages(session, [pkg], actor)


def _package(session: Session, sid: str) -> dict[str, Any]:
    pkg = load_packages(session, [sid]).get(sid)
    if pkg is None:
        raise LookupError(f"no listing {sid}")
    return pkg


def close_for_now(
    session: Session, sid: str, by: str, notice: str, reopens_on: date | None
) -> None:
    """Mark a listing temporarily closed, with a notice and maybe a reopening day."""
    pkg = _package(session, sid)
    when = (
        f" It reopens on {reopens_on:%A} {reopens_on.day} {reopens_on:%B %Y}."
        if reopens_on
        else ""
    )
    pkg["status"] = CLOSED
    pkg["alert"] = (notice.strip() or "Closed for now.") + when
    _publish(session, pkg, Actor("person", by, note="closed for now"))
    review = session.get(ReviewState, sid) or ReviewState(service_id=sid)
    review.reopens_on = reopens_on
    session.add(review)


def reopen(session: Session, sid: str, by: str, kind: str = "person") -> None:
    """Show a temporarily closed listing as running again."""
    pkg = _package(session, sid)
    pkg["status"], pkg["alert"] = "active", None
    _publish(session, pkg, Actor(kind, by, note="reopened"))
    review = session.get(ReviewState, sid)
    if review is not None:
        review.reopens_on = None
        session.add(review)


def reopen_due(session: Session, today: date) -> list[str]:
    """Reopen every closed listing whose reopening day has come; their ids."""
    query = (
        select(ReviewState.service_id)
        .join(Service, col(Service.id) == col(ReviewState.service_id))
        .where(col(ReviewState.reopens_on) <= today, col(Service.status) == CLOSED)
    )
    ids = list(session.exec(query).all())
    for sid in ids:
        reopen(session, sid, "the reopening date", kind="system")
    return ids


def move_online(session: Session, sid: str, by: str) -> None:
    """The listing now runs online: no venue, attendance online, a notice."""
    pkg = _package(session, sid)
    pkg["service_at_locations"] = []
    kept = [
        a
        for a in pkg["attributes"]
        if a["taxonomy_term"].get("taxonomy") != "directory-attendance"
    ]
    pkg["attributes"] = [*kept, stored_attribute(sid, "directory-attendance", "online")]
    pkg["status"] = "active"
    pkg["alert"] = "This now runs online."
    _publish(session, pkg, Actor("person", by, note="moved online"))


def end(session: Session, sid: str, by: str) -> None:
    """The service has stopped for good: kept with its history, never shown."""
    pkg = _package(session, sid)
    pkg["status"] = "defunct"
    _publish(session, pkg, Actor("person", by, note="ended"))


def restore(session: Session, sid: str, version: int, by: str) -> None:
    """Publish an earlier version again, as a new version."""
    old = session.exec(
        select(ListingVersion).where(
            col(ListingVersion.service_id) == sid,
            col(ListingVersion.version) == version,
        )
    ).first()
    if old is None:
        raise LookupError(f"no version {version} of {sid}")
    restored = dict(old.data)
    live = load_packages(session, [sid]).get(sid) or {}
    restored["organization"] = live.get("organization") or restored.get("organization")
    _publish(session, restored, Actor("person", by, note=f"restored v{version}"))


def stored_attribute(sid: str, vocabulary: str, code: str) -> dict[str, Any]:
    """A term of the directory's own vocabularies, as the store keeps attributes."""
    attr = directory_attribute(vocabulary, code)
    term = dict(attr["taxonomy_term"], code=code)
    term.pop("term", None)
    term["taxonomy_id"] = stable_id("directory", "taxonomy", vocabulary)
    return {
        "id": stable_id(sid, "attribute", term["id"]),
        "link_type": attr["link_type"],
        "value": None,
        "label": None,
        "taxonomy_term": term,
    }
