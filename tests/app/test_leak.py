"""Professional-only fields never reach a public page, the public index or any
public endpoint: a directory full of them is crawled and none of their values
appear. The Open Referral API is crawled too, and shows nothing withdrawn,
ended or not yet published either."""

from __future__ import annotations

import io
import zipfile

from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.history import Actor, withdraw
from directory_app.indexing import get_index, rebuild
from directory_app.listing_actions import end
from directory_app.models import (
    ProfessionalDetails,
    ProposedChange,
    Service,
    SourceRecord,
    utcnow,
)
from search_index import SearchQuery

FIELDS = (
    "referral_criteria",
    "exclusions",
    "how_to_refer",
    "referral_email",
    "referral_phone",
    "referral_form_url",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
)


def fill_with_markers(app: Flask) -> tuple[list[str], list[str]]:
    """Give every service distinctive professional-only values; (ids, markers)."""
    markers = []
    with Session(get_engine(app)) as session:
        ids = [s.id for s in session.exec(select(Service)).all()]
        for n, sid in enumerate(ids):
            row = session.get(ProfessionalDetails, sid) or ProfessionalDetails(
                service_id=sid
            )
            for field in FIELDS:
                value = f"zqxpro{field.replace('_', '')}{n}"
                if field.endswith("email"):
                    value += "@example.org"
                if field.endswith("url"):
                    value = f"https://example.org/{value}"
                setattr(row, field, value)
            row.capacity, row.waiting_weeks = "waiting-list", 777
            session.add(row)
        session.commit()
        markers = ["zqxpro", "777 weeks", "Waiting list"]
    return ids, markers


def test_no_public_page_shows_a_professional_only_value(demo_app: Flask) -> None:
    ids, markers = fill_with_markers(demo_app)
    with demo_app.app_context():
        rebuild(demo_app)
    client = demo_app.test_client()
    paths = [
        "/",
        "/search",
        "/search?q=walking&postcode=DN1+1AA",
        "/search?q=carers&page=2",
        "/search?category=mental-wellbeing&access=professional-referral",
        "/search?q=referral",
        "/sitemap.xml",
        "/healthz",
        "/saved",
        "/saved/print",
        f"/saved/shared?ids={','.join(ids[:50])}",
        f"/services/{ids[0]}/report",
        "/sign-in",
        "/sign-up",
    ] + [f"/services/{sid}" for sid in ids]
    seen = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 410), path
        body = response.get_data(as_text=True)
        for marker in markers:
            assert marker not in body, f"{marker!r} is on the public page {path}"
        seen += 1
    assert seen == len(ids) + 14


def test_the_public_index_knows_nothing_professional_only(demo_app: Flask) -> None:
    fill_with_markers(demo_app)
    with demo_app.app_context():
        rebuild(demo_app)
        index = get_index(demo_app)
        for word in ("zqxproreferralcriteria0", "zqxpronotes0", "zqxprocontactname0"):
            results = index.search(SearchQuery(text=word))
            assert results.total == 0
            assert results.suggestion is None
        stored = [h.fields for h in index.search(SearchQuery(per_page=400)).hits]
    assert stored and not [f for f in stored if "zqxpro" in repr(f)]


def test_the_professional_pages_do_show_them(demo_app: Flask) -> None:
    """The same values reach signed-in professionals (so the crawl above could
    have found them, had they leaked)."""
    from tests.app.test_professional import add_user, sign_in

    ids, _ = fill_with_markers(demo_app)
    add_user(demo_app, "gp@nhs.net")
    client = demo_app.test_client()
    sign_in(client, "gp@nhs.net")
    page = client.get(f"/pro/services/{ids[0]}").get_data(as_text=True)
    assert "zqxproreferralcriteria0" in page and "about 777 weeks" in page


def test_the_api_shows_nothing_professional_withdrawn_or_unpublished(
    demo_app: Flask,
) -> None:
    ids, markers = fill_with_markers(demo_app)
    withdrawn, ended = ids[0], ids[1]
    with Session(get_engine(demo_app)) as session:
        for record in session.exec(
            select(SourceRecord).where(SourceRecord.service_id == withdrawn)
        ):
            record.withdrawn_at = utcnow()  # its source no longer lists it
            session.add(record)
        withdraw(session, withdrawn, Actor("source", "demo"), "gone from the feed")
        end(session, ended, "staff@x.org")
        session.add(
            ProposedChange(
                service_id="00000000-0000-4000-8000-000000000001",
                kind="new",
                data={"id": "x", "name": "Zqxunpublished Lunch Club"},
                submitted_by="g@x.org",
                updated_by="g@x.org",
            )
        )
        session.commit()
    client = demo_app.test_client()
    paths = [
        "/exports/hsds-3.0.json",
        "/api/oruk/services?format=ndjson&full=true",
        "/api/oruk/service_at_locations?format=ndjson&full=true",
        "/api/oruk/organizations?full_service=true&per_page=200",
        "/api/oruk/taxonomy_terms?per_page=200",
    ] + [f"/api/oruk/services/{sid}" for sid in ids[2:60]]
    bodies = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies.append(response.get_data(as_text=True))
    package = client.get("/exports/hsds-3.0-csv.zip")
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        bodies += [archive.read(name).decode() for name in archive.namelist()]
    everything = "\n".join(bodies)
    assert ids[2] in everything  # the crawl does see listings
    for marker in [*markers, "Zqxunpublished"]:
        assert marker not in everything, marker
    assert withdrawn not in everything and ended not in everything
    for sid in (withdrawn, ended):
        assert client.get(f"/api/oruk/services/{sid}").status_code == 404
