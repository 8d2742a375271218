"""Groups editing their listings: errors beside the field, nothing half-saved,
no silent overwrites, people's fields kept from imports, trust, rejection, new
listings and the group's own details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.models import (
    ProposedChange,
    ReviewState,
    Service,
    SuggestedUpdate,
)
from directory_app.moderation import Conflict, _store_proposal, draft_of
from directory_app.packages import load_packages
from tests.app.providers import (
    STAFF,
    Group,
    add_person,
    form_values,
    signed_in,
    text_of,
)
from tests.factories import import_items, make_raw_service
from tests.pages import parse_page


def _proposals(app: Flask) -> list[ProposedChange]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(ProposedChange)).all())


def _package(app: Flask, sid: str) -> dict[str, Any]:
    with Session(get_engine(app)) as session:
        return load_packages(session, [sid])[sid]


def _approve_all(app: Flask) -> None:
    staff = signed_in(app, STAFF)
    for change in _proposals(app):
        if change.status == "pending":
            path = f"/admin/changes/{change.id}"
            token = form_values(staff, path)["csrf_token"]
            assert (
                staff.post(path + "/approve", data={"csrf_token": token}).status_code
                == 302
            )


def test_mistakes_are_shown_beside_the_field_and_nothing_is_saved(
    app: Flask, group: Group
) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/sessions/{group.schedule_id}"
    values = form_values(client, path)
    values.update(opens_at="15:00", closes_at="13:00")
    response = client.post(path, data=values)
    assert response.status_code == 400
    soup = parse_page(response.data)
    summary = soup.select_one(".error-summary")
    assert "The end time must be after the start time" in summary.get_text()
    assert summary.find("a")["href"] == "#closes_at"
    assert (
        soup.select_one("#closes_at-error")
        .get_text(strip=True)
        .endswith("The end time must be after the start time")
    )
    place = f"/provider/services/{group.sid}/places/new"
    values = form_values(client, place)
    values.update(name="Hall", address_1="1 Road", city="Doncaster", postcode="ZZ9 9ZZ")
    response = client.post(place, data=values)
    assert response.status_code == 400
    assert (
        "ZZ9 9ZZ" in parse_page(response.data).select_one("#postcode-error").get_text()
    )
    assert _proposals(app) == []


def test_a_typed_description_is_shown_as_text_never_as_markup(
    app: Flask, group: Group
) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/edit/about"
    values = form_values(client, path)
    values["description"] = 'A walk. <script>alert("x")</script>\n\nBring <b>boots</b>.'
    assert client.post(path, data=values).status_code == 302
    _approve_all(app)
    page = app.test_client().get(f"/services/{group.sid}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page and "&lt;b&gt;boots&lt;/b&gt;" in page
    assert _package(app, group.sid)["description"].count("<p>") == 2


def test_two_people_editing_one_listing_see_each_others_changes(
    app: Flask, group: Group
) -> None:
    add_person(app, "other@example.org", org_id=group.org_id)
    first, second = signed_in(app), signed_in(app, "other@example.org")
    path = f"/provider/services/{group.sid}/sessions/{group.schedule_id}"
    mine, theirs = form_values(first, path), form_values(second, path)
    mine.update(opens_at="09:00", closes_at="11:00")
    assert first.post(path, data=mine).status_code == 302
    theirs.update(opens_at="18:00", closes_at="20:00")
    clash = second.post(path, data=theirs)
    assert clash.status_code == 409
    said = text_of(clash.data)
    assert "Someone else changed this since you opened the page" in said
    assert "Saved now Yours" in said and "9am to 11am" in said and "6pm to 8pm" in said
    (change,) = _proposals(app)
    assert change.data["schedules"][0]["opens_at"] == "09:00:00"  # not overwritten
    again = form_values(second, path) | {"opens_at": "18:00", "closes_at": "20:00"}
    again["token"] = parse_page(clash.data).find("input", attrs={"name": "token"})[
        "value"
    ]
    assert second.post(path, data=again).status_code == 302
    (change,) = _proposals(app)
    assert change.data["schedules"][0]["opens_at"] == "18:00:00"
    assert change.revision == 2 and change.updated_by == "other@example.org"


def test_an_import_never_overwrites_what_the_group_set(
    app: Flask, group: Group, tmp_path: Path
) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/sessions/{group.schedule_id}"
    values = form_values(client, path) | {"opens_at": "13:00", "closes_at": "15:00"}
    assert client.post(path, data=values).status_code == 302
    _approve_all(app)
    changed = make_raw_service(
        id="walk", description="A new description from the feed."
    )
    changed["schedules"][0]["opens_at"] = "11:00"
    import_items(app, tmp_path, [changed], name="feed-walk")
    pkg = _package(app, group.sid)
    assert pkg["schedules"][0]["opens_at"] == "13:00:00"
    assert pkg["description"] == "A new description from the feed."
    with Session(get_engine(app)) as session:
        (suggestion,) = session.exec(select(SuggestedUpdate)).all()
    assert suggestion.field == "schedules"
    assert suggestion.value["value"][0]["opens_at"] == "11:00:00"


def test_a_trusted_group_publishes_at_once(app: Flask, group: Group) -> None:
    staff = signed_in(app, STAFF)
    page = f"/admin/organizations/{group.org_id}"
    token = form_values(staff, page)["csrf_token"]
    trusted = staff.post(
        page + "/trust", data={"csrf_token": token}, follow_redirects=True
    )
    assert "its changes now publish at once" in text_of(trusted.data)
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/edit/contact"
    values = form_values(client, path) | {"phone": "01302496000"}
    response = client.post(path, data=values, follow_redirects=True)
    assert "Published: your changes" in text_of(response.data)
    assert "01302 496000" in text_of(
        app.test_client().get(f"/services/{group.sid}").data
    )
    (change,) = _proposals(app)
    assert change.status == "approved" and change.decided_by == "trusted organisation"


def test_staff_reject_with_a_reason_and_the_listing_stays(
    app: Flask, group: Group
) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/edit/about"
    values = form_values(client, path) | {"name": "BENTLEY WALK!!! BEST IN TOWN"}
    assert client.post(path, data=values).status_code == 302
    (change,) = _proposals(app)
    staff = signed_in(app, STAFF)
    detail = f"/admin/changes/{change.id}"
    token = form_values(staff, detail)["csrf_token"]
    empty = staff.post(detail + "/reject", data={"csrf_token": token, "reason": ""})
    assert empty.status_code == 400
    assert (
        "Enter the reason" in parse_page(empty.data).select_one(".error-summary").text
    )
    reason = "Please keep the listing's name as the group is known locally."
    staff.post(detail + "/reject", data={"csrf_token": token, "reason": reason})
    (change,) = _proposals(app)
    assert change.status == "rejected" and change.reason == reason
    page = text_of(app.test_client().get(f"/services/{group.sid}").data)
    assert "BEST IN TOWN" not in page and "Bentley Health Walk" in page
    assert "Waiting for review" not in text_of(
        client.get(f"/provider/services/{group.sid}").data
    )


def test_a_group_adds_a_listing_that_staff_publish(app: Flask, group: Group) -> None:
    client = signed_in(app)
    path = f"/provider/organizations/{group.org_id}/services/new"
    values = form_values(client, path) | {
        "name": "Bentley Knit and Natter",
        "description": "Bring your knitting, or learn.",
        "category": "social-connection",
    }
    created = client.post(path, data=values)
    assert created.status_code == 302
    listing = created.headers["Location"]
    sid = listing.rsplit("/", 1)[1]
    assert "Waiting for review" in text_of(client.get(listing).data)
    assert app.test_client().get(f"/services/{sid}").status_code == 404
    session_path = f"/provider/services/{sid}/sessions/new"
    values = form_values(client, session_path) | {
        "frequency": "monthly",
        "week": "1",
        "day": "WE",
        "opens_at": "14:00",
        "closes_at": "16:00",
    }
    assert client.post(session_path, data=values).status_code == 302
    _approve_all(app)
    page = text_of(app.test_client().get(f"/services/{sid}").data)
    assert "Bentley Knit and Natter" in page
    assert "First Wednesday of the month, 2pm to 4pm" in page
    assert "Run by Bentley Health Walk Group" in page


def test_the_groups_own_details_change_on_every_listing(
    app: Flask, group: Group
) -> None:
    client = signed_in(app)
    path = f"/provider/organizations/{group.org_id}/edit"
    values = form_values(client, path) | {"name": "Bentley Walkers"}
    assert client.post(path, data=values).status_code == 302
    _approve_all(app)
    with Session(get_engine(app)) as session:
        service = session.get(Service, group.sid)
        assert service is not None and service.organization_id == group.org_id
    assert "Run by Bentley Walkers" in text_of(
        app.test_client().get(f"/services/{group.sid}").data
    )


def test_staff_edit_a_change_and_then_approve_it(app: Flask, group: Group) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/edit/about"
    values = form_values(client, path) | {"name": "Bentley health walk!!"}
    assert client.post(path, data=values).status_code == 302
    staff = signed_in(app, STAFF)
    (change,) = _proposals(app)
    detail = text_of(staff.get(f"/admin/changes/{change.id}").data)
    assert "Edit before approving" in detail
    tidy = form_values(staff, path) | {"name": "Bentley Health Walk (Tuesdays)"}
    assert tidy["name"] == "Bentley Health Walk (Tuesdays)"
    assert staff.post(path, data=tidy).status_code == 302  # joins the same change
    (change,) = _proposals(app)
    assert change.revision == 2 and change.updated_by == STAFF
    _approve_all(app)
    page = text_of(app.test_client().get(f"/services/{group.sid}").data)
    assert "Bentley Health Walk (Tuesdays)" in page and "!!" not in page


@pytest.mark.parametrize(
    "typed",
    ["Hello <img src=x onerror=alert(1)//", "<script>alert(1)</script>", "Plain words"],
)
def test_no_description_a_group_types_is_ever_markup(
    app: Flask, group: Group, typed: str
) -> None:
    client = signed_in(app)
    path = f"/provider/organizations/{group.org_id}/services/new"
    values = form_values(client, path) | {
        "name": "Knit and Natter",
        "description": typed,
        "category": "social-connection",
    }
    sid = client.post(path, data=values).headers["Location"].rsplit("/", 1)[1]
    edit = f"/provider/services/{group.sid}/edit/about"
    client.post(edit, data=form_values(client, edit) | {"description": typed})
    _approve_all(app)
    for listing in (sid, group.sid):
        page = app.test_client().get(f"/services/{listing}").get_data(as_text=True)
        description = BeautifulSoup(page, "html.parser").select_one(".description")
        assert description.find_all(["img", "script"]) == []
        assert description.get_text(" ", strip=True) == typed


def test_changing_only_the_name_keeps_the_description_as_it_was(
    app: Flask, group: Group, tmp_path: Path
) -> None:
    rich = "<p>Walks for all:</p><ul><li>Tuesdays</li><li>Fridays</li></ul>"
    import_items(
        app, tmp_path, [make_raw_service(id="walk", description=rich)], name="feed-walk"
    )
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/edit/about"
    assert (
        client.post(
            path, data=form_values(client, path) | {"name": "Bentley Walks"}
        ).status_code
        == 302
    )
    (change,) = _proposals(app)
    assert change.fields == ["name"]
    assert change.data["description"] == _package(app, group.sid)["description"]


def test_approving_keeps_what_an_import_changed_meanwhile(
    app: Flask, group: Group, tmp_path: Path
) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/sessions/{group.schedule_id}"
    values = form_values(client, path) | {"opens_at": "13:00", "closes_at": "15:00"}
    assert client.post(path, data=values).status_code == 302
    newer = make_raw_service(id="walk", description="Now also on Fridays.")
    import_items(app, tmp_path, [newer], name="feed-walk")
    contact = f"/provider/services/{group.sid}/edit/contact"
    values = form_values(client, contact) | {"email": "walks@bentley.example"}
    assert client.post(contact, data=values).status_code == 302
    (change,) = _proposals(app)
    assert "description" not in change.fields
    _approve_all(app)
    pkg = _package(app, group.sid)
    assert pkg["description"] == "Now also on Fridays."  # the import's, kept
    assert pkg["schedules"][0]["opens_at"] == "13:00:00"  # the group's
    assert pkg["email"] == "walks@bentley.example"


def test_two_saves_at_the_same_moment_cannot_both_win(app: Flask, group: Group) -> None:
    """Both read the same state and passed the check; the store lets one through."""
    engine = get_engine(app)
    with Session(engine) as first, Session(engine) as second:
        one, two = draft_of(first, group.sid), draft_of(second, group.sid)
        assert one is not None and two is not None
        one.data["name"], two.data["name"] = "First", "Second"
        values = {"fields": ["name"], "updated_by": "x", "professional": {}}
        _store_proposal(first, one, {**values, "data": one.data}, "one@x.org")
        first.commit()
        with pytest.raises(Conflict):  # a second pending change for the listing
            _store_proposal(second, two, {**values, "data": two.data}, "two@x.org")
    with Session(engine) as first, Session(engine) as second:
        one, two = draft_of(first, group.sid), draft_of(second, group.sid)
        assert one is not None and two is not None and one.proposal is not None
        _store_proposal(first, one, {"data": {**one.data, "name": "Third"}}, "a")
        first.commit()
        with pytest.raises(Conflict) as lost:  # read revision 1, now it is 2
            _store_proposal(second, two, {"data": {**two.data, "name": "Fourth"}}, "b")
    assert lost.value.draft.data["name"] == "Third"
    (change,) = _proposals(app)
    assert (change.data["name"], change.revision) == ("Third", 2)


def test_changing_the_groups_details_is_not_a_check_of_its_listings(
    app: Flask, group: Group
) -> None:
    with Session(get_engine(app)) as session:
        before = session.get(ReviewState, group.sid)
        assert before is not None
        checked = before.last_verified_at
    client = signed_in(app)
    path = f"/provider/organizations/{group.org_id}/edit"
    client.post(
        path, data=form_values(client, path) | {"email": "hello@walkers.example"}
    )
    _approve_all(app)
    with Session(get_engine(app)) as session:
        after = session.get(ReviewState, group.sid)
        assert after is not None and after.last_verified_at == checked
