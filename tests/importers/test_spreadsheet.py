"""The spreadsheet reader on the Outpost import template, on sheets written here, and
on mapping files and files that are wrong."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Border, PatternFill, Side

from importers import spreadsheet
from importers.records import Problem, ServiceRecord, SourceError
from importers.spreadsheet_mapping import clock_text, parse_days

TEMPLATE = "fixtures/spreadsheets/outpost-import-template"
SIMPLE_MAPPING = """\
# A council's own sheet
name = "Activity"
organisation = "Run by"
postcode = "Postcode"
day = "Day"
opens_at = "From"
closes_at = "To"
cost = "Cost"
ages = "Who for"
phone = "Phone"
categories = "Type"
categories_source = "outpost"
access = "Referral needed?"

[defaults]
town = "Doncaster"
"""
SIMPLE_HEADER = [
    "Activity",
    "Run by",
    "Postcode",
    "Day",
    "From",
    "To",
    "Cost",
    "Who for",
    "Phone",
    "Type",
    "Referral needed?",
]


def read_all(
    location: Path | str, mapping: str, **options: Any
) -> tuple[list[ServiceRecord], list[Problem]]:
    items = list(spreadsheet.read(str(location), options={"mapping": mapping}))
    records = [i for i in items if isinstance(i, ServiceRecord)]
    return records, [i for i in items if isinstance(i, Problem)]


def write_mapping(tmp_path: Path, text: str = SIMPLE_MAPPING) -> str:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def terms(record: ServiceRecord, vocabulary: str) -> list[str]:
    return [
        a["taxonomy_term"]["code"]
        for a in record.data["attributes"]
        if a["taxonomy_term"]["taxonomy"] == vocabulary
    ]


def test_the_outpost_template_loads_two_services_with_their_extra_rows(
    shared: Path,
) -> None:
    records, problems = read_all(shared / TEMPLATE / "services_valid.csv", "outpost")
    assert problems == []
    assert [(r.external_id, r.data["name"]) for r in records] == [
        ("1", "Example service 1"),
        ("8", "Example service 2"),
    ]
    first = records[0].data
    assert first["organization"]["name"] == "Organisation 1"
    assert first["url"] == "http://www.tpximpact.com"
    assert (first["minimum_age"], first["maximum_age"]) == (0, 100)
    # Row 4 adds a second venue, row 5 a price, row 6 a day.
    venues = [sal["location"] for sal in first["service_at_locations"]]
    assert [v["name"] for v in venues] == [
        "Venue or building name",
        "Second Venue or building name",
    ]
    assert venues[0]["addresses"][0]["postal_code"] == "SW1A 1AA"
    assert (venues[0]["latitude"], venues[0]["longitude"]) == (51.50101, -0.141563)
    assert [a["description"] for a in venues[1]["accessibility"]] == [
        "Accessible toilet facilities",
        "Hoist",
    ]
    assert [
        (c["option"], c["amount"], c["amount_description"])
        for c in (first["cost_options"])
    ] == [("Who is this fee for?", 1.0, "per half day"), ("OAP", 0.0, "per session")]
    assert [
        (s["freq"], s["byday"], s["opens_at"], s["closes_at"])
        for s in first["schedules"]
    ] == [("WEEKLY", "MO", "09:00:00", "18:00:00"), ("WEEKLY", "TU", None, None)]
    assert terms(records[0], "directory-access") == ["professional-referral"]


def test_outpost_private_contacts_are_left_out(shared: Path) -> None:
    (first, _), _ = read_all(shared / TEMPLATE / "services_valid.csv", "outpost")
    # Row 3 is "Private Contact" with contact_visible FALSE.
    assert [(c["name"], c["email"]) for c in first.data["contacts"]] == [
        ("Public Contact", "email@email.com")
    ]


def test_outpost_free_service_gets_categories_and_self_referral(shared: Path) -> None:
    (_, second), _ = read_all(shared / TEMPLATE / "services_valid.csv", "outpost")
    data = second.data
    assert [(c["option"], c["amount"]) for c in data["cost_options"]] == [("Free", 0.0)]
    # "Older people; Dementia" in suitabilities map to directory categories.
    assert terms(second, "directory-category") == [
        "older-people",
        "long-term-conditions",
    ]
    assert terms(second, "outpost") == [
        "Taxonomy 1",
        "Taxonomy 3",
        "Older people",
        "Dementia",
    ]
    assert terms(second, "directory-access") == ["self-referral"]
    venue = data["service_at_locations"][0]["location"]
    assert len(venue["accessibility"]) == 13


def test_outpost_bad_cells_are_warnings_on_the_service(shared: Path) -> None:
    records, _ = read_all(shared / TEMPLATE / "services_valid.csv", "outpost")
    assert [(w.item_id, w.field, w.reason) for r in records for w in r.warnings] == [
        ("1", "schedule.opens_at", "'hh:mm:ss' is not a time; left out"),
        ("1", "schedule.closes_at", "'hh:mm:ss' is not a time; left out"),
        ("1", "phone.number", "'92939293' is not a phone number; left out"),
        ("8", "phone.number", "'34234' is not a phone number; left out"),
    ]


def test_outpost_sample_data_keeps_multi_line_descriptions(shared: Path) -> None:
    records, problems = read_all(
        shared / TEMPLATE / "services--with-sample-data.csv", "outpost"
    )
    assert problems == []
    assert [(r.external_id, r.data["name"]) for r in records] == [
        ("1", "CSV creation service"),
        ("8", "Second example service"),
    ]
    description = records[0].data["description"]
    assert description.startswith("We create blank CSV's")
    assert "NB this field will be shortened to 30 words" in description
    assert records[1].data["organization"]["name"] == "Not TPX Impact"


def write_workbook(path: Path, rows: list[list[Any]], *, first_sheet: str = "") -> None:
    """An .xlsx of the rows; an empty row is left formatted but empty, as are two
    rows after the last (fill and border, no values, as Excel exports leave)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if first_sheet:
        sheet.title = first_sheet
        sheet["A1"] = "Read me first"
        sheet = book.create_sheet("Services")
    fill, side = PatternFill("solid", fgColor="FFFF00"), Side(style="thin")
    formatted = [n for n, row in enumerate(rows, start=1) if not row]
    for number in [*formatted, len(rows) + 2, len(rows) + 40]:
        for column in range(1, 12):
            cell = sheet.cell(number, column)
            cell.fill, cell.border = fill, Border(top=side, bottom=side)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
    book.save(path)
    book.close()


