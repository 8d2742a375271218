"""Helpers for the provider and staff tests: a group with a listing, its people,
signing in, and filling in forms the way a browser would."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from directory_app.auth import create_user
from directory_app.db import get_engine
from directory_app.models import Service, UserOrganization
from tests.factories import import_items, make_raw_service
from tests.pages import parse_page

PASSWORD = "correct horse battery staple"
STAFF = "staff.member@directory.test"
GROUP = "group@example.org"


@dataclass
class Group:
    """A group's listing as stored: its service, organisation and schedule ids."""

    sid: str
    org_id: str
    schedule_id: str


def make_group(app: Flask, tmp_path: Path, *, key: str = "walk", **item: Any) -> Group:
    """Import one listing (a weekly Tuesday walk by default) and return its ids."""
    raw = make_raw_service(id=key, **item)
    import_items(app, tmp_path, [raw], name=f"feed-{key}")
    with Session(get_engine(app)) as session:
        service = session.exec(select(Service).where(Service.name == raw["name"])).one()
        from directory_app.packages import load_packages

        pkg = load_packages(session, [service.id])[service.id]
    assert service.organization_id is not None
    return Group(service.id, service.organization_id, pkg["schedules"][0]["id"])


def add_person(
    app: Flask, email: str, role: str = "provider", org_id: str | None = None
) -> None:
    """An account with the test password, looking after ``org_id`` if given."""
    with Session(get_engine(app)) as session:
        user = create_user(session, email, role, name="Test", password=PASSWORD)
        if org_id:
            assert user.id is not None
            session.add(UserOrganization(user_id=user.id, organization_id=org_id))
        session.commit()


def form_values(client: FlaskClient, path: str) -> dict[str, Any]:
    """The fields of the page's last form as a browser would send them unchanged."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    soup = parse_page(page.data)
    form = soup.find_all("form", attrs={"method": "post"})[-1]
    return fields_of(form)


def fields_of(form: Any) -> dict[str, Any]:
    """What a browser would send for this form as it stands."""
    values: dict[str, Any] = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            values[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            values[name] = chosen["value"] if chosen else ""
        elif field.get("type") in {"radio", "checkbox"}:
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field["value"])
        else:
            values[name] = field.get("value", "")
    return {
        k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in values.items()
    }


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    """Sign in with a password, asserting it worked."""
    values = form_values(client, "/sign-in")
    values.update(email=email, password=password, action="password")
    assert client.post("/sign-in", data=values).status_code == 302


def signed_in(app: Flask, email: str = GROUP) -> FlaskClient:
    """A client signed in as ``email`` (the group's person, by default)."""
    client = app.test_client()
    sign_in(client, email)
    return client


def csrf(client: FlaskClient, path: str = "/sign-in") -> str:
    """A CSRF token for this client's session."""
    soup = parse_page(client.get(path).data)
    return soup.find("input", attrs={"name": "csrf_token"})["value"]


def link_in(message: Any, pattern: str) -> str:
    """The path of the first link in an email's body that matches ``pattern``."""
    body = message.get_content()
    found = re.search(r"https?://\S+", body[body.index(pattern) :] if pattern else body)
    assert found, body
    return urlsplit(found.group(0)).path


def text_of(html: bytes) -> str:
    """A page's words, spaces folded."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
