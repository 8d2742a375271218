"""Providers editing a listing, part by part; staff use the same pages to edit a
proposal before approving it.

Every form carries the state it was opened in. Saving from an older state shows
what the other person changed beside what you entered, and you decide.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app.db import get_session
from directory_app.diffs import listing_diffs, organization_diffs
from directory_app.listing_actions import stored_attribute
from directory_app.models import Organization, OrganizationIdentifier, ProposedChange
from directory_app.moderation import (
    Conflict,
    Draft,
    organization_draft,
    organization_token,
    propose_organization,
    save_draft,
)
from directory_app.notices import tell_staff
from directory_app.web.provider import bp, editable, may_manage
from directory_app.web.provider_forms import (
    EditForm,
    NewServiceForm,
    OrganizationForm,
    PlaceForm,
    SessionForm,
)
from directory_app.web.provider_sections import (
    SECTIONS,
    FieldProblem,
    description_html,
    load_place,
    load_session,
    place_of,
    schedule_of,
)

Page = str | Response | tuple[str, int]


def _save(draft: Draft, form: FlaskForm, title: str) -> Page | None:
    """Save the edited draft; None on a conflict (the form then shows it)."""
    session = get_session()
    try:
        change = save_draft(session, draft, form.token.data, current_user.email)
    except Conflict as exc:
        session.rollback()
        form.token.data = exc.draft.token
        form.conflict = listing_diffs(
            exc.draft.data, draft.data, exc.draft.professional, draft.professional
        )
        form.conflict_by = exc.draft.proposal.updated_by if exc.draft.proposal else None
        return None
    session.commit()
    _announce(change, draft.data.get("name") or "the listing")
    return redirect(url_for("provider.listing", sid=draft.service_id))


def _announce(change: ProposedChange, name: str) -> None:
    if change.status == "approved":
        flash(f"Published: your changes to “{name}” are live.")
        return
    flash(
        f"Saved. Staff will check your changes to “{name}” before they are "
        "published; we will email you."
    )
    if change.revision == 1 and current_user.role not in {"staff", "admin"}:
        link = url_for("admin.change_detail", change_id=change.id, _external=True)
        tell_staff(
            f"Changes to review: {name}",
            f"{change.submitted_by} changed “{name}”.\n\nReview: {link}\n",
        )


def _render(
    form: FlaskForm, draft: Draft, title: str, status: int = 200, **extra: Any
) -> tuple[str, int]:
    conflict = getattr(form, "conflict", None)
    return render_template(
        "provider/form.html",
        form=form,
        draft=draft,
        title=title,
        conflict=conflict,
        conflict_by=getattr(form, "conflict_by", None),
        **extra,
    ), 409 if conflict is not None else status


@bp.route("/services/<sid>/edit/<part>", methods=["GET", "POST"])
def edit_part(sid: str, part: str) -> Page:
    """Change one part of a listing: what it is, contact, cost, referral details."""
    section = SECTIONS.get(part) or abort(404)
    draft = editable(sid)
    draft.data, draft.professional = copy.deepcopy(draft.data), dict(draft.professional)
    if request.method == "GET":
        form = section.form(data=section.load(draft), token=draft.token)
        return _render(form, draft, section.title)
    form = section.form()
    if form.validate_on_submit():
        section.store(get_session(), draft, form)
        done = _save(draft, form, section.title)
        if done is not None:
            return done
    return _render(form, draft, section.title, 400)


def _item(items: list[dict[str, Any]], item_id: str) -> dict[str, Any] | None:
    if item_id == "new":
        return None
    return next((i for i in items if i["id"] == item_id), None) or abort(404)


def _replaced(
    items: list[dict[str, Any]], old: dict[str, Any] | None, new: dict[str, Any]
) -> list[dict[str, Any]]:
    """The list with ``old`` swapped for ``new`` (or ``new`` added at the end)."""
    return [new if i is old else i for i in items] if old else [*items, new]


@bp.route("/services/<sid>/sessions/<item_id>", methods=["GET", "POST"])
def edit_session(sid: str, item_id: str) -> Page:
    """Add or change one session: how often, which day, what time."""
    draft = editable(sid)
    draft.data = copy.deepcopy(draft.data)
    schedules = draft.data.setdefault("schedules", [])
    old = _item(schedules, item_id)
    if request.method == "GET":
        form = SessionForm(data=load_session(old or {}), token=draft.token)
        return _render(form, draft, "A session")
    form = SessionForm()
    if form.validate_on_submit():
        new = schedule_of(form, old)
        draft.data["schedules"] = _replaced(schedules, old, new)
        done = _save(draft, form, "A session")
        if done is not None:
            return done
    return _render(form, draft, "A session", 400)


@bp.route("/services/<sid>/places/<item_id>", methods=["GET", "POST"])
def edit_place(sid: str, item_id: str) -> Page:
    """Add or change one place where the service runs."""
    draft = editable(sid)
    draft.data = copy.deepcopy(draft.data)
    places = draft.data.setdefault("service_at_locations", [])
    old = _item(places, item_id)
    if request.method == "GET":
        form = PlaceForm(data=load_place(old) if old else {}, token=draft.token)
        return _render(form, draft, "A place")
    form = PlaceForm()
    if form.validate_on_submit():
        try:
            new = place_of(get_session(), form, old)
        except FieldProblem as exc:
            form[exc.field].errors = [exc.message]
            return _render(form, draft, "A place", 400)
        draft.data["service_at_locations"] = _replaced(places, old, new)
        done = _save(draft, form, "A place")
        if done is not None:
            return done
    return _render(form, draft, "A place", 400)


@bp.post("/services/<sid>/<kind>/<item_id>/remove")
def remove_item(sid: str, kind: str, item_id: str) -> Page:
    """Take a session or a place off the listing (kept in its history)."""
    key = {"sessions": "schedules", "places": "service_at_locations"}.get(
        kind
    ) or abort(404)
    draft = editable(sid)
    draft.data = copy.deepcopy(draft.data)
    items = draft.data.get(key) or []
    if _item(items, item_id) is None:
        abort(404)
    form = EditForm()
    if not form.validate_on_submit():
        abort(400)
    draft.data[key] = [i for i in items if i["id"] != item_id]
    done = _save(draft, form, "Remove")
    if done is not None:
        return done
    flash(
        "Someone else changed this listing since you opened it. Check it and try again."
    )
    return redirect(url_for("provider.listing", sid=draft.service_id))


@bp.route("/organizations/<org_id>/edit", methods=["GET", "POST"])
def edit_organization(org_id: str) -> Page:
    """Change the group's own details (shown on every one of its listings)."""
    if (
        not may_manage(org_id[:36])
        or get_session().get(Organization, org_id[:36]) is None
    ):
        abort(404)
    session = get_session()
    draft = organization_draft(session, org_id)
    if request.method == "GET":
        form = OrganizationForm(
            data=draft.data, token=organization_token(session, org_id)
        )
        return _render(form, draft, "Your group", organization=True)
    form = OrganizationForm()
    if form.validate_on_submit():
        values = {
            k: (form[k].data or "").strip() or None
            for k in ("name", "description", "website", "email")
        }
        try:
            change = propose_organization(
                session, org_id, values, form.token.data, current_user.email
            )
        except Conflict as exc:
            session.rollback()
            form.token.data = organization_token(session, org_id)
            form.conflict = organization_diffs(exc.draft.data, values)
            return _render(form, draft, "Your group", organization=True)
        session.commit()
        _announce(change, values["name"] or "your group")
        return redirect(url_for("provider.dashboard"))
    return _render(form, draft, "Your group", 400, organization=True)


