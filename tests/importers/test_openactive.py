"""The OpenActive RPDE reader on real pages and items, on broken ones, and over HTTP."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pytest

from importers import openactive
from importers.records import Deleted, Problem, ServiceRecord, SourceError
from tests.http_server import Response, json_response, serve

OA = "fixtures/openactive"
NEWHAM = f"{OA}/real-rpde-pages/active-newham_sessions_20200102.json"
EXAMPLES = f"{OA}/data-models-2.x-examples"
NORMALISER = f"{OA}/feed-normaliser-fixtures"
ACTIVITY = "https://openactive.io/activity-list#"
WALKING_FOOTBALL = "b8019b67-2ade-406f-a012-91a5c3869652"


def read_all(
    location: str, **kwargs: Any
) -> tuple[list[ServiceRecord], list[Problem], list[Deleted]]:
    items = list(openactive.read(location, **kwargs))
    return (
        [i for i in items if isinstance(i, ServiceRecord)],
        [i for i in items if isinstance(i, Problem)],
        [i for i in items if isinstance(i, Deleted)],
    )


def make_item(
    id: str | None, *, name: str | None = "Health Walk", state: str = "updated", **data
) -> dict[str, Any]:
    """An RPDE item holding a 2.x SessionSeries (no data when deleted)."""
    item: dict[str, Any] = {"id": id, "state": state, "kind": "SessionSeries"}
    if state == "updated":
        item["data"] = {"@type": "SessionSeries", "name": name, **data}
    return item


def page_file(path: Path, items: list[dict[str, Any]]) -> str:
    path.write_text(json.dumps({"items": items, "next": "https://example.org/next"}))
    return str(path)


def normaliser_page(shared: Path, tmp_path: Path, *names: str) -> str:
    """Real items as one page; the bare ones (no RPDE envelope) get their file name."""
    items = []
    for name in names:
        item = json.loads((shared / NORMALISER / name).read_text())
        items.append({"id": name, "state": "updated", **item})
    return page_file(tmp_path / "page.json", items)


def only(records: list[ServiceRecord]) -> dict[str, Any]:
    (record,) = records
    return record.data


def terms(data: dict[str, Any], taxonomy: str) -> list[str]:
    return [
        a["taxonomy_term"]["name"]
        for a in data["attributes"]
        if a["taxonomy_term"]["taxonomy"] == taxonomy
    ]


def location_of(data: dict[str, Any]) -> dict[str, Any]:
    return data["service_at_locations"][0]["location"]


def when(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each schedule as (freq, interval, byday, opens, closes, from, to)."""
    keys = ("freq", "interval", "byday", "opens_at", "closes_at", "dtstart", "valid_to")
    return [tuple(s[k] for k in keys) for s in data["schedules"]]


# The real Active Newham page (OpenActive 1.0 shape)


def test_the_active_newham_page_gives_its_sessions_and_deletions(shared: Path) -> None:
    records, problems, deleted = read_all(str(shared / NEWHAM))
    assert (len(records), len(deleted), problems) == (198, 71, [])
    assert deleted[0] == Deleted("N5CLABS11001015")
    assert all(
        terms(r.data, "directory-category") == ["Physical activity"] for r in records
    )
    assert sum(r.data["cost_options"][0]["option"] == "Free" for r in records) == 35


def test_a_newham_session_has_its_venue_date_price_and_organiser(shared: Path) -> None:
    records, _, _ = read_all(str(shared / NEWHAM))
    data = records[0].data
    assert (records[0].external_id, data["name"]) == (
        "N1CLXFT17000819",
        "Crossfit Open Box",
    )
    place = location_of(data)
    assert (place["name"], place["latitude"]) == ("Newham Leisure Centre", 51.51872)
    (address,) = place["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "281 Prince Regent Lane",
        "London",
        "E13 8SD",
    )
    assert when(data) == [
        (None, None, None, "17:00:00", "17:30:00", "2020-01-06", "2020-01-06")
    ]
    assert data["schedules"][0]["description"] == "Monday 6 January 2020"
    assert (data["organization"]["name"], data["email"]) == (
        "Active Newham",
        "info@activenewham.org.uk",
    )
    assert [p["number"] for p in data["phones"]] == ["0844 414 2728", "020 3770 4444"]
    assert terms(data, "directory-attendance") == ["In person"]


