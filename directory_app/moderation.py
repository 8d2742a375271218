"""Groups' changes to their listings, held for staff unless the group is trusted.

A group edits a *draft*: the open proposal for the listing if there is one, else
the listing as published. Each save updates that one proposal (``revision`` + 1);
a save made from an older state is refused as a ``Conflict`` so that the second
person to save sees what changed and decides. Approval publishes the proposal
through the one sync path (provenance, a new version, the change log), with the
group's person as the actor, so later imports cannot overwrite what they set.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from directory_app.history import Actor
from directory_app.models import (
    ListingVersion,
    Organization,
    ProfessionalDetails,
    ProposedChange,
    Service,
    TrustedOrganization,
    Verification,
    utcnow,
)
from directory_app.packages import canonical, load_packages
from directory_app.sync import apply_packages
from importers.normalise.text import clean_html

PRO_FIELDS = (
    "referral_criteria",
    "exclusions",
    "how_to_refer",
    "referral_email",
    "referral_phone",
    "referral_form_url",
    "capacity",
    "waiting_weeks",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
)


@dataclass
class Draft:
    """What a group is editing, and the state it was read in (for conflicts)."""

    service_id: str
    organization_id: str | None
    data: dict[str, Any]
    professional: dict[str, Any]
    proposal: ProposedChange | None
    version: int

    @property
    def token(self) -> str:
        """Names this exact state; a form carries it back to detect conflicts."""
        if self.proposal is None:
            return f"{self.version}"
        return f"{self.version}.{self.proposal.id}.{self.proposal.revision}"


class Conflict(Exception):
    """Someone else saved this listing since the form was opened."""

    def __init__(self, draft: Draft) -> None:
        super().__init__("the listing changed since the form was opened")
        self.draft = draft


def published_version(session: Session, sid: str) -> int:
    """The number of the listing's latest version (0 if never published)."""
    query = select(func.max(col(ListingVersion.version))).where(
        col(ListingVersion.service_id) == sid
    )
    return session.exec(query).one() or 0


def open_proposal(session: Session, sid: str) -> ProposedChange | None:
    """The proposal waiting for staff on this listing, if any."""
    query = select(ProposedChange).where(
        col(ProposedChange.service_id) == sid, col(ProposedChange.status) == "pending"
    )
    return session.exec(query).first()


def professional_of(session: Session, sid: str) -> dict[str, Any]:
    """The listing's referral details as a plain mapping (empty when none)."""
    row = session.get(ProfessionalDetails, sid)
    return {name: getattr(row, name) for name in PRO_FIELDS} if row else {}


def draft_of(session: Session, sid: str) -> Draft | None:
    """The draft of a listing or of a proposed new listing (None if neither)."""
    proposal = open_proposal(session, sid)
    version = published_version(session, sid)
    if proposal is not None:  # the pending edits, on top of what is live now
        return Draft(
            sid,
            proposal.organization_id,
            copy.deepcopy(on_live(session, proposal)),
            proposal.professional or {},
            proposal,
            version,
        )
    pkg = load_packages(session, [sid]).get(sid)
    if pkg is None:
        return None
    org = pkg.get("organization") or {}
    return Draft(sid, org.get("id"), pkg, professional_of(session, sid), None, version)


def changed_fields(
    session: Session, sid: str, data: dict[str, Any], professional: dict[str, Any]
) -> list[str]:
    """The listing's fields (and referral details) that differ from what is live."""
    live = load_packages(session, [sid]).get(sid, {})
    fields = [
        key
        for key in data
        if key != "id" and canonical(data[key]) != canonical(live.get(key))
    ]
    live_pro = professional_of(session, sid)
    fields += [
        f"referral:{name}"
        for name in PRO_FIELDS
        if (professional.get(name) or None) != (live_pro.get(name) or None)
    ]
    return fields


def propose_organization(
    session: Session, org_id: str, values: dict[str, Any], token: str, by: str
) -> ProposedChange:
    """Propose new details for an organisation (``Conflict`` if stale)."""
    current = open_proposal(session, org_id)
    if organization_token(session, org_id) != token:
        raise Conflict(organization_draft(session, org_id))
    org = session.get(Organization, org_id)
    assert org is not None
    change = current or ProposedChange(
        service_id=org_id,
        organization_id=org_id,
        kind="organization",
        data={},
        submitted_by=by,
        updated_by=by,
        revision=0,
    )
    change.data = dict(values)
    change.fields = [k for k, v in values.items() if (getattr(org, k) or None) != v]
    change.revision += 1
    change.updated_by, change.updated_at = by, utcnow()
    session.add(change)
    session.flush()
    if is_trusted(session, org_id):
        approve(session, change, "trusted organisation")
    return change


def organization_draft(session: Session, org_id: str) -> Draft:
    """An organisation's details as a draft (the open proposal's, if any)."""
    org = session.get(Organization, org_id)
    assert org is not None
    proposal = open_proposal(session, org_id)
    data = proposal.data if proposal else org.model_dump()
    return Draft(org_id, org_id, data, {}, proposal, 0)


def organization_token(session: Session, org_id: str) -> str:
    """The state an organisation's form was opened in."""
    org = session.get(Organization, org_id)
    draft = organization_draft(session, org_id)
    seen = json.dumps(canonical(org.model_dump() if org else {}), sort_keys=True)
    # a digest, not hash(): that differs between web workers
    return f"{hashlib.sha256(seen.encode()).hexdigest()[:12]}.{draft.token}"


