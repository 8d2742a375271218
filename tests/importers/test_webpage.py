"""The web-page reader on a real community centre's site, served locally.

The St George's Lupset fixture is served as the site itself (``/wellbeing/`` is
``wellbeing/index.html``), so the pages' own links resolve; the route records every
path asked for, which is the server's request log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from directory_app.present import cost_summary, schedule_summary
from importers import webpage
from importers.records import Problem, ServiceRecord, SourceError
from tests.http_server import Response, serve

RECIPE = "data/recipes/stgeorges-lupset.toml"
SITE = "fixtures/html/stgeorges-lupset-community-centre"
LIVE = "https://www.stgeorgeslupset.org.uk"
HTML = "text/html; charset=utf-8"
NAMES = [
    "Parent Support Group",
    "Afternoon Tea",
    "Dementia cafe",
    "Coffee Morning",
    "Teen Boxercise",
    "Family Fitness",
    "Allotment Helping Hands",
    "Autism Stay and Play",
    "Thursday Leisure Club",
    "Telephone Befriending Service",
    "A-Z",
    "Project I-Tech",
    "School Holidays",
    "Yoga",
    "Youth Cafe Thursday 13+ Year olds",
    "Tuesday Youth Cafe for 11-16 year olds",
]


class FakeTime:
    """A clock that moves only when slept on, recording every sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def site(
    root: Path, log: list[str], robots: str | None = None, pages: dict | None = None
) -> Callable[[str], Response | None]:
    """Serve a folder as a site (``/x/`` is ``x/index.html``), logging each path."""
    root = root.resolve()  # shared/ may be a link beside the project

    def route(path: str) -> Response | None:
        log.append(path)
        if path == "/robots.txt":
            return (200, "text/plain", robots.encode()) if robots is not None else None
        if pages and path in pages:
            return pages[path]
        file = (root / path.lstrip("/") / "index.html").resolve()
        if path.endswith("/") and file.is_relative_to(root) and file.is_file():
            return 200, HTML, file.read_bytes()
        return None

    return route


def read_site(
    shared: Path, *, log: list[str] | None = None, **kwargs: Any
) -> tuple[list[ServiceRecord], list[Problem]]:
    """Read the served fixture with the bundled recipe (no real waiting)."""
    log = [] if log is None else log
    route = site(
        shared / SITE, log, kwargs.pop("robots", None), kwargs.pop("pages", None)
    )
    options = {"recipe": RECIPE, **kwargs.pop("options", {})}
    kwargs.setdefault("sleep", FakeTime().sleep)
    with serve(route) as base:
        items = list(webpage.read(base + "/", options=options, **kwargs))
    return split(items)


def split(items: list) -> tuple[list[ServiceRecord], list[Problem]]:
    return (
        [i for i in items if isinstance(i, ServiceRecord)],
        [i for i in items if isinstance(i, Problem)],
    )


def by_name(records: list[ServiceRecord]) -> dict[str, dict[str, Any]]:
    return {r.data["name"]: r.data for r in records}


@pytest.fixture(scope="module")
def lupset(shared: Path) -> tuple[list[ServiceRecord], list[Problem], list]:
    """The fixture site read once with the bundled recipe, as of 1 June 2025."""
    seen: list[tuple[int, int | None]] = []
    records, problems = read_site(
        shared, today=date(2025, 6, 1), progress=lambda d, t: seen.append((d, t))
    )
    return records, problems, seen


def test_the_bundled_recipe_reads_every_activity_on_the_site(lupset: tuple) -> None:
    records, problems, progress = lupset
    assert [r.data["name"] for r in records] == NAMES
    assert problems == []
    assert records[1].external_id == f"{LIVE}/wellbeing/chair-based-exercise/"
    assert records[1].data["url"] == f"{LIVE}/wellbeing/chair-based-exercise/"
    assert progress == [(n, 16) for n in range(1, 17)]


