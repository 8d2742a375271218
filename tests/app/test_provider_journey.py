"""The journey the issue asks for, end to end over a real local SMTP server: a
group signs in from an emailed link, changes a session time, sees it wait for
review; staff approve; it is published; the history shows both versions; a
"still accurate" link from a reminder email records the verification."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.models import ReviewState, Verification
from directory_app.reminders import send_review_reminder
from tests.app.providers import (
    STAFF,
    add_person,
    form_values,
    link_in,
    make_group,
    sign_in,
    text_of,
)
from tests.smtp_server import smtp_server

GROUP = "secretary@bentleywalkers.example"


def test_a_group_changes_a_session_and_staff_publish_it(
    app: Flask, tmp_path: Path
) -> None:
    group = make_group(app, tmp_path)
    add_person(app, GROUP, org_id=group.org_id)
    add_person(app, STAFF, role="staff")
    public = f"/services/{group.sid}"
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        client = app.test_client()

        # Sign in from an emailed one-time link.
        values = form_values(client, "/sign-in")
        values.update(email=GROUP, action="link")
        assert client.post("/sign-in", data=values).status_code == 200
        (mail,) = inbox.messages
        assert mail["To"] == GROUP
        link = link_in(mail, "")
        confirm = form_values(client, link)
        signed_in = client.post(link, data=confirm)
        assert signed_in.headers["Location"] == "/provider/"
        assert "Bentley Health Walk" in text_of(client.get("/provider/").data)

        # Change the session from 10am-12pm to 1pm-3pm.
        path = f"/provider/services/{group.sid}/sessions/{group.schedule_id}"
        values = form_values(client, path)
        assert values["opens_at"] == "10:00" and values["frequency"] == "weekly"
        values.update(opens_at="13:00", closes_at="15:00")
        saved = client.post(path, data=values)
        assert saved.status_code == 302, text_of(saved.data)
        listing = text_of(client.get(f"/provider/services/{group.sid}").data)
        assert "Waiting for review" in listing
        assert "Tuesdays, 10am to 12pm Tuesdays, 1pm to 3pm" in listing
        assert "Tuesdays, 10am to 12pm" in text_of(app.test_client().get(public).data)
        to_staff = inbox.messages[-1]
        assert to_staff["To"] == "staff@directory.test"
        assert "Changes to review" in to_staff["Subject"]

        # Staff see the change field by field, and approve it.
        staff = app.test_client()
        sign_in(staff, STAFF)
        change_path = link_in(to_staff, "Review:")
        review = text_of(staff.get(change_path).data)
        assert "Sessions Tuesdays, 10am to 12pm Tuesdays, 1pm to 3pm" in review
        approve = form_values(staff, change_path)  # the last form is reject...
        approved = staff.post(
            change_path + "/approve", data={"csrf_token": approve["csrf_token"]}
        )
        assert approved.status_code == 302
        told = inbox.messages[-1]
        assert told["Subject"] == "Published: Bentley Health Walk"
        assert GROUP in told["To"]

        page = text_of(app.test_client().get(public).data)
        assert "Tuesdays, 1pm to 3pm" in page and "10am to 12pm" not in page

        # The history shows both versions, with who made each.
        history = text_of(client.get(f"/provider/services/{group.sid}/history").data)
        assert "Version 2" in history and "Version 1" in history
        assert f"by {GROUP}: changed schedules (approved by {STAFF})" in history
        assert "by feed-walk (an import): created" in history

        # A reminder's "still accurate" link records who verified, with no sign-in.
        with app.app_context():
            with Session(get_engine(app)) as session:
                assert send_review_reminder(session, group.sid) == 1
        reminder = inbox.messages[-1]
        assert reminder["Subject"] == "Is “Bentley Health Walk” still right?"
        still = link_in(reminder, "one click")
        anyone = app.test_client()
        button = form_values(anyone, still)
        done = anyone.post(still, data=button)
        assert done.status_code == 200
        assert "is marked as checked on" in text_of(done.data)
        again = anyone.post(still, data=button)
        assert again.status_code == 400 and "used already" in text_of(again.data)
    with Session(get_engine(app)) as session:
        review = session.get(ReviewState, group.sid)
        assert review is not None and review.verified_by == GROUP
        hows = session.exec(select(Verification.how)).all()
        assert "email link" in hows
