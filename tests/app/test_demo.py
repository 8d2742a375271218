"""The bundled demo directory: big and varied enough to be a real trial."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlmodel import Session, select

from directory_app.config import PROJECT_ROOT
from directory_app.db import get_engine
from directory_app.models import User

SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/"
FEED = PROJECT_ROOT / "data" / "demo" / "doncaster-oruk3.json"


@pytest.fixture(scope="module")
def services() -> list[dict]:
    return json.loads(FEED.read_text())["contents"]


def test_the_demo_covers_the_social_prescribing_range(services: list[dict]) -> None:
    orgs = {s["organization"]["id"] for s in services}
    assert len(services) >= 300 and len(orgs) >= 120
    categories = Counter(
        a["taxonomy_term"]["term"]
        for s in services
        for a in s["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "directory-category"
    )
    vocabulary = json.loads((PROJECT_ROOT / "data/taxonomy/directory.json").read_text())
    for code in vocabulary["vocabularies"]["directory-category"]["terms"]:
        assert categories[code] >= 15, code
    statuses = Counter(s["status"] for s in services)
    assert statuses["temporarily closed"] >= 5
    overdue = [s for s in services if s["assured_date"] < "2026-05-23"]
    assert len(overdue) >= 30


def test_every_demo_location_has_a_real_doncaster_postcode(
    services: list[dict],
) -> None:
    bundled = {
        line.split(",")[0]: line.split(",")[1:]
        for line in (PROJECT_ROOT / "data/postcodes/doncaster-dn1-dn12.csv")
        .read_text()
        .splitlines()[1:]
    }
    for service in services:
        for sal in service.get("service_at_locations", []):
            postcode = sal["location"]["addresses"][0]["postal_code"]
            assert postcode in bundled, postcode


def test_the_demo_feed_is_valid_oruk_3(services: list[dict], shared: Path) -> None:
    folder = shared / "spec/oruk-3.0/schema"
    registry = Registry().with_resources(
        (
            SCHEMA_URL + path.name,
            Resource.from_contents(json.loads(path.read_text()), DRAFT202012),
        )
        for path in folder.glob("*.json")
    )
    schema = json.loads((folder / "service.json").read_text())
    validator = Draft202012Validator(schema, registry=registry)
    errors = [e.message for s in services for e in validator.iter_errors(s)]
    assert errors == []


def test_the_demo_group_account_signs_in_to_its_own_listings(demo_app: Flask) -> None:
    from directory_app.auth import make_link
    from directory_app.demo import DEMO_PROVIDER, DEMO_STAFF

    with Session(get_engine(demo_app)) as session:
        group = session.exec(select(User).where(User.email == DEMO_PROVIDER)).one()
        staff = session.exec(select(User).where(User.email == DEMO_STAFF)).one()
        assert (group.role, staff.role) == ("provider", "staff")
        token = make_link(session, group)
        session.commit()
    client = demo_app.test_client()
    page = client.get(f"/sign-in/link/{token}").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(f"/sign-in/link/{token}", data={"csrf_token": csrf})
    rows = BeautifulSoup(client.get("/provider/").data, "html.parser").select(
        "table.listings tbody tr"
    )
    assert len(rows) >= 2, "the demo group looks after several listings"
