"""Professionals: signing in (password or emailed link), the search with referral
details and freshness, and a shortlist printed, emailed or texted to a patient."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from directory_app.auth import create_user
from directory_app.db import get_engine
from directory_app.demo import DEMO_PROFESSIONAL
from directory_app.mail import outbox
from directory_app.models import SignInLink, User, utcnow
from tests.notify_server import API_KEY, notify_server
from tests.pages import parse_page
from tests.smtp_server import smtp_server

WALK = "/pro/search?q=walking&postcode=DN1+1AA"
PASSWORD = "correct horse battery staple"


def csrf_of(client: FlaskClient, path: str) -> str:
    soup = parse_page(client.get(path).data)
    return soup.find("input", attrs={"name": "csrf_token"})["value"]


def add_user(app: Flask, email: str, role: str = "professional") -> None:
    with Session(get_engine(app)) as session:
        create_user(session, email, role, name="Test", password=PASSWORD)
        session.commit()


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD):
    token = csrf_of(client, "/sign-in")
    return client.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": email,
            "password": password,
            "action": "password",
        },
    )


@pytest.fixture
def pro(demo_app: Flask) -> FlaskClient:
    add_user(demo_app, "gp@nhs.net")
    client = demo_app.test_client()
    assert sign_in(client, "gp@nhs.net").status_code == 302
    return client


def test_the_professional_search_needs_a_professional(demo_app: Flask) -> None:
    client = demo_app.test_client()
    response = client.get(WALK)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/pro/search")
    add_user(demo_app, "group@example.org", role="provider")
    sign_in(client, "group@example.org")
    assert client.get(WALK).status_code == 403


def test_a_wrong_password_is_refused_and_says_so(demo_app: Flask) -> None:
    add_user(demo_app, "gp@nhs.net")
    client = demo_app.test_client()
    response = sign_in(client, "gp@nhs.net", "wrong")
    assert response.status_code == 400
    soup = parse_page(response.data)
    assert (
        "email address or password is not right"
        in soup.select_one(".error-summary").get_text()
    )
    assert client.get(WALK).status_code == 302


def test_results_show_capacity_route_and_freshness(pro: FlaskClient) -> None:
    soup = parse_page(pro.get(WALK).data)
    cards = soup.select("div.results-main > ol.results > li.result")
    assert len(cards) == 10
    for card in cards:
        facts = card.select_one(".pro-facts").get_text(" ", strip=True)
        assert re.search(r"Verified .+ ago|Verified today|Not yet verified", facts)
        assert re.search(
            r"Accepting referrals|Waiting list|Not accepting referrals", facts
        )
        assert card.h3.a["href"].startswith("/pro/services/")


def test_a_service_page_shows_the_referral_details(pro: FlaskClient) -> None:
    soup = parse_page(pro.get(WALK).data)
    page = parse_page(pro.get(soup.select_one("li.result h3 a")["href"]).data)
    panel = page.select_one(".pro-panel").get_text(" ", strip=True)
    for label in (
        "Capacity",
        "Who is eligible",
        "How to refer",
        "Professional contact",
    ):
        assert label in panel
    assert "@example.org.uk" in panel


def test_a_sign_in_link_works_once_then_never_again(demo_app: Flask) -> None:
    client = demo_app.test_client()
    token = csrf_of(client, "/sign-in")
    sent = client.post(
        "/sign-in",
        data={"csrf_token": token, "email": DEMO_PROFESSIONAL, "action": "link"},
    )
    assert "Check your email" in parse_page(sent.data).h1.get_text()
    [mail] = outbox(demo_app)
    assert mail["To"] == DEMO_PROFESSIONAL
    link = re.search(r"http://localhost(/sign-in/link/\S+)", mail.get_content()).group(
        1
    )
    page = client.get(link)  # opening it (or a mail scanner opening it) uses nothing
    token = parse_page(page.data).find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post(link, data={"csrf_token": token}).status_code == 302
    assert client.get(WALK).status_code == 200
    other = demo_app.test_client()
    token = csrf_of(other, link)
    again = other.post(link, data={"csrf_token": token})
    assert again.status_code == 400
    assert "used already" in parse_page(again.data).find(id="link-error").get_text()


def test_an_expired_link_is_refused(demo_app: Flask) -> None:
    client = demo_app.test_client()
    token = csrf_of(client, "/sign-in")
    client.post(
        "/sign-in",
        data={"csrf_token": token, "email": DEMO_PROFESSIONAL, "action": "link"},
    )
    link = re.search(
        r"http://localhost(/sign-in/link/\S+)", outbox(demo_app)[0].get_content()
    ).group(1)
    with Session(get_engine(demo_app)) as session:
        for row in session.exec(select(SignInLink)).all():
            row.expires_at = utcnow() - timedelta(minutes=1)
            session.add(row)
        session.commit()
    token = csrf_of(client, link)
    response = client.post(link, data={"csrf_token": token})
    assert response.status_code == 400
    assert "expired" in parse_page(response.data).find(id="link-error").get_text()
    assert client.get(WALK).status_code == 302


def test_asking_for_a_link_for_no_account_sends_nothing_and_says_the_same(
    demo_app: Flask,
) -> None:
    client = demo_app.test_client()
    token = csrf_of(client, "/sign-in")
    response = client.post(
        "/sign-in",
        data={"csrf_token": token, "email": "nobody@nhs.net", "action": "link"},
    )
    assert "Check your email" in parse_page(response.data).h1.get_text()
    assert outbox(demo_app) == []


def test_sign_up_only_at_a_trusted_domain(demo_app: Flask) -> None:
    demo_app.config["PROFESSIONAL_EMAIL_DOMAINS"] = ["nhs.net"]
    client = demo_app.test_client()
    token = csrf_of(client, "/sign-up")
    refused = client.post(
        "/sign-up", data={"csrf_token": token, "name": "A", "email": "a@gmail.com"}
    )
    assert refused.status_code == 400
    assert "nhs.net" in parse_page(refused.data).select_one(".error-summary").get_text()
    made = client.post(
        "/sign-up", data={"csrf_token": token, "name": "Dr A", "email": "Dr.A@NHS.net"}
    )
    assert made.status_code == 200
    [mail] = outbox(demo_app)
    assert mail["To"] == "dr.a@nhs.net"
    with Session(get_engine(demo_app)) as session:
        emails = {u.email for u in session.exec(select(User)).all()}
    assert "dr.a@nhs.net" in emails and "a@gmail.com" not in emails


def test_sign_in_is_rate_limited(demo_app: Flask) -> None:
    client = demo_app.test_client()
    token = csrf_of(client, "/sign-in")
    codes = [
        client.post(
            "/sign-in",
            data={
                "csrf_token": token,
                "email": "x@nhs.net",
                "password": "guess",
                "action": "password",
            },
        ).status_code
        for _ in range(12)
    ]
    assert codes[:10] == [400] * 10
    assert codes[10:] == [429, 429]


def build_shortlist(pro: FlaskClient) -> list[str]:
    soup = parse_page(pro.get(WALK).data)
    names = []
    for card in soup.select("div.results-main > ol.results > li.result")[:2]:
        form = card.select_one("form")
        data = {i["name"]: i["value"] for i in form.select("input")}
        assert pro.post(form["action"], data=data).status_code == 302
        names.append(card.h3.get_text(strip=True))
    token = csrf_of(pro, "/pro/shortlist/view")
    pro.post(
        "/pro/shortlist/view", data={"csrf_token": token, "note": "Ring Sue on Monday."}
    )
    return names


def test_a_shortlist_makes_a_one_page_handout(pro: FlaskClient) -> None:
    names = build_shortlist(pro)
    page = parse_page(pro.get("/pro/shortlist/handout").data)
    text_ = page.get_text(" ", strip=True)
    assert all(name in text_ for name in names)
    assert "Ring Sue on Monday." in text_


def table_text(app: Flask) -> str:
    """Everything stored, as text."""
    engine = get_engine(app)
    with engine.connect() as conn:
        return " ".join(
            str(row)
            for table in inspect(engine).get_table_names()
            for row in conn.execute(text(f'SELECT * FROM "{table}"'))
        )


def test_emailing_the_shortlist_through_smtp_then_forgetting_it(
    demo_app: Flask, pro: FlaskClient
) -> None:
    names = build_shortlist(pro)
    token = csrf_of(pro, "/pro/shortlist/view")
    with smtp_server() as (port, inbox):
        demo_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        sent = pro.post(
            "/pro/shortlist/send",
            data={"csrf_token": token, "how": "email", "email": "patient@example.com"},
        )
    assert sent.status_code == 200
    [mail] = inbox.messages
    assert inbox.envelopes[0][1] == ["patient@example.com"]
    body = mail.get_content()
    assert all(name in body for name in names) and "Ring Sue on Monday." in body
    assert "shortlist is empty" in pro.get("/pro/shortlist/view").get_data(True)
    stored = table_text(demo_app)
    assert "patient@example.com" not in stored and "Ring Sue" not in stored


def test_texting_the_shortlist_through_notify(
    demo_app: Flask, pro: FlaskClient
) -> None:
    names = build_shortlist(pro)
    with notify_server() as (base, received):
        demo_app.config.update(
            NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=base, NOTIFY_SMS_TEMPLATE="sms-tpl"
        )
        token = csrf_of(pro, "/pro/shortlist/view")
        bad = pro.post(
            "/pro/shortlist/send",
            data={"csrf_token": token, "how": "text", "phone": "01302 496000"},
        )
        assert bad.status_code == 400
        assert (
            "UK mobile number"
            in parse_page(bad.data).select_one(".error-summary").get_text()
        )
        assert received == []
        sent = pro.post(
            "/pro/shortlist/send",
            data={"csrf_token": token, "how": "text", "phone": "07700 900982"},
        )
    assert sent.status_code == 200
    [request] = received
    assert request["path"] == "/v2/notifications/sms"
    assert request["phone_number"] == "+447700900982"
    assert request["template_id"] == "sms-tpl"
    assert all(name in request["personalisation"]["body"] for name in names)
    assert "+447700900982" not in table_text(demo_app)


def test_a_notify_failure_keeps_the_shortlist_and_says_so(
    demo_app: Flask, pro: FlaskClient
) -> None:
    build_shortlist(pro)
    with notify_server(fail=True) as (base, _received):
        demo_app.config.update(
            NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=base, NOTIFY_SMS_TEMPLATE="sms-tpl"
        )
        token = csrf_of(pro, "/pro/shortlist/view")
        failed = pro.post(
            "/pro/shortlist/send",
            data={"csrf_token": token, "how": "text", "phone": "07700 900982"},
        )
    assert failed.status_code == 502
    assert (
        "could not be sent"
        in parse_page(failed.data).select_one(".error-summary").get_text()
    )
    assert "shortlist is empty" not in pro.get("/pro/shortlist/view").get_data(True)


def test_texting_without_notify_is_not_offered(pro: FlaskClient) -> None:
    build_shortlist(pro)
    token = csrf_of(pro, "/pro/shortlist/view")
    response = pro.post(
        "/pro/shortlist/send",
        data={"csrf_token": token, "how": "text", "phone": "07700 900982"},
    )
    assert response.status_code == 400
    assert (
        "not set up"
        in parse_page(response.data).select_one(".error-summary").get_text()
    )
