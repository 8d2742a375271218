"""Service packages (HSDS 3.0 shape) to and from the store's rows.

A package is one service with everything nested in it. Importers produce them with the
source's own ids; ``rekey`` gives each part a stable directory id (uuid5 of the source
and the source's id), ``write_package`` stores one, ``load_packages`` reads many back.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel

from directory_app.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    table_of,
)
from importers.normalise.categories import directory_term_id

DIRECTORY_NS = uuid.UUID("6f1c1b8e-4b9e-5c59-9d55-3d1f0c5e2a10")
SERVICE_CHILDREN: dict[str, type[SQLModel]] = {
    "schedules": Schedule,
    "cost_options": CostOption,
    "phones": Phone,
    "service_areas": ServiceArea,
    "languages": Language,
    "funding": Funding,
}
LINK_KEYS = {
    "service_id",
    "location_id",
    "contact_id",
    "organization_id",
    "link_id",
    "link_entity",
    "taxonomy_id",
}
CHUNK = 500


def stable_id(scope: str, kind: str, key: str) -> str:
    """A UUID that is the same every time for the same scope, kind and key.

    Exactly ``str(uuid.uuid5(DIRECTORY_NS, name))``, without building UUID objects
    (an import makes a dozen of these per listing).
    """
    name = f"{scope}/{kind}/{key}".encode()
    digest = bytearray(hashlib.sha1(DIRECTORY_NS.bytes + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def service_id_for(source_id: str, external_id: str) -> str:
    """The directory id of a source's service."""
    return stable_id(source_id, "service", external_id)


def rekey(
    source_id: str, data: dict[str, Any], service_id: str | None = None
) -> dict[str, Any]:
    """A copy of a normalised package with directory ids on every part.

    ``service_id`` puts the package on an existing listing (a merge, or an item
    merged before); by default it is the source's own stable id for the item.
    """
    pkg = dict(data)
    sid = service_id or service_id_for(source_id, str(data["id"]))
    pkg["id"] = sid
    org = data.get("organization")
    if org:
        org_key = org.get("id") or org["name"]
        org = dict(org, id=stable_id(source_id, "organization", org_key))
        org["organization_identifiers"] = _ids(
            org["id"], "identifier", org["organization_identifiers"]
        )
    pkg["organization"] = org
    pkg["service_at_locations"] = [
        _rekey_sal(source_id, sid, index, sal)
        for index, sal in enumerate(data.get("service_at_locations", []))
    ]
    for key in (*SERVICE_CHILDREN, "contacts"):
        pkg[key] = _ids(sid, key, data.get(key, []))
    pkg["contacts"] = [
        dict(c, phones=_ids(c["id"], "phones", c.get("phones", [])))
        for c in pkg["contacts"]
    ]
    pkg["attributes"] = [
        _rekey_attribute(source_id, sid, attr) for attr in data.get("attributes", [])
    ]
    return pkg


def _ids(scope: str, kind: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        dict(item, id=stable_id(scope, kind, str(item.get("id") or index)))
        for index, item in enumerate(items)
    ]


def _rekey_sal(
    source_id: str, sid: str, index: int, sal: dict[str, Any]
) -> dict[str, Any]:
    loc = dict(sal["location"])
    postcode = next((a.get("postal_code") for a in loc["addresses"]), "")
    loc_key = loc.get("id") or f"{loc.get('name')}|{postcode}"
    loc["id"] = stable_id(source_id, "location", loc_key)
    loc["addresses"] = _ids(loc["id"], "address", loc["addresses"])
    loc["accessibility"] = _ids(loc["id"], "accessibility", loc["accessibility"])
    sal_id = stable_id(sid, "service_at_location", str(sal.get("id") or index))
    return {"id": sal_id, "description": sal.get("description"), "location": loc}


def _rekey_attribute(source_id: str, sid: str, attr: dict[str, Any]) -> dict[str, Any]:
    term = dict(attr["taxonomy_term"])
    vocabulary = term.get("taxonomy") or "uncategorised"
    if vocabulary.startswith("directory-") and term.get("code"):
        term["id"] = directory_term_id(vocabulary, term["code"])
    else:
        key = term.get("id") or f"{vocabulary}|{term.get('code') or term['name']}"
        term["id"] = stable_id(source_id, "taxonomy_term", key)
    term["taxonomy"] = vocabulary
    term["taxonomy_id"] = stable_id("directory", "taxonomy", vocabulary)
    term.pop("parent_id", None)  # parents are the source's ids, not ours
    return {
        "id": stable_id(sid, "attribute", term["id"]),
        "link_type": attr.get("link_type"),
        "value": attr.get("value"),
        "label": attr.get("label"),
        "taxonomy_term": term,
    }


