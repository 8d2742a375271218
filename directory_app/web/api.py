"""The Open Referral UK 3.0 API (/api/oruk), so the directory's data flows on to
other systems: the NHS's, councils', a neighbouring directory.

Published listings only; JSON with the 3.0 page envelope (or NDJSON streams);
`Access-Control-Allow-Origin: *`; ETags and conditional GET; a per-client rate
limit answered with a clear 429; errors as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.exceptions import HTTPException

from directory_app import api_queries as q
from directory_app import oruk_out as out
from directory_app.api_catalogue import (
    organization_page,
    organization_with_services,
    service_at_location_of,
    taxonomy_of,
    taxonomy_page,
    term_of,
    term_page,
)
from directory_app.db import get_session, real_app
from directory_app.indexing import hides_stale
from directory_app.packages import load_packages
from directory_app.postcodes import PostcodeError, lookup
from directory_app.security import csrf, limiter
from directory_app.web.api_params import BadParameter, read

bp = Blueprint("api", __name__, url_prefix="/api/oruk")
csrf.exempt(bp)  # read-only, no cookies: nothing for a forged form to do
BATCH = 200
EVERYTHING = 10**9  # a page size for "all of them"
PROFILE = "https://openreferraluk.org/specifications/3.0/"


def _limit() -> str:
    return str(current_app.config.get("API_RATE_LIMIT", "300 per minute"))


limiter.limit(_limit, key_func=lambda: request.remote_addr or "unknown")(bp)


@bp.after_request
def open_to_all(response: Response) -> Response:
    """Any site may read the API; responses may be cached for a minute."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> tuple[Response, int]:
    """Errors as JSON, with what went wrong (and when to retry, for 429)."""
    status = error.code or 500
    said = {404: "No such record.", 429: "Too many requests: slow down and retry."}
    body = {
        "error": error.description if status == 400 else said.get(status, error.name)
    }
    response = Response(json.dumps(body), status=status, mimetype="application/json")
    if status == 429:
        response.headers["Retry-After"] = "60"
    return response, status


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter) -> tuple[Response, int]:
    """A parameter that cannot be used: 400, saying which and why."""
    return Response(json.dumps({"error": str(error)}), mimetype="application/json"), 400


def _json(body: Any) -> Response:
    response = Response(
        json.dumps(body, ensure_ascii=False), mimetype="application/json"
    )
    response.add_etag()
    response.make_conditional(request)  # 304 when the caller's ETag still holds
    return response


def _not_found() -> Response:
    return Response(
        json.dumps({"error": "No such record."}), 404, mimetype="application/json"
    )


def _filters(params: dict[str, Any]) -> q.Filters:
    filters = q.Filters(
        search=params.get("search") or "",
        organization_id=params.get("organization_id"),
        taxonomy_term_id=params.get("taxonomy_term_id"),
        taxonomy_id=params.get("taxonomy_id"),
        modified_after=params.get("modified_after"),
        hide_stale=hides_stale(real_app()),
    )
    if params.get("postcode"):
        try:
            place = lookup(get_session(), params["postcode"])
        except PostcodeError as exc:
            raise BadParameter(str(exc)) from exc
        if params.get("proximity"):
            filters.near = (place.latitude, place.longitude, params["proximity"])
        else:
            filters.district = place.district
    return filters