@bp.route("/organizations/<org_id>/services/new", methods=["GET", "POST"])
def new_service(org_id: str) -> Page:
    """Add a listing: a name, a description and a kind to start with."""
    session = get_session()
    org = session.get(Organization, org_id[:36])
    if org is None or not may_manage(org.id):
        abort(404)
    form = NewServiceForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "provider/new_service.html", form=form, organization=org
        ), status
    sid = str(uuid.uuid4())
    data = new_package(
        sid,
        org,
        form.name.data.strip(),
        form.description.data.strip(),
        form.category.data,
    )
    draft = Draft(sid, org.id, data, {}, None, 0)
    change = save_draft(session, draft, "0", current_user.email)
    session.commit()
    _announce(change, data["name"])
    return redirect(url_for("provider.listing", sid=sid))


def new_package(
    sid: str, org: Organization, name: str, description: str, category: str
) -> dict[str, Any]:
    """A new listing's package, ready for sessions, places and the rest."""
    identifiers = (
        get_session()
        .exec(
            select(OrganizationIdentifier).where(
                col(OrganizationIdentifier.organization_id) == org.id
            )
        )
        .all()
    )
    organization = dict(
        org.model_dump(), organization_identifiers=[i.model_dump() for i in identifiers]
    )
    empty: dict[str, Any] = {
        key: []
        for key in (
            "schedules",
            "cost_options",
            "phones",
            "service_areas",
            "languages",
            "funding",
            "contacts",
            "service_at_locations",
        )
    }
    return {
        **empty,
        "id": sid,
        "name": name,
        "description": description_html(description),
        "status": "active",
        "organization": organization,
        "attributes": [stored_attribute(sid, "directory-category", category)],
    }