def test_a_newham_event_with_four_dates_lists_each(shared: Path) -> None:
    records, _, _ = read_all(str(shared / NEWHAM))
    data = next(r.data for r in records if r.external_id == "E1CLAXP10000119")
    assert data["name"] == "Active Express 10am"
    assert [s["dtstart"] for s in data["schedules"]] == [
        "2020-01-03",
        "2020-01-06",
        "2020-01-07",
        "2020-01-08",
    ]
    assert data["cost_options"][0]["option"] == "Adult non-member"
    assert data["cost_options"][0]["amount"] == 7.6


def test_newham_activity_names_resolve_through_the_activity_list(shared: Path) -> None:
    records, _, _ = read_all(str(shared / NEWHAM))
    found = {
        a["taxonomy_term"]["name"]: a["taxonomy_term"]["term_uri"]
        for r in records
        for a in r.data["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "openactive-activity-list"
    }
    # "Gym" and "Group Cycling" are alternative labels; "Zumba" is "Zumba®".
    assert found["Gym Workout"] == ACTIVITY + "08d9368c-6c6c-44a3-84ef-a42ed00d529a"
    assert "Indoor Cycling" in found and "Zumba®" in found
    assert "Gym" not in found and "Group Cycling" not in found
    assert found["Group Gym"] is None  # not in the list: kept as the publisher wrote it


# The official OpenActive 2.x examples, each a one-item page


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("sessionseries_example_1.json", "Virtual BODYPUMP"),
        ("sessionseries-split_example_1.json", "Virtual BODYPUMP"),
        ("scheduledsession_example_1.json", "Virtual BODYPUMP"),
        ("facilityuse_example_1.json", "Outdoor Tennis"),
        ("courseinstance_example_1.json", "Netball Youth Camp"),
        ("event_example_1.json", "Alan's social ride group Gorhambury House loop"),
        ("ondemandevent_example_1.json", "Alan's indoor cycling exercises"),
        ("scheduledsession-split_example_1.json", "belongs to https://opensessions"),
        ("slot_example_1.json", "belongs to http://www.example.org/facility-uses/1"),
        ("place_example_1.json", "is a Place, not an activity; left out"),
    ],
)
def test_each_2x_example_reads(shared: Path, name: str, outcome: str) -> None:
    (item,) = list(openactive.read(str(shared / EXAMPLES / name)))
    if isinstance(item, ServiceRecord):
        assert item.data["name"] == outcome
        # The examples' only flaw: a London number that is not allocated (020 2xxx).
        assert [w.reason for w in item.warnings] in (
            [],
            ["'020 2012 2012' is not a phone number; left out"],
        )
    else:
        assert isinstance(item, Problem) and item.reason.startswith(outcome)


def test_a_session_series_has_its_weekly_rule_venue_prices_and_access(
    shared: Path,
) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "sessionseries_example_1.json"))
    data = only(records)
    # The rule says when it runs, so its two dated sessions are not repeated.
    assert when(data) == [
        ("WEEKLY", 1, "TU", "20:15:00", "20:45:00", "2018-10-02", "2018-11-04")
    ]
    place = location_of(data)
    assert (place["name"], place["addresses"][0]["postal_code"]) == (
        "Middlesbrough Sports Village",
        "TS4 3AE",
    )
    assert place["accessibility"][0]["description"] == "Support for visual impairment"
    assert (data["minimum_age"], data["maximum_age"]) == (16, None)
    assert [
        (c["option"], c["amount"], c["amount_description"])
        for c in data["cost_options"]
    ] == [
        ("Oxygen - Adult", 3.3, None),
        ("Oxygen - Senior", 3.3, "aged 50 and over"),
    ]
    assert data["eligibility_description"] == "Level: Beginner."
    assert terms(data, "openactive-activity-list") == ["Bodypump™"]


