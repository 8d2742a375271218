"""Staff: every account, its role and organisations. Admins (only) change a role
or switch an account off and on; nobody changes their own account here, so the
directory always keeps the admin making the change."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from directory_app.db import get_session
from directory_app.models import User
from directory_app.web.admin import bp
from directory_app.web.admin_forms import ROLE_LABELS, RoleForm
from directory_app.web.admin_queries import accounts
from directory_app.web.csv_export import csv_response, wants_csv
from directory_app.web.forms import ConfirmForm

ACTIVE = {"deactivate": False, "reactivate": True}
USER_COLUMNS = [
    ("Email", lambda r: r[0].email),
    ("Name", lambda r: r[0].name),
    ("Role", lambda r: r[0].role),
    ("Organisations", lambda r: "; ".join(r[1])),
    ("Active", lambda r: r[0].active),
    ("Made", lambda r: r[0].created_at),
]


@bp.get("/users")
def users() -> str | Response:
    """Every account: role, organisations, whether it can sign in."""
    rows = accounts(get_session())
    if wants_csv():
        return csv_response("accounts.csv", USER_COLUMNS, rows)
    return render_template(
        "admin/users.html",
        rows=rows,
        roles=ROLE_LABELS,
        is_admin=current_user.role == "admin",
    )


def _account_to_change(user_id: int) -> User | None:
    """The account an admin may change (None, told why, if it is their own)."""
    if current_user.role != "admin":
        abort(403)
    user = get_session().get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash("You cannot change your own account: ask another admin.")
        return None
    return user


@bp.post("/users/<int:user_id>/role")
def change_role(user_id: int) -> Response:
    """Give an account another role (admins only)."""
    user = _account_to_change(user_id)
    form = RoleForm()
    if user is not None and form.validate_on_submit():
        user.role = form.role.data
        get_session().add(user)
        get_session().commit()
        flash(f"{user.email} is now: {ROLE_LABELS.get(user.role, user.role)}.")
    return redirect(url_for(".users"))


@bp.post("/users/<int:user_id>/<action>")
def switch_account(user_id: int, action: str) -> Response:
    """Deactivate an account (it can no longer sign in) or reactivate it."""
    if action not in ACTIVE:
        abort(404)
    user = _account_to_change(user_id)
    if user is not None and ConfirmForm().validate_on_submit():
        user.active = ACTIVE[action]
        get_session().add(user)
        get_session().commit()
        flash(
            f"{user.email} can sign in again."
            if user.active
            else f"{user.email} can no longer sign in."
        )
    return redirect(url_for(".users"))
