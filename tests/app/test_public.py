"""What a resident sees: home, search results, a service, errors, health."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select
from sqlmodel import Session

from directory_app.db import get_engine
from directory_app.models import ReviewState, Service
from tests.pages import parse_page


def test_home_has_a_search_box_and_a_postcode_box(client) -> None:
    soup = parse_page(client.get("/").data)
    form = soup.find("form", attrs={"role": "search"})
    assert form["action"] == "/search" and form["method"] == "get"
    assert form.find("input", attrs={"name": "q"})
    assert form.find("input", attrs={"name": "postcode"})


def result_rows(soup) -> list[tuple[str, float | None]]:
    rows = []
    for item in soup.select("div.results-main > ol.results > li.result"):
        distance = item.select_one(".distance")
        miles = float(distance.get_text().split()[0]) if distance else None
        rows.append((item.h3.get_text(strip=True), miles))
    return rows


def test_walking_near_a_demo_postcode_lists_walking_groups_nearest_first(
    demo_app: Flask,
) -> None:
    response = demo_app.test_client().get("/search?q=walking&postcode=dn1%201aa")
    assert response.status_code == 200
    soup = parse_page(response.data)
    rows = result_rows(soup)
    assert len(rows) == 10
    miles = [m for _, m in rows]
    assert all(m is not None for m in miles) and miles == sorted(miles)  # type: ignore[type-var]
    walking = [name for name, _ in rows if re.search(r"walk", name, re.I)]
    assert len(walking) >= 5, rows
    count = soup.select_one("#result-count").get_text(" ", strip=True)
    assert "nearest to DN1 1AA" in count


def test_results_page_through(demo_app: Flask) -> None:
    client = demo_app.test_client()
    first = parse_page(client.get("/search?q=walk").data)
    second = parse_page(client.get("/search?q=walk&page=2").data)
    assert first.select_one('a[rel="next"]')["href"].endswith("page=2")
    assert {n for n, _ in result_rows(first)}.isdisjoint(
        {n for n, _ in result_rows(second)}
    )


def test_an_invalid_postcode_is_explained_not_an_error_page(demo_app: Flask) -> None:
    response = demo_app.test_client().get("/search?q=walk&postcode=banana")
    assert response.status_code == 200
    soup = parse_page(response.data)
    assert soup.title.get_text().startswith("Error:")
    summary = soup.select_one(".error-summary")
    assert "“banana” is not a valid UK postcode" in summary.get_text()
    assert summary.a["href"] == "#postcode"
    assert soup.select_one("#postcode")["value"] == "banana"


def test_an_unknown_postcode_in_a_known_district_uses_the_district(
    demo_app: Flask,
) -> None:
    soup = parse_page(
        demo_app.test_client().get("/search?q=walk&postcode=DN4 9ZZ").data
    )
    count = soup.select_one("#result-count").get_text(" ", strip=True)
    assert "nearest to the centre of DN4 9ZZ" in count


def test_a_postcode_nobody_knows_says_so(demo_app: Flask) -> None:
    soup = parse_page(demo_app.test_client().get("/search?postcode=XX9 9XX").data)
    assert "not a valid UK postcode" in soup.select_one(".error-summary").get_text()


def first_service(app: Flask, **where: str) -> Service:
    with Session(get_engine(app)) as session:
        query = select(Service)
        for key, value in where.items():
            query = query.where(getattr(Service, key) == value)
        return session.execute(query.order_by(Service.name)).scalars().first()  # type: ignore[return-value]


def test_a_service_page_says_what_when_where_cost_and_freshness(
    demo_app: Flask,
) -> None:
    service = first_service(demo_app, status="active")
    soup = parse_page(demo_app.test_client().get(f"/services/{service.id}").data)
    assert soup.h1.get_text() == service.name
    headings = [h.get_text() for h in soup.find_all("h2")]
    for section in (
        "What it is",
        "Who it is for",
        "When",
        "Where",
        "Cost",
        "How to join",
        "Contact",
        "About this listing",
    ):
        assert section in headings
    verified = soup.select_one("#last-verified").get_text()
    assert re.match(r"\d{1,2} \w+ 20\d\d", verified)
    assert (
        "Doncaster demo directory (fictional listings)"
        in soup.select_one("#provenance").get_text()
    )


def test_a_temporarily_closed_service_says_so(demo_app: Flask) -> None:
    service = first_service(demo_app, status="temporarily closed")
    soup = parse_page(demo_app.test_client().get(f"/services/{service.id}").data)
    notice = soup.select_one(".notice-warning").get_text()
    assert "Temporarily closed." in notice and service.alert in notice  # type: ignore[operator]


def test_a_withdrawn_service_is_gone_from_its_page(demo_app: Flask) -> None:
    service = first_service(demo_app, status="active")
    with Session(get_engine(demo_app)) as session:
        review = session.get(ReviewState, service.id)
        review.withdrawn_at = review.last_verified_at  # type: ignore[union-attr]
        session.add(review)
        session.commit()
    response = demo_app.test_client().get(f"/services/{service.id}")
    assert response.status_code == 410
    assert "is no longer listed" in parse_page(response.data).h1.get_text()


def test_an_unknown_service_is_not_found(client) -> None:
    assert client.get("/services/not-a-real-id").status_code == 404


def test_search_before_the_index_is_built_says_it_is_being_prepared(client) -> None:
    response = client.get("/search?q=walk")
    assert response.status_code == 503
    assert "Search is being prepared" in parse_page(response.data).get_text()


def test_healthz_reports_database_and_index(demo_app: Flask) -> None:
    body = demo_app.test_client().get("/healthz").get_json()
    assert body["ok"] is True
    assert body["database"]["backend"] == "sqlite"
    assert body["index"]["documents"] > 300
    assert body["index"]["behind_by"] == 0


def test_healthz_says_when_there_is_no_index(client) -> None:
    empty = client.get("/healthz")
    assert empty.status_code == 503
    assert empty.get_json()["index"] == {"ok": False, "error": "not built"}