def test_a_session_with_its_series_embedded_lists_the_series(shared: Path) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "scheduledsession_example_1.json"))
    (record,) = records
    assert (
        record.external_id
        == "https://opensessions.io/api/session-series/1402CBP20150217"
    )
    assert record.data["name"] == "Virtual BODYPUMP"  # the series, not "Hot Yoga"
    assert record.data["organization"]["name"] == "Better"
    assert when(record.data) == [
        ("WEEKLY", 1, "TU,SU", "08:30:00", "09:30:00", "2018-10-19", "2018-11-04")
    ]


def test_a_course_instance_takes_ages_and_description_from_its_course(
    shared: Path,
) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "courseinstance_example_1.json"))
    (record,) = records
    data = record.data
    assert record.external_id == "76121"
    assert (data["minimum_age"], data["maximum_age"]) == (11, 16)
    assert data["description"].startswith("Netball Youth Camps give junior netballers")
    assert [(s["freq"], s["count"]) for s in data["schedules"]] == [("DAILY", 3)]
    assert [c["amount"] for c in data["cost_options"]] == [124, 154]
    assert location_of(data)["accessibility"][1]["description"].startswith(
        "Please contact the centre"
    )


def test_a_facility_use_runs_in_its_hours_and_belongs_to_its_provider(
    shared: Path,
) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "facilityuse_example_1.json"))
    data = only(records)
    assert data["organization"]["name"] == "Everyone Active"
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in data["schedules"]] == [
        ("SU", "09:00:00", "17:30:00"),
        ("MO,TU,WE,TH", "06:30:00", "21:30:00"),
        ("FR", "06:30:00", "20:30:00"),
        ("SA", "07:15:00", "17:30:00"),
    ]


def test_a_one_off_event_is_dated_in_uk_time(shared: Path) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "event_example_1.json"))
    data = only(records)
    assert when(data) == [
        (None, None, None, "10:00:00", "12:40:00", "2019-08-25", "2019-08-25")
    ]
    assert data["cost_options"][0]["option"] == "Free"


def test_an_on_demand_event_is_online_with_no_venue(shared: Path) -> None:
    records, _, _ = read_all(str(shared / EXAMPLES / "ondemandevent_example_1.json"))
    data = only(records)
    assert terms(data, "directory-attendance") == ["Online"]
    assert data["service_at_locations"] == []


def test_the_examples_list_is_not_a_page_and_says_so(shared: Path) -> None:
    where = str(shared / EXAMPLES / "example_list.json")
    with pytest.raises(SourceError, match="is not an RPDE page") as caught:
        list(openactive.read(where))
    assert where in str(caught.value)


# Real items from many publishers (the feed normaliser's fixtures)


def test_a_series_schedule_says_which_dates_it_skips(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "sessionseries-with-schedule-exdates.json")
    data = only(read_all(page)[0])
    assert when(data) == [
        ("WEEKLY", 1, "TH", "11:00:00", "14:00:00", "2020-01-02", "2020-12-04")
    ]
    assert data["schedules"][0]["description"] == "Not on Thursday 23 July 2020"
    # The publisher names the place by its coordinates: kept as a point, not a name.
    assert (location_of(data)["name"], location_of(data)["latitude"]) == (
        None,
        52.0406224,
    )


