"""Spreadsheets (CSV or Excel .xlsx) read through a mapping file staff write once.

``options["mapping"]`` is the mapping file's path or a bundled name ("outpost"); see
``docs/spreadsheet-mapping.md``. One row is one service, except that a row whose
``parent`` column is filled adds a venue, contact, time or price to the service
with that id (the Outpost import template works this way). Blank rows, including
rows that are only formatting, are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from importers.normalise.age import parse_age_range
from importers.normalise.categories import directory_attribute, map_terms
from importers.normalise.cost import parse_cost
from importers.normalise.package import normalise_service
from importers.records import Problem, ReadItem, ServiceRecord, SourceError
from importers.spreadsheet_mapping import Mapping as SheetMapping
from importers.spreadsheet_mapping import (
    Row,
    Table,
    clock_text,
    load_mapping,
    mapped_rows,
    parse_bool,
    parse_days,
)

Progress = Callable[[int, int | None], None]
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
# What openpyxl raises for a file that is not a workbook, or a broken one.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    OSError,
    SyntaxError,
)
LOCATION_KEYS = ("venue", "address_1", "address_2", "postcode", "latitude", "longitude")
CONTACT_KEYS = ("contact_name", "contact_title", "contact_email", "contact_phone")


def read(
    location: str,
    *,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    state: dict[str, Any] | None = None,
) -> Iterator[ReadItem]:
    """Yield a normalised record for every service row, a Problem for each reject."""
    spec = (options or {}).get("mapping")
    if not spec:
        raise SourceError("a spreadsheet source needs a mapping file", location)
    mapping = load_mapping(str(spec))
    rows = mapped_rows(mapping, _sheet(Path(location), mapping.sheet), location)
    mains, extras, problems = _group(rows)
    yield from problems
    for done, (external_id, row) in enumerate(mains.items(), start=1):
        yield _service(external_id, row, extras.get(external_id, []), mapping)
        if progress:
            progress(done, len(mains))


def _sheet(path: Path, sheet: str | None) -> Table:
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SourceError(f"cannot be opened ({exc.strerror})", str(path)) from exc
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise SourceError(
            "is an old-style Excel file (.xls): save it as .xlsx or CSV", str(path)
        )
    if data.startswith(b"PK") or suffix in XLSX_SUFFIXES:
        return _xlsx_rows(data, sheet, str(path))
    if suffix in CSV_SUFFIXES or not suffix:
        return _csv_rows(data, str(path))
    raise SourceError("is not a spreadsheet: expected a .csv or .xlsx file", str(path))


def _csv_rows(data: bytes, where: str) -> Table:
    text = _decode(data, where)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError(f"is not a readable CSV file ({exc})", where) from exc
    return [(number, list(cells)) for number, cells in enumerate(rows, start=1)]


def _decode(data: bytes, where: str) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise SourceError("is not a CSV text file (it holds binary data)", where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SourceError(
            "is not in UTF-8 or Windows-1252 text; save it as CSV UTF-8", where
        ) from exc


def _xlsx_rows(data: bytes, sheet: str | None, where: str) -> Table:
    # openpyxl warns about workbook features it does not read (data validation,
    # conditional formats); they do not change cell values, so they are not news.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
        except XLSX_ERRORS as exc:
            raise SourceError(f"is not a readable Excel file ({exc})", where) from exc
        try:
            return _worksheet_rows(book, sheet, where)
        finally:
            book.close()


def _worksheet_rows(book: Any, sheet: str | None, where: str) -> Table:
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(book.sheetnames)
        raise SourceError(f"has no sheet {sheet!r} (its sheets: {names})", where)
    worksheet = book[sheet] if sheet else book.worksheets[0]
    worksheet.reset_dimensions()  # some writers record too small a size
    try:
        rows = list(worksheet.iter_rows(values_only=True))
    except XLSX_ERRORS as exc:
        raise SourceError(f"has a sheet that cannot be read ({exc})", where) from exc
    return [(number, list(cells)) for number, cells in enumerate(rows, start=1)]


def _group(
    rows: list[Row],
) -> tuple[dict[str, Row], dict[str, list[Row]], list[Problem]]:
    """Service rows by id, extra rows by the id they add to, and rejected rows."""
    mains: dict[str, Row] = {}
    extras: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    rejected: set[str] = set()
    for row in rows:
        parent, own_id = row.own("parent"), row.own("id")
        label = own_id or f"row {row.number}"
        if parent:
            extras.setdefault(parent, []).append(row)
        elif not row.get("name"):
            problems.append(Problem(label, _at(row, "has no name", own_id), "name"))
            rejected.add(label)
        elif (external_id := own_id or _hashed_id(row)) in mains:
            first = mains[external_id].number
            what = "id" if own_id else "organisation, name and postcode"
            reason = _at(row, f"has the same {what} as row {first}", own_id)
            problems.append(Problem(label, reason, "id"))
        else:
            mains[external_id] = row
    for parent, orphans in extras.items():
        if parent not in mains and parent not in rejected:
            problems.extend(
                Problem(r.own("id") or f"row {r.number}", _orphan(r, parent), "parent")
                for r in orphans
            )
    return mains, extras, problems


def _at(row: Row, reason: str, own_id: str | None) -> str:
    return f"{reason} (row {row.number})" if own_id else reason


def _orphan(row: Row, parent: str) -> str:
    return f"adds to {parent!r}, which is not a service in the sheet (row {row.number})"


def _hashed_id(row: Row) -> str:
    """A stable id for a row with none: its organisation, name and postcode."""
    parts = [row.get("organisation"), row.get("name"), row.get("postcode")]
    key = "|".join(" ".join((p or "").lower().split()) for p in parts)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


class _Notes:
    """Warnings this reader finds itself, before normalise_service adds its own."""

    def __init__(self, item_id: str) -> None:
        self.item_id = item_id
        self.warnings: list[Problem] = []

    def warn(self, row: Row, field: str, value: str, what: str) -> None:
        reason = f"row {row.number}: {value!r} is not {what}; left out"
        self.warnings.append(Problem(self.item_id, reason, field, "warning"))

    def flag(self, row: Row, key: str) -> bool | None:
        """A yes/no cell; a warning when it is neither."""
        text = row.get(key)
        value = parse_bool(text)
        if text and value is None:
            self.warn(row, key, text, "yes or no")
        return value


def _service(
    external_id: str, row: Row, extras: list[Row], mapping: SheetMapping
) -> ReadItem:
    notes = _Notes(external_id)
    raw = _service_fields(external_id, row, notes)
    raw.update(_ages(row, notes))
    raw["attributes"] = _attributes(row, mapping, notes)
    every = [row, *extras]
    raw["service_at_locations"] = [
        {"location": loc} for r in every if (loc := _location(r, notes))
    ]
    raw["contacts"] = [c for r in every if (c := _contact(r, notes))]
    raw["schedules"] = [s for r in every if (s := _schedule(r, notes))]
    raw["cost_options"], fees = _costs(every)
    free = notes.flag(row, "free")
    if free and not raw["cost_options"]:
        raw["cost_options"] = parse_cost("Free")
    raw["fees_description"] = "; ".join(fees) or None
    item = normalise_service(raw)
    if isinstance(item, ServiceRecord):
        item.warnings[:0] = notes.warnings
    return item


def _service_fields(external_id: str, row: Row, notes: _Notes) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": external_id}
    for key, field in (
        ("name", "name"),
        ("description", "description"),
        ("url", "url"),
        ("email", "email"),
        ("eligibility", "eligibility_description"),
    ):
        raw[field] = row.get(key)
    raw["status"] = "temporarily closed" if notes.flag(row, "status_closed") else None
    raw["phones"] = [{"number": row.get("phone")}] if row.get("phone") else []
    raw["organization"] = _organisation(row)
    return raw


def _organisation(row: Row) -> dict[str, Any] | None:
    name, charity = row.get("organisation"), row.get("charity_number")
    if not name:
        return None
    identifiers = [
        {
            "identifier_scheme": "GB-CHC",
            "identifier_type": "Registered charity number",
            "identifier": charity,
        }
    ]
    return {"name": name, "organization_identifiers": identifiers if charity else []}


def _ages(row: Row, notes: _Notes) -> dict[str, Any]:
    low, high = row.get("min_age"), row.get("max_age")
    text = row.get("ages")
    if text and low is None and high is None:
        parsed = parse_age_range(text)
        if parsed is None:
            notes.warn(row, "ages", text, "an age range")
        else:
            low, high = (str(n) if n is not None else None for n in parsed)
    return {"minimum_age": low, "maximum_age": high}


def _attributes(row: Row, mapping: SheetMapping, notes: _Notes) -> list[dict]:
    source = mapping.categories_source
    labels = [label for cell in row.every("categories") for label in _split(cell)]
    attributes = [
        directory_attribute("directory-category", code)
        for code in map_terms(source, labels)
    ]
    # The source's own labels are kept too: searchable, and visible to staff.
    attributes += [
        {"taxonomy_term": {"name": label, "taxonomy": source, "term": label}}
        for label in dict.fromkeys(labels)
    ]
    access = notes.flag(row, "access")
    if access is not None:
        code = "professional-referral" if access else "self-referral"
        attributes.append(directory_attribute("directory-access", code))
    return attributes


def _split(cell: str) -> list[str]:
    """A list in one cell: split on semicolons, or on commas when it has none."""
    parts = cell.split(";") if ";" in cell else cell.split(",")
    return [part.strip() for part in parts if part.strip()]


def _location(row: Row, notes: _Notes) -> dict[str, Any] | None:
    if not any(row.own(key) for key in LOCATION_KEYS):
        return None
    if notes.flag(row, "location_public") is False:
        return None
    address = {
        "address_1": row.get("address_1"),
        "address_2": row.get("address_2"),
        "city": row.get("town"),
        "postal_code": row.get("postcode"),
        "country": "GB",
    }
    features = [f for cell in row.every("accessibility") for f in _split(cell)]
    return {
        "name": row.get("venue"),
        "location_type": "physical",
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "addresses": [address],
        "accessibility": [{"description": feature} for feature in features],
    }


def _contact(row: Row, notes: _Notes) -> dict[str, Any] | None:
    if not any(row.own(key) for key in CONTACT_KEYS):
        return None
    if notes.flag(row, "contact_public") is False:
        return None
    phone = row.get("contact_phone")
    return {
        "name": row.get("contact_name"),
        "title": row.get("contact_title"),
        "email": row.get("contact_email"),
        "phones": [{"number": phone}] if phone else [],
    }


def _schedule(row: Row, notes: _Notes) -> dict[str, Any] | None:
    day, opens, closes = row.own("day"), row.own("opens_at"), row.own("closes_at")
    if not (day or opens or closes):
        return None
    rule = parse_days(day) if day else None
    if day and rule is None:
        notes.warn(row, "day", day, "a day of the week")
    freq, byday = rule or (None, None)
    return {
        "freq": freq,
        "byday": byday,
        "opens_at": clock_text(opens),
        "closes_at": clock_text(closes),
    }


def _costs(rows: list[Row]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every row's prices, and the wording of any given in words."""
    options: list[dict[str, Any]] = []
    fees: list[str] = []
    for row in rows:
        text, whom, per = (
            row.own("cost"),
            row.own("cost_for"),
            row.own("cost_description"),
        )
        parsed = parse_cost(text) if text else []
        if text and (not parsed or re.search(r"[A-Za-z]", text)):
            fees.append(text)
        if not parsed and (whom or per):
            parsed = [{"option": None, "amount": None, "currency": "GBP"}]
        for option in parsed:
            if option["option"] in (None, "Free") and whom:
                option["option"] = whom
            option["amount_description"] = option.get("amount_description") or per
        options.extend(parsed)
    return options, fees