def _row(model: type[SQLModel], data: dict[str, Any], **links: Any) -> dict[str, Any]:
    """Exactly the model's columns from ``data`` (missing ones None), plus links."""
    return {**{name: data.get(name) for name in model.model_fields}, **links}


class _Rows:
    """Rows gathered for a batch of packages, by table, de-duplicated by id."""

    def __init__(self) -> None:
        self.tables: dict[type[SQLModel], dict[str, dict[str, Any]]] = defaultdict(dict)

    def add(self, model: type[SQLModel], data: dict[str, Any], **links: Any) -> None:
        row = _row(model, data, **links)
        self.tables[model][row["id"]] = row

    def of(self, model: type[SQLModel]) -> list[dict[str, Any]]:
        return list(self.tables[model].values())


def _gather(rows: _Rows, pkg: dict[str, Any]) -> None:
    sid = pkg["id"]
    org = pkg.get("organization")
    if org:
        rows.add(Organization, org)
        for ident in org["organization_identifiers"]:
            rows.add(OrganizationIdentifier, ident, organization_id=org["id"])
    rows.add(Service, pkg, organization_id=org["id"] if org else None)
    for sal in pkg["service_at_locations"]:
        loc = sal["location"]
        rows.add(Location, loc)
        for addr in loc["addresses"]:
            rows.add(Address, addr, location_id=loc["id"])
        for acc in loc["accessibility"]:
            rows.add(Accessibility, acc, location_id=loc["id"])
        rows.add(ServiceAtLocation, sal, service_id=sid, location_id=loc["id"])
    for key, model in SERVICE_CHILDREN.items():
        for child in pkg[key]:
            rows.add(model, child, service_id=sid)
    for contact in pkg["contacts"]:
        rows.add(Contact, contact, service_id=sid)
        for phone in contact["phones"]:
            rows.add(Phone, phone, contact_id=contact["id"])
    for attr in pkg["attributes"]:
        term = attr["taxonomy_term"]
        rows.add(
            Taxonomy,
            {
                "id": term["taxonomy_id"],
                "name": term["taxonomy"],
                "description": term["taxonomy"],
            },
        )
        rows.add(TaxonomyTerm, term)
        rows.add(
            Attribute,
            attr,
            link_id=sid,
            link_entity="service",
            taxonomy_term_id=term["id"],
        )


# Parents before children: no relationships are mapped, so the order is ours to keep.
UPSERTED: tuple[type[SQLModel], ...] = (
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Location,
    Service,
)
INSERTED: tuple[type[SQLModel], ...] = (
    OrganizationIdentifier,
    Address,
    Accessibility,
    ServiceAtLocation,
    *(m for m in SERVICE_CHILDREN.values() if m is not Phone),
    Contact,
    Attribute,
    Phone,
)


def write_package(session: Session, pkg: dict[str, Any]) -> None:
    """Store one rekeyed package (see ``write_packages``)."""
    write_packages(session, [pkg])


def write_packages(session: Session, pkgs: list[dict[str, Any]]) -> None:
    """Store rekeyed packages: upsert each service and replace what hangs off it."""
    rows = _Rows()
    for pkg in pkgs:
        _gather(rows, pkg)
    session.flush()
    delete_children(session, [pkg["id"] for pkg in pkgs])
    org_ids = list(rows.tables[Organization])
    loc_ids = list(rows.tables[Location])
    _delete_where(session, OrganizationIdentifier, "organization_id", org_ids)
    _delete_where(session, Address, "location_id", loc_ids)
    _delete_where(session, Accessibility, "location_id", loc_ids)
    for model in UPSERTED:
        upsert(session, model, rows.of(model))
    for model in INSERTED:
        if rows.of(model):
            session.execute(insert(table_of(model)), rows.of(model))


def _delete_where(
    session: Session, model: type[SQLModel], column: str, keys: list[str]
) -> None:
    table = table_of(model)
    for chunk in _chunks(keys):
        session.execute(delete(table).where(table.c[column].in_(chunk)))


