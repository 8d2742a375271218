"""HSDS tables (3.0, 1.x, or Ohana's export) joined into HSDS 3.0 service packages.

A child row reaches its service by ``service_id``, else ``service_at_location_id``,
else ``location_id``: then it belongs to every service at that location (Ohana keeps
most phones and contacts there). A location's own hours are used only for a service
with no schedule of its own. A phone with a ``contact_id`` goes into that contact when
the contact is some service's. Rows for an organisation alone are passed over; rows
naming a service that is not in the services table are reported as warnings.

HSDS 1.x tables are reshaped by ``importers.oruk_v1`` (ORUK 1.0 is HSDS 1.x nested).
Ohana's export has no service_at_location table: a service names its ``location_id``
and its organisation is the location's. Comma-separated ``languages``,
``service_areas``, ``funding_sources``, ``taxonomy_ids`` and location
``accessibility`` are split. Terms and Ohana keywords are mapped to directory
categories (``data/taxonomy/maps``, source ``ohana`` or ``hsds``). A phone number
written without a country code gets that of the service's address country.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from importers import oruk_v1
from importers.normalise.categories import directory_attribute, map_terms
from importers.normalise.text import clean_text
from importers.records import Problem, Severity

LINE = "_line"
Row = dict[str, Any]
Rows = dict[str, list[Row]]
# Tables whose rows belong to a service (or to a location, see ``Join._index``).
BY_SERVICE = (
    "schedule",
    "regular_schedule",
    "holiday_schedule",
    "contact",
    "language",
    "service_area",
    "funding",
    "cost_option",
    "eligibility",
    "service_taxonomy",
)
BY_LOCATION = (
    "address",
    "physical_address",
    "accessibility",
    "accessibility_for_disabilities",
)


@dataclass
class Table:
    """One CSV table as read: its file in the package, its columns and rows."""

    file: str
    columns: list[str]
    severity: Severity = "warning"
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, values: list[str], line: int) -> None:
        """Keep a row; report it instead when it has more fields than the header."""
        width = len(self.columns)
        if len(values) > width and any(v.strip() for v in values[width:]):
            reason = f"has {len(values)} fields where the header has {width}; left out"
            where = f"{self.file} line {line}"
            self.problems.append(Problem(where, reason, None, self.severity))
        else:
            row = dict(zip(self.columns, values, strict=False))
            self.rows.append({**row, LINE: line})


@dataclass
class Joined:
    """One service's raw package, with the warnings found while joining it."""

    raw: Row
    warnings: list[Problem]