def test_schedules_are_read_from_the_words_or_kept_as_words(lupset: tuple) -> None:
    found = by_name(lupset[0])
    said = {name: schedule_summary(found[name]["schedules"]) for name in found}
    assert said["Afternoon Tea"] == "Fridays, 1pm to 3pm"
    assert found["Afternoon Tea"]["schedules"][0]["notes"] == (
        "except third every third Friday"
    )
    assert said["Dementia cafe"] == "Third Friday of the month, 1:30pm to 2:30pm"
    assert said["Allotment Helping Hands"] == (
        "Tuesdays, Wednesdays and Thursdays, 10am"
    )
    assert (
        said["Tuesday Youth Cafe for 11-16 year olds"] == "Tuesdays, 5:30pm to 7:30pm"
    )
    assert said["A-Z"] == "4:30pm to 6pm"
    # "10.30am -11.30pm" overlaps the 1pm session: kept as written, no time made up.
    (autism,) = found["Autism Stay and Play"]["schedules"]
    assert autism["opens_at"] is None and autism["byday"] is None
    assert autism["description"] == "Thursdays 10.30am -11.30pm and 1.00pm-2.00pm"
    assert said["Project I-Tech"] == "To be confirmed"
    # The Coffee Morning page prints "Times:" with nothing after it.
    assert found["Coffee Morning"]["schedules"] == []


def test_costs_contacts_and_venues_come_from_the_pages(lupset: tuple) -> None:
    found = by_name(lupset[0])
    costs = {name: cost_summary(found[name]) for name in found}
    assert costs["Afternoon Tea"] == "£5.00"
    assert costs["Dementia cafe"] == "£3.00"
    assert costs["Teen Boxercise"] == "Free"
    assert costs["Parent Support Group"] == "Ask about cost"
    autism = found["Autism Stay and Play"]
    assert [p["number"] for p in autism["phones"]] == ["07700 900123", "01924 369631"]
    assert autism["email"] == "activities@example.org"
    assert [p["number"] for p in found["Yoga"]["phones"]] == ["01924 369631"]
    assert found["Coffee Morning"]["eligibility_description"] == "Have mobility issues"
    yoga = found["Yoga"]["service_at_locations"][0]["location"]
    assert yoga["name"] == "St George's Community Centre"
    assert yoga["description"] == "St Georges Community Centre - Hall"
    assert yoga["addresses"][0]["postal_code"] == "WF2 8AA"
    cafe = found["Tuesday Youth Cafe for 11-16 year olds"]["service_at_locations"]
    assert cafe[0]["location"]["addresses"][0]["address_1"] == "George-A-Green Road"
    phone = found["Telephone Befriending Service"]["service_at_locations"][0]
    assert phone["location"]["location_type"] == "virtual"
    assert found["School Holidays"]["service_at_locations"] == []
    assert found["Afternoon Tea"]["organization"]["name"] == (
        "St George's Lupset Community Centre"
    )


def test_stale_pages_are_marked_and_explained(lupset: tuple) -> None:
    records = lupset[0]
    found = by_name(records)
    statuses = {name: data["status"] for name, data in found.items()}
    assert {n for n, s in statuses.items() if s != "active"} == {
        "Teen Boxercise",
        "Family Fitness",
        "Project I-Tech",
    }
    assert statuses["Project I-Tech"] == "temporarily closed"
    assert found["Teen Boxercise"]["alert"].startswith(
        "The page gives a last date (12th July) that has passed."
    )
    assert "this project is on hold" in found["Project I-Tech"]["alert"]
    assert found["Yoga"]["last_modified"] == "2019-02-04"
    assert found["Yoga"]["alert"] == (
        "The organisation's page was last updated on 4 February 2019."
    )
    assert all("last_modified" in {w.field for w in r.warnings} for r in records)


def test_pages_that_were_fresh_at_the_time_are_not_flagged(shared: Path) -> None:
    found = by_name(read_site(shared, today=date(2018, 6, 1))[0])
    assert found["Teen Boxercise"]["status"] == "active"  # runs until 12 July
    assert found["Teen Boxercise"]["alert"] is None
    assert found["Project I-Tech"]["status"] == "temporarily closed"


def test_requests_to_one_host_are_spaced_by_the_delay(shared: Path) -> None:
    log: list[str] = []
    time = FakeTime()
    read_site(shared, log=log, sleep=time.sleep, clock=time.clock)
    assert log[:3] == ["/robots.txt", "/wellbeing/", "/young-people/"]
    assert len(log) == 19  # robots.txt, 2 list pages, 16 activity pages
    assert time.slept == [1.0] * 18


def test_a_longer_crawl_delay_in_robots_txt_is_honoured(shared: Path) -> None:
    time = FakeTime()
    robots = "User-agent: *\nCrawl-delay: 5\n"
    read_site(shared, robots=robots, sleep=time.sleep, clock=time.clock)
    assert time.slept == [5.0] * 18


