"""Listings as Open Referral UK 3.0 objects, for the API and the exports.

The store already uses the standard's names, so this is a serialisation, not a
translation: each object keeps its columns, drops empty optional fields (left out
rather than null, as the standard asks) and nests what the standard nests.
Professional-only details are never part of a package, so never part of this.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from directory_app.models import Organization, Service

# The store's columns are the standard's fields, so they are the lists to write.
SERVICE_FIELDS = tuple(Service.model_fields)
ORGANIZATION_FIELDS = tuple(Organization.model_fields)
SERVICE_LISTS = (
    "schedules",
    "service_areas",
    "languages",
    "funding",
    "cost_options",
    "phones",
    "contacts",
    "attributes",
)
REQUIRED_TEXT = {"description"}  # organisations and terms must say something


def clean(value: Any) -> Any:
    """A copy without None, empty strings or empty lists, all the way down."""
    if isinstance(value, dict):
        kept = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def stamp(moment: datetime | None) -> str | None:
    """A datetime as the standard writes it, to the millisecond, in UTC."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def organization(pkg_org: dict[str, Any] | None) -> dict[str, Any] | None:
    """An organisation's own fields and identifiers."""
    if not pkg_org:
        return None
    found = {k: pkg_org.get(k) for k in ORGANIZATION_FIELDS}
    found["description"] = found.get("description") or ""
    found["organization_identifiers"] = pkg_org.get("organization_identifiers") or []
    return {**clean(found), "description": found["description"]}


def service(
    pkg: dict[str, Any], modified: datetime | None, *, full: bool
) -> dict[str, Any]:
    """A service: its one-to-one fields and organisation, or ``full``y nested."""
    found: dict[str, Any] = {k: pkg.get(k) for k in SERVICE_FIELDS}
    found["last_modified"] = stamp(modified) or pkg.get("last_modified")
    if full:
        for key in SERVICE_LISTS:
            found[key] = (
                [_attribute(a) for a in pkg[key]]
                if key == "attributes"
                else pkg.get(key)
            )
        found["service_at_locations"] = [
            {
                "id": sal["id"],
                "service_id": pkg["id"],
                "location_id": sal["location"]["id"],
                "location": location(sal["location"]),
            }
            for sal in pkg.get("service_at_locations", [])
        ]
    result = clean(found)
    org = organization(pkg.get("organization"))
    if org:
        result["organization"] = org
    return result


def minimal(pkg: dict[str, Any], modified: datetime | None) -> dict[str, Any]:
    """Just enough to tell what changed: id, name, status and when modified."""
    return clean(
        {
            "id": pkg["id"],
            "name": pkg["name"],
            "status": pkg.get("status") or "active",
            "last_modified": stamp(modified) or pkg.get("last_modified"),
        }
    )


def location(loc: dict[str, Any]) -> dict[str, Any]:
    """A location with its addresses and accessibility (an address's county,
    which the standard requires, is its town when the store has none)."""
    addresses = [
        dict(a, state_province=a.get("state_province") or a.get("city"))
        for a in loc.get("addresses") or []
    ]
    kind = loc.get("location_type") or "physical"
    return clean(dict(loc, location_type=kind, addresses=addresses))


def _attribute(attr: dict[str, Any]) -> dict[str, Any]:
    term = attr.get("taxonomy_term") or {}
    return clean(
        {
            "id": attr["id"],
            "link_id": attr.get("link_id"),
            "link_type": attr.get("link_type"),
            "link_entity": attr.get("link_entity") or "service",
            "value": attr.get("value"),
            "label": attr.get("label"),
            "taxonomy_term_id": term.get("id"),
            "taxonomy_term": taxonomy_term(term) if term else None,
        }
    )


def taxonomy_term(term: dict[str, Any]) -> dict[str, Any]:
    """A taxonomy term (always with a description, which the standard requires)."""
    found = clean(
        {
            k: term.get(k)
            for k in (
                "id",
                "code",
                "name",
                "parent_id",
                "taxonomy",
                "taxonomy_id",
                "term_uri",
            )
        }
    )
    found["description"] = term.get("description") or term.get("name") or ""
    return found


def taxonomy(row: dict[str, Any]) -> dict[str, Any]:
    """A taxonomy."""
    found = clean({k: row.get(k) for k in ("id", "name", "uri", "version")})
    found["description"] = row.get("description") or row.get("name") or ""
    return found


def service_at_location(
    pkg: dict[str, Any], sal: dict[str, Any], modified: datetime | None, *, full: bool
) -> dict[str, Any]:
    """A service at one of its locations, with both nested."""
    return {
        "id": sal["id"],
        "service_id": pkg["id"],
        "location_id": sal["location"]["id"],
        "location": location(sal["location"]),
        "service": service(pkg, modified, full=full),
    }
