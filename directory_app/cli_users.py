"""`directory users`: accounts made by staff, and sign-in links for them."""

from __future__ import annotations

import click
from flask import url_for
from flask.cli import with_appcontext

from directory_app.auth import ROLES, create_user, find_user, make_link
from directory_app.db import real_app, session_scope
from directory_app.models import Organization, UserOrganization


@click.group("users")
def users_group() -> None:
    """Accounts for professionals, providers and staff."""


@users_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default=None)
@click.option("--organization", "organizations", multiple=True, help="Organisation id.")
@click.option("--password", prompt=False, default=None, help="Else sign in by link.")
@with_appcontext
def users_add(
    email: str,
    role: str,
    name: str | None,
    organizations: tuple[str, ...],
    password: str | None,
) -> None:
    """Make an account (providers are tied to their organisations)."""
    with session_scope(real_app()) as session:
        if find_user(session, email) is not None:
            raise click.ClickException(f"{email} has an account already")
        for org in organizations:
            if session.get(Organization, org) is None:
                raise click.ClickException(f"no organisation with id {org}")
        user = create_user(session, email, role, name=name, password=password)
        assert user.id is not None
        for org in organizations:
            session.add(UserOrganization(user_id=user.id, organization_id=org))
    click.echo(f"Made the {role} account {email}.")


@users_group.command("link")
@click.argument("email")
@with_appcontext
def users_link(email: str) -> None:
    """Print a one-time sign-in link for an account (valid 30 minutes)."""
    app = real_app()
    with session_scope(app) as session:
        user = find_user(session, email)
        if user is None:
            raise click.ClickException(f"no active account for {email}")
        token = make_link(session, user)
    with app.test_request_context(
        base_url=app.config.get("BASE_URL", "http://127.0.0.1:5000")
    ):
        click.echo(url_for("accounts.use_sign_in_link", token=token, _external=True))