def save_draft(session: Session, draft: Draft, token: str, by: str) -> ProposedChange:
    """Keep an edited draft as the listing's proposal; ``Conflict`` if it is stale.

    The caller changed ``draft.data`` / ``draft.professional`` and passes the token
    the form was opened with. Two saves at the same moment cannot both win: a
    listing has at most one pending proposal (a unique index), and a proposal is
    only updated from the revision the saver read. Trusted organisations'
    proposals publish at once.
    """
    current = draft_of(session, draft.service_id)
    if current is not None and current.token != token:
        raise Conflict(current)
    data = dict(draft.data)
    # whatever form it came from, a description is only ever safe markup
    data["description"] = clean_html(data.get("description"))
    values = {
        "data": data,
        "professional": dict(draft.professional),
        "fields": changed_fields(session, draft.service_id, data, draft.professional),
        "updated_by": by,
        "updated_at": utcnow(),
    }
    change = _store_proposal(session, draft, values, by)
    if is_trusted(session, draft.organization_id):
        approve(session, change, "trusted organisation")
    return change


def _store_proposal(
    session: Session, draft: Draft, values: dict[str, Any], by: str
) -> ProposedChange:
    table = ProposedChange.__table__  # type: ignore[attr-defined]
    try:
        if draft.proposal is None:
            change = ProposedChange(
                service_id=draft.service_id,
                organization_id=draft.organization_id,
                kind="edit" if draft.version else "new",
                base_version=draft.version,
                submitted_by=by,
                revision=1,
                **values,
            )
            session.add(change)
            session.flush()
            return change
        seen = draft.proposal.revision
        done = session.execute(
            update(table)
            .where(table.c.id == draft.proposal.id, table.c.revision == seen)
            .where(table.c.status == "pending")
            .values(revision=seen + 1, **values)
        )
    except IntegrityError:  # someone else's proposal for it arrived first
        session.rollback()
        raise Conflict(_current(session, draft.service_id)) from None
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Conflict(_current(session, draft.service_id))
    session.expire(draft.proposal)
    return draft.proposal


def _current(session: Session, sid: str) -> Draft:
    found = draft_of(session, sid)
    assert found is not None
    return found


def is_trusted(session: Session, org_id: str | None) -> bool:
    """Whether this organisation's changes publish without review."""
    return bool(org_id) and session.get(TrustedOrganization, org_id) is not None


def approve(session: Session, change: ProposedChange, by: str) -> None:
    """Publish a proposal: the group's person is the actor; staff are noted."""
    note = "published at once" if by == "trusted organisation" else f"approved by {by}"
    actor = Actor("person", change.submitted_by, note=note)
    if change.kind == "organization":
        assert change.organization_id is not None
        # the group's own details: not a check of each of its listings
        quiet = Actor("person", change.submitted_by, note=note, verifies=False)
        publish_organization(session, change.organization_id, change.data, quiet)
        change.status, change.decided_by, change.decided_at = "approved", by, utcnow()
        session.add(change)
        return
    apply_packages(session, [on_live(session, change)], actor)
    save_professional(session, change.service_id, change.professional or {})
    session.add(
        Verification(service_id=change.service_id, verified_by=actor.name, how="edit")
    )
    change.status, change.decided_by, change.decided_at = "approved", by, utcnow()
    session.add(change)


def on_live(session: Session, change: ProposedChange) -> dict[str, Any]:
    """What approving publishes: the fields the group changed, on top of the
    listing as it is now (an import or another edit since keeps its own fields;
    the organisation, which has its own proposals, is left as it is)."""
    live = load_packages(session, [change.service_id]).get(change.service_id)
    if live is None:
        return change.data  # a new listing
    merged = dict(live)
    for field in change.fields:
        if field in change.data and field != "organization":
            merged[field] = change.data[field]
    return merged


def reject(session: Session, change: ProposedChange, by: str, reason: str) -> None:
    """Turn a proposal down with a reason the group is told."""
    change.status, change.decided_by, change.decided_at = "rejected", by, utcnow()
    change.reason = reason
    session.add(change)


def save_professional(session: Session, sid: str, values: dict[str, Any]) -> None:
    """Store the referral details a proposal carried (nothing when it had none)."""
    if not values:
        return
    row = session.get(ProfessionalDetails, sid) or ProfessionalDetails(service_id=sid)
    for name in PRO_FIELDS:
        setattr(row, name, values.get(name) or None)
    row.capacity = values.get("capacity") or "accepting"
    row.updated_at = utcnow()
    session.add(row)


def pending(session: Session) -> list[ProposedChange]:
    """Every proposal waiting for staff, oldest first."""
    query = (
        select(ProposedChange)
        .where(col(ProposedChange.status) == "pending")
        .order_by(col(ProposedChange.submitted_at))
    )
    return list(session.exec(query).all())


def organization_of(session: Session, sid: str) -> str | None:
    """The organisation a listing (or a proposed new listing) belongs to."""
    service = session.get(Service, sid)
    if service is not None:
        return service.organization_id
    proposal = open_proposal(session, sid)
    return proposal.organization_id if proposal else None


def organization_packages(session: Session, org_id: str) -> list[dict[str, Any]]:
    """Every listing of an organisation, as packages."""
    ids = session.exec(
        select(Service.id).where(col(Service.organization_id) == org_id)
    ).all()
    return list(load_packages(session, ids).values())


def publish_organization(
    session: Session, org_id: str, values: dict[str, Any], actor: Actor
) -> int:
    """Change an organisation's details on all its listings; how many changed."""
    org = session.get(Organization, org_id)
    if org is None:
        return 0
    pkgs = organization_packages(session, org_id)
    for pkg in pkgs:
        pkg["organization"] = dict(pkg["organization"], **values)
    changes = apply_packages(session, pkgs, actor)
    return sum(1 for c in changes if c.outcome != "unchanged")
