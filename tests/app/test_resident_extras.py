"""What a resident gets beyond search: browsing by type, a saved list to print and
share, structured data, a map, the next date, reporting a problem, the sitemap;
and the protections every page has."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.mail import outbox
from directory_app.models import (
    ProblemReport,
    ReviewState,
    Service,
    User,
    UserOrganization,
)
from directory_app.notices import owners_of
from tests.pages import parse_page
from tests.smtp_server import smtp_server

WALK = "/search?q=walking&postcode=DN1+1AA"


def first_service_id(client: FlaskClient, path: str = WALK) -> str:
    soup = parse_page(client.get(path).data)
    link = soup.select_one("ol.results li.result h3 a")["href"]
    return link.rsplit("/", 1)[1]


def csrf_of(client: FlaskClient, path: str) -> str:
    soup = parse_page(client.get(path).data)
    return soup.find("input", attrs={"name": "csrf_token"})["value"]


def test_home_offers_every_category_to_browse(demo_app: Flask) -> None:
    client = demo_app.test_client()
    soup = parse_page(client.get("/").data)
    links = soup.select("ul.categories a")
    assert len(links) == 13
    food = next(a for a in links if a.get_text(strip=True) == "Food")
    results = parse_page(client.get(food["href"]).data)
    count = int(results.find(id="result-count").get_text().split()[0])
    assert count >= 15


def test_service_page_has_structured_data_next_date_and_report_link(
    demo_app: Flask,
) -> None:
    client = demo_app.test_client()
    results = parse_page(client.get(WALK).data)
    for link in results.select("ol.results li.result h3 a"):
        soup = parse_page(client.get(link["href"]).data)
        if soup.select_one(".next-date"):
            break
    sid = link["href"].rsplit("/", 1)[1]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Service"
    assert data["name"] == soup.h1.get_text(strip=True)
    assert data["location"][0]["address"]["postalCode"]
    assert "Next:" in soup.select_one(".next-date").get_text()
    assert soup.find(id="report-link")["href"] == f"/services/{sid}/report"
    directions = next(
        a for a in soup.find_all("a") if a.get_text().startswith("Directions to")
    )
    assert directions["href"].startswith("https://www.openstreetmap.org/directions")
    assert soup.find("svg", class_="map") is None  # no tile server configured


def test_a_map_when_map_tiles_are_configured(demo_app: Flask) -> None:
    demo_app.config["MAP_TILES_URL"] = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    client = demo_app.test_client()
    sid = first_service_id(client)
    response = client.get(f"/services/{sid}")
    soup = parse_page(response.data)
    tile = soup.select_one("svg.map image")["href"]
    assert re.fullmatch(r"https://a\.tile\.example\.org/16/\d+/\d+\.png", tile)
    assert "https://*.tile.example.org" in response.headers["Content-Security-Policy"]


def test_save_print_and_share_a_list(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    token = csrf_of(client, f"/services/{sid}")
    saved = client.post(
        "/saved",
        data={"csrf_token": token, "service_id": sid, "action": "add", "next": "/x"},
    )
    assert saved.status_code == 302 and saved.headers["Location"] == "/x"
    cookie = saved.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    page = parse_page(client.get("/saved").data)
    name = page.select_one("ol.results li.result h2").get_text(strip=True)
    assert page.select_one(".site-nav a").get_text(strip=True) == "Saved list (1)"
    printed = parse_page(client.get("/saved/print").data)
    assert name in printed.get_text()
    share = page.find("input", id="share-link")["value"]
    other = demo_app.test_client()  # another device
    shared = parse_page(other.get(share.replace("http://localhost", "")).data)
    assert name in shared.get_text()
    token = shared.find("input", attrs={"name": "csrf_token"})["value"]
    ids = shared.find("input", attrs={"name": "ids"})["value"]
    other.post("/saved/all", data={"csrf_token": token, "ids": ids})
    assert name in parse_page(other.get("/saved").data).get_text()


def test_saving_without_the_forms_token_is_refused(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    refused = client.post("/saved", data={"service_id": sid, "action": "add"})
    assert refused.status_code == 400
    assert "saved=" not in refused.headers.get("Set-Cookie", "")
    assert "You have not saved any services" in client.get("/saved").get_data(True)


def test_saving_never_sends_a_resident_to_another_site(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    token = csrf_of(client, f"/services/{sid}")
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(
            "/saved",
            data={
                "csrf_token": token,
                "service_id": sid,
                "action": "add",
                "next": target,
            },
        )
        assert response.headers["Location"] == "/saved"


def test_a_shared_link_ignores_junk_and_withdrawn_services(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    with Session(get_engine(demo_app)) as session:
        other = session.exec(select(Service).where(Service.id != sid)).first()
        assert other is not None
        session.merge(ReviewState(service_id=other.id, withdrawn_at=other_time()))
        session.commit()
        gone = other.id
    page = parse_page(
        client.get(f"/saved/shared?ids={sid},{gone},<script>,../../etc").data
    )
    assert len(page.select("ol.results li.result")) == 1


def other_time():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def report(client: FlaskClient, sid: str, **data: str):
    token = csrf_of(client, f"/services/{sid}/report")
    return client.post(f"/services/{sid}/report", data={"csrf_token": token, **data})


def reports(app: Flask) -> list[ProblemReport]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(ProblemReport)).all())


def owners_in(app: Flask, org_id: str | None) -> list[str]:
    """Who looks after an organisation (the demo's group account may be one)."""
    with app.test_request_context():
        return owners_of(org_id)


def test_reporting_a_problem_reaches_staff_and_the_owners(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    with Session(get_engine(demo_app)) as session:
        service = session.get(Service, sid)
        org_id = service.organization_id
        user = User(email="lead@group.example", role="provider")
        session.add(user)
        session.flush()
        session.add(
            UserOrganization(user_id=user.id, organization_id=service.organization_id)
        )
        session.commit()
    response = report(
        client, sid, kind="when", details="It moved to Thursdays at 2pm", email=""
    )
    assert response.status_code == 200
    assert "Report sent" in parse_page(response.data).h1.get_text()
    [stored] = reports(demo_app)
    assert (stored.kind, stored.details) == ("when", "It moved to Thursdays at 2pm")
    [mail] = outbox(demo_app)
    owners = set(owners_in(demo_app, org_id))
    assert "lead@group.example" in owners
    assert set(mail["To"].split(", ")) == {"staff@directory.test", *owners}
    assert "It moved to Thursdays at 2pm" in mail.get_content()


def test_a_report_goes_through_a_real_smtp_server(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    with smtp_server() as (port, inbox):
        demo_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        report(client, sid, kind="closed", details="Closed since May", email="me@x.org")
    [mail] = inbox.messages
    assert mail["Reply-To"] == "me@x.org"
    with Session(get_engine(demo_app)) as session:
        org = session.get(Service, sid).organization_id
    assert inbox.envelopes[0][1] == ["staff@directory.test", *owners_in(demo_app, org)]
    assert "Closed since May" in mail.get_content()
    assert outbox(demo_app) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"details": "x"}, "Select what is wrong with the listing"),
        ({"kind": "when", "details": "  "}, "Enter what is wrong"),
        ({"kind": "when", "details": "x" * 2001}, "2,000 characters or fewer"),
        ({"kind": "when", "details": "x", "email": "not-an-email"}, "correct format"),
        ({"kind": "<script>", "details": "x"}, "Not a valid choice"),
    ],
)
def test_a_broken_report_says_what_is_wrong_and_stores_nothing(
    demo_app: Flask, data: dict, message: str
) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    response = report(client, sid, **data)
    assert response.status_code == 400
    soup = parse_page(response.data)
    assert soup.title.get_text().startswith("Error:")
    assert message in soup.select_one(".error-summary").get_text()
    assert reports(demo_app) == []
    assert outbox(demo_app) == []


