"""The API's endpoints and query parameters, in one table.

The views read their parameters through ``read``, and the OpenAPI document is
built from the same table, so the document says exactly what is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from werkzeug.datastructures import MultiDict

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
SCHEMA = "https://openreferraluk.org/specifications/3.0/schema/"

PARAMETERS: dict[str, tuple[str, str]] = {
    "search": ("string", "Words to find, all of them, in the name or description."),
    "page": ("integer", "Page number, from 1 (default 1)."),
    "per_page": (
        "integer",
        f"Items per page, from 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE}); a "
        f"larger number is served as {MAX_PER_PAGE}.",
    ),
    "format": (
        "string",
        "json (default) or ndjson: every result, one JSON object a "
        "line, streamed without pages.",
    ),
    "taxonomy_term_id": ("string", "Only records with this taxonomy term."),
    "taxonomy_id": ("string", "Only records with a term from this taxonomy."),
    "organization_id": ("string", "Only services of this organisation."),
    "modified_after": (
        "string",
        "Only records changed at or after this date or "
        "datetime (ISO 8601; UTC when no zone is given).",
    ),
    "minimal": (
        "boolean",
        "true: each service as just id, name, status and "
        "last_modified, to find what changed.",
    ),
    "full": ("boolean", "true: each record fully nested."),
    "full_service": ("boolean", "true: an organisation's services fully nested."),
    "postcode": (
        "string",
        "A UK postcode: only services whose service areas cover it "
        "(or that name none); with proximity, only those within that distance "
        "of its centre.",
    ),
    "proximity": ("number", "Metres from the postcode's centre (needs postcode)."),
    "top_only": ("boolean", "true: only terms with no parent."),
    "parent_id": ("string", "Only the terms under this parent term."),
}


@dataclass(frozen=True)
class Endpoint:
    """One path of the API: what it returns and which parameters it reads."""

    path: str
    operation: str
    summary: str
    schema: str
    parameters: tuple[str, ...] = ()


LISTED = ("search", "page", "per_page", "format")
ENDPOINTS = (
    Endpoint("/", "getAPIMetaInformation", "About this API", "api_details.json"),
    Endpoint(
        "/services",
        "getPaginatedListOfServices",
        "Services",
        "service_list.json",
        (
            *LISTED,
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "minimal",
            "full",
        ),
    ),
    Endpoint(
        "/services/{id}", "getServiceById", "One service, fully nested", "service.json"
    ),
    Endpoint(
        "/organizations",
        "getPaginatedListOfOrganizations",
        "Organisations",
        "organization_list.json",
        (*LISTED, "full", "full_service"),
    ),
    Endpoint(
        "/organizations/{id}",
        "getOrganizationById",
        "One organisation with its services",
        "organization.json",
        ("full_service",),
    ),
    Endpoint(
        "/service_at_locations",
        "getPaginatedListOfServiceAtLocations",
        "Services at their locations",
        "service_at_location_list.json",
        (
            *LISTED,
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "full",
            "postcode",
            "proximity",
        ),
    ),
    Endpoint(
        "/service_at_locations/{id}",
        "getServiceAtLocationById",
        "One service at one location, fully nested",
        "service_at_location.json",
    ),
    Endpoint(
        "/taxonomies",
        "getPaginatedListOfTaxonomies",
        "Taxonomies",
        "taxonomy_list.json",
        LISTED,
    ),
    Endpoint("/taxonomies/{id}", "getTaxonomyById", "One taxonomy", "taxonomy.json"),
    Endpoint(
        "/taxonomy_terms",
        "getPaginatedListOfTaxonomyTerms",
        "Taxonomy terms",
        "taxonomy_term_list.json",
        (*LISTED, "taxonomy_id", "top_only", "parent_id"),
    ),
    Endpoint(
        "/taxonomy_terms/{id}",
        "getTaxonomyTermById",
        "One taxonomy term",
        "taxonomy_term.json",
    ),
)


class BadParameter(ValueError):
    """A query parameter that cannot be used, said for the caller."""


def read(args: MultiDict[str, str], path: str) -> dict[str, Any]:
    """This endpoint's parameters from the query string, checked and converted."""
    endpoint = next(e for e in ENDPOINTS if e.path == path)
    found: dict[str, Any] = {}
    for name in endpoint.parameters:
        raw = (args.get(name) or "").strip()
        found[name] = _convert(name, raw)
    if "page" in found:
        found["page"] = found["page"] or 1
        found["per_page"] = min(found["per_page"] or DEFAULT_PER_PAGE, MAX_PER_PAGE)
    if found.get("format") not in (None, "json", "ndjson"):
        raise BadParameter("format must be json or ndjson")
    if found.get("proximity") is not None and not found.get("postcode"):
        raise BadParameter("proximity needs a postcode to measure from")
    return found


def _convert(name: str, raw: str) -> Any:
    kind = PARAMETERS[name][0]
    if not raw:
        return False if kind == "boolean" else None
    if kind == "boolean":
        if raw.lower() not in {"true", "false", "1", "0"}:
            raise BadParameter(f"{name} must be true or false")
        return raw.lower() in {"true", "1"}
    if kind == "integer":
        if not raw.isdigit() or int(raw) < 1:
            raise BadParameter(f"{name} must be a whole number from 1")
        return int(raw)
    if kind == "number":
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if not 0 < value <= 1_000_000:
            raise BadParameter(f"{name} must be a number of metres above 0")
        return value
    if name == "modified_after":
        return _moment(raw)
    return raw[:200]


def _moment(raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(raw), datetime.min.time())
        except ValueError as exc:
            raise BadParameter(
                "modified_after must be a date or datetime, like 2026-11-30 or "
                "2026-11-30T09:00:00Z"
            ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
