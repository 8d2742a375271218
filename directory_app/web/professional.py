"""Professionals (GPs, nurses, link workers), signed in: the same search with what
a referral needs (criteria, route, capacity, professional contacts, freshness),
and a shortlist for the patient in front of them, printed, emailed or texted.

Nothing about the patient is kept: the note lives in the professional's session
until the list is sent or cleared, and the address or number only for the send.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app.db import get_session
from directory_app.models import ProfessionalDetails, ReviewState
from directory_app.notify import SendError, can_text, send_email, send_text, uk_mobile
from directory_app.web.forms import NoteForm, SaveForm, SendForm
from directory_app.web.handout import handout_text
from directory_app.web.public import run_search, service_context
from directory_app.web.saved import changed, parse_ids, safe_next, services_of

bp = Blueprint("professional", __name__, url_prefix="/pro")


@bp.before_request
def professionals_only() -> Response | None:
    """Sign in first; then only professionals (and staff) may come in."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.full_path))
    if not current_user.can("professional"):
        abort(403)
    return None


@bp.get("/search")
def search() -> tuple[str, int]:
    """The residents' search, with referral details and freshness on each result."""
    context, status = run_search()
    results = context.get("results")
    ids = (
        [h.fields["service_id"] for h in results.hits + results.elsewhere]
        if results
        else []
    )
    return (
        render_template(
            "professional/search.html",
            **context,
            pro=details_for(ids),
            fresh=freshness_for(ids),
            search_endpoint="professional.search",
            shortlisted=shortlist(),
        ),
        status,
    )


@bp.get("/services/<service_id>")
def service_detail(service_id: str) -> str | tuple[str, int]:
    """A service page with its professional details."""
    context = service_context(service_id)
    if context.get("withdrawn"):
        return render_template("public/withdrawn.html", service=context["service"]), 410
    sid = context["service"]["id"]
    return render_template(
        "professional/service.html",
        **context,
        pro=details_for([sid]).get(sid),
        fresh=freshness_for([sid]).get(sid),
        shortlist_form=SaveForm(service_id=sid, action="add", next=request.path),
        shortlisted=sid in shortlist(),
    )


def details_for(ids: list[str]) -> dict[str, ProfessionalDetails]:
    """The professional details of some services."""
    if not ids:
        return {}
    rows = get_session().exec(
        select(ProfessionalDetails).where(col(ProfessionalDetails.service_id).in_(ids))
    )
    return {row.service_id: row for row in rows}


def freshness_for(
    ids: list[str], today: date | None = None
) -> dict[str, dict[str, Any]]:
    """How fresh each listing is: when verified, and whether overdue."""
    today = today or datetime.now(UTC).date()
    if not ids:
        return {}
    rows = get_session().exec(
        select(ReviewState).where(col(ReviewState.service_id).in_(ids))
    )
    found = {}
    for review in rows:
        verified = review.last_verified_at.date() if review.last_verified_at else None
        found[review.service_id] = {
            "verified": _ago(verified, today) if verified else None,
            "overdue": bool(review.next_review_due and review.next_review_due < today),
            "stale": review.stale_since is not None,
        }
    return found


def _ago(then: date, today: date) -> str:
    days = (today - then).days
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days} day{'s' if days > 1 else ''} ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


# The shortlist for the patient in front of them


def shortlist() -> list[str]:
    """The services on this professional's shortlist."""
    return parse_ids(",".join(cookie.get("shortlist", [])))


@bp.post("/shortlist")
def change_shortlist() -> Response:
    """Add a service to the shortlist, or take it off."""
    form = SaveForm()
    ids = changed(shortlist(), form)
    if ids is not None:
        cookie["shortlist"] = ids
    return redirect(safe_next(form.next.data) or url_for("professional.shortlist_page"))


@bp.route("/shortlist/view", methods=["GET", "POST"])
def shortlist_page() -> str | Response | tuple[str, int]:
    """The shortlist, the note for the patient, and the ways to give it to them."""
    note_form = NoteForm(note=cookie.get("shortlist_note", ""))
    if request.method == "POST":
        if not note_form.validate_on_submit():
            return _shortlist_page(note_form, SendForm()), 400
        cookie["shortlist_note"] = (note_form.note.data or "").strip()
        flash("Note saved.")
        return redirect(url_for("professional.shortlist_page"))
    return _shortlist_page(note_form, SendForm())


def _shortlist_page(note_form: NoteForm, send_form: SendForm) -> str:
    return render_template(
        "professional/shortlist.html",
        services=services_of(shortlist()),
        note_form=note_form,
        send_form=send_form,
        can_text=can_text(),
        note=cookie.get("shortlist_note", ""),
    )


@bp.get("/shortlist/handout")
def handout() -> str:
    """A one-page handout for the patient, in plain English, to print."""
    return render_template(
        "professional/handout.html",
        services=services_of(shortlist()),
        note=cookie.get("shortlist_note", ""),
    )


@bp.post("/shortlist/send")
def send_shortlist() -> str | Response | tuple[str, int]:
    """Email or text the list to the patient, then forget the list and the note."""
    form = SendForm()
    note_form = NoteForm(note=cookie.get("shortlist_note", ""))
    services = services_of(shortlist())
    if not form.validate_on_submit() or not _destination_ok(form, services):
        return _shortlist_page(note_form, form), 400
    text = handout_text(services, cookie.get("shortlist_note", ""))
    try:
        if form.how.data == "email":
            send_email(form.email.data.strip(), "Services you could try", text)
        else:
            send_text(uk_mobile(form.phone.data) or "", text)
    except SendError as exc:
        form.how.errors = [str(exc)]
        return _shortlist_page(note_form, form), 502
    cookie.pop("shortlist", None)
    cookie.pop("shortlist_note", None)
    return render_template("professional/sent.html", how=form.how.data)


def _destination_ok(form: SendForm, services: list[dict[str, Any]]) -> bool:
    """Check the address or number given fits how it is to be sent."""
    if not services:
        form.how.errors = ["Add services to the shortlist first"]
        return False
    if form.how.data == "email" and not (form.email.data or "").strip():
        form.email.errors = ["Enter the patient's email address"]
        return False
    if form.how.data == "text":
        if not can_text():
            form.how.errors = ["Text messages are not set up for this directory"]
            return False
        if not uk_mobile(form.phone.data or ""):
            form.phone.errors = ["Enter a UK mobile number, like 07700 900 982"]
            return False
    return True
