"""The HSDS tabular reader on the shared packages (3.0, 1.1, Ohana) and broken ones.

Counts come from the fixtures' CSVs: the 3.0 example has 1 service, the 1.1 sample 13
(in both its ``all_resources`` and ``simple`` forms), Ohana's export 23. The fixtures
are American, so their postcodes are reported as not UK ones.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask

from directory_app.imports import run_import
from importers import hsds_csv
from importers.records import Problem, ServiceRecord, SourceError
from tests.factories import make_source

HSDS = Path("fixtures/hsds")
SPEC_CSV = HSDS / "openreferral-specification-examples/csv"
HSDS_11 = HSDS / "hsds-1.1-sample-datapackage"
OHANA = HSDS / "ohana-sample-csv-real"


def read_all(location: Path) -> tuple[dict[str, ServiceRecord], list[Problem]]:
    items = list(hsds_csv.read(str(location)))
    records = {i.external_id: i for i in items if isinstance(i, ServiceRecord)}
    return records, [i for i in items if isinstance(i, Problem)]


def by_name(records: dict[str, ServiceRecord], name: str) -> dict:
    (found,) = [r.data for r in records.values() if r.data["name"] == name]
    return found


def test_the_30_example_package_joins_into_its_one_service(shared: Path) -> None:
    records, problems = read_all(shared / SPEC_CSV)
    assert problems == []
    (record,) = records.values()
    data = record.data
    assert data["name"] == "Community Counselling"
    assert data["organization"]["name"] == "Example Organization Inc."
    assert data["organization"]["organization_identifiers"][0]["identifier"] == (
        "1234567"
    )
    (contact,) = data["contacts"]
    assert (contact["name"], contact["phones"][0]["number"]) == (
        "Ann Persona",
        "01234 234567",
    )
    (schedule,) = data["schedules"]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "TH,FR",
        "10:00:00",
        "18:00:00",
    )
    (sal,) = data["service_at_locations"]
    assert sal["location"]["name"] == "MyCity Civic Center"
    assert sal["location"]["addresses"][0]["address_1"] == "1-30 Main Street"
    assert sal["location"]["accessibility"][0]["details"].startswith("Switch")
    assert data["cost_options"][0]["amount"] == 35.0
    assert [lang["name"] for lang in data["languages"]] == ["Urdu"]
    assert (data["minimum_age"], data["maximum_age"]) == (12, 100)
    # The example's venue is at latitude 100 and its postcode is 'ABC 1234'.
    assert {w.field for w in record.warnings} == {
        "location.latitude",
        "address.postal_code",
    }


@pytest.mark.parametrize("form", ["all_resources", "simple"])
def test_the_11_sample_package_gives_its_13_services(shared: Path, form: str) -> None:
    records, problems = read_all(shared / HSDS_11 / form)
    assert problems == []
    assert len(records) == 13
    assert by_name(records, "Grocery Tax Break Donation")["organization"]["name"] == (
        "Example City Food for Charities"
    )
    # Its made-up numbers are not phone numbers anywhere, and are left out.
    reasons = [w.reason for r in records.values() for w in r.warnings]
    assert "'(223) 4567 12534' is not a phone number; left out" in reasons


def test_a_11_service_gets_its_schedules_location_and_eligibility(
    shared: Path,
) -> None:
    records, _ = read_all(shared / HSDS_11 / "all_resources" / "datapackage.json")
    data = by_name(records, "Never Homeless Helpline")
    assert data["organization"]["name"] == "Sanctuary Example City"
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in data["schedules"]] == [
        ("MO", "09:00:00", "17:00:00"),
        ("TU", "09:00:00", "17:00:00"),
        ("WE", "09:00:00", "17:00:00"),
    ]
    location = data["service_at_locations"][0]["location"]
    assert location["name"] == "Sanctuary on 5th Street"
    assert location["addresses"][0]["city"] == "New York City"
    assert location["accessibility"][0]["description"] == "Disabled parking"
    assert data["eligibility_description"] == "adult"
    assert [lang["name"] for lang in data["languages"]] == ["English", "Spanish"]
    assert [c["name"] for c in data["contacts"]] == ["Contact 1"]
    assert data["funding"][0]["source"] == "Funding source A"


def test_ohanas_export_without_a_descriptor_gives_its_23_services(
    shared: Path,
) -> None:
    records, problems = read_all(shared / OHANA)
    assert problems == []
    assert len(records) == 23
    fields = Counter(w.field for r in records.values() for w in r.warnings)
    assert fields == {"address.postal_code": 22, "phone.number": 4}
    assert records["20"].data["status"] == "defunct"
    location = records["20"].data["service_at_locations"][0]["location"]
    assert location["location_type"] == "virtual"


def test_an_ohana_service_gets_its_locations_organisation_phones_and_hours(
    shared: Path,
) -> None:
    records, _ = read_all(shared / OHANA)
    data = records["1"].data
    assert data["name"] == "Fair Oaks Adult Activity Center"
    assert data["organization"]["name"] == "Peninsula Family Service"
    # Its phones are its location's, written without the US country code.
    assert [p["number"] for p in data["phones"]] == [
        "+1 650-780-7525",
        "+1 650-701-0856",
    ]
    assert [c["name"] for c in data["contacts"]] == [
        "Susan Houston",
        "Christina Gonzalez",
    ]
    location = data["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "2600 Middlefield Road"
    assert [a["description"] for a in location["accessibility"]] == [
        "Disabled parking",
        "Ramp",
        "Restroom",
        "Wheelchair",
    ]
    # No hours of its own, so its centre's: '9am' read as 09:00.
    (schedule,) = data["schedules"]
    assert (schedule["byday"], schedule["opens_at"]) == ("MO", "09:00:00")
    assert schedule["notes"] == "Opening hours of Fair Oaks Adult Activity Center"
    assert [lang["name"] for lang in data["languages"]] == ["Spanish", "Tagalog"]
    assert data["funding"][0]["source"] == "City"


def test_ohana_keywords_and_terms_map_to_directory_categories(shared: Path) -> None:
    records, _ = read_all(shared / OHANA)
    categories = {
        a["taxonomy_term"]["code"]
        for a in records["1"].data["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "directory-category"
    }
    assert categories == {
        "older-people",
        "physical-activity",
        "arts-culture",
        "social-connection",
        "food",
        "learning-digital",
    }
    terms = [a["taxonomy_term"]["name"] for a in records["22"].data["attributes"]]
    assert terms[:2] == ["Transit", "Care"]


def test_a_services_own_hours_win_over_its_venues_and_12_hour_times_are_read(
    shared: Path,
) -> None:
    records, _ = read_all(shared / OHANA)
    passport = records["22"].data
    assert [
        (s["byday"], s["opens_at"], s["closes_at"]) for s in passport["schedules"]
    ] == [
        ("MO", "08:00:00", "12:00:00"),
        ("MO", "14:00:00", "16:00:00"),  # '4:00 PM'
        ("WE", "10:00:00", "15:00:00"),  # '3pm'
    ]
    assert len(records["23"].data["schedules"]) == 7  # the venue's week
    contacts = {
        c["name"]: [p["number"] for p in c["phones"]] for c in passport["contacts"]
    }
    assert contacts["Joe Smith"] == ["+1 703-555-1212"]


def test_a_zipped_package_in_a_folder_reads_like_the_folder(
    shared: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (shared / SPEC_CSV).iterdir():
            zipped.write(path, f"export/{path.name}")
    records, problems = read_all(archive)
    assert problems == []
    assert [r.data["name"] for r in records.values()] == ["Community Counselling"]


def write_package(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text)
    return folder


def test_bad_service_rows_are_rejected_with_their_line_or_id(tmp_path: Path) -> None:
    services = (
        "id,name,description\n"
        "s1,Knit and Natter,Knitting\n"
        ",No id here,\n"
        "s3,,A row with no name\n"
        "s1,Knit and Natter again,\n"
        "s5,Too many,fields,here\n"
    )
    records, problems = read_all(
        write_package(tmp_path / "p", {"services.csv": services})
    )
    assert list(records) == ["s1"]
    assert {(p.item_id, p.reason) for p in problems} == {
        ("services.csv line 6", "has 4 fields where the header has 3; left out"),
        ("services.csv line 3", "has no id"),
        ("s3", "has no name"),
        ("s1", "appears twice in services.csv (lines 2 and 5)"),
    }
    assert all(p.severity == "rejected" for p in problems)


def test_rows_for_services_not_in_the_package_are_warnings(tmp_path: Path) -> None:
    folder = write_package(
        tmp_path / "p",
        {
            "services.csv": "id,name\ns1,Walking Group\n",
            "phones.csv": "id,service_id,number\n"
            "p1,s1,01302 555010\n"
            "p2,s9,01302 555011\n",
        },
    )
    records, problems = read_all(folder)
    assert [p["number"] for p in records["s1"].data["phones"]] == ["01302 555010"]
    assert [(p.item_id, p.reason, p.severity) for p in problems] == [
        (
            "phones.csv line 3",
            "names service 's9', which is not in services.csv; left out",
            "warning",
        )
    ]


def test_a_uk_11_package_gets_weekdays_location_phones_and_closures(
    tmp_path: Path,
) -> None:
    soon = date.today() + timedelta(days=10)
    folder = write_package(
        tmp_path / "p",
        {
            "services.csv": "id,organization_id,name,status\ns1,o1,Lunch Club,active\n",
            "organizations.csv": "id,name,url\no1,Bentley Help,bentley.org.uk\n",
            "services_at_location.csv": "id,service_id,location_id\nsal1,s1,l1\n",
            "locations.csv": "id,name,latitude,longitude\n"
            "l1,Bentley Pavilion,53.54,-1.15\n",
            "physical_addresses.csv": "id,location_id,address_1,city,postal_code,"
            "country\na1,l1,Bentley Park,Doncaster,dn5 0aa,United Kingdom\n",
            "phones.csv": "id,location_id,number\np1,l1,01302 555010\n",
            "regular_schedules.csv": "id,service_id,weekday,opens_at,closes_at\n"
            "r1,s1,4,12:00,13:30\n",
            "holiday_schedules.csv": "id,service_id,closed,start_date,end_date\n"
            f"h1,s1,true,{soon.isoformat()},{soon.isoformat()}\n",
        },
    )
    records, problems = read_all(folder)
    assert problems == []
    data = records["s1"].data
    assert records["s1"].warnings == []
    assert data["organization"]["website"] == "https://bentley.org.uk"
    assert [p["number"] for p in data["phones"]] == ["01302 555010"]
    address = data["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["country"]) == ("DN5 0AA", "GB")
    (schedule,) = data["schedules"]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "TH",
        "12:00:00",
        "13:30:00",
    )
    assert (
        schedule["notes"]
        == f"Closed {soon.day} {soon:%b %Y} to {soon.day} {soon:%b %Y}"
    )


def test_progress_counts_the_services(shared: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    list(hsds_csv.read(str(shared / OHANA), progress=lambda d, t: seen.append((d, t))))
    assert seen[0] == (1, 23) and seen[-1] == (23, 23) and len(seen) == 23


@pytest.mark.parametrize(
    ("tables", "file", "message"),
    [
        ({"readme.txt": "hello"}, "", "has no datapackage.json and no services.csv"),
        (
            {"services.csv": "id,title\ns1,Walk\n"},
            "services.csv",
            "has no 'name' column",
        ),
        (
            {"services.csv": 'id,name\ns1,"Walk"ing\n'},
            "services.csv",
            "is not a readable CSV table (line 2",
        ),
        ({"datapackage.json": "{not json"}, "datapackage.json", "is not valid JSON"),
        (
            {"datapackage.json": '{"resources": [{"name": "phone", "path": "p.csv"}]}'},
            "datapackage.json",
            "lists p.csv, which is not in the package",
        ),
        (
            {"datapackage.json": '{"resources": []}'},
            "",
            "has no services table",
        ),
    ],
)
def test_a_broken_package_fails_naming_the_file(
    tmp_path: Path, tables: dict[str, str], file: str, message: str
) -> None:
    folder = write_package(tmp_path / "p", tables)
    with pytest.raises(SourceError, match=re.escape(message)) as caught:
        list(hsds_csv.read(str(folder)))
    assert str(caught.value).startswith(str(folder / file) if file else str(folder))


def test_a_table_that_is_not_text_fails_naming_it(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", {"services.csv": "id,name\n"})
    (folder / "phones.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    with pytest.raises(SourceError, match="is not UTF-8 text") as caught:
        list(hsds_csv.read(str(folder)))
    assert str(folder / "phones.csv") in str(caught.value)


@pytest.mark.parametrize("content", [b"not a zip at all", None])
def test_a_location_that_is_neither_folder_nor_zip_fails(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "export.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        list(hsds_csv.read(str(path)))
    assert str(path) in str(caught.value)
    expected = (
        "is neither a folder nor a .zip archive" if content else "cannot be opened"
    )
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("package", "services"),
    [(SPEC_CSV, 1), (HSDS_11 / "all_resources", 13), (OHANA, 23)],
    ids=["hsds-3.0", "hsds-1.1", "ohana"],
)
def test_each_shared_package_imports_into_the_store(
    app: Flask, shared: Path, package: Path, services: int
) -> None:
    source_id = make_source(
        app, name="csv", location=str(shared / package), kind="hsds-csv"
    )
    run = run_import(app, source_id)
    assert (run.status, run.error, run.created, run.rejected) == (
        "succeeded",
        None,
        services,
        0,
    )
    # Reading the same package again changes nothing: ids and joins are stable.
    again = run_import(app, source_id)
    assert (again.created, again.updated, again.unchanged) == (0, 0, services)