def test_a_page_robots_txt_disallows_is_not_requested(shared: Path) -> None:
    log: list[str] = []
    robots = (
        "User-agent: SocialPrescribingDirectory\nDisallow: /young-people/yoga/\n\n"
        "User-agent: *\nDisallow: /\n"
    )
    records, problems = read_site(shared, log=log, robots=robots)
    assert "/young-people/yoga/" not in log
    assert len(records) == 15 and "Yoga" not in by_name(records)
    (problem,) = problems
    assert problem.item_id.endswith("/young-people/yoga/")
    assert problem.severity == "warning" and "robots.txt" in problem.reason


def test_a_start_page_robots_txt_disallows_stops_the_read(shared: Path) -> None:
    with pytest.raises(SourceError, match=r"robots\.txt does not allow it") as caught:
        read_site(shared, robots="User-agent: *\nDisallow: /wellbeing/\n")
    assert "/wellbeing/" in str(caught.value)


def test_an_activity_page_that_is_gone_is_a_problem_for_it_alone(shared: Path) -> None:
    records, problems = read_site(
        shared, pages={"/wellbeing/dementia-cafe/": (404, "text/html", b"gone")}
    )
    assert len(records) == 15 and "Dementia cafe" not in by_name(records)
    assert [(p.reason, p.severity) for p in problems] == [
        ("answered HTTP 404", "rejected")
    ]
    assert problems[0].item_id.endswith("/wellbeing/dementia-cafe/")


def test_an_activity_page_with_no_name_is_rejected(shared: Path) -> None:
    page = (
        b"<html><body><h1 class='hero-title'> </h1><p>Times: Mondays</p></body></html>"
    )
    records, problems = read_site(
        shared, pages={"/young-people/yoga/": (200, HTML, page)}
    )
    assert len(records) == 15
    assert [(p.field, p.reason) for p in problems] == [("name", "has no name")]


def test_a_start_page_that_does_not_answer_is_a_clear_error(shared: Path) -> None:
    with serve(lambda _path: None) as base:
        pass  # the server is gone once the block ends
    with pytest.raises(SourceError, match="could not be fetched") as caught:
        list(webpage.read(base + "/", options={"recipe": RECIPE}))
    assert f"{base}/wellbeing/" in str(caught.value)


def test_a_start_page_that_is_not_html_is_a_clear_error() -> None:
    route = {"/": (200, "application/json", b"{}")}
    with serve(route.get) as base, pytest.raises(SourceError) as caught:
        list(webpage.read(base + "/", options={"delay": 0}))
    assert str(caught.value) == (
        f"{base}/: is not a web page (Content-Type application/json)"
    )


def test_a_list_page_with_no_links_left_is_a_clear_error(shared: Path) -> None:
    empty = (200, HTML, b"<html><body><h1>Wellbeing</h1></body></html>")
    with pytest.raises(SourceError, match="has the site changed"):
        read_site(shared, pages={"/young-people/": empty})


