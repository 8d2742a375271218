"""Staff: organisations (their people, trust, invitations) and listings' history,
with any version restorable."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app.claims import AccessError, invite
from directory_app.db import get_session
from directory_app.listing_actions import restore
from directory_app.models import (
    ListingVersion,
    Organization,
    Service,
    TrustedOrganization,
)
from directory_app.notices import owners_of
from directory_app.web.admin import bp
from directory_app.web.admin_forms import InviteForm
from directory_app.web.forms import ConfirmForm
from directory_app.web.provider import version_diffs


def _organization_or_404(org_id: str) -> Organization:
    org = get_session().get(Organization, org_id[:36])
    if org is None:
        abort(404)
    return org


@bp.get("/organizations")
def organizations() -> str:
    """Organisations by name, or those matching a few letters of it."""
    words = request.args.get("q", "").strip()
    query = select(Organization).order_by(col(Organization.name)).limit(100)
    if words:
        query = query.where(col(Organization.name).icontains(words[:100]))
    trusted = set(get_session().exec(select(TrustedOrganization.organization_id)).all())
    return render_template(
        "admin/organizations.html",
        organizations=get_session().exec(query).all(),
        trusted=trusted,
        q=words,
    )


@bp.route("/organizations/<org_id>", methods=["GET", "POST"])
def organization(org_id: str) -> str | Response | tuple[str, int]:
    """An organisation: its listings and people; trust it; invite someone."""
    session = get_session()
    org = _organization_or_404(org_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            sent = invite(
                session, org, form.email.data, (form.name.data or "").strip() or None
            )
        except AccessError as exc:
            session.rollback()
            form.email.errors = [str(exc)]
        else:
            session.commit()
            flash(
                f"Invited {form.email.data}: they have been emailed a sign-in link."
                if sent
                else f"Added {form.email.data}, but the email could not be sent."
            )
            return redirect(url_for(".organization", org_id=org.id))
    services = session.exec(
        select(Service)
        .where(col(Service.organization_id) == org.id)
        .order_by(col(Service.name))
    ).all()
    return render_template(
        "admin/organization.html",
        organization=org,
        services=services,
        people=owners_of(org.id),
        trusted=session.get(TrustedOrganization, org.id),
        form=form,
        trust_form=ConfirmForm(),
    ), 400 if form.is_submitted() else 200


@bp.post("/organizations/<org_id>/trust")
def trust(org_id: str) -> Response:
    """Trust an organisation (its changes publish at once), or stop trusting it."""
    session = get_session()
    org = _organization_or_404(org_id)
    if ConfirmForm().validate_on_submit():
        found = session.get(TrustedOrganization, org.id)
        if found is None:
            session.add(
                TrustedOrganization(
                    organization_id=org.id, trusted_by=current_user.email
                )
            )
            flash(f"“{org.name}” is trusted: its changes now publish at once.")
        else:
            session.delete(found)
            flash(f"“{org.name}” is no longer trusted: its changes wait for review.")
        session.commit()
    return redirect(url_for(".organization", org_id=org.id))


@bp.get("/services/<sid>/history")
def history(sid: str) -> str:
    """Every version of a listing, each restorable."""
    session = get_session()
    service = session.get(Service, sid[:36]) or abort(404)
    versions = list(
        session.exec(
            select(ListingVersion)
            .where(col(ListingVersion.service_id) == service.id)
            .order_by(col(ListingVersion.version).desc())
        ).all()
    )
    return render_template(
        "admin/history.html",
        service=service,
        versions=versions,
        diffs=version_diffs(versions),
        form=ConfirmForm(),
    )


@bp.post("/services/<sid>/restore/<int:version>")
def restore_version(sid: str, version: int) -> Response:
    """Publish an earlier version again (as a new version: nothing is lost)."""
    session = get_session()
    service = session.get(Service, sid[:36]) or abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            restore(session, service.id, version, current_user.email)
        except LookupError:
            abort(404)
        session.commit()
        flash(f"Restored version {version} of “{service.name}” as a new version.")
    return redirect(url_for(".history", sid=service.id))
