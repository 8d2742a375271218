"""A group sees and changes only its own organisations: every provider route and
form, tried with another group's ids, is refused, and nothing of theirs changes."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from sqlmodel import Session, func, select

from directory_app.db import get_engine
from directory_app.models import ListingVersion, ProposedChange
from tests.app.providers import add_person, csrf, form_values, make_group, sign_in


def _fill(rule: str, values: dict[str, str]) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], rule)


def _versions(app: Flask, sid: str) -> int:
    with Session(get_engine(app)) as session:
        query = select(func.count()).where(ListingVersion.service_id == sid)
        return session.exec(query).one()


def test_every_provider_route_refuses_another_groups_listing(
    app: Flask, tmp_path: Path
) -> None:
    ours = make_group(app, tmp_path, key="ours", name="Our Lunch Club")
    theirs = make_group(app, tmp_path, key="theirs", name="Their Choir")
    add_person(app, "us@ours.example", org_id=ours.org_id)
    client = app.test_client()
    sign_in(client, "us@ours.example")
    token = csrf(client, f"/provider/services/{ours.sid}")
    own = form_values(client, f"/provider/services/{ours.sid}/edit/about")
    values = {
        "sid": theirs.sid,
        "org_id": theirs.org_id,
        "item_id": theirs.schedule_id,
        "part": "about",
        "action": "end",
        "kind": "sessions",
    }
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("provider.")]
    tried = 0
    for rule in rules:
        if not rule.arguments:
            continue  # the dashboard: only ever the person's own
        path = _fill(rule.rule, values)
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            data = dict(own, csrf_token=token, name="Taken over", notice="Gone")
            response = client.open(path, method=method, data=data)
            assert response.status_code in {403, 404}, (method, path)
            tried += 1
    assert tried >= 15, "every provider route was tried"
    assert _versions(app, theirs.sid) == 1
    with Session(get_engine(app)) as session:
        assert session.exec(select(ProposedChange)).all() == []
    dashboard = client.get("/provider/").get_data(as_text=True)
    assert "Our Lunch Club" in dashboard and "Their Choir" not in dashboard


def test_people_who_are_not_providers_or_staff_are_kept_out(
    app: Flask, tmp_path: Path
) -> None:
    group = make_group(app, tmp_path)
    anonymous = app.test_client()
    response = anonymous.get(f"/provider/services/{group.sid}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/provider/")
    add_person(app, "gp@nhs.net", role="professional")
    gp = app.test_client()
    sign_in(gp, "gp@nhs.net")
    assert gp.get("/provider/").status_code == 403
    add_person(app, "group@example.org", org_id=group.org_id)
    provider = app.test_client()
    sign_in(provider, "group@example.org")
    assert provider.get("/admin/changes").status_code == 403
    assert provider.get("/admin/").status_code == 403


def test_a_form_post_without_its_csrf_token_changes_nothing(
    app: Flask, tmp_path: Path
) -> None:
    group = make_group(app, tmp_path)
    add_person(app, "group@example.org", org_id=group.org_id)
    client = app.test_client()
    sign_in(client, "group@example.org")
    path = f"/provider/services/{group.sid}/edit/about"
    values = form_values(client, path)
    values.pop("csrf_token")
    values["name"] = "Forged"
    assert client.post(path, data=values).status_code == 400
    assert client.post(f"/provider/services/{group.sid}/end").status_code == 400
    with Session(get_engine(app)) as session:
        assert session.exec(select(ProposedChange)).all() == []
    assert "Bentley Health Walk" in client.get(f"/services/{group.sid}").get_data(
        as_text=True
    )
