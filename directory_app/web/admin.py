"""Directory staff (/admin): what needs attention, and the moderation of groups'
changes. Staff and admins only; they sign in with a password.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app import moderation
from directory_app.claims import AccessError, approve_claim, open_claims, refuse_claim
from directory_app.db import get_session
from directory_app.diffs import listing_diffs, organization_diffs
from directory_app.mail import outbox
from directory_app.models import (
    Organization,
    OrganizationClaim,
    ProposedChange,
    utcnow,
)
from directory_app.notices import external_url, owners_of, tell
from directory_app.packages import load_packages
from directory_app.web.admin_forms import ReasonForm
from directory_app.web.admin_queries import attention
from directory_app.web.forms import ConfirmForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
STAFF = {"staff", "admin"}


@bp.before_request
def staff_only() -> Response | None:
    """Sign in first; then only staff and admins may come in."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.full_path))
    if current_user.role not in STAFF:
        abort(403)
    return None


@bp.get("/")
def dashboard() -> str:
    """What needs attention, with counts, each linking to its list."""
    session = get_session()
    return render_template(
        "admin/dashboard.html",
        changes=len(moderation.pending(session)),
        claims=len(open_claims(session)),
        counts=attention(session, utcnow()),
    )


@bp.get("/changes")
def changes() -> str:
    """Groups' changes waiting for review, oldest first."""
    return render_template(
        "admin/changes.html", changes=moderation.pending(get_session())
    )


def _change_or_404(change_id: int) -> ProposedChange:
    change = get_session().get(ProposedChange, change_id)
    if change is None:
        abort(404)
    return change


@bp.get("/changes/<int:change_id>")
def change_detail(change_id: int) -> str:
    """A change field by field against what is published, with the decisions."""
    session = get_session()
    change = _change_or_404(change_id)
    if change.kind == "organization":
        org = session.get(Organization, change.service_id)
        diffs = organization_diffs(org.model_dump() if org else {}, change.data)
        since = []
    else:
        live = load_packages(session, [change.service_id]).get(change.service_id, {})
        diffs = listing_diffs(
            live,
            change.data,
            moderation.professional_of(session, change.service_id),
            change.professional,
        )
        since = _changed_meanwhile(change)
    return render_template(
        "admin/change.html",
        change=change,
        diffs=diffs,
        since=since,
        approve_form=ConfirmForm(),
        reject_form=ReasonForm(),
    )


def _changed_meanwhile(change: ProposedChange) -> list[str]:
    """Versions published since the group started this change."""
    from directory_app.models import ListingVersion

    rows = (
        get_session()
        .exec(
            select(ListingVersion).where(
                col(ListingVersion.service_id) == change.service_id,
                col(ListingVersion.version) > change.base_version,
            )
        )
        .all()
    )
    return [f"v{v.version} by {v.changed_by}: {v.summary}" for v in rows]


@bp.post("/changes/<int:change_id>/approve")
def approve(change_id: int) -> Response:
    """Publish the change and tell the group."""
    session = get_session()
    change = _change_or_404(change_id)
    if change.status != "pending" or not ConfirmForm().validate_on_submit():
        flash("That change has been decided already.")
        return redirect(url_for(".changes"))
    name = change.data.get("name") or "your listing"
    moderation.approve(session, change, current_user.email)
    session.commit()
    link = external_url("provider.dashboard")
    tell(
        _group(change),
        f"Published: {name}",
        f"Your changes to “{name}” have been checked and are now published."
        f"\n\n{link}\n",
    )
    flash(f"Published the changes to “{name}”.")
    return redirect(url_for(".changes"))


@bp.post("/changes/<int:change_id>/reject")
def reject(change_id: int) -> str | Response | tuple[str, int]:
    """Turn the change down with a reason the group is sent."""
    session = get_session()
    change = _change_or_404(change_id)
    form = ReasonForm()
    if change.status != "pending":
        flash("That change has been decided already.")
        return redirect(url_for(".changes"))
    if not form.validate_on_submit():
        return render_template(
            "admin/change.html",
            change=change,
            diffs=[],
            since=[],
            approve_form=ConfirmForm(),
            reject_form=form,
        ), 400
    name = change.data.get("name") or "your listing"
    moderation.reject(session, change, current_user.email, form.reason.data.strip())
    session.commit()
    body = (
        f"Your changes to “{name}” were not published.\n\nWhy: {change.reason}\n\n"
        "You can change them and save again."
    )
    tell(_group(change), f"Not published: {name}", body)
    flash(f"Turned down the changes to “{name}”; the group has been told why.")
    return redirect(url_for(".changes"))


def _group(change: ProposedChange) -> list[str | None]:
    return [change.submitted_by, change.updated_by, *owners_of(change.organization_id)]


@bp.get("/claims")
def claims() -> str:
    """Requests to look after an organisation's listings."""
    session = get_session()
    found = open_claims(session)
    orgs = {
        c.organization_id: session.get(Organization, c.organization_id) for c in found
    }
    return render_template(
        "admin/claims.html",
        claims=found,
        orgs=orgs,
        form=ConfirmForm(),
        reason_form=ReasonForm(),
    )


@bp.post("/claims/<int:claim_id>/<decision>")
def decide_claim(claim_id: int, decision: str) -> Response:
    """Approve a claim (the claimant gets a way in) or refuse it with a reason."""
    session = get_session()
    claim = session.get(OrganizationClaim, claim_id)
    if claim is None or decision not in {"approve", "refuse"}:
        abort(404)
    if claim.status != "open":
        flash("That request has been decided already.")
        return redirect(url_for(".claims"))
    if decision == "approve" and ConfirmForm().validate_on_submit():
        try:
            sent = approve_claim(session, claim, current_user.email)
        except AccessError as exc:
            session.rollback()
            flash(f"Not approved: {exc}.")
            return redirect(url_for(".claims"))
        session.commit()
        flash(
            f"{claim.email} can now look after the organisation; they have been "
            "emailed a link."
            if sent
            else f"{claim.email} can now look after the organisation, but the "
            "email with their link could not be sent: invite them again later."
        )
    elif decision == "refuse":
        form = ReasonForm()
        if not form.validate_on_submit():
            flash("Enter the reason, so the person knows why.")
            return redirect(url_for(".claims"))
        refuse_claim(session, claim, current_user.email, form.reason.data.strip())
        flash(f"Refused; {claim.email} has been told why.")
    return redirect(url_for(".claims"))


@bp.get("/outbox")
def outbox_page() -> str:
    """Email written to the outbox because no mail server is set up."""
    messages = outbox(current_app._get_current_object())  # type: ignore[attr-defined]
    return render_template("admin/outbox.html", messages=list(reversed(messages))[:200])
