"""The review cycle with time moved forward: reminders by email (a real local SMTP
server), then staff are told, then the listing shows as possibly out of date;
a click on a reminder's link puts it right."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bs4 import BeautifulSoup
from flask import Flask
from sqlmodel import Session

from directory_app import indexing
from directory_app.db import get_engine, session_scope
from directory_app.history import add_months
from directory_app.models import ReviewState
from directory_app.review_cycle import CycleReport, run_cycle
from tests.app.providers import add_person, form_values, link_in, make_group, text_of
from tests.smtp_server import smtp_server

GROUP = "secretary@walkers.example"
ASSURED = date(2026, 1, 5)  # the feed vouched for the listing then
DUE = add_months(ASSURED, 6)


def cycle(app: Flask, day: date) -> CycleReport:
    """Run the review cycle as the scheduler would on ``day``."""
    with app.app_context(), session_scope(app) as session:
        return run_cycle(session, day, datetime.combine(day, time(7), UTC))


def review_of(app: Flask, sid: str) -> ReviewState:
    with Session(get_engine(app)) as session:
        review = session.get(ReviewState, sid)
    assert review is not None
    return review


def found(app: Flask, words: str) -> list[str]:
    """The result cards' notices and titles for a search, once indexed."""
    indexing.apply_changes(app)
    page = BeautifulSoup(
        app.test_client().get(f"/search?q={words}").data, "html.parser"
    )
    return [" ".join(r.get_text(" ").split()) for r in page.select(".result")]


def test_reminders_then_staff_then_stale_then_put_right(
    app: Flask, tmp_path: Path
) -> None:
    group = make_group(app, tmp_path, assured_date=ASSURED.isoformat())
    add_person(app, GROUP, org_id=group.org_id)
    indexing.rebuild(app)
    assert review_of(app, group.sid).next_review_due == DUE
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        assert cycle(app, DUE - timedelta(days=1)).counts() == {
            "reminded": 0,
            "escalated": 0,
            "stale": 0,
        }
        for step, day in enumerate(
            [DUE, DUE + timedelta(weeks=2), DUE + timedelta(weeks=4)], 1
        ):
            assert cycle(app, day).reminded == [group.sid]
            assert cycle(app, day + timedelta(days=1)).reminded == []  # once per step
            mail = inbox.messages[-1]
            assert mail["To"] == GROUP and "still right?" in mail["Subject"]
            assert f"This is reminder {step} of 3." in mail.get_content()
        assert len(inbox.messages) == 3
        assert cycle(app, DUE + timedelta(weeks=5)).escalated == []
        assert cycle(app, DUE + timedelta(weeks=6)).escalated == [group.sid]
        to_staff = inbox.messages[-1]
        assert to_staff["To"] == "staff@directory.test"
        assert "Bentley Health Walk" in to_staff.get_content()
        escalated = review_of(app, group.sid).escalated_at
        assert escalated is not None
        stale_day = add_months(escalated.date(), 3)
        assert cycle(app, stale_day - timedelta(days=1)).stale == []
        page = text_of(app.test_client().get(f"/services/{group.sid}").data)
        assert "Overdue for review" in page and "not been checked since" not in page
        assert cycle(app, stale_day).stale == [group.sid]
        page = text_of(app.test_client().get(f"/services/{group.sid}").data)
        assert (
            "This may be out of date. It has not been checked since 5 January 2026."
            in page
        )
        (card,) = found(app, "walk")
        assert "May be out of date: not checked for a long time" in card
        assert cycle(app, stale_day + timedelta(days=30)).counts() == {
            "reminded": 0,
            "escalated": 0,
            "stale": 0,
        }

        # The group clicks the first reminder's link: fresh again, and found as such.
        still = link_in(inbox.messages[0], "one click")
        visitor = app.test_client()
        visitor.post(still, data=form_values(visitor, still))
    review = review_of(app, group.sid)
    assert review.stale_since is None and review.reminders_sent == 0
    assert review.verified_by == GROUP
    page = text_of(app.test_client().get(f"/services/{group.sid}").data)
    assert "may be out of date" not in page.lower()  # nor overdue: checked today
    (card,) = found(app, "walk")
    assert "out of date" not in card


def test_a_directory_can_hide_stale_listings(app: Flask, tmp_path: Path) -> None:
    group = make_group(app, tmp_path, assured_date=ASSURED.isoformat())
    app.config["HIDE_STALE"] = True
    indexing.rebuild(app)
    assert len(found(app, "walk")) == 1
    # nobody looks after it: staff are told as soon as it is due
    assert cycle(app, DUE).escalated == [group.sid]
    stale_day = add_months(DUE, 3)
    assert cycle(app, stale_day).stale == [group.sid]
    assert found(app, "walk") == []
    response = app.test_client().get(f"/services/{group.sid}")
    assert response.status_code == 410


def test_review_periods_per_category_and_source(app: Flask, tmp_path: Path) -> None:
    app.config["REVIEW_MONTHS_BY_CATEGORY"] = {"money-debt-benefits": 3}
    money = make_group(
        app,
        tmp_path,
        key="money",
        name="Debt Advice Drop-in",
        category="money-debt-benefits",
        assured_date=ASSURED.isoformat(),
    )
    walk = make_group(app, tmp_path, assured_date=ASSURED.isoformat())
    assert review_of(app, money.sid).next_review_due == add_months(ASSURED, 3)
    assert review_of(app, walk.sid).next_review_due == add_months(ASSURED, 6)


def test_a_listing_never_checked_falls_due_a_period_after_it_was_listed(
    app: Flask, tmp_path: Path
) -> None:
    group = make_group(app, tmp_path)
    today = datetime.now(UTC).date()
    assert review_of(app, group.sid).next_review_due == add_months(today, 6)
