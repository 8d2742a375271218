"""Residents: search and read listings, no account, no JavaScript needed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    render_template,
    request,
    url_for,
)
from sqlmodel import col, select

from directory_app import present
from directory_app.db import get_session, real_app
from directory_app.indexing import HIDDEN_STATUSES, get_index, hides_stale, is_listed
from directory_app.models import ReviewState, Service, Source, SourceRecord
from directory_app.packages import load_packages
from directory_app.postcodes import Place, PostcodeError, lookup
from directory_app.search_log import log_search
from directory_app.web import structured
from directory_app.web.filters import (
    RADII,
    choices,
    link_args,
    read_filters,
    today_number,
)
from directory_app.web.forms import SaveForm
from importers.normalise.categories import vocabularies
from search_index import IndexMissing, SearchQuery, SearchResults

bp = Blueprint("public", __name__)
MAX_PAGE = 1000


@bp.get("/")
def home() -> str:
    """The home page: a search box, a postcode box and the categories to browse."""
    return render_template(
        "public/home.html", categories=vocabularies()["directory-category"]["terms"]
    )


@bp.get("/search")
def search() -> tuple[str, int]:
    """Results for keywords, a postcode and filters; nearest first with a postcode."""
    context, status = run_search()
    return render_template("public/search.html", **context), status


def run_search() -> tuple[dict[str, Any], int]:
    """The search the request asks for: what the results template needs, and the
    status (the professional search shows the same, with more)."""
    args = request.args
    text = args.get("q", "").strip()[:200]
    postcode = args.get("postcode", "").strip()[:16]
    page = min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    chosen = read_filters(args)
    place, error = _place(postcode)
    context: dict[str, Any] = {
        "q": text,
        "postcode": postcode,
        "place": place,
        "postcode_error": error,
        "filters": chosen,
        "choices": choices(),
        "results": None,
    }
    if error or chosen.errors:
        return context, 200
    query = SearchQuery(
        text=text,
        point=place.point if place else None,
        radius_miles=chosen.radius if place else None,
        district=place.district if place else None,
        page=page,
        per_page=current_app.config["RESULTS_PER_PAGE"],
        filters=chosen.chosen,
        switches=frozenset(chosen.switches),
        accessibility=tuple(chosen.accessibility),
        age=chosen.age,
        today=today_number(),
    )
    try:
        context["results"] = get_index(current_app).search(query)
    except IndexMissing:
        return context | {"index_missing": True}, 503
    if page == 1:
        found = context["results"]
        total = found.total + len(found.elsewhere)
        log_search(real_app(), text, place.district if place else "", total)
    return context, 200


def _place(postcode: str) -> tuple[Place | None, str | None]:
    if not postcode:
        return None, None
    try:
        return lookup(get_session(), postcode), None
    except PostcodeError as exc:
        return None, str(exc)


@bp.get("/services/<service_id>")
def service_detail(service_id: str) -> str | tuple[str, int]:
    """One service: what, who for, when, where, cost, how to join, contacts."""
    context = service_context(service_id)
    if context.get("withdrawn"):
        return render_template("public/withdrawn.html", service=context["service"]), 410
    return render_template("public/service.html", **context)


def service_context(service_id: str) -> dict[str, Any]:
    """What a service page shows (404 if there is no such service)."""
    session = get_session()
    pkg = load_packages(session, [service_id[:36]]).get(service_id)
    if pkg is None:
        abort(404)
    review = session.get(ReviewState, service_id)
    ended = pkg.get("status") in HIDDEN_STATUSES
    if ended or not is_listed(pkg, review, hides_stale(real_app())):
        return {"service": pkg, "withdrawn": True}
    today = datetime.now(UTC).date()
    url = url_for("public.service_detail", service_id=service_id, _external=True)
    tiles = current_app.config.get("MAP_TILES_URL")
    return {
        "service": pkg,
        "review": review,
        "today": today,
        "sources": _sources_of(service_id),
        "json_ld": structured.json_ld(pkg, url),
        "next_dates": structured.next_dates(pkg.get("schedules", []), today),
        "maps": [
            structured.map_tile(sal["location"], tiles)
            for sal in pkg.get("service_at_locations", [])
        ],
        "directions": structured.directions_url,
        "save_form": SaveForm(service_id=service_id, action="add", next=request.path),
        "saved": service_id in saved_ids_of(request.cookies.get("saved", "")),
    }


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every published listing's page, for search engines."""
    session = get_session()
    withdrawn = select(ReviewState.service_id).where(
        col(ReviewState.withdrawn_at).is_not(None)
    )
    ids = session.exec(
        select(Service.id)
        .where(col(Service.id).not_in(withdrawn))
        .where(col(Service.status).not_in(HIDDEN_STATUSES))
        .order_by(col(Service.id))
    ).all()
    xml = render_template("public/sitemap.xml", ids=ids)
    return Response(xml, mimetype="application/xml")


def _sources_of(service_id: str) -> list[dict[str, Any]]:
    query = (
        select(Source.name, Source.title, Source.one_off, SourceRecord.last_seen)
        .join(SourceRecord, col(SourceRecord.source_id) == col(Source.id))
        .where(col(SourceRecord.service_id) == service_id)
    )
    rows = get_session().exec(query).all()
    return [
        {
            "name": title
            or ("a file imported by directory staff" if one_off else name),
            "last_seen": last_seen,
        }
        for name, title, one_off, last_seen in rows
    ]


def saved_ids_of(cookie: str) -> list[str]:
    """The service ids kept in the saved-list cookie."""
    from directory_app.web.saved import parse_ids

    return parse_ids(cookie)


def page_url(page: int) -> str:
    """This search again, on another page, with every filter kept."""
    query = urlencode(list(link_args(request.args, page=page).items(multi=True)))
    return f"{url_for(request.endpoint or 'public.search')}?{query}"


def page_numbers(results: SearchResults) -> list[int]:
    """The page links to show: a window around the current page."""
    first = max(1, results.page - 3)
    last = min(results.pages, results.page + 3)
    return list(range(first, last + 1))


def register_template_helpers(app: Flask) -> None:
    """Make the plain-English helpers and site settings available to templates."""
    app.jinja_env.globals.update(
        describe_schedule=present.describe_schedule,
        cost_summary=present.cost_summary,
        age_summary=present.age_summary,
        terms_of=present.terms_of,
        address_line=present.address_line,
        page_numbers=page_numbers,
        page_url=page_url,
        radii=RADII,
        accessibility_options=vocabularies()["directory-accessibility"]["terms"],
    )

    @app.context_processor
    def site() -> dict[str, Any]:
        return {
            "site_name": app.config["SITE_NAME"],
            "saved_count": len(saved_ids_of(request.cookies.get("saved", ""))),
        }
