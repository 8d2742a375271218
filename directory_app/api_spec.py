"""The OpenAPI 3.1 document of the directory's Open Referral UK API, built from
the same table the views read their parameters from (``web/api_params.py``), with
every response described by the standard's own JSON Schemas."""

from __future__ import annotations

from typing import Any

from directory_app.web.api_params import ENDPOINTS, MAX_PER_PAGE, PARAMETERS, SCHEMA

ERROR = {
    "description": "An error, said in words",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"error": {"type": "string"}},
                "required": ["error"],
            }
        }
    },
}


def _parameter(name: str) -> dict[str, Any]:
    kind, said = PARAMETERS[name]
    schema: dict[str, Any] = {"type": kind}
    if name == "per_page":
        schema |= {"minimum": 1, "maximum": MAX_PER_PAGE}
    if name == "format":
        schema["enum"] = ["json", "ndjson"]
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": said,
        "schema": schema,
    }


def _operation(endpoint: Any) -> dict[str, Any]:
    content: dict[str, Any] = {
        "application/json": {"schema": {"$ref": SCHEMA + endpoint.schema}}
    }
    if "format" in endpoint.parameters:
        content["application/x-ndjson"] = {"schema": {"type": "string"}}
    responses: dict[str, Any] = {
        "200": {"description": endpoint.summary, "content": content},
        "304": {"description": "Not modified since the ETag given in If-None-Match"},
        "429": ERROR | {"description": "Too many requests; see Retry-After"},
    }
    if endpoint.parameters:
        responses["400"] = ERROR | {"description": "A parameter that cannot be used"}
    if "{id}" in endpoint.path:
        responses["404"] = ERROR | {"description": "No such record"}
    operation: dict[str, Any] = {
        "operationId": endpoint.operation,
        "summary": endpoint.summary,
        "parameters": [
            {"$ref": f"#/components/parameters/{p}"} for p in endpoint.parameters
        ],
        "responses": responses,
    }
    if "{id}" in endpoint.path:
        operation["parameters"].insert(
            0,
            {
                "name": "id",
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
            },
        )
    return {"get": operation}


def document(server_url: str) -> dict[str, Any]:
    """The whole document, for a server at ``server_url``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Community directory: Open Referral UK API",
            "version": "HSDS-UK-3.0",
            "description": (
                "The published listings of this directory in the Open Referral UK 3.0 "
                "profile of HSDS 3.0. Pages start at 1; per_page is at most "
                f"{MAX_PER_PAGE}. Empty optional fields are left out. Responses carry "
                "ETags and allow any origin; clients are rate limited (HTTP 429)."
            ),
            "license": {"name": "Open Government Licence v3.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {e.path: _operation(e) for e in ENDPOINTS},
        "components": {"parameters": {name: _parameter(name) for name in PARAMETERS}},
    }