def test_a_session_is_folded_into_its_series_when_both_are_read(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(
        shared,
        tmp_path,
        "scheduledsession-referenced-superevent.json",
        "sessionseries.json",
    )
    records, problems, _ = read_all(page)
    assert [r.external_id for r in records] == ["jifgh8dinma"] and problems == []


def test_a_named_session_whose_series_is_elsewhere_is_its_own_service(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(
        shared, tmp_path, "scheduledsession-referenced-superevent.json"
    )
    (record,) = read_all(page)[0]
    assert record.external_id == "bzncxfzk8oe"
    assert when(record.data) == [
        (None, None, None, "19:00:00", "23:00:00", "2019-11-28", "2019-11-28")
    ]
    assert terms(record.data, "openactive-activity-list") == ["Badminton"]


def test_an_unnamed_slot_of_an_unread_facility_is_a_problem_naming_it(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "slot-referenced-facilityuse-2.json")
    _, (problem,), _ = read_all(page)
    assert (problem.item_id, problem.field) == ("155569", "facilityUse")
    assert "facility-uses/10-3, which is not in this read" in problem.reason


def test_a_slot_is_folded_into_its_facility_as_a_dated_entry(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(
        shared, tmp_path, "slot-referenced-facilityuse-2.json", "facilityuse-2.json"
    )
    records, problems, _ = read_all(page)
    data = only(records)
    assert (data["name"], problems) == ("Squash Activities ST", [])
    assert when(data) == [
        (None, None, None, "10:20:00", "11:00:00", "2020-06-25", "2020-06-25")
    ]


def test_a_facility_with_embedded_slots_lists_them(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "facilityuse-embedded-slot.json")
    data = only(read_all(page)[0])
    assert [(s["opens_at"], s["closes_at"]) for s in data["schedules"]] == [
        ("10:00:00", "10:30:00"),
        ("11:00:00", "11:30:00"),
    ]
    assert terms(data, "openactive-activity-list") == ["Table Tennis"]


def test_individual_facility_slots_count_for_their_facility(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "facilityuse-ifu-slots.json")
    data = only(read_all(page)[0])
    assert data["name"] == "Area51"
    assert [s["dtstart"] for s in data["schedules"]] == [
        "2018-03-01",
        "2018-03-02",
        "2018-03-03",
    ]


def test_an_event_of_a_series_lists_the_series_at_the_events_venue(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "event-with-superevent.json")
    (record,) = read_all(page)[0]
    assert record.external_id.endswith("/event-series/7837")
    assert record.data["name"] == "WOD Class"
    assert location_of(record.data)["addresses"][0]["postal_code"] == "CW12 1QU"
    assert record.data["minimum_age"] == 14
    # Published as 07:00 UTC on 4 July: 8am in UK summer time.
    assert when(record.data) == [
        (None, None, None, "08:00:00", "09:00:00", "2020-07-04", "2020-07-04")
    ]


def test_a_1_0_course_instance_is_dated_by_its_session(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "courseinstance.json")
    (record,) = read_all(page)[0]
    assert (record.external_id, record.data["name"]) == ("111", "Sailing Course")
    assert [s["dtstart"] for s in record.data["schedules"]] == ["2018-08-30"]


def test_an_online_event_is_served_where_its_provider_is(
    shared: Path, tmp_path: Path
) -> None:
    page = normaliser_page(shared, tmp_path, "on-demand-event.json")
    data = only(read_all(page)[0])
    assert terms(data, "directory-attendance") == ["Online"]
    assert [a["name"] for a in data["service_areas"]] == ["Birmingham, UK"]
    assert terms(data, "openactive-activity-list") == ["learning"]


# Activities and categories


@pytest.mark.parametrize(
    ("activity", "label", "categories"),
    [
        (
            {"@id": ACTIVITY + WALKING_FOOTBALL, "prefLabel": "Football (walking)"},
            "Walking Football",
            ["Physical activity", "Older people"],
        ),
        ("Aquanatal", "Aquanatal", ["Physical activity", "Children and families"]),
        (
            {"prefLabel": "Singing"},
            "Singing",
            ["Physical activity", "Arts and culture"],
        ),
        ({"prefLabel": "Yoga"}, "Yoga", ["Physical activity"]),
    ],
)
def test_activities_file_a_service_under_directory_categories(
    tmp_path: Path, activity: object, label: str, categories: list[str]
) -> None:
    page = page_file(tmp_path / "page.json", [make_item("a", activity=[activity])])
    data = only(read_all(page)[0])
    assert terms(data, "openactive-activity-list") == [label]
    assert terms(data, "directory-category") == categories


def test_the_bundled_activity_table_is_built_from_the_shared_list(
    shared: Path, tmp_path: Path
) -> None:
    script = Path(openactive.__file__).parents[1] / "data/taxonomy"
    build = runpy.run_path(str(script / "build_openactive_activities.py"))["build"]
    source = shared / "taxonomies/openactive-activity-list.jsonld"
    assert build(source, tmp_path / "built.csv") == 768
    bundled = (script / "openactive-activities.csv").read_text(encoding="utf-8")
    assert (tmp_path / "built.csv").read_text(encoding="utf-8") == bundled


def test_who_it_is_for_whether_it_runs_and_how_people_join(tmp_path: Path) -> None:
    item = make_item(
        "a",
        genderRestriction="https://openactive.io/FemaleOnly",
        ageRestriction={"@type": "QuantitativeValue", "minValue": 18},
        eventStatus="https://schema.org/EventCancelled",
        eventAttendanceMode="https://schema.org/MixedEventAttendanceMode",
        location={
            "@type": "Place",
            "name": "Hall",
            "address": "Hall, 2 Church Lane, Doncaster, DN1 1AA, England",
        },
    )
    data = only(read_all(page_file(tmp_path / "page.json", [item]))[0])
    assert data["eligibility_description"] == (
        "Female only. Only for people aged 18 and over."
    )
    assert data["status"] == "inactive"
    assert terms(data, "directory-attendance") == ["In person", "Online"]
    (address,) = location_of(data)["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "2 Church Lane",
        "Doncaster",
        "DN1 1AA",
    )


def test_an_address_with_no_town_is_left_out_but_the_venue_is_kept(
    tmp_path: Path,
) -> None:
    place = {
        "@type": "Place",
        "name": "Grimsby L C",
        "address": {"@type": "PostalAddress", "postalCode": "DN31 2BH"},
        "geo": {"latitude": 53.569465, "longitude": -0.113715},
    }
    item = make_item("a", location=place)
    data = only(read_all(page_file(tmp_path / "page.json", [item]))[0])
    venue = location_of(data)
    assert (venue["name"], venue["latitude"], venue["addresses"]) == (
        "Grimsby L C",
        53.569465,
        [],
    )


def test_a_service_lists_at_most_twenty_dated_sessions_earliest_first(
    tmp_path: Path,
) -> None:
    sessions = [
        {"startDate": f"2030-01-{day:02d}T10:00:00Z", "duration": "PT1H"}
        for day in range(31, 0, -1)
    ]
    item = make_item("a", subEvent=sessions)
    data = only(read_all(page_file(tmp_path / "page.json", [item]))[0])
    assert len(data["schedules"]) == 20
    assert data["schedules"][0]["dtstart"] == "2030-01-01"
    assert (data["schedules"][0]["opens_at"], data["schedules"][0]["closes_at"]) == (
        "10:00:00",
        "11:00:00",
    )


# Items that are wrong, and the last word on an id


def test_items_with_no_id_data_or_name_are_rejected_with_reasons(
    tmp_path: Path,
) -> None:
    items = [
        make_item(None),
        {"id": "b", "state": "updated", "kind": "SessionSeries"},
        make_item("c", name=None),
        make_item("d"),
    ]
    records, problems, _ = read_all(page_file(tmp_path / "page.json", items))
    assert [r.external_id for r in records] == ["d"]
    assert [(p.item_id, p.field, p.reason.split(" (")[0]) for p in problems] == [
        (None, "id", "has no id"),
        ("b", "data", "has no data"),
        ("c", "name", "has no name"),
    ]


def test_the_last_item_with_an_id_wins(tmp_path: Path) -> None:
    items = [
        make_item("a", name="Old name"),
        make_item("b"),
        make_item("a", name="New name"),
        make_item("b", state="deleted"),
        make_item("c", state="deleted"),
        make_item("c", name="Back again"),
    ]
    records, _, deleted = read_all(page_file(tmp_path / "page.json", items))
    assert [(r.external_id, r.data["name"]) for r in records] == [
        ("a", "New name"),
        ("c", "Back again"),
    ]
    assert deleted == [Deleted("b")]


# Saved pages in a folder


def test_a_folder_is_read_in_name_order_then_only_new_pages(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    page_file(folder / "002.json", [make_item("a", name="Second")])
    page_file(folder / "001.json", [make_item("a", name="First"), make_item("b")])
    state: dict[str, Any] = {}
    records, _, _ = read_all(str(folder), state=state)
    assert [(r.external_id, r.data["name"]) for r in records] == [
        ("b", "Health Walk"),
        ("a", "Second"),
    ]
    page_file(folder / "003.json", [make_item("b", state="deleted")])
    assert list(openactive.read(str(folder), state=state)) == [Deleted("b")]
    assert state["after_file"] == "003.json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html>", "is not valid JSON"),
        ('{"next": "https://example.org/rpde"}', "is not an RPDE page"),
        (None, "cannot be opened"),
    ],
)
def test_a_file_that_is_not_a_page_fails_naming_it(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "page.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SourceError, match=message) as caught:
        list(openactive.read(str(path)))
    assert str(path) in str(caught.value)


def test_a_folder_with_no_pages_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"holds no \.json page files") as caught:
        list(openactive.read(str(tmp_path)))
    assert str(tmp_path) in str(caught.value)


# A feed over HTTP


class Feed:
    """RPDE pages served by path; records every path asked for."""

    def __init__(self, pages: dict[str, tuple[list[dict[str, Any]], str]]) -> None:
        self.pages, self.asked = pages, []  # path -> (items, next path)
        self.base = ""

    def __call__(self, path: str) -> Response | None:
        self.asked.append(path)
        if path not in self.pages:
            return None
        items, following = self.pages[path]
        return json_response(
            {"items": items, "next": self.base + following, "license": "CC-BY-4.0"}
        )


def test_a_feed_is_followed_to_its_end_then_read_from_where_it_stopped() -> None:
    feed = Feed(
        {
            "/rpde": ([make_item("a"), make_item("b")], "/rpde?after=2"),
            "/rpde?after=2": (
                [make_item("c"), make_item("x", state="deleted")],
                "/rpde?after=4",
            ),
            "/rpde?after=4": ([], "/rpde?after=4"),
        }
    )
    state: dict[str, Any] = {}
    progress: list[tuple[int, int | None]] = []
    with serve(feed) as base:
        feed.base = base
        records, _, deleted = read_all(
            f"{base}/rpde", state=state, progress=lambda d, t: progress.append((d, t))
        )
        assert [r.external_id for r in records] == ["a", "b", "c"]
        assert deleted == [Deleted("x")]
        assert state == {"feed": f"{base}/rpde", "next": f"{base}/rpde?after=4"}
        assert progress == [(2, None), (4, None), (4, None)]
        # Later, "a" is deleted and "d" added after the saved position.
        feed.pages["/rpde?after=4"] = (
            [make_item("a", state="deleted"), make_item("d")],
            "/rpde?after=6",
        )
        feed.pages["/rpde?after=6"] = ([], "/rpde?after=6")
        feed.asked.clear()
        records, _, deleted = read_all(f"{base}/rpde", state=state)
    assert feed.asked == ["/rpde?after=4", "/rpde?after=6"]
    assert ([r.external_id for r in records], deleted) == (["d"], [Deleted("a")])
    assert state["next"].endswith("/rpde?after=6")


def test_a_position_saved_for_another_feed_is_not_used() -> None:
    feed = Feed(
        {
            "/rpde": ([make_item("a")], "/rpde?after=1"),
            "/rpde?after=1": ([], "/rpde?after=1"),
        }
    )
    state = {
        "feed": "https://elsewhere.example/rpde",
        "next": "https://elsewhere.example/x",
    }
    with serve(feed) as base:
        feed.base = base
        records, _, _ = read_all(f"{base}/rpde", state=state)
    assert [r.external_id for r in records] == ["a"]
    assert state["feed"] == f"{base}/rpde"


def test_a_next_link_that_loops_while_items_keep_coming_is_stopped() -> None:
    feed = Feed(
        {
            "/rpde": ([make_item("a")], "/rpde?after=1"),
            "/rpde?after=1": ([make_item("b")], "/rpde"),
        }
    )
    with (
        serve(feed) as base,
        pytest.raises(SourceError, match="leads back to") as caught,
    ):
        feed.base = base
        list(openactive.read(f"{base}/rpde"))
    assert f"{base}/rpde?after=1" in str(caught.value)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((200, "text/html", b"<html>maintenance</html>"), "is not valid JSON"),
        (json_response({"data": []}), "is not an RPDE page"),
        ((500, "text/plain", b"oops"), "answered HTTP 500"),
    ],
)
def test_a_page_that_is_not_an_rpde_page_stops_the_read_naming_it(
    answer: Response, message: str
) -> None:
    with serve(lambda _path: answer) as base, pytest.raises(SourceError) as caught:
        list(openactive.read(f"{base}/rpde?after=7"))
    assert message in str(caught.value) and f"{base}/rpde?after=7" in str(caught.value)