def upsert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Insert rows, or update them where the primary key is already there."""
    if not rows:
        return
    table = table_of(model)
    keys = [c.name for c in table.primary_key]
    dialect = session.get_bind().dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = make(table)
    updates = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    statement = statement.on_conflict_do_update(index_elements=keys, set_=updates)
    session.execute(statement, rows)


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start : start + CHUNK]


def delete_children(session: Session, sids: list[str]) -> None:
    """Remove every row that belongs to these services alone (not shared locations)."""
    contacts, phones = table_of(Contact), table_of(Phone)
    for chunk in _chunks(sids):
        contact_ids = select(contacts.c.id).where(contacts.c.service_id.in_(chunk))
        session.execute(delete(phones).where(phones.c.contact_id.in_(contact_ids)))
        owned: tuple[type[SQLModel], ...] = (
            *SERVICE_CHILDREN.values(),
            Contact,
            ServiceAtLocation,
        )
        for model in owned:
            _delete_where(session, model, "service_id", chunk)
        _delete_where(session, Attribute, "link_id", chunk)


def _grouped(
    session: Session, model: type[SQLModel], column: str, keys: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    table = table_of(model)
    for chunk in _chunks(list(set(keys))):
        statement = select(table).where(table.c[column].in_(chunk))
        for row in session.execute(statement).mappings():
            groups[row[column]].append(dict(row))
    for rows in groups.values():
        rows.sort(key=lambda r: r["id"])
    return groups


def load_packages(session: Session, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Read whole packages for the given service ids (missing ids are left out)."""
    ids = list(ids)
    services = _grouped(session, Service, "id", ids)
    org_ids = [
        s[0]["organization_id"] for s in services.values() if s[0]["organization_id"]
    ]
    orgs = _grouped(session, Organization, "id", org_ids)
    idents = _grouped(session, OrganizationIdentifier, "organization_id", org_ids)
    sals = _grouped(session, ServiceAtLocation, "service_id", ids)
    loc_ids = [sal["location_id"] for rows in sals.values() for sal in rows]
    locations = _grouped(session, Location, "id", loc_ids)
    addresses = _grouped(session, Address, "location_id", loc_ids)
    access = _grouped(session, Accessibility, "location_id", loc_ids)
    children = {
        key: _grouped(session, model, "service_id", ids)
        for key, model in SERVICE_CHILDREN.items()
    }
    contacts = _grouped(session, Contact, "service_id", ids)
    contact_ids = [c["id"] for rows in contacts.values() for c in rows]
    phones = _grouped(session, Phone, "contact_id", contact_ids)
    attributes = _grouped(session, Attribute, "link_id", ids)
    term_ids = [a["taxonomy_term_id"] for rows in attributes.values() for a in rows]
    terms = _grouped(session, TaxonomyTerm, "id", term_ids)
    packages = {}
    for sid, (service,) in services.items():
        pkg = dict(service)
        org_id = service["organization_id"]
        pkg["organization"] = (
            dict(orgs[org_id][0], organization_identifiers=idents.get(org_id, []))
            if org_id in orgs
            else None
        )
        pkg["service_at_locations"] = [
            dict(
                sal,
                location=dict(
                    locations[sal["location_id"]][0],
                    addresses=addresses.get(sal["location_id"], []),
                    accessibility=access.get(sal["location_id"], []),
                ),
            )
            for sal in sals.get(sid, [])
        ]
        for key in SERVICE_CHILDREN:
            pkg[key] = children[key].get(sid, [])
        pkg["contacts"] = [
            dict(c, phones=phones.get(c["id"], [])) for c in contacts.get(sid, [])
        ]
        pkg["attributes"] = [
            dict(a, taxonomy_term=terms[a["taxonomy_term_id"]][0])
            for a in attributes.get(sid, [])
        ]
        packages[sid] = pkg
    return packages


def canonical(value: Any) -> Any:
    """A package with links, empty values and list order taken out, for comparing."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in LINK_KEYS or key.endswith("_term_id"):
                continue
            item = canonical(item)
            if item is not None and item != []:
                out[key] = item
        return out
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        return sorted(
            items, key=lambda i: i.get("id", "") if isinstance(i, dict) else str(i)
        )
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
