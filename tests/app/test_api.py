"""The Open Referral UK 3.0 API: every endpoint's responses valid against the
standard's schemas on the first, a middle and the last page, the envelope's
numbers and flags as the official validator checks them, and the rest of what
another system relies on (404s in JSON, CORS, ETags, limits, parameters)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from directory_app.db import get_engine
from directory_app.listing_actions import end
from directory_app.web.api_params import ENDPOINTS, MAX_PER_PAGE
from tests.oruk_schemas import errors_of, oruk_validator

API = "/api/oruk"
LISTS = [e for e in ENDPOINTS if e.schema.endswith("_list.json")]


@pytest.fixture
def api(demo_app: Flask) -> FlaskClient:
    return demo_app.test_client()


def get_json(client: FlaskClient, path: str, status: int = 200) -> Any:
    response = client.get(API + path)
    assert response.status_code == status, (path, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def check_envelope(body: dict[str, Any], page: int, per_page: int) -> None:
    """What the official validator checks of a page."""
    pages = max(1, math.ceil(body["total_items"] / per_page))
    assert body["total_pages"] == pages
    assert body["page_number"] == page
    assert body["size"] == len(body["contents"])
    assert body["first_page"] is (page == 1)
    assert body["last_page"] is (page >= pages)
    assert body["empty"] is (not body["contents"])
    if page < pages:
        assert body["size"] == per_page


@pytest.mark.parametrize("endpoint", LISTS, ids=lambda e: e.path)
def test_every_list_is_valid_on_its_first_middle_and_last_page(
    api: FlaskClient, shared: Path, endpoint: Any
) -> None:
    validator = oruk_validator(shared, endpoint.schema)
    total = get_json(api, f"{endpoint.path}?per_page=1")["total_items"]
    assert total >= 3, "enough for a first, a middle and a last page"
    per_page = max(1, min(7, total // 3))
    first = get_json(api, f"{endpoint.path}?per_page={per_page}")
    for page in sorted({1, (first["total_pages"] + 1) // 2, first["total_pages"]}):
        body = get_json(api, f"{endpoint.path}?per_page={per_page}&page={page}")
        assert errors_of(validator, body) == []
        check_envelope(body, page, per_page)
    beyond = get_json(
        api, f"{endpoint.path}?per_page={per_page}&page={first['total_pages'] + 1}"
    )
    assert beyond["empty"] and beyond["size"] == 0 and beyond["last_page"]


@pytest.mark.parametrize(
    ("endpoint", "list_path"),
    [
        ("/services/{id}", "/services"),
        ("/organizations/{id}", "/organizations"),
        ("/service_at_locations/{id}", "/service_at_locations"),
        ("/taxonomies/{id}", "/taxonomies"),
        ("/taxonomy_terms/{id}", "/taxonomy_terms"),
    ],
)
def test_each_record_is_valid_and_unknown_ids_are_404_in_json(
    api: FlaskClient, shared: Path, endpoint: str, list_path: str
) -> None:
    schema = next(e.schema for e in ENDPOINTS if e.path == endpoint)
    validator = oruk_validator(shared, schema)
    listed = get_json(api, f"{list_path}?per_page=3")["contents"]
    for item in listed:
        body = get_json(api, endpoint.replace("{id}", item["id"]))
        assert body["id"] == item["id"]
        assert errors_of(validator, body) == []
    missing = get_json(api, endpoint.replace("{id}", "no-such-id"), status=404)
    assert missing == {"error": "No such record."}


def test_the_meta_endpoint_and_the_openapi_document(api: FlaskClient) -> None:
    meta = get_json(api, "/")
    assert meta["version"] == "HSDS-UK-3.0"
    assert meta["openapi_url"].endswith("/api/oruk/openapi.json")
    assert get_json(api, "") == meta  # no trailing slash: the same
    document = get_json(api, "/openapi.json")
    assert set(document["paths"]) == {e.path for e in ENDPOINTS}


def test_the_openapi_document_describes_exactly_what_is_served(demo_app: Flask) -> None:
    served = {
        rule.rule.removeprefix(API)
        .replace("<sid>", "{id}")
        .replace("<org_id>", "{id}")
        .replace("<sal_id>", "{id}")
        .replace("<taxonomy_id>", "{id}")
        .replace("<term_id>", "{id}")
        or "/"
        for rule in demo_app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
    }
    document = demo_app.test_client().get(f"{API}/openapi.json").get_json()
    assert served == set(document["paths"])
    for path, item in document["paths"].items():
        named = {
            p["$ref"].rsplit("/", 1)[1]
            for p in item["get"]["parameters"]
            if "$ref" in p
        }
        endpoint = next(e for e in ENDPOINTS if e.path == path)
        assert named == set(endpoint.parameters)


def test_full_services_are_nested_and_lists_are_not(api: FlaskClient) -> None:
    plain = get_json(api, "/services?per_page=5")["contents"]
    assert all("schedules" not in s and "organization" in s for s in plain)
    full = get_json(api, "/services?per_page=5&full=true")["contents"]
    assert any(s.get("schedules") for s in full)
    assert any(s.get("service_at_locations") for s in full)
    minimal = get_json(api, "/services?per_page=5&minimal=true")["contents"]
    assert all(set(s) <= {"id", "name", "status", "last_modified"} for s in minimal)


def test_empty_optional_fields_are_left_out(api: FlaskClient) -> None:
    body = get_json(api, "/services?per_page=50&full=true")
    text = json.dumps(body)
    assert (
        "null" not in text
        and ": []" not in text
        and ': ""' not in text.replace('"description": ""', "")
    )


def test_filters_narrow_the_services(api: FlaskClient) -> None:
    every = get_json(api, "/services?per_page=1")["total_items"]
    walks = get_json(api, "/services?search=walk&per_page=200")
    assert 0 < walks["total_items"] < every
    assert all(
        "walk" in (s["name"] + s.get("description", "")).lower()
        for s in walks["contents"]
    )
    some = walks["contents"][0]
    org = get_json(
        api, f"/services?organization_id={some['organization_id']}&per_page=200"
    )
    assert {s["organization_id"] for s in org["contents"]} == {some["organization_id"]}
    term = get_json(api, "/taxonomy_terms?search=physical")["contents"][0]
    tagged = get_json(
        api, f"/services?taxonomy_term_id={term['id']}&per_page=200&full=true"
    )
    assert tagged["total_items"] > 0
    assert all(
        any(a["taxonomy_term_id"] == term["id"] for a in s["attributes"])
        for s in tagged["contents"]
    )
    by_taxonomy = get_json(
        api, f"/services?taxonomy_id={term['taxonomy_id']}&per_page=1"
    )
    assert by_taxonomy["total_items"] >= tagged["total_items"]
    future = get_json(api, "/services?modified_after=2099-01-01")
    assert future["total_items"] == 0 and future["empty"]
    past = get_json(api, "/services?modified_after=2000-01-01T00:00:00Z&per_page=1")
    assert past["total_items"] == every


def test_service_at_locations_near_a_postcode(api: FlaskClient) -> None:
    near = get_json(
        api, "/service_at_locations?postcode=DN1+1AA&proximity=1000&per_page=200"
    )
    wider = get_json(
        api, "/service_at_locations?postcode=DN1+1AA&proximity=5000&per_page=1"
    )
    assert 0 < near["total_items"] < wider["total_items"]
    for item in near["contents"]:
        assert item["service_id"] == item["service"]["id"]
        assert "latitude" in item["location"]
    unknown = get_json(api, "/service_at_locations?postcode=ZZ9+9ZZ", status=400)
    assert "ZZ9 9ZZ" in unknown["error"]
    lonely = get_json(api, "/service_at_locations?proximity=100", status=400)
    assert lonely == {"error": "proximity needs a postcode to measure from"}


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("page=0", "page must be a whole number from 1"),
        ("per_page=-3", "per_page must be a whole number from 1"),
        ("full=perhaps", "full must be true or false"),
        ("modified_after=yesterday", "modified_after must be a date or datetime"),
        ("format=xml", "format must be json or ndjson"),
    ],
)
def test_parameters_that_cannot_be_used_are_explained(
    api: FlaskClient, query: str, said: str
) -> None:
    assert said in get_json(api, f"/services?{query}", status=400)["error"]


def test_per_page_is_honoured_up_to_its_maximum(api: FlaskClient) -> None:
    body = get_json(api, f"/services?per_page={MAX_PER_PAGE * 5}")
    assert body["size"] == MAX_PER_PAGE
    assert body["total_pages"] == math.ceil(body["total_items"] / MAX_PER_PAGE)


def test_ndjson_streams_every_service_without_pages(api: FlaskClient) -> None:
    total = get_json(api, "/services?per_page=1")["total_items"]
    response = api.get(f"{API}/services?format=ndjson")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == total
    assert len({json.loads(line)["id"] for line in lines}) == total


def test_cors_etags_and_conditional_get(api: FlaskClient) -> None:
    first = api.get(f"{API}/services?per_page=3")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    etag = first.headers["ETag"]
    again = api.get(f"{API}/services?per_page=3", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = api.get(f"{API}/services?per_page=4", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_too_many_requests_get_a_clear_429(demo_app: Flask) -> None:
    demo_app.config["API_RATE_LIMIT"] = "5 per minute"
    client = demo_app.test_client()
    codes = [client.get(f"{API}/taxonomies").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    refused = client.get(f"{API}/taxonomies")
    assert refused.get_json() == {"error": "Too many requests: slow down and retry."}
    assert refused.headers["Retry-After"] == "60"
    assert refused.headers["Access-Control-Allow-Origin"] == "*"


def test_the_service_list_follows_changes_at_once(demo_app: Flask) -> None:
    client = demo_app.test_client()
    first = get_json(client, f"/services?per_page={MAX_PER_PAGE}")
    gone = first["contents"][3]["id"]
    with Session(get_engine(demo_app)) as session:
        end(session, gone, "staff@x.org")
        session.commit()
    after = get_json(client, f"/services?per_page={MAX_PER_PAGE}")
    assert after["total_items"] == first["total_items"] - 1
    assert gone not in {s["id"] for s in after["contents"]}


def test_every_address_has_the_county_the_standard_requires(api: FlaskClient) -> None:
    body = get_json(api, "/service_at_locations?per_page=200")
    addresses = [
        a for item in body["contents"] for a in item["location"].get("addresses", [])
    ]
    assert addresses and all(a.get("state_province") for a in addresses)
