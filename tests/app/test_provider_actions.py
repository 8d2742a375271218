"""One-step actions (still accurate, closed for now, moved online, ended), staff
restoring a version, and the ways in: claims, invitations, the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bs4 import BeautifulSoup
from flask import Flask
from sqlmodel import Session, select

from directory_app import indexing
from directory_app.db import get_engine, session_scope
from directory_app.jobs import reopen_listings
from directory_app.listing_actions import reopen_due
from directory_app.models import ReviewState, User, UserOrganization, Verification
from directory_app.reminders import send_review_reminder
from directory_app.review_cycle import run_cycle
from tests.app.providers import (
    GROUP,
    STAFF,
    Group,
    add_person,
    csrf,
    form_values,
    link_in,
    signed_in,
    text_of,
)
from tests.smtp_server import smtp_server


def _public(app: Flask, sid: str) -> str:
    return text_of(app.test_client().get(f"/services/{sid}").data)


def _found(app: Flask, words: str) -> list[str]:
    """The service links a search finds, once the index has caught up."""
    indexing.apply_changes(app)
    page = app.test_client().get(f"/search?q={words}").data
    return [
        a["href"]
        for a in __import__("bs4")
        .BeautifulSoup(page, "html.parser")
        .select(".result-title a")
    ]


def test_still_accurate_from_the_dashboard_records_who_and_when(
    app: Flask, group: Group
) -> None:
    client = signed_in(app)
    token = csrf(client, "/provider/")
    done = client.post(
        f"/provider/services/{group.sid}/verify",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "is marked as checked today" in text_of(done.data)
    with Session(get_engine(app)) as session:
        review = session.get(ReviewState, group.sid)
        assert review is not None and review.verified_by == GROUP
        assert review.last_verified_at is not None
        assert review.last_verified_at.date() == datetime.now(UTC).date()
        (how,) = session.exec(select(Verification.how)).all()
    assert how == "dashboard"
    today = datetime.now(UTC).date()
    assert f"{today.day} {today:%B %Y}" in text_of(client.get("/provider/").data)


def test_closed_for_now_reopens_by_itself_on_the_day(app: Flask, group: Group) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/close"
    soon = datetime.now(UTC).date() + timedelta(days=10)
    values = form_values(client, path) | {
        "notice": "The hall is being repaired.",
        "reopens_on": soon.isoformat(),
    }
    assert client.post(path, data=values).status_code == 302
    page = _public(app, group.sid)
    assert "The hall is being repaired." in page
    assert f"It reopens on {soon:%A} {soon.day} {soon:%B %Y}" in page
    assert reopen_due_now(app, soon - timedelta(days=1)) == []
    assert reopen_due_now(app, soon) == [group.sid]
    page = _public(app, group.sid)
    assert "The hall is being repaired." not in page
    with app.app_context():
        assert reopen_listings(app) is None  # nothing left to reopen


def reopen_due_now(app: Flask, day: object) -> list[str]:
    with session_scope(app) as session:
        return reopen_due(session, day)  # type: ignore[arg-type]


def test_a_reopening_date_in_the_past_is_refused(app: Flask, group: Group) -> None:
    client = signed_in(app)
    path = f"/provider/services/{group.sid}/close"
    values = form_values(client, path) | {"reopens_on": "2020-01-01"}
    response = client.post(path, data=values)
    assert response.status_code == 400
    assert "must be in the future" in text_of(response.data)
    assert "Closed for now" not in _public(app, group.sid)


def test_moved_online_and_ended_take_one_step_each(app: Flask, group: Group) -> None:
    indexing.rebuild(app)
    assert _found(app, "Bentley") == [f"/services/{group.sid}"]
    client = signed_in(app)
    token = csrf(client, f"/provider/services/{group.sid}")
    client.post(f"/provider/services/{group.sid}/online", data={"csrf_token": token})
    page = _public(app, group.sid)
    assert "This now runs online." in page and "1 High Street" not in page
    client.post(f"/provider/services/{group.sid}/end", data={"csrf_token": token})
    assert app.test_client().get(f"/services/{group.sid}").status_code == 410
    assert _found(app, "Bentley") == []


def test_staff_restore_an_earlier_version(app: Flask, group: Group) -> None:
    client = signed_in(app)
    token = csrf(client, f"/provider/services/{group.sid}")
    client.post(f"/provider/services/{group.sid}/end", data={"csrf_token": token})
    staff = signed_in(app, STAFF)
    history = f"/admin/services/{group.sid}/history"
    assert "Version 2 (published now)" in text_of(staff.get(history).data)
    token = form_values(staff, history)["csrf_token"]
    staff.post(f"/admin/services/{group.sid}/restore/1", data={"csrf_token": token})
    assert app.test_client().get(f"/services/{group.sid}").status_code == 200
    said = text_of(staff.get(history).data)
    assert "Version 3 (published now)" in said and "(restored v1)" in said


def test_a_claim_approved_gives_the_claimant_a_way_in(app: Flask, group: Group) -> None:
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        visitor = app.test_client()
        path = f"/organizations/{group.org_id}/claim"
        values = form_values(visitor, path) | {
            "name": "Pat Lee",
            "email": "Pat@Example.org",
            "role": "Chair",
            "message": "I chair the group.",
        }
        assert "Request sent" in text_of(visitor.post(path, data=values).data)
        assert (
            inbox.messages[-1]["Subject"]
            == "Request to look after Bentley Health Walk Group"
        )
        staff = signed_in(app, STAFF)
        assert "Pat Lee for Bentley Health Walk Group" in text_of(
            staff.get("/admin/claims").data
        )
        token = form_values(staff, "/admin/claims")["csrf_token"]
        (claim_form,) = [
            f
            for f in __import__("bs4")
            .BeautifulSoup(staff.get("/admin/claims").data, "html.parser")
            .select("form")
            if f["action"].endswith("/approve")
        ]
        staff.post(claim_form["action"], data={"csrf_token": token})
        welcome = inbox.messages[-1]
        assert welcome["To"] == "pat@example.org"
        assert "has been approved" in welcome.get_content()
        link = link_in(welcome, "right:")
        confirm = form_values(visitor, link)
        assert visitor.post(link, data=confirm).headers["Location"] == "/provider/"
        assert "Bentley Health Walk" in text_of(visitor.get("/provider/").data)


def test_a_claim_refused_tells_the_claimant_why(app: Flask, group: Group) -> None:
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        visitor = app.test_client()
        path = f"/organizations/{group.org_id}/claim"
        values = form_values(visitor, path) | {
            "name": "Sam",
            "email": "sam@example.net",
            "role": "Member",
        }
        visitor.post(path, data=values)
        staff = signed_in(app, STAFF)
        page = BeautifulSoup(staff.get("/admin/claims").data, "html.parser")
        refuse = next(f for f in page.select("form") if f["action"].endswith("/refuse"))
        token = refuse.find("input", attrs={"name": "csrf_token"})["value"]
        staff.post(
            refuse["action"],
            data={
                "csrf_token": token,
                "reason": "The group's chair asked us to keep one contact.",
            },
        )
        told = inbox.messages[-1]
        assert told["To"] == "sam@example.net"
        assert "keep one contact" in told.get_content()
    with Session(get_engine(app)) as session:
        assert len(session.exec(select(UserOrganization)).all()) == 1  # only GROUP


def test_staff_invite_someone_and_read_the_outbox(app: Flask, group: Group) -> None:
    staff = signed_in(app, STAFF)
    page = f"/admin/organizations/{group.org_id}"
    values = form_values(staff, page) | {
        "email": "new.volunteer@example.org",
        "name": "Kim",
    }
    done = staff.post(page, data=values, follow_redirects=True)
    assert "Invited new.volunteer@example.org" in text_of(done.data)
    assert "new.volunteer@example.org" in text_of(staff.get(page).data)
    outbox = text_of(staff.get("/admin/outbox").data)
    assert "Look after Bentley Health Walk Group's listings" in outbox
    assert "You have been invited" in outbox


def test_inviting_an_address_with_another_kind_of_account_is_explained(
    app: Flask, group: Group
) -> None:
    add_person(app, "gp@nhs.net", role="professional")
    add_person(app, "left@example.org", org_id=None)
    with Session(get_engine(app)) as session:
        left = session.exec(select(User).where(User.email == "left@example.org")).one()
        left.active = False
        session.add(left)
        session.commit()
    staff = signed_in(app, STAFF)
    page = f"/admin/organizations/{group.org_id}"
    refused = staff.post(page, data=form_values(staff, page) | {"email": "gp@nhs.net"})
    assert refused.status_code == 400
    assert "gp@nhs.net has a professional account" in text_of(refused.data)
    back = staff.post(
        page, data=form_values(staff, page) | {"email": "left@example.org"}
    )
    assert back.status_code == 302
    with Session(get_engine(app)) as session:
        left = session.exec(select(User).where(User.email == "left@example.org")).one()
        assert left.active
        assert session.get(UserOrganization, (left.id, group.org_id)) is not None


def test_a_still_accurate_link_stops_working_when_the_person_leaves_the_group(
    app: Flask, group: Group
) -> None:
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        with app.app_context(), Session(get_engine(app)) as session:
            assert send_review_reminder(session, group.sid) == 1
        link = link_in(inbox.messages[-1], "one click")
    with Session(get_engine(app)) as session:
        for row in session.exec(select(UserOrganization)).all():
            session.delete(row)  # they no longer look after the group
        session.commit()
    visitor = app.test_client()
    response = visitor.post(link, data=form_values(visitor, link))
    assert response.status_code == 404
    assert "no longer yours to confirm" in text_of(response.data)


def test_a_reminder_nobody_received_is_not_counted(app: Flask, group: Group) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=9)  # nothing listens there
    with session_scope(app) as session:
        review = session.get(ReviewState, group.sid)
        assert review is not None and review.next_review_due is not None
        due = review.next_review_due
    with app.app_context(), session_scope(app) as session:
        assert run_cycle(session, due).reminded == []
    with Session(get_engine(app)) as session:
        review = session.get(ReviewState, group.sid)
        assert review is not None and review.reminders_sent == 0
