"""The API's organisations, services at locations and taxonomies: found, paged
and shaped as Open Referral UK 3.0 objects (only what is published)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from directory_app import oruk_out as out
from directory_app.api_queries import (
    Filters,
    Page,
    changed_at,
    like_patterns,
    page_of,
    published,
)
from directory_app.models import (
    Organization,
    OrganizationIdentifier,
    ReviewState,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory_app.packages import load_packages


def _page(
    session: Session, query: Any, order: list[Any], params: dict[str, Any]
) -> Page:
    return page_of(session, query, order, params["page"], params["per_page"])


def _published_services(hide_stale: bool) -> Any:
    return (
        select(Service.id)
        .join(ReviewState, col(ReviewState.service_id) == col(Service.id), isouter=True)
        .where(*published(Filters(hide_stale=hide_stale)))
    )


def organization_page(
    session: Session, params: dict[str, Any], hide_stale: bool
) -> tuple[Page, list[dict[str, Any]]]:
    """A page of organisations that have published services."""
    query = select(Organization.id).where(
        exists(
            _published_services(hide_stale).where(
                col(Service.organization_id) == col(Organization.id)
            )
        )
    )
    for like in like_patterns(params.get("search") or ""):
        query = query.where(func.lower(Organization.name).like(like))
    page = _page(session, query, [col(Organization.name), col(Organization.id)], params)
    full, full_service = bool(params.get("full")), bool(params.get("full_service"))
    contents = [
        organization_with_services(
            session, oid, full_service, hide_stale, with_services=full or full_service
        )
        for oid in page.ids
    ]
    return page, [c for c in contents if c]


def organization_with_services(
    session: Session,
    org_id: str,
    full_service: bool,
    hide_stale: bool,
    *,
    with_services: bool = True,
) -> dict[str, Any] | None:
    """An organisation with its published services (one-to-one fields, or full)."""
    org = session.get(Organization, org_id)
    ids = list(
        session.exec(
            _published_services(hide_stale)
            .where(col(Service.organization_id) == org_id)
            .order_by(col(Service.name))
        ).all()
    )
    if org is None or not ids:
        return None
    identifiers = session.exec(
        select(OrganizationIdentifier).where(
            col(OrganizationIdentifier.organization_id) == org_id
        )
    ).all()
    found = out.organization(
        dict(
            org.model_dump(),
            organization_identifiers=[i.model_dump() for i in identifiers],
        )
    )
    assert found is not None
    if with_services:
        pkgs, changed = load_packages(session, ids), changed_at(session, ids)
        services = [
            out.service(pkgs[i], changed.get(i), full=full_service)
            for i in ids
            if i in pkgs
        ]
        for item in services:
            item.pop("organization", None)  # it is the one around them
        found["services"] = services
    return found


def service_at_location_of(
    session: Session, sal_id: str, sid: str | None, full: bool, hide_stale: bool = False
) -> dict[str, Any] | None:
    """One published service at one of its locations."""
    if sid is None:
        sal = session.get(ServiceAtLocation, sal_id)
        if sal is None:
            return None
        sid = sal.service_id
        if (
            session.exec(
                _published_services(hide_stale).where(col(Service.id) == sid)
            ).first()
            is None
        ):
            return None
    pkg = load_packages(session, [sid]).get(sid)
    match = next(
        (s for s in (pkg or {}).get("service_at_locations", []) if s["id"] == sal_id),
        None,
    )
    if pkg is None or match is None:
        return None
    return out.service_at_location(
        pkg, match, changed_at(session, [sid]).get(sid), full=full
    )


def taxonomy_page(
    session: Session, params: dict[str, Any]
) -> tuple[Page, list[dict[str, Any]]]:
    """A page of taxonomies."""
    query = select(Taxonomy)
    for like in like_patterns(params.get("search") or ""):
        query = query.where(func.lower(Taxonomy.name).like(like))
    page = _page(session, query, [col(Taxonomy.name), col(Taxonomy.id)], params)
    return page, [out.taxonomy(t.model_dump()) for t in page.ids]


def taxonomy_of(session: Session, taxonomy_id: str) -> dict[str, Any] | None:
    """One taxonomy with its terms."""
    found = session.get(Taxonomy, taxonomy_id)
    if found is None:
        return None
    terms = session.exec(
        select(TaxonomyTerm)
        .where(col(TaxonomyTerm.taxonomy_id) == taxonomy_id)
        .order_by(col(TaxonomyTerm.name))
    ).all()
    return {
        **out.taxonomy(found.model_dump()),
        "taxonomy_terms": [out.taxonomy_term(t.model_dump()) for t in terms],
    }


def term_page(
    session: Session, params: dict[str, Any]
) -> tuple[Page, list[dict[str, Any]]]:
    """A page of taxonomy terms, of one taxonomy or under one parent if asked."""
    query = select(TaxonomyTerm)
    if params.get("taxonomy_id"):
        query = query.where(col(TaxonomyTerm.taxonomy_id) == params["taxonomy_id"])
    if params.get("parent_id"):
        query = query.where(col(TaxonomyTerm.parent_id) == params["parent_id"])
    if params.get("top_only"):
        query = query.where(col(TaxonomyTerm.parent_id).is_(None))
    for like in like_patterns(params.get("search") or ""):
        query = query.where(func.lower(TaxonomyTerm.name).like(like))
    page = _page(session, query, [col(TaxonomyTerm.name), col(TaxonomyTerm.id)], params)
    return page, [out.taxonomy_term(t.model_dump()) for t in page.ids]


def term_of(session: Session, term_id: str) -> dict[str, Any] | None:
    """One taxonomy term."""
    found = session.get(TaxonomyTerm, term_id)
    return out.taxonomy_term(found.model_dump()) if found else None