def test_a_report_without_the_forms_token_is_refused(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    response = client.post(
        f"/services/{sid}/report", data={"kind": "when", "details": "spam"}
    )
    assert response.status_code == 400
    assert reports(demo_app) == []


def test_sitemap_lists_every_published_listing(demo_app: Flask) -> None:
    client = demo_app.test_client()
    xml = client.get("/sitemap.xml")
    assert xml.mimetype == "application/xml"
    urls = re.findall(r"<loc>([^<]+)</loc>", xml.get_data(True))
    with Session(get_engine(demo_app)) as session:
        hidden = {"defunct", "inactive"}
        listed = [
            s.id for s in session.exec(select(Service)).all() if s.status not in hidden
        ]
    assert len(urls) == len(listed) + 1
    assert client.get(urls[1].replace("http://localhost", "")).status_code == 200


def test_every_response_has_the_security_headers(demo_app: Flask) -> None:
    client = demo_app.test_client()
    for path in ("/", WALK, "/saved", "/sitemap.xml", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_the_form_session_cookie_is_secure(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    cookies = client.get(f"/services/{sid}/report").headers.getlist("Set-Cookie")
    [cookie] = [c for c in cookies if c.startswith("session=")]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie


@pytest.mark.parametrize("path", [WALK, "/search?category=food", "/search"])
def test_a_results_page_weighs_under_100_kb(demo_app: Flask, path: str) -> None:
    response = demo_app.test_client().get(path)
    with demo_app.test_client().get("/static/site.css") as css:
        assert len(response.data) + len(css.data) < 100_000


def test_removing_the_last_saved_service_empties_the_list(demo_app: Flask) -> None:
    client = demo_app.test_client()
    sid = first_service_id(client)
    token = csrf_of(client, f"/services/{sid}")
    form = {"csrf_token": token, "service_id": sid}
    client.post("/saved", data=form | {"action": "add"})
    assert len(parse_page(client.get("/saved").data).select("li.result")) == 1
    client.post("/saved", data=form | {"action": "remove"})
    assert "You have not saved any services" in client.get("/saved").get_data(True)