def council_rows() -> list[list[Any]]:
    return [
        ["Community activities, March", None, None],  # a title above the header
        SIMPLE_HEADER,
        [
            "Chair Yoga",
            "Bentley Wellbeing",
            "dn5 0aa",
            "Tuesdays",
            time(10, 0),
            time(11, 30),
            "£3 per session",
            "Over 60s",
            1302123456,  # a phone typed as a number loses its 0
            "Staying active",
            False,
        ],
        [],  # row 4: formatted but empty
        [" ", None, None, None, None, None, None, None, None, None, None],
        [
            "Memory Café",
            "Bentley Wellbeing",
            "not a postcode",
            "mon;thu",
            "2pm",
            "3.30pm",
            "Free, donations welcome",
            "all ages",
            "call us",
            "For older people; Dementia",
            "yes",
        ],
        [None, "Bentley Wellbeing", "DN5 0AA", "Friday", None, None, "£2"],
    ]


def test_an_xlsx_sheet_skips_empty_and_formatted_rows_and_rejects_nameless_ones(
    tmp_path: Path,
) -> None:
    path = tmp_path / "activities.xlsx"
    write_workbook(path, council_rows())
    records, problems = read_all(path, write_mapping(tmp_path))
    assert [(p.item_id, p.reason, p.field) for p in problems] == [
        ("row 7", "has no name", "name")
    ]
    yoga, cafe = records
    assert yoga.data["name"] == "Chair Yoga"
    address = yoga.data["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["city"]) == ("DN5 0AA", "Doncaster")
    assert [
        (s["byday"], s["opens_at"], s["closes_at"]) for s in (yoga.data["schedules"])
    ] == [("TU", "10:00:00", "11:30:00")]
    assert yoga.data["phones"][0]["number"] == "01302 123456"
    assert [
        (c["amount"], c["amount_description"]) for c in (yoga.data["cost_options"])
    ] == [(3.0, "per session")]
    assert yoga.data["fees_description"] == "£3 per session"
    assert (yoga.data["minimum_age"], yoga.data["maximum_age"]) == (60, None)
    assert terms(yoga, "directory-category") == ["physical-activity"]
    assert terms(yoga, "directory-access") == ["self-referral"]
    assert yoga.warnings == []
    assert [(s["byday"], s["opens_at"]) for s in cafe.data["schedules"]] == [
        ("MO,TH", "14:00:00")
    ]
    assert terms(cafe, "directory-category") == ["older-people", "long-term-conditions"]
    assert terms(cafe, "directory-access") == ["professional-referral"]


def test_bad_cells_in_a_sheet_become_warnings_and_the_service_still_loads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "activities.xlsx"
    write_workbook(path, council_rows())
    (_, cafe), _ = read_all(path, write_mapping(tmp_path))
    assert cafe.data["phones"] == []
    assert {w.field: w.reason for w in cafe.warnings} == {
        "address.postal_code": "'not a postcode' is not a UK postcode",
        "phone.number": "'call us' is not a phone number; left out",
    }
    assert [(c["option"], c["amount"]) for c in cafe.data["cost_options"]] == [
        ("Free", 0.0)
    ]
    assert (cafe.data["minimum_age"], cafe.data["maximum_age"]) == (None, None)


def test_the_mapping_chooses_the_sheet_by_name(tmp_path: Path) -> None:
    path = tmp_path / "activities.xlsx"
    write_workbook(path, council_rows(), first_sheet="Notes")
    mapping = write_mapping(tmp_path, 'sheet = "Services"\n' + SIMPLE_MAPPING)
    records, _ = read_all(path, mapping)
    assert [r.data["name"] for r in records] == ["Chair Yoga", "Memory Café"]
    wrong = write_mapping(tmp_path, 'sheet = "Groups"\n' + SIMPLE_MAPPING)
    with pytest.raises(SourceError, match=r"has no sheet 'Groups' \(its sheets: "):
        read_all(path, wrong)


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    lines = [",".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_csv_in_windows_1252_or_utf_8_with_pound_signs_reads_right(
    tmp_path: Path, encoding: str
) -> None:
    path = write_csv(
        tmp_path / "groups.csv",
        [
            SIMPLE_HEADER,
            [
                *("Café Chat", "Age UK", "DN1 1AA", "Wed", "10:00", "12:00"),
                *("£2.50", "Adults", "", "Socialising", "no"),
            ],
        ],
        encoding=encoding,
    )
    (record,), problems = read_all(path, write_mapping(tmp_path))
    assert problems == []
    assert record.data["name"] == "Café Chat"
    assert record.data["cost_options"][0]["amount"] == 2.5
    assert terms(record, "directory-category") == ["social-connection"]


def test_rows_without_an_id_get_a_stable_one_and_repeats_are_rejected(
    tmp_path: Path,
) -> None:
    row = ["Walk", "Ramblers", "DN1 1AA", "", "", "", "", "", "", "", ""]
    other = ["Swim", "Ramblers", "DN1 1AA", "", "", "", "", "", "", "", ""]
    mapping = write_mapping(tmp_path)
    path = write_csv(tmp_path / "a.csv", [SIMPLE_HEADER, row, other, row])
    records, problems = read_all(path, mapping)
    assert [(p.item_id, p.reason) for p in problems] == [
        ("row 4", "has the same organisation, name and postcode as row 2")
    ]
    reordered = write_csv(tmp_path / "b.csv", [SIMPLE_HEADER, other, row])
    again, _ = read_all(reordered, mapping)
    ids = {r.data["name"]: r.external_id for r in records}
    assert ids == {r.data["name"]: r.external_id for r in again}
    assert ids["Walk"] != ids["Swim"]


def test_an_extra_row_for_a_service_not_in_the_sheet_is_a_problem(
    tmp_path: Path,
) -> None:
    mapping = write_mapping(tmp_path, 'id = "id"\nparent = "of"\nname = "name"\n')
    path = write_csv(
        tmp_path / "s.csv",
        [["id", "of", "name"], ["1", "", "Walk"], ["2", "1", ""], ["3", "9", ""]],
    )
    records, problems = read_all(path, mapping)
    assert [r.external_id for r in records] == ["1"]
    assert [(p.item_id, p.field, p.reason) for p in problems] == [
        ("3", "parent", "adds to '9', which is not a service in the sheet (row 4)")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'name = "Activity"\npostcode = "Postcode"\npostocde = "Postcode"\n',
            "has an unknown key 'postocde'; did you mean 'postcode'?",
        ),
        ('organisation = "Run by"\n', "does not say which column holds the service"),
        ("name = 3\n", "key 'name' should name a column in quotes"),
        ('name = "Activity"\nday = \n', "is not a valid mapping file"),
        (
            'name = "Activity"\n[defaults]\npostcode = "Postcode"\n',
            "\\[defaults\\] gives 'postcode' the value 'Postcode', which is a column",
        ),
    ],
)
def test_a_wrong_mapping_file_fails_naming_the_file_and_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write_csv(tmp_path / "s.csv", [SIMPLE_HEADER])
    mapping = write_mapping(tmp_path, text)
    with pytest.raises(SourceError, match=message) as caught:
        read_all(path, mapping)
    assert str(caught.value).startswith(f"{mapping}: ")


