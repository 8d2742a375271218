"""Open Referral UK 1.0 through the ORUK reader: files and paged feeds, found by shape.

There is no real 1.0 feed among the shared fixtures, so the items here follow the 1.0
schemas (``shared/spec/oruk-1.0``): the service, its organisation, locations with
``physical_addresses`` and ``accessibility_for_disabilities``, eligibility, service
area and cost option fields, taxonomy (id, name, vocabulary, parent), and the page
envelope (``content``, ``totalElements``, ``totalPages``, ``number``, ``first``,
``last``), with the nested lists a 1.0 ``/services/{id}`` answer carries.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from importers import oruk
from importers.records import Problem, ServiceRecord, SourceError
from tests.http_server import Response, json_response, serve

NEXT_YEAR = date.today().year + 1


def v1_service(
    *, id: str = "svc-1", name: str = "Armthorpe Chatterbox", **overrides: Any
) -> dict[str, Any]:
    """A full ORUK 1.0 service, as ``/services/{id}`` answers it."""
    item: dict[str, Any] = {
        "id": id,
        "name": name,
        "description": "<p>A friendly <strong>drop-in</strong> for older people."
        "</p><script>alert(1)</script>",
        "url": "https://armthorpe.example.org/chatterbox",
        "email": "hello@armthorpe.example.org",
        "status": "active",
        "fees": "£2 a session; your first visit is free",
        "accreditations": None,
        "deliverable_type": "Information",
        "assured_date": "2024-03-01",
        "attending_type": "venue",
        "attending_access": "drop-in",
        "organization": {
            "id": "0d4b8a52-6a3e-4c55-9f8e-2b1f0e0c9a11",
            "name": "Armthorpe Community Trust",
            "description": "Runs the community centre.",
            "email": "trust@armthorpe.example.org",
            "url": "https://armthorpe.example.org",
            "logo": None,
            "uri": None,
            "reviews": [{"id": "rev-1", "title": "Lovely", "score": "5"}],
        },
        "contacts": [
            {
                "id": f"{id}-contact",
                "name": "Jo Bloggs",
                "title": "Coordinator",
                "phones": [{"id": f"{id}-phone", "number": "01302 555010"}],
            }
        ],
        "cost_options": [
            {
                "id": f"{id}-cost",
                "option": "Per session",
                "amount": 2,
                "amount_description": "per session",
                "valid_from": "2024-04-01",
                "valid_to": "2025-03-31",
            }
        ],
        "eligibilitys": [{"id": f"{id}-el", "eligibility": "adult", "minimum_age": 55}],
        "fundings": [{"id": f"{id}-fund", "source": "Stronger Communities Fund"}],
        "holiday_schedules": [],
        "languages": [
            {"id": f"{id}-en", "language": "English"},
            {"id": f"{id}-pl", "language": "Polish"},
        ],
        "regular_schedules": [
            {
                "id": f"{id}-sched",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "valid_from": "2024-01-01",
                "dtstart": "2024-01-02",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": "TU",
                "description": "Every Tuesday morning",
            }
        ],
        "service_areas": [
            {
                "id": f"{id}-area",
                "service_area": "Doncaster",
                "extent": None,
                "uri": "http://statistics.data.gov.uk/id/statistical-geography/E08000017",
            }
        ],
        "service_at_locations": [
            {
                "id": f"{id}-sal",
                "location": {
                    "id": f"{id}-loc",
                    "name": "Armthorpe Community Centre",
                    "latitude": 53.536,
                    "longitude": -1.051,
                    "physical_addresses": [
                        {
                            "id": f"{id}-addr",
                            "address_1": "Church Street",
                            "city": "Doncaster",
                            "state_province": "South Yorkshire",
                            "postal_code": "dn3 3ah",
                            "country": "England",
                        }
                    ],
                    "accessibility_for_disabilities": [
                        {"id": f"{id}-acc", "accessibility": "step_free_access"}
                    ],
                },
            }
        ],
        "service_taxonomys": [
            {
                "id": f"{id}-tax",
                "taxonomy": {
                    "id": "esdServiceTypes:1048",
                    "name": "Social groups",
                    "vocabulary": "esdServiceTypes",
                    "parent": {"id": "esdServiceTypes:100", "name": "Community"},
                },
            }
        ],
    }
    item.update(overrides)
    return item


def v1_page(items: list[dict], **envelope: Any) -> dict[str, Any]:
    """One ORUK 1.0 page holding every item."""
    page = {"totalElements": len(items), "totalPages": 1, "number": 1, "size": 50}
    return (
        {**page, "first": True, "last": True, "empty": not items}
        | envelope
        | {"content": items}
    )


def read_file(tmp_path: Path, document: Any) -> list[ServiceRecord | Problem]:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document))
    return [i for i in oruk.read(str(path)) if isinstance(i, ServiceRecord | Problem)]


def test_a_v1_page_file_is_read_with_every_part_in_its_30_place(
    tmp_path: Path,
) -> None:
    (record,) = read_file(tmp_path, v1_page([v1_service()]))
    assert isinstance(record, ServiceRecord)
    data = record.data
    assert record.warnings == []
    assert data["name"] == "Armthorpe Chatterbox"
    assert data["description"] == (
        "<p>A friendly <strong>drop-in</strong> for older people.</p>"
    )
    assert data["organization"]["name"] == "Armthorpe Community Trust"
    assert data["organization"]["website"] == "https://armthorpe.example.org"
    (schedule,) = data["schedules"]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "TU",
        "10:00:00",
        "12:00:00",
    )
    assert schedule["attending_type"] == "venue"
    (sal,) = data["service_at_locations"]
    (address,) = sal["location"]["addresses"]
    assert (address["postal_code"], address["country"]) == ("DN3 3AH", "GB")
    assert sal["location"]["accessibility"][0]["description"] == "Step free access"
    assert data["contacts"][0]["phones"][0]["number"] == "01302 555010"
    assert data["cost_options"][0]["amount"] == 2.0
    assert [lang["name"] for lang in data["languages"]] == ["English", "Polish"]
    assert data["service_areas"][0]["name"] == "Doncaster"
    assert data["funding"][0]["source"] == "Stronger Communities Fund"
    assert (data["minimum_age"], data["maximum_age"]) == (55, None)
    assert data["eligibility_description"] == "adult"


def test_v1_taxonomy_and_how_to_attend_become_attributes(tmp_path: Path) -> None:
    (record,) = read_file(tmp_path, v1_page([v1_service()]))
    assert isinstance(record, ServiceRecord)
    terms = [a["taxonomy_term"] for a in record.data["attributes"]]
    assert [(t["name"], t["taxonomy"]) for t in terms] == [
        ("Social groups", "esdServiceTypes"),
        ("In person", "directory-attendance"),
        ("Drop in", "directory-access"),
    ]
    assert terms[0]["parent_id"] == "esdServiceTypes:100"


def test_age_range_is_the_widest_the_eligibilities_allow(tmp_path: Path) -> None:
    eligibilities = [
        {"id": "e1", "eligibility": "child", "minimum_age": 5, "maximum_age": 17},
        {"id": "e2", "eligibility": "adult", "minimum_age": 18},
        {"id": "e3", "eligibility": "family"},
    ]
    (record,) = read_file(tmp_path, [v1_service(eligibilitys=eligibilities)])
    assert isinstance(record, ServiceRecord)
    assert (record.data["minimum_age"], record.data["maximum_age"]) == (5, None)
    assert record.data["eligibility_description"] == "child, adult, family"


def test_holiday_closures_still_to_come_are_noted_on_the_schedules(
    tmp_path: Path,
) -> None:
    soon = date.today() + timedelta(days=30)
    holidays = [
        {
            "id": "h1",
            "closed": True,
            "start_date": soon.isoformat(),
            "end_date": (soon + timedelta(days=2)).isoformat(),
        },
        {
            "id": "h2",
            "closed": True,
            "start_date": "2019-12-24",
            "end_date": "2019-12-26",
        },
    ]
    (record,) = read_file(tmp_path, [v1_service(holiday_schedules=holidays)])
    assert isinstance(record, ServiceRecord)
    end = soon + timedelta(days=2)
    assert record.data["schedules"][0]["notes"] == (
        f"Closed {soon.day} {soon:%b %Y} to {end.day} {end:%b %Y}"
    )


@pytest.mark.parametrize(
    ("weekday", "opens", "closes", "byday"),
    [
        (3, "9:30am", "1900-01-01T13:00:00", "WE"),
        ("Wednesday", "09:30", "1pm", "WE"),
        (7, "9.30", "13:00", "SU"),
        ("0", "09:30:00", "1:00 PM", "SU"),
    ],
)
def test_weekday_schedules_and_12_hour_times_are_read(
    tmp_path: Path, weekday: object, opens: str, closes: str, byday: str
) -> None:
    schedule = {"id": "s1", "weekday": weekday, "opens_at": opens, "closes_at": closes}
    (record,) = read_file(tmp_path, [v1_service(regular_schedules=[schedule])])
    assert isinstance(record, ServiceRecord)
    (got,) = record.data["schedules"]
    assert (got["byday"], got["freq"], got["closes_at"]) == (
        byday,
        "WEEKLY",
        "13:00:00",
    )
    # '9.30' is not a time anyone's software writes; it is dropped with a warning.
    assert got["opens_at"] == (None if opens == "9.30" else "09:30:00")


def test_schedules_given_on_a_service_at_location_are_kept(tmp_path: Path) -> None:
    item = v1_service(regular_schedules=[])
    item["service_at_locations"][0]["regular_schedule"] = [
        {"id": "s2", "byday": "FR", "freq": "WEEKLY", "opens_at": "14:00"}
    ]
    (record,) = read_file(tmp_path, item)
    assert isinstance(record, ServiceRecord)
    assert [s["byday"] for s in record.data["schedules"]] == ["FR"]


def test_a_v1_list_or_single_item_file_is_recognised_by_its_names(
    tmp_path: Path,
) -> None:
    listed = read_file(tmp_path, [v1_service(id="a"), v1_service(id="b")])
    single = read_file(tmp_path, v1_service(id="c"))
    got = [r for r in listed + single if isinstance(r, ServiceRecord)]
    assert [r.external_id for r in got] == ["a", "b", "c"]
    assert all(r.data["schedules"][0]["byday"] == "TU" for r in got)


def test_a_v1_item_without_a_name_is_rejected_with_its_id(tmp_path: Path) -> None:
    items = read_file(tmp_path, v1_page([v1_service(name=""), v1_service(id="ok")]))
    assert [(i.item_id, i.reason) for i in items if isinstance(i, Problem)] == [
        ("svc-1", "has no name")
    ]


def v1_feed(
    items: list[dict],
    per_page: int,
    *,
    page_base: int = 1,
    number_base: int = 1,
    root: dict | None = None,
    flags: bool = True,
) -> tuple[Any, list[str]]:
    """A 1.0 feed: partial list items, full ones at /services/{id}; logs requests."""
    by_id = {item["id"]: item for item in items}
    pages = [items[i : i + per_page] for i in range(0, len(items), per_page)]
    log: list[str] = []

    def route(path: str) -> Response | None:
        log.append(path)
        url = urlsplit(path)
        if url.path == "/":
            return json_response(root) if root else None
        if url.path.startswith("/services/"):
            found = by_id.get(url.path.removeprefix("/services/"))
            return json_response(found) if found else None
        index = int(parse_qs(url.query)["page"][0]) - page_base
        content = pages[index] if 0 <= index < len(pages) else []
        envelope = {
            "totalElements": len(items),
            "totalPages": len(pages),
            "number": index + number_base,
            "size": per_page,
            "first": index == 0,
            "last": index >= len(pages) - 1,
            "empty": not content,
        }
        if not flags:  # some feeds give only counts
            envelope = {
                k: v for k, v in envelope.items() if k in {"totalPages", "number"}
            }
        partial = [
            {"id": i["id"], "name": i["name"], "status": "active"} for i in content
        ]
        return json_response(envelope | {"content": partial})

    return route, log


def test_a_v1_feed_said_so_at_its_root_is_followed_fetching_each_item_in_full() -> None:
    items = [v1_service(id=f"svc-{n}", name=f"Group {n}") for n in range(7)]
    route, log = v1_feed(items, per_page=3, root={"version": "HSDS-UK-1.0"})
    seen: list[tuple[int, int | None]] = []
    with serve(route) as base:
        got = list(oruk.read(base, progress=lambda d, t: seen.append((d, t))))
    assert [r.data["name"] for r in got] == [f"Group {n}" for n in range(7)]
    # The schedules and taxonomy came from /services/{id}, in the 1.0 shape.
    assert all(r.data["schedules"][0]["byday"] == "TU" for r in got)  # type: ignore[union-attr]
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert "/services/svc-6" in log


@pytest.mark.parametrize(
    ("page_base", "number_base", "flags", "requests"),
    [(1, 1, True, 3), (1, 0, True, 3), (0, 0, True, 4), (1, 1, False, 3)],
    ids=["as-the-spec-says", "zero-based-number", "zero-based-pages", "counts-only"],
)
def test_a_v1_feed_is_known_by_its_envelope_and_read_once_whatever_its_paging(
    page_base: int, number_base: int, flags: bool, requests: int
) -> None:
    items = [v1_service(id=f"svc-{n}", name=f"Group {n}") for n in range(7)]
    route, log = v1_feed(
        items, per_page=3, page_base=page_base, number_base=number_base, flags=flags
    )
    with serve(route) as base:
        got = list(oruk.read(base))
    assert [r.data["name"] for r in got] == [f"Group {n}" for n in range(7)]
    # Three pages, no asking past the last one; a zero-based server costs one more.
    assert len([path for path in log if path.startswith("/services?")]) == requests
    assert not [p for p in got if isinstance(p, Problem)]


def test_a_v1_feed_with_one_page_on_a_zero_based_server_is_read() -> None:
    items = [v1_service(id="only", name="Only group")]
    route, _log = v1_feed(items, per_page=3, page_base=0, number_base=0)
    with serve(route) as base:
        got = list(oruk.read(base))
    assert [r.data["name"] for r in got] == ["Only group"]


def test_a_v1_feed_page_that_fails_stops_the_read_naming_the_page() -> None:
    items = [v1_service(id=f"svc-{n}") for n in range(4)]
    good, _log = v1_feed(items, per_page=2)

    def route(path: str) -> Response | None:
        if "page=2" in path:
            return 500, "text/plain", b"oops"
        return good(path)

    with serve(route) as base, pytest.raises(SourceError) as caught:
        list(oruk.read(base))
    assert "page=2" in str(caught.value) and "HTTP 500" in str(caught.value)


def test_a_30_feed_keeps_its_items_as_they_are_even_with_10_names() -> None:
    item = v1_service(id="v3", regular_schedules=[])
    item["schedules"] = [{"id": "s", "byday": "MO", "freq": "WEEKLY"}]
    page = {"total_items": 1, "total_pages": 1, "page_number": 1, "contents": [item]}

    def route(path: str) -> Response | None:
        if urlsplit(path).path == "/":
            return json_response({"version": "HSDS-UK-3.0"})
        return json_response(page)

    with serve(route) as base:
        (record,) = list(oruk.read(base))
    assert isinstance(record, ServiceRecord)
    assert [s["byday"] for s in record.data["schedules"]] == ["MO"]