class Join:
    """The tables of one package, indexed once, then joined service by service."""

    def __init__(self, tables: Mapping[str, Table]) -> None:
        self.tables = tables
        self.problems = [p for table in tables.values() for p in table.problems]
        self.service_ids = {_id(row) for row in self._rows("service")} - {None}
        columns = tables["service"].columns
        self.ohana = "service_at_location" not in tables and "location_id" in columns
        self.source = "ohana" if self.ohana else "hsds"  # the vocabulary of its terms
        self.locations = _by_id(self._rows("location"))
        self.organizations = _by_id(self._rows("organization"))
        self.identifiers = _group(
            self._rows("organization_identifier"), "organization_id"
        )
        self.taxonomy = _by_id(self._rows("taxonomy"), "taxonomy_id")
        self.terms = _by_id(self._rows("taxonomy_term"))
        sals = self._sal_rows()
        self.sal_service = {_id(sal) or "": sal["service_id"] for sal in sals}
        self.sals = _group(sals, "service_id")
        self.by_location = {
            n: _group(self._rows(n), "location_id") for n in BY_LOCATION
        }
        self.own = {name: self._index(name, self._rows(name)) for name in BY_SERVICE}
        self.contact_phones, self.phones = self._split_phones()
        self.attributes = self._attribute_index()

    def services(self) -> Iterator[Joined | Problem]:
        """One package (or a Problem) per row of the services table, in order."""
        seen: dict[str, int] = {}
        file = self.tables["service"].file
        for row in self._rows("service"):
            sid = _id(row)
            if sid is None:
                yield Problem(f"{file} line {row[LINE]}", "has no id", "id")
            elif sid in seen:
                reason = f"appears twice in {file} (lines {seen[sid]} and {row[LINE]})"
                yield Problem(sid, reason, "id")
            else:
                seen[sid] = row[LINE]
                yield self._package(sid, row)

    def _package(self, sid: str, row: Row) -> Joined:
        warnings: list[Problem] = []
        sals = [self._sal(sid, sal, warnings) for sal in self.sals.get(sid, [])]
        places = [sal["location"] for sal in sals if sal]
        country = next((a["country"] for p in places for a in p["addresses"]), None)
        raw = {**row, "id": sid, "url": row.get("url") or row.get("website")}
        raw |= {
            "organization": self._organization(sid, row, warnings),
            "service_at_locations": [sal for sal in sals if sal],
            "schedules": self._schedules(sid, places),
            "contacts": self._contacts(sid, places, country),
            "phones": [_phone(p, country) for p in self._for(sid, places, self.phones)],
            "languages": self._languages(sid, row, places),
            "service_areas": self._service_areas(sid, row),
            "funding": self._get("funding", sid)
            + [{"source": source} for source in _split(row.get("funding_sources"))],
            "cost_options": self._get("cost_option", sid),
            "attributes": self._attributes_of(sid, row),
        }
        return Joined(raw | self._eligibility(sid, row), warnings)

    def _sal(self, sid: str, sal: Row, warnings: list[Problem]) -> Row | None:
        loc_id = _text(sal.get("location_id")) or ""
        row = self.locations.get(loc_id)
        if row is None:
            reason = f"is at location {loc_id!r}, which is not in the package; left out"
            warnings.append(Problem(sid, reason, "service_at_locations", "warning"))
            return None
        location = self._location(loc_id, row)
        return {
            "id": _id(sal),
            "description": sal.get("description"),
            "location": location,
        }

    def _location(self, loc_id: str, row: Row) -> Row:
        at = {name: rows.get(loc_id, []) for name, rows in self.by_location.items()}
        addresses = at["address"] + at["physical_address"]
        inline = [{"accessibility": item} for item in _split(row.get("accessibility"))]
        legacy = at["accessibility_for_disabilities"] + inline
        virtual = str(row.get("virtual")).lower() == "true"
        return {
            **row,
            "location_type": "virtual" if virtual else row.get("location_type"),
            "addresses": [oruk_v1.address(address) for address in addresses],
            "accessibility": at["accessibility"]
            + [*map(oruk_v1.accessibility, legacy)],
        }

    def _organization(self, sid: str, row: Row, warnings: list[Problem]) -> Row | None:
        org_id = _text(row.get("organization_id"))
        if org_id is None and self.ohana:
            place = self.locations.get(_text(row.get("location_id")) or "", {})
            org_id = _text(place.get("organization_id"))
        found = self.organizations.get(org_id or "")
        if org_id and found is None:
            reason = f"names organisation {org_id!r}, which is not in the package"
            warnings.append(Problem(sid, reason, "organization_id", "warning"))
        if found is None:
            return None
        identifiers = self.identifiers.get(org_id or "", [])
        return {**oruk_v1.organization(found), "organization_identifiers": identifiers}

    def _schedules(self, sid: str, places: list[Row]) -> list[Row]:
        own = self._get("schedule", sid) + self._get("regular_schedule", sid)
        schedules = [oruk_v1.schedule(row) for row in own]
        hsds3, hsds1 = self.own["schedule"][1], self.own["regular_schedule"][1]
        for place in places if not schedules else []:
            hours = hsds3.get(_id(place) or "", []) + hsds1.get(_id(place) or "", [])
            note = f"Opening hours of {place.get('name') or 'the venue'}"
            schedules += [oruk_v1.schedule(row) | {"notes": note} for row in hours]
        closures = self._for(sid, places, self.own["holiday_schedule"])
        oruk_v1.add_holidays(schedules, closures)
        return schedules

    def _contacts(self, sid: str, places: list[Row], country: str | None) -> list[Row]:
        contacts = self._for(sid, places, self.own["contact"])
        return [
            {
                **row,
                "phones": [
                    _phone(p, country) for p in self.contact_phones[_id(row) or ""]
                ],
            }
            for row in contacts
        ]

    def _languages(self, sid: str, row: Row, places: list[Row]) -> list[Row]:
        names = _split(row.get("languages"))
        names += [name for place in places for name in _split(place.get("languages"))]
        own = [oruk_v1.language(lang) for lang in self._get("language", sid)]
        given = {str(lang.get("name")).lower() for lang in own}
        extra = [n for n in dict.fromkeys(names) if n.lower() not in given]
        return own + [{"name": name} for name in extra]

    def _service_areas(self, sid: str, row: Row) -> list[Row]:
        areas = [oruk_v1.service_area(area) for area in self._get("service_area", sid)]
        return areas + [{"name": area} for area in _split(row.get("service_areas"))]

    def _eligibility(self, sid: str, row: Row) -> Row:
        found = oruk_v1.eligibility(self._get("eligibility", sid))
        if row.get("eligibility"):  # Ohana's free-text eligibility
            found["eligibility_description"] = row["eligibility"]
        return {key: _text(row.get(key)) or value for key, value in found.items()}

    def _attributes_of(self, sid: str, row: Row) -> list[Row]:
        links = [
            (_id(r), r.get("taxonomy_id")) for r in self._get("service_taxonomy", sid)
        ]
        links += [(f"{sid}:{tid}", tid) for tid in _split(row.get("taxonomy_ids"))]
        found = self.attributes.get(sid, []) + [
            oruk_v1.taxonomy_attribute(link_id, term)
            for link_id, term_id in links
            if (term := self._legacy_term(term_id))
        ]
        names = [str(a["taxonomy_term"].get("name")) for a in found]
        codes = map_terms(self.source, names + _split(row.get("keywords")))
        categories = [directory_attribute("directory-category", c) for c in codes]
        return found + categories

    def _legacy_term(self, term_id: object) -> Row | None:
        """An HSDS 1.x taxonomy row, in the package's vocabulary if it names none."""
        key = _text(term_id) or ""
        term = self.taxonomy.get(key)
        if term is None:
            return None
        return {**term, "id": key, "vocabulary": term.get("vocabulary") or self.source}

    def _attribute_index(self) -> Rows:
        """HSDS 3.0 attributes of services, with their taxonomy terms."""
        found: Rows = defaultdict(list)
        for row in self._rows("attribute"):
            link = _text(row.get("link_id")) or ""
            entity = (_text(row.get("link_entity")) or "service").lower()
            term = self.terms.get(_text(row.get("taxonomy_term_id")) or "")
            if entity != "service" or term is None:
                continue
            if link not in self.service_ids:
                self._orphan("attribute", row, link, "link_id")
                continue
            vocabulary = self.taxonomy.get(_text(term.get("taxonomy_id")) or "", {})
            taxonomy = term.get("taxonomy") or vocabulary.get("name")
            found[link].append({**row, "taxonomy_term": {**term, "taxonomy": taxonomy}})
        return found

    def _sal_rows(self) -> list[Row]:
        """Service-at-location rows; for Ohana, one per service from its location_id."""
        if self.ohana:
            return [
                {"id": f"{sid}@{place}", "service_id": sid, "location_id": place}
                for r in self._rows("service")
                if (sid := _id(r)) and (place := _text(r.get("location_id")))
            ]
        rows = [
            {**row, "service_id": _text(row.get("service_id"))}
            for row in self._rows("service_at_location")
        ]
        for row in rows:
            if row["service_id"] not in self.service_ids:
                self._orphan(
                    "service_at_location", row, row["service_id"], "service_id"
                )
        return [row for row in rows if row["service_id"] in self.service_ids]

    def _split_phones(self) -> tuple[Rows, tuple[Rows, Rows]]:
        """Phones of a contact some service has, and the rest indexed by service."""
        owned, at_places = self.own["contact"]
        used = {_id(c) for rows in [*owned.values(), *at_places.values()] for c in rows}
        in_contact: Rows = defaultdict(list)
        rest = []
        for row in self._rows("phone"):
            contact = _text(row.get("contact_id"))
            if contact and contact in used:
                in_contact[contact].append(row)
            else:
                rest.append(row)
        return in_contact, self._index("phone", rest)

    def _index(self, name: str, rows: Iterable[Row]) -> tuple[Rows, Rows]:
        """Rows by the service they name, and those for a location only by location."""
        by_service: Rows = defaultdict(list)
        by_location: Rows = defaultdict(list)
        for row in rows:
            sal = _text(row.get("service_at_location_id")) or ""
            sid = _text(row.get("service_id")) or self.sal_service.get(sal)
            location = _text(row.get("location_id"))
            if sid and sid in self.service_ids:
                by_service[sid].append(row)
            elif sid:
                self._orphan(name, row, sid, "service_id")
            elif location:
                by_location[location].append(row)
        return by_service, by_location

    def _for(self, sid: str, places: list[Row], index: tuple[Rows, Rows]) -> list[Row]:
        """A service's own rows, then those of each of its locations."""
        at_places = [r for p in places for r in index[1].get(_id(p) or "", [])]
        return index[0].get(sid, []) + at_places

    def _get(self, name: str, sid: str) -> list[Row]:
        return self.own[name][0].get(sid, [])

    def _orphan(self, name: str, row: Row, sid: str | None, key: str) -> None:
        where = f"{self.tables[name].file} line {row[LINE]}"
        services = self.tables["service"].file
        named = f"service {sid!r}, which is not in {services}" if sid else "no service"
        reason = f"names {named}; left out"
        self.problems.append(Problem(where, reason, key, "warning"))

    def _rows(self, name: str) -> list[Row]:
        table = self.tables.get(name)
        return table.rows if table else []


def _phone(row: Row, country: str | None) -> Row:
    """A phone with its type and description, and a country code if it lacks one."""
    number = (_text(row.get("number")) or "").strip("\"' ")
    prefix = _text(row.get("country_prefix"))
    calling = phonenumbers.country_code_for_region(country) if country else 0
    if number and not number.startswith(("+", "00")):
        if prefix:
            number = f"{prefix} {number}"
        elif calling and country != "GB":
            number = f"+{calling} {number}"
    kind = row.get("type") or row.get("number_type")
    description = row.get("description") or row.get("department")
    return {**row, "number": number, "type": kind, "description": description}


def _group(rows: Iterable[Row], key: str) -> Rows:
    found: Rows = defaultdict(list)
    for row in rows:
        value = _text(row.get(key))
        if value:
            found[value].append(row)
    return found


def _by_id(rows: Iterable[Row], other: str = "id") -> dict[str, Row]:
    return {key: row for row in rows if (key := _id(row) or _text(row.get(other)))}


def _split(value: object) -> list[str]:
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


def _id(row: Row) -> str | None:
    return clean_text(row.get("id"))


def _text(value: object) -> str | None:
    return clean_text(value)
