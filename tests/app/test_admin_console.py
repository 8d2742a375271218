"""The staff console: what needs attention, reviews, links, problems, duplicates,
sources, accounts, search gaps and jobs, each list also as CSV; staff only."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from directory_app.db import get_engine
from directory_app.imports import run_import
from directory_app.jobs import JOBS
from directory_app.models import (
    JobRun,
    LinkCheck,
    ProblemReport,
    ReviewState,
    SearchGap,
    Service,
    Source,
    User,
    utcnow,
)
from tests.app.providers import (
    STAFF,
    Group,
    add_person,
    csrf,
    form_values,
    make_group,
    sign_in,
    text_of,
)
from tests.factories import make_raw_service, make_source, write_feed
from tests.pages import parse_page

ADMIN = "admin.person@directory.test"
PAGES = [
    "/admin/",
    "/admin/reviews",
    "/admin/reviews?show=stale",
    "/admin/links",
    "/admin/problems",
    "/admin/duplicates",
    "/admin/sources",
    "/admin/sources/new",
    "/admin/users",
    "/admin/gaps",
    "/admin/jobs",
]
LIST_PAGES = [p for p in PAGES if p not in {"/admin/", "/admin/sources/new"}]


def signed_in(app: Flask, email: str, role: str) -> FlaskClient:
    """A client signed in to a new account with this role."""
    add_person(app, email, role=role)
    client = app.test_client()
    sign_in(client, email)
    return client


@pytest.fixture
def staff(app: Flask) -> FlaskClient:
    return signed_in(app, STAFF, "staff")


def page(client: FlaskClient, path: str) -> BeautifulSoup:
    """A console page that opened, parsed and checked."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return parse_page(response.data)


def post(client: FlaskClient, path: str, **data: Any) -> Any:
    """Post a form as the browser would, with this client's CSRF token."""
    return client.post(path, data={"csrf_token": csrf(client, "/admin/")} | data)


def change(app: Flask, model: Any, key: Any, **values: Any) -> None:
    """Set fields of one stored row (where no app path makes that state)."""
    with Session(get_engine(app)) as session:
        row = session.get(model, key)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        session.commit()


def add_rows(app: Flask, *rows: Any) -> None:
    """Store rows that only the scheduler's jobs make."""
    with Session(get_engine(app)) as session:
        session.add_all(rows)
        session.commit()


def report_problem(app: Flask, sid: str, details: str, email: str = "") -> None:
    """A member of the public reports a problem through the public form."""
    client = app.test_client()
    path = f"/services/{sid}/report"
    values = form_values(client, path) | {
        "kind": "when",
        "details": details,
        "email": email,
    }
    assert client.post(path, data=values).status_code == 200


def rows_of(soup: BeautifulSoup) -> list[str]:
    """The text of each row of the page's tables' bodies."""
    return [" ".join(tr.get_text(" ").split()) for tr in soup.select("tbody tr")]


def csv_of(response: Any) -> list[list[str]]:
    """A CSV download's rows, asserting it is one."""
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(".csv")
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def lunch_club(app: Flask, tmp_path: Path) -> Group:
    """A listing unlike the default walk (so never taken for a duplicate of it)."""
    return make_group(
        app,
        tmp_path,
        key="lunch",
        name="Mexborough Lunch Club",
        postcode="S64 9AA",
        latitude=53.49,
        longitude=-1.29,
    )


def counts_on(soup: BeautifulSoup) -> dict[str, tuple[int, str]]:
    """The dashboard's counts: what each says, its number, and where it links."""
    found = {}
    for link in soup.select("ul.counts a"):
        number = int(link.strong.get_text())
        words = " ".join(link.get_text(" ").split()[1:])
        found[words] = (number, link["href"])
    return found


