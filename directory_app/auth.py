"""Accounts: signing in with a password or an emailed one-time link (Flask-Login).

Links are random tokens kept only as their SHA-256 hash, work once, and expire.
Professionals may sign themselves up when their email address is at a domain the
directory trusts (DIRECTORY_PROFESSIONAL_DOMAINS, e.g. nhs.net); staff create the
other accounts.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from flask_login import LoginManager, UserMixin
from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash, generate_password_hash

from directory_app.db import get_session
from directory_app.models import SignInLink, User, utcnow

LINK_MINUTES = 30
ROLES = ("professional", "provider", "staff", "admin")
login_manager = LoginManager()


@dataclass
class Account(UserMixin):
    """The signed-in person, as the request sees them."""

    id: int
    email: str
    role: str
    name: str | None = None

    def get_id(self) -> str:
        return str(self.id)

    def can(self, role: str) -> bool:
        """Whether this account may act as ``role`` (staff may do anything)."""
        return self.role == role or self.role in {"staff", "admin"}


def init_app(app: Flask) -> None:
    """Set up sessions for signed-in people."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.session_protection = "strong"


@login_manager.user_loader
def _load(user_id: str) -> Account | None:
    user = get_session().get(User, int(user_id)) if user_id.isdigit() else None
    return account_of(user) if user is not None and user.active else None


def account_of(user: User) -> Account:
    """The request-side view of a stored user."""
    assert user.id is not None
    return Account(user.id, user.email, user.role, user.name)


def normal_email(email: str) -> str:
    """An email address as accounts are kept: trimmed, lower case."""
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    """The active account with this email address, if any."""
    user = session.exec(select(User).where(User.email == normal_email(email))).first()
    return user if user is not None and user.active else None


def create_user(
    session: Session,
    email: str,
    role: str,
    name: str | None = None,
    password: str | None = None,
) -> User:
    """A new account (the caller commits)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    user = User(email=normal_email(email), role=role, name=name)
    if password:
        user.password_hash = generate_password_hash(password)
    session.add(user)
    session.flush()
    return user


def check_password(user: User, password: str) -> bool:
    """Whether the password is this account's (never true without one set)."""
    return bool(user.password_hash) and check_password_hash(
        user.password_hash or "", password
    )


def make_link(
    session: Session,
    user: User,
    purpose: str = "sign-in",
    *,
    subject: str | None = None,
    minutes: int = LINK_MINUTES,
) -> str:
    """A new one-time token for ``user`` (the caller commits and sends it).

    ``subject`` is what the link acts on (a service, for a "still accurate" link).
    """
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    session.add(
        SignInLink(
            token_hash=_hash(token),
            user_id=user.id,
            purpose=purpose,
            subject=subject,
            expires_at=utcnow() + timedelta(minutes=minutes),
        )
    )
    return token


class LinkError(Exception):
    """The link is unknown, used already, or too old."""


def use_link(session: Session, token: str, purpose: str = "sign-in") -> User:
    """The user a link is for, marking it used; LinkError if it cannot be used."""
    return use_link_for(session, token, purpose)[0]


def use_link_for(session: Session, token: str, purpose: str) -> tuple[User, str | None]:
    """The user a link is for and what it acts on, marking it used (LinkError)."""
    link = session.get(SignInLink, _hash(token))
    if link is None or link.purpose != purpose:
        raise LinkError("That link is not valid. Ask for a new one.")
    if link.used_at is not None:
        raise LinkError("That link has been used already. Ask for a new one.")
    if link.expires_at < utcnow():
        raise LinkError("That link has expired. Ask for a new one.")
    user = session.get(User, link.user_id)
    if user is None or not user.active:
        raise LinkError("That account is closed.")
    link.used_at = utcnow()
    session.add(link)
    return user, link.subject


def forget_old_links(session: Session) -> int:
    """Remove links that can no longer be used; how many."""
    old = session.exec(
        select(SignInLink).where(col(SignInLink.expires_at) < utcnow())
    ).all()
    for link in old:
        session.delete(link)
    return len(old)


def may_sign_up(email: str, config: Any = None) -> bool:
    """Whether this address may make a professional account by itself."""
    domains = (config or current_app.config).get("PROFESSIONAL_EMAIL_DOMAINS") or []
    domain = normal_email(email).rpartition("@")[2]
    return bool(domain) and any(
        domain == d or domain.endswith("." + d) for d in domains
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