@bp.get("/", strict_slashes=False)
def meta() -> Response:
    """What this API is: its version, profile and OpenAPI document."""
    return _json(
        {
            "version": "HSDS-UK-3.0",
            "profile": PROFILE,
            "openapi_url": url_for("api.openapi", _external=True),
        }
    )


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI document of exactly what is served here."""
    from directory_app.api_spec import document

    return _json(document(url_for("api.meta", _external=True).rstrip("/")))


def _services(ids: list[str], params: dict[str, Any]) -> list[dict[str, Any]]:
    session = get_session()
    full = bool(params.get("full"))
    pkgs = load_packages(session, ids) if full else q.one_to_one(session, ids)
    changed = q.changed_at(session, ids)
    if params.get("minimal"):
        return [out.minimal(pkgs[i], changed.get(i)) for i in ids if i in pkgs]
    return [out.service(pkgs[i], changed.get(i), full=full) for i in ids if i in pkgs]


@bp.get("/services", strict_slashes=False)
def services() -> Response:
    """Published services, a page at a time (or every one as NDJSON)."""
    params = read(request.args, "/services")
    filters = _filters(params)
    if params["format"] == "ndjson":
        ids = q.all_service_ids(get_session(), filters)
        return _ndjson(ids, lambda chunk: _services(chunk, params))
    cache = real_app().extensions.setdefault("api_service_order", {})
    page = q.service_page(
        get_session(), filters, params["page"], params["per_page"], cache
    )
    return _json(page.envelope(_services(page.ids, params)))


def _ndjson(ids: list[Any], make: Any) -> Response:
    def lines() -> Iterator[str]:
        for start in range(0, len(ids), BATCH):
            for item in make(ids[start : start + BATCH]):
                yield json.dumps(item, ensure_ascii=False) + "\n"

    return Response(stream_with_context(lines()), mimetype="application/x-ndjson")


@bp.get("/services/<sid>", strict_slashes=False)
def service(sid: str) -> Response:
    """One published service, fully nested."""
    session = get_session()
    if not q.is_published(session, sid[:36], hides_stale(real_app())):
        return _not_found()
    return _json(_services([sid[:36]], {"full": True})[0])


@bp.get("/service_at_locations", strict_slashes=False)
def service_at_locations() -> Response:
    """Published services at their locations, a page at a time."""
    params = read(request.args, "/service_at_locations")
    filters, session = _filters(params), get_session()

    def make(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
        full = bool(params["full"])
        found = [service_at_location_of(session, a, sid, full) for a, sid in pairs]
        return [item for item in found if item is not None]

    if params["format"] == "ndjson":
        every = q.service_at_location_page(session, filters, 1, EVERYTHING)
        return _ndjson(every.ids, make)
    page = q.service_at_location_page(
        session, filters, params["page"], params["per_page"]
    )
    return _json(page.envelope(make(page.ids)))


@bp.get("/service_at_locations/<sal_id>", strict_slashes=False)
def service_at_location(sal_id: str) -> Response:
    """One service at one location, fully nested."""
    hide = hides_stale(real_app())
    found = service_at_location_of(get_session(), sal_id[:36], None, True, hide)
    return _json(found) if found else _not_found()


@bp.get("/organizations", strict_slashes=False)
def organizations() -> Response:
    """Organisations with published services, a page at a time."""
    params = read(request.args, "/organizations")
    page, contents = organization_page(get_session(), params, hides_stale(real_app()))
    return _json(page.envelope(contents))


@bp.get("/organizations/<org_id>", strict_slashes=False)
def organization(org_id: str) -> Response:
    """One organisation with its published services."""
    params = read(request.args, "/organizations/{id}")
    found = organization_with_services(
        get_session(),
        org_id[:36],
        bool(params["full_service"]),
        hides_stale(real_app()),
    )
    return _json(found) if found else _not_found()


@bp.get("/taxonomies", strict_slashes=False)
def taxonomies() -> Response:
    """Taxonomies, a page at a time."""
    params = read(request.args, "/taxonomies")
    page, contents = taxonomy_page(get_session(), params)
    return _json(page.envelope(contents))


@bp.get("/taxonomies/<taxonomy_id>", strict_slashes=False)
def taxonomy(taxonomy_id: str) -> Response:
    """One taxonomy with its terms."""
    found = taxonomy_of(get_session(), taxonomy_id[:36])
    return _json(found) if found else _not_found()


@bp.get("/taxonomy_terms", strict_slashes=False)
def taxonomy_terms() -> Response:
    """Taxonomy terms, a page at a time."""
    params = read(request.args, "/taxonomy_terms")
    page, contents = term_page(get_session(), params)
    return _json(page.envelope(contents))


@bp.get("/taxonomy_terms/<term_id>", strict_slashes=False)
def taxonomy_term(term_id: str) -> Response:
    """One taxonomy term."""
    found = term_of(get_session(), term_id[:36])
    return _json(found) if found else _not_found()