def test_the_dashboard_counts_what_needs_attention(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    make_group(app, tmp_path, key="w", name="Health Walk at Bentley Park")
    lunch = lunch_club(app, tmp_path)
    today, now = date.today(), utcnow()
    change(app, ReviewState, walk.sid, next_review_due=today - timedelta(days=3))
    change(
        app,
        ReviewState,
        lunch.sid,
        next_review_due=today - timedelta(days=200),
        stale_since=now - timedelta(days=10),
    )
    report_problem(app, walk.sid, "It meets on Wednesdays now.")
    add_rows(
        app,
        LinkCheck(
            service_id=walk.sid, field="website", url="https://a.test/", status="broken"
        ),
        LinkCheck(
            service_id=lunch.sid,
            field="website",
            url="http://10.0.0.1/",
            status="refused",
        ),
        LinkCheck(
            service_id=lunch.sid,
            field="booking",
            url="https://b.test/",
            status="failing",
        ),
        JobRun(job="backup", outcome="failed", started_at=now - timedelta(days=2)),
        JobRun(job="backup", outcome="failed", started_at=now - timedelta(days=9)),
        JobRun(job="tidy", outcome="succeeded", started_at=now),
    )
    missing = make_source(app, name="gone", location=str(tmp_path / "gone.json"))
    assert run_import(app, missing).status == "failed"

    counts = counts_on(page(staff, "/admin/"))

    assert counts == {
        "changes to review": (0, "/admin/changes"),
        "requests to look after a group": (0, "/admin/claims"),
        "problem reported by the public": (1, "/admin/problems"),
        "listing due for review": (1, "/admin/reviews?show=due"),
        "stale listing": (1, "/admin/reviews?show=stale"),
        "broken link": (1, "/admin/links"),
        "link not checked (a private or local address)": (1, "/admin/links"),
        "pair of listings that may be one service": (1, "/admin/duplicates"),
        "source whose latest run failed": (1, "/admin/sources"),
        "job run that failed in the last 7 days": (1, "/admin/jobs?show=failed"),
    }


def test_a_stale_listing_is_under_stale_and_not_under_due(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    lunch = lunch_club(app, tmp_path)
    long_ago = utcnow() - timedelta(days=300)
    change(
        app,
        ReviewState,
        walk.sid,
        next_review_due=date.today() - timedelta(days=1),
        last_verified_at=long_ago,
        verified_by="walks@example.org",
        reminders_sent=1,
    )
    change(
        app,
        ReviewState,
        lunch.sid,
        next_review_due=date.today() - timedelta(days=120),
        reminders_sent=3,
        stale_since=utcnow() - timedelta(days=5),
    )

    due = page(staff, "/admin/reviews")
    stale = page(staff, "/admin/reviews?show=stale")

    assert due.h1.get_text() == "Listings due for review"
    (row,) = rows_of(due)
    assert "Bentley Health Walk Group" in row  # its organisation
    assert "by walks@example.org" in row and long_ago.strftime("%-d %b %Y") in row
    assert stale.h1.get_text() == "Stale listings"
    (row,) = rows_of(stale)
    assert row.startswith("Mexborough Lunch Club")
    links = {a["href"] for a in stale.select("tbody a")}
    assert links == {f"/services/{lunch.sid}", f"/admin/services/{lunch.sid}/history"}


def test_broken_failing_and_refused_links_are_listed_with_what_happened(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    first = utcnow() - timedelta(days=14)
    add_rows(
        app,
        LinkCheck(
            service_id=walk.sid,
            field="referral form",
            url="https://walks.example.org/refer",
            status="broken",
            http_status=404,
            failures=2,
            first_failed_at=first,
        ),
        LinkCheck(
            service_id=walk.sid,
            field="website",
            url="https://walks.example.org/",
            status="ok",
        ),
    )

    (row,) = rows_of(page(staff, "/admin/links"))

    assert "referral form" in row and "https://walks.example.org/refer" in row
    assert "Broken" in row and "HTTP 404" in row
    assert first.strftime("%-d %b %Y") in row


def test_resolving_a_problem_takes_it_off_the_list_and_records_who(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    report_problem(app, walk.sid, "It meets on Wednesdays now.", "ana@example.org")
    report_problem(app, walk.sid, "asdf")
    listed = page(staff, "/admin/problems")
    assert [h.get_text() for h in listed.select("main h2")] == [
        "Bentley Health Walk: The day or time is wrong"
    ] * 2
    assert "It meets on Wednesdays now. Reply to ana@example.org" in text_of(
        str(listed).encode()
    )
    with Session(get_engine(app)) as session:
        first, second = session.exec(select(ProblemReport.id)).all()

    resolved = post(staff, f"/admin/problems/{first}/resolve")
    dismissed = post(staff, f"/admin/problems/{second}/dismiss")
    again = post(staff, f"/admin/problems/{first}/dismiss")

    assert resolved.status_code == dismissed.status_code == 302
    shown = staff.get("/admin/problems", follow_redirects=True)
    assert "No reports are waiting." in text_of(shown.data)
    with Session(get_engine(app)) as session:
        stored = {r.id: r for r in session.exec(select(ProblemReport))}
    assert stored[first].status == "resolved"  # not changed by the second try
    assert stored[first].resolved_by == STAFF
    assert stored[first].resolved_at is not None
    assert (stored[second].status, stored[second].resolved_by) == ("dismissed", STAFF)
    assert again.status_code == 302
    assert counts_on(page(staff, "/admin/"))["problems reported by the public"][0] == 0


def test_a_possible_duplicate_is_merged_or_kept_apart(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    newer = make_group(app, tmp_path, key="w", name="Health Walk at Bentley Park")
    listed = page(staff, "/admin/duplicates")
    (heading,) = listed.select("main h2")
    assert heading.get_text() == "Health Walk at Bentley Park and Bentley Health Walk"
    assert "postcode: DN5 0AA" in text_of(str(listed).encode())
    (merge,) = listed.select("form[action$='/merge'] button")
    assert (
        merge.get_text() == "Merge: Health Walk at Bentley Park and Bentley Health Walk"
    )
    action = merge.find_parent("form")["action"]

    assert post(staff, action).status_code == 302

    assert "No pairs are waiting." in text_of(staff.get("/admin/duplicates").data)
    assert app.test_client().get(f"/services/{newer.sid}").status_code == 410
    assert app.test_client().get(f"/services/{walk.sid}").status_code == 200
    assert post(staff, action).status_code == 302  # decided already: nothing happens


def test_not_the_same_keeps_both_listings(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    newer = make_group(app, tmp_path, key="w", name="Health Walk at Bentley Park")
    form = page(staff, "/admin/duplicates").select("form[action$='/dismiss']")[0]

    post(staff, form["action"])

    assert "No pairs are waiting." in text_of(staff.get("/admin/duplicates").data)
    for sid in (walk.sid, newer.sid):
        assert app.test_client().get(f"/services/{sid}").status_code == 200


def test_a_csv_export_has_a_header_the_rows_and_no_live_formulas(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    formula = '=HYPERLINK("https://evil.example/","Click")'
    report_problem(app, walk.sid, formula)
    report_problem(app, walk.sid, "-2+3 people came")
    listed = page(staff, "/admin/problems")
    link = listed.find("a", string="Download as CSV")
    assert link["href"] == "/admin/problems?format=csv"

    header, *rows = csv_of(staff.get(link["href"]))

    assert header == [
        "Listing",
        "What is wrong",
        "Details",
        "Reporter email",
        "Reported",
        "Listing id",
    ]
    assert [r[2] for r in rows] == ["'" + formula, "'-2+3 people came"]
    assert {r[0] for r in rows} == {"Bentley Health Walk"}
    assert {r[5] for r in rows} == {walk.sid}


@pytest.mark.parametrize("path", LIST_PAGES)
def test_every_list_downloads_as_csv(
    app: Flask, staff: FlaskClient, tmp_path: Path, path: str
) -> None:
    make_group(app, tmp_path)
    listed = page(staff, path)
    link = listed.find("a", string="Download as CSV")
    if link is None:  # an empty list offers no download, but it still works
        joiner = "&" if "?" in path else "?"
        link = {"href": f"{path}{joiner}format=csv"}

    header, *_ = csv_of(staff.get(link["href"]))

    assert header and all(header)


def source_values(**changes: str) -> dict[str, str]:
    """What a member of staff types into the source form."""
    return {
        "name": "parks",
        "title": "Doncaster Parks",
        "kind": "oruk",
        "location": "https://parks.example.org/api",
        "every_hours": "12",
        "review_months": "",
        "enabled": "yes",
    } | changes


def stored_sources(app: Flask) -> list[str]:
    with Session(get_engine(app)) as session:
        return sorted(session.exec(select(Source.name)).all())


def field_errors(soup: BeautifulSoup) -> dict[str, str]:
    """Each field shown in error: its input's name, and the message beside it."""
    found = {}
    for box in soup.select(".field-error"):
        control = box.select_one("input, select")
        message = box.select_one(".error-message").get_text(" ", strip=True)
        found[control["name"]] = message.removeprefix("Error: ")
    return found


def test_a_source_form_with_mistakes_says_what_and_where_and_stores_nothing(
    staff: FlaskClient, app: Flask
) -> None:
    values = source_values(kind="ftp", every_hours="often", review_months="0")

    response = post(staff, "/admin/sources/new", **values)

    assert response.status_code == 400
    soup = parse_page(response.data)
    assert soup.title.get_text().startswith("Error: ")
    assert field_errors(soup) == {
        "kind": "Choose a kind of source from the list",
        "every_hours": "Enter a whole number of hours from 1 to 2160",
        "review_months": "Enter a whole number of months from 1 to 60",
    }
    summary = {a["href"] for a in soup.select(".error-summary a")}
    assert summary == {"#kind", "#every_hours", "#review_months"}
    assert soup.select_one("#every_hours")["value"] == "often"  # kept as typed
    assert stored_sources(app) == []


def test_a_source_name_already_taken_is_refused(
    staff: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    make_source(app, name="parks", location=str(tmp_path / "parks.json"))

    response = post(staff, "/admin/sources/new", **source_values())

    assert response.status_code == 400
    errors = field_errors(parse_page(response.data))
    assert errors == {"name": "There is already a source called parks"}
    assert stored_sources(app) == ["parks"]


def test_a_name_a_renamed_source_once_had_is_refused(
    staff: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    sid = make_source(app, name="parks", location=str(tmp_path / "parks.json"))
    path = f"/admin/sources/{sid}/edit"
    renamed = form_values(staff, path) | {"name": "parks-old"}
    assert staff.post(path, data=renamed).status_code == 302

    response = post(staff, "/admin/sources/new", **source_values())

    assert response.status_code == 400
    assert field_errors(parse_page(response.data)) == {
        "name": "The source now called parks-old was once called parks: "
        "choose another name"
    }
    assert stored_sources(app) == ["parks-old"]


def test_a_new_source_runs_now_and_its_listings_appear(
    staff: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    items = [
        make_raw_service(id="p1", name="Sandall Park Walk"),
        make_raw_service(id="p2", name="Cusworth Park Run", latitude=95.0),
        make_raw_service(id="p2", name="Cusworth Park Run again"),
    ]
    feed = write_feed(tmp_path / "parks.json", items)
    added = post(staff, "/admin/sources/new", **source_values(location=str(feed)))
    assert added.status_code == 302
    detail = added.headers["Location"]
    before = page(staff, detail)
    assert "It has not been run yet." in text_of(str(before).encode())
    run_now = before.select_one("form[action$='/run']")["action"]

    ran = post(staff, run_now)

    assert ran.status_code == 302
    shown = staff.get(ran.headers["Location"], follow_redirects=True)
    soup = parse_page(shown.data)
    words = text_of(shown.data)
    assert "Run 1 succeeded: read 3, created 2" in words
    (run,) = soup.select("section h3")
    assert run.get_text().startswith("Run 1, ") and run.get_text().endswith("succeeded")
    problems = rows_of(soup)
    assert any(r.startswith("Rejected p2") and "appears twice" in r for r in problems)
    assert any(r.startswith("Warning p2") for r in problems)
    download = soup.find(
        "a", string="Download their rejected items and warnings as CSV"
    )
    header, *rows = csv_of(staff.get(download["href"]))
    assert header == ["Run", "Rejected or warning", "Item", "Field", "Reason"]
    assert ["1", "rejected", "p2", "id", "appears twice in the source"] in rows
    with Session(get_engine(app)) as session:
        names = session.exec(select(Service.name).order_by(col(Service.name))).all()
    assert names == ["Cusworth Park Run", "Sandall Park Walk"]
    (row,) = rows_of(page(staff, "/admin/sources"))
    assert row.startswith("parks shown as Doncaster Parks oruk")
    assert "Yes, every 12 hours" in row and "succeeded: read 3, created 2" in row


def test_changing_a_source_keeps_its_other_options(
    staff: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    sid = make_source(app, name="parks", location=str(tmp_path / "parks.json"))
    change(app, Source, sid, options={"mapping": "outpost"})
    path = f"/admin/sources/{sid}/edit"
    values = form_values(staff, path)
    assert values["every_hours"] == "24" and values["enabled"] == "yes"
    values |= {"every_hours": "6", "review_months": "3", "enabled": "no"}

    assert staff.post(path, data=values).status_code == 302

    with Session(get_engine(app)) as session:
        source = session.get(Source, sid)
    assert source is not None and not source.enabled
    assert source.options == {
        "mapping": "outpost",
        "every_hours": 6,
        "review_months": 3,
    }
    (row,) = rows_of(page(staff, "/admin/sources"))
    assert "No: switched off" in row and "Not by itself" in row


def gap(day: date, words: str, district: str, none: int, few: int = 0) -> SearchGap:
    return SearchGap(
        day=day,
        words=words,
        district=district,
        searches=none + few + 1,
        none_found=none,
        few_found=few,
    )


def test_search_gaps_over_a_period_add_up_and_leave_out_other_days(
    app: Flask, staff: FlaskClient
) -> None:
    first = date(2026, 10, 1)
    add_rows(
        app,
        gap(first, "chess club", "DN4", 2),
        gap(first + timedelta(days=9), "chess club", "DN4", 3, 1),
        gap(first + timedelta(days=9), "chess club", "DN1", 1),
        gap(first + timedelta(days=5), "knitting", "DN4", 0, 2),
        gap(first + timedelta(days=5), "walking", "DN4", 0),  # found plenty
        gap(first - timedelta(days=1), "chess club", "DN4", 50),  # before
        gap(first + timedelta(days=10), "boxing", "DN4", 50),  # after
    )

    soup = page(staff, "/admin/gaps?from=2026-10-01&to=2026-10-10")

    assert rows_of(soup) == [
        "chess club DN4 8 5 1",
        "knitting DN4 3 0 2",
        "chess club DN1 2 1 0",
    ]
    assert "No personal data is kept" in text_of(str(soup).encode())
    header, *rows = csv_of(
        staff.get("/admin/gaps?from=2026-10-01&to=2026-10-10&format=csv")
    )
    assert header == ["Words", "District", "Searches", "Found nothing", "Found little"]
    assert rows[0] == ["chess club", "DN4", "8", "5", "1"] and len(rows) == 3


def test_search_gaps_default_to_the_last_30_days(
    app: Flask, staff: FlaskClient
) -> None:
    today = date.today()
    add_rows(
        app,
        gap(today, "yoga", "DN2", 1),
        gap(today - timedelta(days=29), "yoga", "DN2", 1),
        gap(today - timedelta(days=30), "yoga", "DN2", 5),
    )

    soup = page(staff, "/admin/gaps")

    assert rows_of(soup) == ["yoga DN2 4 2 0"]
    assert soup.select_one("#from")["value"] == (today - timedelta(29)).isoformat()
    assert soup.select_one("#to")["value"] == today.isoformat()


def test_bad_dates_for_search_gaps_are_explained(staff: FlaskClient) -> None:
    response = staff.get("/admin/gaps?from=2026-13-01&to=2026-01-01")
    wrong_way = staff.get("/admin/gaps?from=2026-02-01&to=2026-01-01")

    assert response.status_code == wrong_way.status_code == 400
    assert field_errors(parse_page(response.data)) == {
        "from": "Enter the first day as a date, like 2026-11-01"
    }
    assert field_errors(parse_page(wrong_way.data)) == {
        "to": "The last day must be the same as or after the first"
    }


def test_the_jobs_page_lists_every_job_and_the_latest_runs(
    app: Flask, staff: FlaskClient
) -> None:
    now = utcnow()
    add_rows(
        app,
        JobRun(
            job="backup",
            started_at=now - timedelta(days=1),
            finished_at=now - timedelta(days=1),
            outcome="failed",
            detail="disk full",
            host="sched-1",
        ),
        JobRun(
            job="review-cycle",
            started_at=now,
            finished_at=now,
            outcome="succeeded",
            counts={"reminded": 2, "stale": 1},
            host="sched-1",
        ),
    )

    soup = page(staff, "/admin/jobs")

    every, latest = soup.select("table")
    names = [tr.td.get_text() for tr in every.select("tbody tr")]
    assert names == [job.name for job in JOBS]
    assert "daily at 07:00" in rows_of(every)[names.index("review-cycle")]
    newest = " ".join(latest.select_one("tbody tr").get_text(" ").split())
    assert newest.endswith("succeeded reminded 2, stale 1 sched-1")
    failed = rows_of(page(staff, "/admin/jobs?show=failed"))[-1]
    assert failed.startswith("backup") and "disk full" in failed


def user_named(app: Flask, email: str) -> User:
    with Session(get_engine(app)) as session:
        return session.exec(select(User).where(User.email == email)).one()


def test_accounts_show_role_organisations_and_whether_they_can_sign_in(
    app: Flask, staff: FlaskClient, tmp_path: Path
) -> None:
    walk = make_group(app, tmp_path)
    add_person(app, "group@example.org", org_id=walk.org_id)

    soup = page(staff, "/admin/users")

    assert (
        "group@example.org Test Group (keeps its own listings right) "
        "Bentley Health Walk Group Yes" in rows_of(soup)
    )
    assert soup.select("main form") == []  # staff see accounts; admins change them


def test_an_admin_changes_a_role_and_switches_an_account_off(
    app: Flask, tmp_path: Path
) -> None:
    admin = signed_in(app, ADMIN, "admin")
    pro = signed_in(app, "gp@nhs.example", "professional")
    target = user_named(app, "gp@nhs.example").id

    promoted = post(admin, f"/admin/users/{target}/role", role="staff")
    assert promoted.status_code == 302
    assert user_named(app, "gp@nhs.example").role == "staff"
    assert pro.get("/admin/").status_code == 200  # takes effect at once

    post(admin, f"/admin/users/{target}/deactivate")

    assert not user_named(app, "gp@nhs.example").active
    assert pro.get("/admin/").status_code == 302  # signed out: sign in first
    row = next(r for r in rows_of(page(admin, "/admin/users")) if "gp@nhs" in r)
    assert "No: deactivated" in row and "Reactivate" in row
    post(admin, f"/admin/users/{target}/reactivate")
    assert user_named(app, "gp@nhs.example").active


def test_nobody_deactivates_or_demotes_themselves(app: Flask) -> None:
    admin = signed_in(app, ADMIN, "admin")
    me = user_named(app, ADMIN).id

    off = post(admin, f"/admin/users/{me}/deactivate")
    demoted = post(admin, f"/admin/users/{me}/role", role="professional")

    assert off.status_code == demoted.status_code == 302
    shown = admin.get(off.headers["Location"])
    assert "You cannot change your own account" in text_of(shown.data)
    user = user_named(app, ADMIN)
    assert user.active and user.role == "admin"


def test_staff_who_are_not_admins_cannot_change_accounts(
    app: Flask, staff: FlaskClient
) -> None:
    add_person(app, "gp@nhs.example", role="professional")
    target = user_named(app, "gp@nhs.example").id

    role = post(staff, f"/admin/users/{target}/role", role="admin")
    off = post(staff, f"/admin/users/{target}/deactivate")

    assert role.status_code == off.status_code == 403
    user = user_named(app, "gp@nhs.example")
    assert user.role == "professional" and user.active


POSTS = [
    "/admin/problems/1/resolve",
    "/admin/duplicates/1/merge",
    "/admin/sources/new",
    "/admin/users/1/role",
    "/admin/users/1/deactivate",
]


@pytest.mark.parametrize("role", ["provider", "professional"])
def test_providers_and_professionals_get_403_on_every_console_page(
    app: Flask, tmp_path: Path, role: str
) -> None:
    walk = make_group(app, tmp_path)
    source = make_source(app, name="parks", location=str(tmp_path / "p.json"))
    report_problem(app, walk.sid, "Closed.")
    client = signed_in(app, f"{role}@example.org", role)
    token = csrf(client, "/sign-in")
    paths = [
        *PAGES,
        *(f"{p}{'&' if '?' in p else '?'}format=csv" for p in LIST_PAGES),
        f"/admin/sources/{source}",
        f"/admin/sources/{source}/edit",
    ]
    for path in paths:
        assert client.get(path).status_code == 403, path
    for path in [*POSTS, f"/admin/sources/{source}/run"]:
        assert client.post(path, data={"csrf_token": token}).status_code == 403, path
    with Session(get_engine(app)) as session:
        assert session.exec(select(ProblemReport.status)).one() == "open"


def test_someone_not_signed_in_is_sent_to_sign_in(app: Flask) -> None:
    for path in PAGES:
        response = app.test_client().get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")


def test_run_now_on_a_source_that_fails_says_why(
    staff: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    sid = make_source(app, name="gone", location=str(tmp_path / "gone.json"))

    ran = post(staff, f"/admin/sources/{sid}/run")

    shown = text_of(staff.get(ran.headers["Location"]).data)
    assert "Run 1 failed: read 0" in shown and "cannot be opened" in shown
    (row,) = rows_of(page(staff, "/admin/sources"))
    assert "Failed" in row
