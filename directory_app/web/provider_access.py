"""Ways in for groups, with no account needed first: asking to look after an
organisation's listings, and the "still accurate" link from a reminder email.

Opening a "still accurate" link shows one button rather than recording at once,
so mail scanners that open links cannot confirm a listing nobody checked.
"""

from __future__ import annotations

from flask import abort, render_template
from werkzeug.wrappers import Response

from directory_app import listing_actions
from directory_app.auth import LinkError, normal_email, use_link_for
from directory_app.db import get_session
from directory_app.models import Organization, OrganizationClaim, Service, User
from directory_app.notices import external_url, owned_organizations, tell_staff
from directory_app.security import limiter
from directory_app.web.accounts import bp
from directory_app.web.forms import ConfirmForm
from directory_app.web.provider_forms import ClaimForm


@bp.route("/still-accurate/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def still_accurate(token: str) -> str | tuple[str, int]:
    """Confirm a listing is still right, from a reminder email, without signing in."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("provider/still_accurate.html", form=form, token=token)
    session = get_session()
    try:
        user, sid = use_link_for(session, token, "verify")
    except LinkError as exc:
        session.rollback()
        return render_template("accounts/link_error.html", message=str(exc)), 400
    service = session.get(Service, sid or "")
    if service is None or not _still_looks_after(user, service):
        session.rollback()
        said = "That listing is no longer here, or no longer yours to confirm."
        return render_template("accounts/link_error.html", message=said), 404
    review = listing_actions.verify(session, service.id, user.email, "email link")
    session.commit()
    return render_template("provider/verified.html", service=service, review=review)


def _still_looks_after(user: User, service: Service) -> bool:
    """Whether the link's person still looks after the listing's organisation."""
    return service.organization_id in owned_organizations(get_session(), user)


@bp.route("/organizations/<org_id>/claim", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per day", methods=["POST"])
def claim(org_id: str) -> str | Response | tuple[str, int]:
    """Ask to look after an organisation's listings; staff approve or refuse."""
    session = get_session()
    org = session.get(Organization, org_id[:36]) or abort(404)
    form = ClaimForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "provider/claim.html", form=form, organization=org
        ), status
    request = OrganizationClaim(
        organization_id=org.id,
        name=form.name.data.strip(),
        email=normal_email(form.email.data),
        role=form.role.data.strip(),
        message=(form.message.data or "").strip(),
    )
    session.add(request)
    session.commit()
    link = external_url("admin.claims")
    tell_staff(
        f"Request to look after {org.name}",
        f"{request.name} <{request.email}> ({request.role}) asks to look after "
        f"“{org.name}”.\n\n{request.message}\n\nDecide: {link}\n",
    )
    return render_template("provider/claim_sent.html", organization=org)
