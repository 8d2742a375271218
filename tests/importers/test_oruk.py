"""The ORUK 3.0 reader on the shared real inputs, on broken ones, and over HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from importers import oruk
from importers.records import Problem, ServiceRecord, SourceError
from tests.factories import make_raw_service
from tests.http_server import Response, json_response, serve


def read_all(location: str) -> tuple[list[ServiceRecord], list[Problem]]:
    items = list(oruk.read(location))
    records = [i for i in items if isinstance(i, ServiceRecord)]
    return records, [i for i in items if isinstance(i, Problem)]


def test_the_example_feeds_full_service_loads_with_its_details(shared: Path) -> None:
    records, problems = read_all(
        str(shared / "fixtures/oruk/v3-example-feed/service_full.json")
    )
    assert problems == []
    (record,) = records
    assert record.data["name"] == "Community Counselling"
    assert record.data["organization"]["organization_identifiers"][0]["identifier"] == (
        "1234567"
    )
    assert record.data["schedules"][0]["byday"] == "TH,FR"
    # The example puts its venue at latitude 100: impossible, so dropped with a warning.
    location = record.data["service_at_locations"][0]["location"]
    assert location["latitude"] is None
    assert {w.field for w in record.warnings} == {
        "location.latitude",
        "address.postal_code",
    }


def test_invalid_items_are_rejected_with_id_and_reason(shared: Path) -> None:
    records, problems = read_all(
        str(shared / "fixtures/oruk/v3-invalid-feed/service_list.json")
    )
    assert records == []
    assert [(p.item_id, p.field, p.reason) for p in problems] == [
        ("ac148810-d857-441c-9679-408f346de14b", "name", "has no name"),
        ("b644a0d2-9e8a-4c33-9390-ae9ee93fc056", "name", "has no name"),
        ("e85f5bb0-62f0-42cc-a08a-0c5c16273090", "name", "has no name"),
        ("ac148810-d857-441c-9679-408f346de14b", "name", "has no name"),
    ]


def test_bad_url_and_email_are_dropped_with_warnings_and_the_rest_kept(
    shared: Path,
) -> None:
    (record,), _ = read_all(
        str(shared / "fixtures/oruk/v3-invalid-feed/service_full.json")
    )
    assert record.data["url"] is None and record.data["email"] is None
    reasons = {w.field: w.reason for w in record.warnings}
    assert reasons["url"] == "'example/counselling' is not a web address; left out"
    assert reasons["email"] == "'email-example_com' is not an email; left out"
    assert record.data["accreditations"].startswith("All of our practitioners")


@pytest.mark.parametrize(
    "name",
    ["service_full.json", "service_list.json"],
)
def test_hsds_specification_examples_load(shared: Path, name: str) -> None:
    records, problems = read_all(
        str(shared / "fixtures/hsds/openreferral-specification-examples" / name)
    )
    assert [r.data["name"] for r in records] == ["Community Counselling"]
    assert problems == []


def test_duplicate_ids_in_one_source_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([make_raw_service(), make_raw_service()]))
    records, problems = read_all(str(path))
    assert len(records) == 1
    assert [(p.item_id, p.reason) for p in problems] == [
        ("svc-1", "appears twice in the source")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"hello": "world"}', "is not an ORUK 3.0 document"),
        ('"just a string"', "is not an ORUK 3.0 document"),
    ],
)
def test_a_file_that_is_not_a_feed_fails_with_where_and_what(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content)
    with pytest.raises(SourceError, match=message) as caught:
        list(oruk.read(str(path)))
    assert str(path) in str(caught.value)


def paged_feed(items: list[dict], per_page: int, *, partial: bool = False):
    """A route that serves items as ORUK 3.0 pages (list items partial if asked)."""
    by_id = {item["id"]: item for item in items}
    pages = [items[i : i + per_page] for i in range(0, len(items), per_page)]

    def route(path: str) -> Response | None:
        url = urlsplit(path)
        if url.path.startswith("/services/"):
            found = by_id.get(url.path.removeprefix("/services/"))
            return json_response(found) if found else None
        if url.path != "/services":
            return None
        number = int(parse_qs(url.query)["page"][0])
        contents = pages[number - 1]
        if partial:
            contents = [{"id": i["id"], "name": i["name"]} for i in contents]
        return json_response(
            {
                "total_items": len(items),
                "total_pages": len(pages),
                "page_number": number,
                "size": len(contents),
                "first_page": number == 1,
                "last_page": number == len(pages),
                "empty": False,
                "contents": contents,
            }
        )

    return route


def test_a_feed_is_followed_page_by_page_fetching_partial_items_in_full() -> None:
    items = [make_raw_service(id=f"svc-{n}", name=f"Group {n}") for n in range(7)]
    seen: list[tuple[int, int | None]] = []
    with serve(paged_feed(items, per_page=3, partial=True)) as base:
        got = list(oruk.read(base, progress=lambda d, t: seen.append((d, t))))
    assert [r.data["name"] for r in got] == [f"Group {n}" for n in range(7)]
    # Full records were fetched: the schedules come from /services/{id}.
    assert all(r.data["schedules"] for r in got)  # type: ignore[union-attr]
    assert seen == [(3, 7), (6, 7), (7, 7)]


def test_a_feed_page_that_fails_stops_the_read_naming_the_page() -> None:
    items = [make_raw_service(id=f"svc-{n}") for n in range(4)]
    good = paged_feed(items, per_page=2)

    def route(path: str) -> Response | None:
        if "page=2" in path:
            return 500, "text/plain", b"oops"
        return good(path)

    with serve(route) as base, pytest.raises(SourceError) as caught:
        list(oruk.read(base))
    assert "page=2" in str(caught.value) and "HTTP 500" in str(caught.value)


def test_a_feed_server_that_is_not_there_is_a_clear_error() -> None:
    with serve(lambda _path: None) as base:
        pass  # the server is gone once the block ends
    with pytest.raises(SourceError, match="could not be fetched"):
        list(oruk.read(base))


def test_a_feed_page_that_is_not_json_is_a_clear_error() -> None:
    with (
        serve(lambda _p: (200, "text/html", b"<html>maintenance</html>")) as base,
        pytest.raises(SourceError, match="is not valid JSON"),
    ):
        list(oruk.read(base))