BAD_RECIPES = [
    ('item_link = "a"\n[fields]\nname = "h1"\n', "'item_link' is unknown"),
    ('[fields]\nname = "h1"\nnmae = "h2"\n', "'fields.nmae' is unknown"),
    ('[fields]\ndescription = "p"\n', "'fields.name' is missing"),
    ('[fields]\nname = "h1["\n', "'fields.name' is not a CSS selector"),
    ('[fields]\nname = { lable = "Name:" }\n', "'fields.name.lable' is unknown"),
    ('item_links = "a"\ntable = "table"\n[fields]\nname = 1\n', "'table' cannot"),
    ('max_pages = "many"\n[fields]\nname = "h1"\n', "'max_pages' must be a whole"),
    (
        '[fields]\nname = "h1"\n[venues.Hall]\nlocation_type = "moon"\n',
        "'venues.Hall.location_type' must be physical or virtual",
    ),
    ("[fields\nname =", "is not valid TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD_RECIPES)
def test_a_recipe_mistake_names_the_file_and_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    recipe = tmp_path / "broken.toml"
    recipe.write_text(text)
    with pytest.raises(SourceError, match=message) as caught:
        list(webpage.read("https://example.org/", options={"recipe": str(recipe)}))
    assert str(caught.value).startswith(f"{recipe}: ")


def test_a_missing_recipe_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.toml")
    with pytest.raises(SourceError, match="recipe cannot be opened"):
        list(webpage.read("https://example.org/", options={"recipe": missing}))


JSON_LD = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization", "@id": "#org", "name": "Lupset Walkers"},
 {"@type": "EventSeries", "name": "Chair Yoga", "url": "https://example.org/yoga",
  "description": "Gentle yoga, seated.", "telephone": "01924 000111",
  "location": {"@type": "Place", "name": "Church Hall",
    "address": {"@type": "PostalAddress", "streetAddress": "1 Church Lane",
      "addressLocality": "Wakefield", "postalCode": "wf2 8aa"},
    "geo": {"@type": "GeoCoordinates", "latitude": 53.68, "longitude": -1.53}},
  "organizer": {"@type": "Organization", "name": "Lupset Walkers",
    "email": "walks@example.org"},
  "offers": {"@type": "Offer", "price": "3.50", "priceCurrency": "GBP"},
  "eventSchedule": {"@type": "Schedule", "repeatFrequency": "P2W",
    "byDay": "https://schema.org/Tuesday", "startTime": "10:00", "endTime": "11:00"}},
 {"@type": "Event", "name": "Spring Fair", "startDate": "2019-03-02T10:00",
  "endDate": "2019-03-02T14:00", "isAccessibleForFree": true,
  "location": "Lupset Park"}
]}</script>
<script type="application/ld+json">{not json</script></head><body></body></html>"""


def test_json_ld_events_are_read_without_a_recipe() -> None:
    with serve(
        lambda p: (200, HTML, JSON_LD.encode()) if p == "/whats-on" else None
    ) as base:
        records, problems = split(
            list(
                webpage.read(
                    f"{base}/whats-on", options={"delay": 0}, today=date(2025, 1, 1)
                )
            )
        )
    assert [p.reason[:40] for p in problems] == [
        "has a JSON-LD block that is not valid JS"
    ]
    yoga, fair = records
    assert yoga.external_id == "https://example.org/yoga"
    assert fair.external_id == f"{base}/whats-on#spring-fair"
    assert (
        schedule_summary(yoga.data["schedules"]) == "Every other Tuesday, 10am to 11am"
    )
    assert cost_summary(yoga.data) == "£3.50"
    place = yoga.data["service_at_locations"][0]["location"]
    assert (place["name"], place["latitude"]) == ("Church Hall", 53.68)
    assert place["addresses"][0]["postal_code"] == "WF2 8AA"
    assert yoga.data["organization"]["email"] == "walks@example.org"
    assert [p["number"] for p in yoga.data["phones"]] == ["01924 000111"]
    assert yoga.data["status"] == "active"
    assert fair.data["schedules"][0]["valid_to"] == "2019-03-02"
    assert (fair.data["status"], cost_summary(fair.data)) == ("inactive", "Free")
    assert (
        fair.data["alert"]
        == "The page gives a last date (2 March 2019) that has passed."
    )


MICRODATA = b"""<html><body>
<div itemscope itemtype="https://schema.org/Event">
  <h1 itemprop="name">Knit and Natter</h1>
  <p itemprop="description">Bring your needles.</p>
  <time itemprop="startDate" datetime="2030-05-04T14:00">4 May, 2pm</time>
  <div itemprop="location" itemscope itemtype="https://schema.org/Place">
    <span itemprop="name">Lupset Library</span>
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="streetAddress">Broadway</span>
      <span itemprop="postalCode">WF2 8AA</span>
    </div>
  </div>
  <a itemprop="url" href="/knit">More</a>
</div></body></html>"""


def test_microdata_is_read_and_a_page_without_any_needs_a_recipe() -> None:
    pages = {"/event": MICRODATA, "/plain": b"<html><body><h1>Hi</h1></body></html>"}
    with serve(lambda p: (200, HTML, pages[p]) if p in pages else None) as base:
        (knit,) = list(webpage.read(f"{base}/event", options={"delay": 0}))
        with pytest.raises(SourceError, match=r"no schema\.org services and no recipe"):
            list(webpage.read(f"{base}/plain", options={"delay": 0}))
    assert isinstance(knit, ServiceRecord)
    assert knit.external_id == f"{base}/event"
    assert (knit.data["name"], knit.data["url"]) == ("Knit and Natter", f"{base}/knit")
    location = knit.data["service_at_locations"][0]["location"]
    assert location["name"] == "Lupset Library"
    assert location["addresses"][0]["address_1"] == "Broadway"
    assert knit.data["schedules"][0]["opens_at"] == "14:00:00"
    assert knit.data["schedules"][0]["dtstart"] == "2030-05-04"


TIMETABLE = b"""<html><body><table class="timetable">
<thead><tr><th>Activity</th><th>When</th><th>Cost</th><th>Notes</th></tr></thead>
<tbody>
<tr><td><a href="/walks">Health Walk</a></td><td>Mondays 10am-11am</td>
    <td>Free</td><td>Meet at the gates.</td></tr>
<tr><td>Knit and Natter</td><td>Every other Wednesday 2-4pm</td><td>&pound;2</td>
    <td>This group has now stopped meeting.</td></tr>
<tr><td>Knit and Natter</td><td>Ask at reception</td><td>50p, with tea</td>
    <td></td></tr>
</tbody></table></body></html>"""
TABLE_RECIPE = """table = "table.timetable"
row = "tbody tr"
[fields]
name = "Activity"
schedule = 2
cost = "cost"
description = "Notes:"
url = { column = 1, selector = "a", attribute = "href" }
"""


def test_a_timetable_is_read_row_by_row(tmp_path: Path) -> None:
    recipe = tmp_path / "timetable.toml"
    recipe.write_text(TABLE_RECIPE)
    with serve(lambda p: (200, HTML, TIMETABLE) if p == "/times" else None) as base:
        items = list(
            webpage.read(f"{base}/times", options={"recipe": str(recipe), "delay": 0})
        )
    records, problems = split(items)
    assert problems == []
    walk, knit, knit_again = (r.data for r in records)
    assert [r.external_id for r in records] == [
        f"{base}/walks",
        f"{base}/times#knit-and-natter",
        f"{base}/times#knit-and-natter-2",
    ]
    assert schedule_summary(walk["schedules"]) == "Mondays, 10am to 11am"
    assert schedule_summary(knit["schedules"]) == "Every other Wednesday, 2pm to 4pm"
    assert [cost_summary(d) for d in (walk, knit, knit_again)] == [
        "Free",
        "£2.00",
        "50p, with tea",
    ]
    assert knit["status"] == "inactive"
    (unclear,) = knit_again["schedules"]
    assert unclear["description"] == "Ask at reception"
    assert (unclear["freq"], unclear["opens_at"]) == (None, None)


def test_a_table_column_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    recipe = tmp_path / "timetable.toml"
    recipe.write_text(TABLE_RECIPE.replace('"cost"', '"Price"'))
    with (
        serve(lambda p: (200, HTML, TIMETABLE)) as base,
        pytest.raises(SourceError, match="no column headed 'Price'"),
    ):
        list(webpage.read(f"{base}/times", options={"recipe": str(recipe), "delay": 0}))


LIST_PAGE = """<html><body><ul class="acts">
<li><a href="/act/one/">One</a></li><li><a href="{other}/act/two/">Two</a></li>
<li><a href="mailto:someone@example.org">Email us</a></li></ul></body></html>"""
ACT = "<html><body><h1>{name}</h1></body></html>"


@pytest.mark.parametrize(
    ("allow", "names"), [([], ["One"]), (["localhost"], ["One", "Two"])]
)
def test_links_to_other_sites_are_only_followed_when_allowed(
    tmp_path: Path, allow: list[str], names: list[str]
) -> None:
    recipe = tmp_path / "acts.toml"
    recipe.write_text(
        f'item_links = "ul.acts a"\nallow_hosts = {allow!r}\n[fields]\nname = "h1"\n'
    )
    log: list[str] = []

    def route(path: str) -> Response | None:
        log.append(path)
        if path == "/":
            return 200, HTML, LIST_PAGE.format(other=other).encode()
        if path.startswith("/act/"):
            return 200, HTML, ACT.format(name=path.split("/")[2].title()).encode()
        return None

    with serve(route) as base:
        other = base.replace("127.0.0.1", "localhost")
        items = list(
            webpage.read(base + "/", options={"recipe": str(recipe), "delay": 0})
        )
    records, problems = split(items)
    assert [r.data["name"] for r in records] == names
    reasons = [p.reason for p in problems]
    assert "is not an http(s) web address" in reasons
    assert any("is on another site" in r for r in reasons) == (not allow)
    assert ("/act/two/" in log) == bool(allow)
