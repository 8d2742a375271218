"""Signing in and out, for professionals, providers and staff.

A password, or an emailed link that works once within 30 minutes. Opening a link
shows a button rather than signing in straight away, so mail scanners that open
links do not use them up.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from directory_app.auth import (
    LinkError,
    account_of,
    check_password,
    create_user,
    find_user,
    make_link,
    may_sign_up,
    normal_email,
    use_link,
)
from directory_app.db import get_session
from directory_app.mail import Mail, MailError, send
from directory_app.models import User
from directory_app.security import limiter
from directory_app.web.forms import ConfirmForm, SignInForm, SignUpForm
from directory_app.web.saved import safe_next

bp = Blueprint("accounts", __name__)
HOME = {
    "professional": "professional.search",
    "provider": "provider.dashboard",
    "staff": "admin.dashboard",
    "admin": "admin.dashboard",
}


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def sign_in() -> str | Response | tuple[str, int]:
    """Sign in with a password, or ask for a one-time link by email."""
    form = SignInForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("accounts/sign_in.html", form=form), status
    session = get_session()
    user = find_user(session, form.email.data)
    if request.form.get("action") == "link":
        if user is not None:
            _send_link(user)
        return render_template("accounts/link_sent.html", email=form.email.data)
    if user is None or not check_password(user, form.password.data or ""):
        form.password.errors = ["The email address or password is not right"]
        return render_template("accounts/sign_in.html", form=form), 400
    login_user(account_of(user))
    return redirect(safe_next(form.next.data) or url_for(_home(user)))


def _home(user: User) -> str:
    return HOME.get(user.role, "public.home")


def _send_link(user: User) -> None:
    session = get_session()
    token = make_link(session, user)
    session.commit()
    link = url_for("accounts.use_sign_in_link", token=token, _external=True)
    body = (
        f"Use this link to sign in to {current_app.config['SITE_NAME']}:\n\n{link}\n\n"
        "It works once, within 30 minutes. If you did not ask for it, ignore this "
        "email."
    )
    try:
        send(Mail([user.email], "Your sign-in link", body))
    except MailError:
        current_app.logger.exception("could not send a sign-in link")


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def use_sign_in_link(token: str) -> str | Response | tuple[str, int]:
    """Confirm, then sign in with an emailed link."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("accounts/use_link.html", form=form, token=token)
    session = get_session()
    try:
        user = use_link(session, token)
    except LinkError as exc:
        session.rollback()
        return render_template("accounts/link_error.html", message=str(exc)), 400
    session.commit()
    login_user(account_of(user))
    return redirect(url_for(_home(user)))


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
def sign_up() -> str | tuple[str, int]:
    """A professional with an email address at a trusted domain makes an account."""
    form = SignUpForm()
    domains = current_app.config.get("PROFESSIONAL_EMAIL_DOMAINS") or []
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "accounts/sign_up.html", form=form, domains=domains
        ), status
    email = normal_email(form.email.data)
    if not may_sign_up(email):
        form.email.errors = [
            "Accounts can be made here only with an email address at "
            + (" or ".join(domains) or "a domain the directory team has set up")
            + ". Ask the directory team for an account."
        ]
        return render_template("accounts/sign_up.html", form=form, domains=domains), 400
    session = get_session()
    user = find_user(session, email) or create_user(
        session, email, "professional", name=form.name.data.strip()
    )
    session.commit()
    _send_link(user)
    return render_template("accounts/link_sent.html", email=email)


@bp.post("/sign-out")
def sign_out() -> Response:
    """Sign out (a form post, so no other site can sign anyone out)."""
    form = ConfirmForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        logout_user()
        flash("You have signed out.")
    return redirect(url_for("public.home"))