def test_a_mapping_naming_a_column_the_sheet_lacks_fails_naming_both(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "s.csv", [["Activity", "Post code"], ["Walk", ""]])
    mapping = write_mapping(tmp_path, 'name = "activity"\npostcode = "Postcode"\n')
    with pytest.raises(SourceError) as caught:
        read_all(path, mapping)
    assert str(caught.value) == (
        f"{mapping}: key 'postcode' names the column 'Postcode', which is not in the "
        f"header row of {path} (its columns: 'Activity', 'Post code')"
    )


def test_a_mapping_that_is_neither_a_file_nor_bundled_is_a_clear_error(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "s.csv", [SIMPLE_HEADER])
    with pytest.raises(SourceError, match=r"nor a bundled mapping \(bundled: outpost"):
        read_all(path, "outpst")
    with pytest.raises(SourceError, match="needs a mapping file"):
        list(spreadsheet.read(str(path)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.7\n...", "is not a spreadsheet: expected a .csv"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV text"),
        ("list.xlsx", b"name,postcode\nWalk,DN1 1AA\n", "is not a readable Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old-style Excel file"),
        ("empty.csv", b"\r\n , \r\n", "is empty: it has no header row"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_fails_with_where_and_what(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as caught:
        read_all(path, write_mapping(tmp_path))
    assert str(caught.value).startswith(f"{path}: ")


def test_progress_counts_services(shared: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    items = spreadsheet.read(
        str(shared / TEMPLATE / "services_valid.csv"),
        progress=lambda done, total: seen.append((done, total)),
        options={"mapping": "outpost"},
    )
    assert len(list(items)) == 2
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("monday", ("WEEKLY", "MO")),
        ("Mon", ("WEEKLY", "MO")),
        ("Tuesdays", ("WEEKLY", "TU")),
        ("mon;thu", ("WEEKLY", "MO,TH")),
        ("Weds & Fri", ("WEEKLY", "WE,FR")),
        ("Mon-Fri", ("WEEKLY", "MO,TU,WE,TH,FR")),
        ("weekdays", ("WEEKLY", "MO,TU,WE,TH,FR")),
        ("every day", ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU")),
        ("1st Tuesday of the month", ("MONTHLY", "1TU")),
        ("first and third Wednesday", ("MONTHLY", "1WE,3WE")),
        ("last Friday of the month", ("MONTHLY", "-1FR")),
        ("Mondays (term time only)", None),
        ("fortnightly", None),
        ("Monday and 1st Friday", None),
    ],
)
def test_days_as_written(text: str, rule: tuple[str, str] | None) -> None:
    assert parse_days(text) == rule


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("9am", "09:00"),
        ("9.30 pm", "21:30"),
        ("12pm", "12:00"),
        ("noon", "12:00"),
        ("09:00:00", "09:00"),
        ("1899-12-30T14:15:00", "14:15"),
        ("hh:mm:ss", "hh:mm:ss"),
    ],
)
def test_times_as_written(text: str, clock: str) -> None:
    assert clock_text(text) == clock


def test_cells_the_reader_cannot_understand_are_warnings_naming_the_row(
    tmp_path: Path,
) -> None:
    mapping = write_mapping(
        tmp_path,
        'name = "name"\naccess = "referral"\nday = "day"\nages = "for"\n'
        'status_closed = "closed"\ncost = "cost"\npostcode = "postcode"\n'
        'location_public = "show venue"\n',
    )
    path = write_csv(
        tmp_path / "s.csv",
        [
            [
                *("name", "referral", "day", "for", "closed", "cost"),
                *("postcode", "show venue"),
            ],
            [
                *("Lunch club", "maybe", "fortnightly", "families", "yes"),
                *("Ask at reception", "DN1 1AA", "no"),
            ],
        ],
    )
    (record,), _ = read_all(path, mapping)
    assert [(w.field, w.reason) for w in record.warnings] == [
        ("ages", "row 2: 'families' is not an age range; left out"),
        ("access", "row 2: 'maybe' is not yes or no; left out"),
        ("day", "row 2: 'fortnightly' is not a day of the week; left out"),
    ]
    data = record.data
    assert data["status"] == "temporarily closed"
    assert data["service_at_locations"] == []  # the venue is marked not to show
    assert data["cost_options"] == []
    assert data["fees_description"] == "Ask at reception"
    assert data["schedules"][0]["byday"] is None
