"""Providers: VCS groups keeping their own listings right (/provider).

A group's people sign in by emailed link and see only their own organisations'
listings. Edits wait for staff (unless the organisation is trusted); "still
accurate", closed for now, moved online and ended take one step each.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app import listing_actions
from directory_app.db import get_session
from directory_app.diffs import listing_diffs
from directory_app.link_checks import problems_of
from directory_app.models import (
    ListingVersion,
    Organization,
    ProblemReport,
    ProposedChange,
    ReviewState,
    Service,
)
from directory_app.moderation import Draft, draft_of, organization_of
from directory_app.notices import owned_organizations, tell_staff
from directory_app.web.forms import ConfirmForm
from directory_app.web.provider_forms import CloseForm
from directory_app.web.provider_sections import SECTIONS

bp = Blueprint("provider", __name__, url_prefix="/provider")


@bp.before_request
def providers_only() -> Response | None:
    """Sign in first; then only providers (and staff) may come in."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.full_path))
    if not current_user.can("provider"):
        abort(403)
    return None


def my_organizations() -> list[str]:
    """The organisations the signed-in person looks after."""
    return sorted(owned_organizations(get_session(), current_user))


def may_manage(org_id: str | None) -> bool:
    """Whether the signed-in person may change this organisation's listings."""
    if current_user.role in {"staff", "admin"}:
        return org_id is not None
    return org_id is not None and org_id in my_organizations()


def editable(sid: str) -> Draft:
    """The draft of one of the person's own listings; 404 for anyone else's."""
    session = get_session()
    sid = sid[:36]
    if not may_manage(organization_of(session, sid)):
        abort(404)
    draft = draft_of(session, sid)
    if draft is None:
        abort(404)
    return draft


def published_or_404(sid: str) -> Service:
    """One of the person's own published listings (one-step actions need one)."""
    draft = editable(sid)
    service = get_session().get(Service, draft.service_id)
    if service is None:
        abort(404)
    return service


@bp.get("/")
def dashboard() -> str:
    """The group's listings: freshness, what waits for review, reported problems."""
    session = get_session()
    orgs = my_organizations()
    organizations = session.exec(
        select(Organization)
        .where(col(Organization.id).in_(orgs))
        .order_by(col(Organization.name))
    ).all()
    services = session.exec(
        select(Service)
        .where(col(Service.organization_id).in_(orgs))
        .order_by(col(Service.name))
    ).all()
    ids = [s.id for s in services]
    new = session.exec(
        select(ProposedChange).where(
            col(ProposedChange.organization_id).in_(orgs),
            col(ProposedChange.kind) == "new",
            col(ProposedChange.status) == "pending",
        )
    ).all()
    return render_template(
        "provider/dashboard.html",
        organizations=organizations,
        services=services,
        new=new,
        reviews={r.service_id: r for r in _rows(ReviewState, ids)},
        waiting={p.service_id: p for p in _pending(ids)},
        problems=_problems(ids),
        links=problems_of(session, ids),
        today=datetime.now(UTC).date(),
        verify_form=ConfirmForm(),
    )


def _rows(model: Any, ids: list[str]) -> list[Any]:
    return list(
        get_session().exec(select(model).where(col(model.service_id).in_(ids))).all()
    )


def _pending(ids: list[str]) -> list[ProposedChange]:
    return [p for p in _rows(ProposedChange, ids) if p.status == "pending"]


def _problems(ids: list[str]) -> dict[str, list[ProblemReport]]:
    found: dict[str, list[ProblemReport]] = {}
    for report in _rows(ProblemReport, ids):
        if report.status == "open":
            found.setdefault(report.service_id, []).append(report)
    return found


@bp.get("/services/<sid>")
def listing(sid: str) -> str:
    """One listing as the group will publish it, each part with a Change link."""
    draft = editable(sid)
    session = get_session()
    live = session.get(Service, draft.service_id)
    return render_template(
        "provider/listing.html",
        draft=draft,
        pkg=draft.data,
        live=live,
        review=session.get(ReviewState, draft.service_id),
        sections=SECTIONS,
        form=ConfirmForm(),
        changes=listing_diffs(_live_package(draft.service_id), draft.data, None, None)
        if draft.proposal
        else [],
    )


def _live_package(sid: str) -> dict[str, Any]:
    from directory_app.packages import load_packages

    return load_packages(get_session(), [sid]).get(sid, {})


@bp.post("/services/<sid>/verify")
def verify(sid: str) -> Response:
    """ "Still accurate": one click records who checked it, and when."""
    service = published_or_404(sid)
    if ConfirmForm().validate_on_submit():
        listing_actions.verify(
            get_session(), service.id, current_user.email, "dashboard"
        )
        get_session().commit()
        flash(f"Thank you: “{service.name}” is marked as checked today.")
    back = "listing" if request.form.get("next") == "listing" else "dashboard"
    return redirect(url_for(f".{back}", sid=service.id))


@bp.route("/services/<sid>/close", methods=["GET", "POST"])
def close(sid: str) -> str | Response | tuple[str, int]:
    """Closed for now: a notice, and a day it reopens by itself if known."""
    service = published_or_404(sid)
    form = CloseForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "provider/close.html", form=form, service=service
        ), status
    session = get_session()
    listing_actions.close_for_now(
        session,
        service.id,
        current_user.email,
        form.notice.data or "",
        form.reopens_on.data,
    )
    session.commit()
    tell_staff(
        f"Closed for now: {service.name}",
        f"{current_user.email} marked “{service.name}” as closed for now.",
    )
    flash(f"“{service.name}” now shows as closed for now.")
    return redirect(url_for(".listing", sid=service.id))


@bp.post("/services/<sid>/<action>")
def one_step(sid: str, action: str) -> Response:
    """Reopen, moved online, or ended: one confirmed step each."""
    steps = {
        "reopen": (listing_actions.reopen, "shows as running again"),
        "online": (listing_actions.move_online, "now shows as running online"),
        "end": (listing_actions.end, "has ended and is no longer shown"),
    }
    if action not in steps:
        abort(404)
    service = published_or_404(sid)
    if ConfirmForm().validate_on_submit():
        act, said = steps[action]
        act(get_session(), service.id, current_user.email)
        get_session().commit()
        tell_staff(
            f"Listing {action}: {service.name}",
            f"{current_user.email}: “{service.name}” {said}.",
        )
        flash(f"“{service.name}” {said}.")
    return redirect(url_for(".listing", sid=service.id))


@bp.get("/services/<sid>/history")
def history(sid: str) -> str:
    """Every published version of the listing: who changed what, and when."""
    draft = editable(sid)
    versions = (
        get_session()
        .exec(
            select(ListingVersion)
            .where(col(ListingVersion.service_id) == draft.service_id)
            .order_by(col(ListingVersion.version).desc())
        )
        .all()
    )
    return render_template(
        "provider/history.html",
        pkg=draft.data,
        versions=versions,
        diffs=version_diffs(list(versions)),
    )


def version_diffs(versions: list[ListingVersion]) -> dict[int, list[Any]]:
    """What each version changed from the one before it (newest first given)."""
    found: dict[int, list[Any]] = {}
    ordered = sorted(versions, key=lambda v: v.version)
    for before, after in zip([None, *ordered], ordered, strict=False):
        found[after.version] = listing_diffs(before.data if before else {}, after.data)
    return found
