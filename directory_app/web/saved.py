"""Residents: a list of services saved on this device (a cookie), no account.

The list can be printed, or shared as a link that shows the same services to
anyone who opens it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlmodel import col, select
from werkzeug.wrappers import Response

from directory_app.db import get_session
from directory_app.models import ReviewState
from directory_app.packages import load_packages
from directory_app.web.forms import SaveForm, ShareForm
from directory_app.web.public import bp

COOKIE = "saved"
MOST = 50  # services a list can hold
ID = re.compile(r"^[0-9a-fA-F-]{36}$")


def saved_ids() -> list[str]:
    """The services saved on this device, oldest first."""
    return parse_ids(request.cookies.get(COOKIE, ""))


def parse_ids(text: str) -> list[str]:
    """Service ids from a comma-separated list, dropping anything else."""
    found: list[str] = []
    for part in text.split(","):
        part = part.strip().lower()
        if ID.match(part) and part not in found:
            found.append(part)
    return found[:MOST]


def changed(ids: list[str], form: SaveForm) -> list[str] | None:
    """The list with the form's service added or taken off; None if the form is
    not valid (a missing CSRF token, say)."""
    if not form.validate_on_submit():
        return None
    sid = form.service_id.data.lower()
    if form.action.data == "add" and sid not in ids:
        return [*ids, sid][-MOST:]
    if form.action.data == "remove":
        return [i for i in ids if i != sid]
    return ids


@bp.post("/saved")
def save() -> Response:
    """Add a service to the list on this device, or take it off."""
    form = SaveForm()
    ids = changed(saved_ids(), form)
    response = redirect(safe_next(form.next.data) or url_for("public.saved"))
    if ids is not None:
        _remember(response, ids)
    return response


@bp.post("/saved/all")
def save_all() -> Response:
    """Add every service of a shared list to the list on this device."""
    form = ShareForm()
    ids = saved_ids()
    if form.validate_on_submit():
        ids = parse_ids(",".join([*ids, form.ids.data]))
    response = redirect(url_for("public.saved"))
    _remember(response, ids)
    return response


def _remember(response: Response, ids: list[str]) -> None:
    response.set_cookie(
        COOKIE,
        ",".join(ids),
        max_age=365 * 24 * 3600,
        secure=current_app.config.get("SECURE_COOKIES", True),
        httponly=True,
        samesite="Lax",
    )


def safe_next(target: str | None) -> str | None:
    """A path on this site to go back to; never another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    if target[1:2] in {"/", "\\"}:  # //host and /\host are other sites to browsers
        return None
    return target


@bp.get("/saved")
def saved() -> str:
    """The list saved on this device, with links to print and share it."""
    ids = saved_ids()
    return render_template(
        "public/saved.html",
        services=services_of(ids),
        share_url=url_for("public.shared", ids=",".join(ids), _external=True),
    )


@bp.get("/saved/print")
def saved_print() -> str:
    """The saved list laid out for paper."""
    return render_template("public/saved_print.html", services=services_of(saved_ids()))


@bp.get("/saved/shared")
def shared() -> str:
    """A list someone shared as a link."""
    ids = parse_ids(request.args.get("ids", ""))
    return render_template(
        "public/shared.html", services=services_of(ids), ids=",".join(ids)
    )


def services_of(ids: list[str]) -> list[dict[str, Any]]:
    """The listings still published, in the order given."""
    session = get_session()
    found = load_packages(session, ids)
    gone = set(
        session.exec(
            select(ReviewState.service_id).where(
                col(ReviewState.service_id).in_(ids),
                col(ReviewState.withdrawn_at).is_not(None),
            )
        ).all()
    )
    return [found[i] for i in ids if i in found and i not in gone]
