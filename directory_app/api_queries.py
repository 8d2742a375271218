"""What the Open Referral UK API may show, found with the standard's filters.

Only published listings: not withdrawn, not defunct or inactive, and not stale
where the directory hides stale listings; their organisations and terms. Every
list is ordered by name then id, so pages are stable.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_
from sqlmodel import Session, col, select

from directory_app.documents import area_districts
from directory_app.indexing import HIDDEN_STATUSES
from directory_app.models import (
    Attribute,
    ChangeLog,
    Location,
    Organization,
    OrganizationIdentifier,
    ReviewState,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

EARTH_METRES = 6_371_000
ORDER_SECONDS = 60


@dataclass
class Filters:
    """The standard's query parameters, checked."""

    search: str = ""
    organization_id: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    modified_after: datetime | None = None
    hide_stale: bool = False
    near: tuple[float, float, float] | None = None  # latitude, longitude, metres
    district: str | None = None
    words: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = [w.lower() for w in self.search.split()][:10]

    @property
    def unfiltered(self) -> bool:
        """Whether this asks for every published service."""
        chosen = (self.organization_id, self.taxonomy_term_id, self.taxonomy_id)
        return not (self.words or any(chosen) or self.modified_after or self.near)


def published(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions on Service (joined to ReviewState) for what the API may show."""
    found: list[ColumnElement[bool]] = [
        col(Service.status).not_in(HIDDEN_STATUSES),
        col(ReviewState.withdrawn_at).is_(None),
    ]
    if filters.hide_stale:
        found.append(col(ReviewState.stale_since).is_(None))
    for like in like_patterns(filters.search):
        found.append(
            or_(
                func.lower(Service.name).like(like),
                func.lower(Service.description).like(like),
            )
        )
    if filters.organization_id:
        found.append(col(Service.organization_id) == filters.organization_id)
    if filters.taxonomy_term_id:
        found.append(
            exists().where(
                col(Attribute.link_id) == col(Service.id),
                col(Attribute.taxonomy_term_id) == filters.taxonomy_term_id,
            )
        )
    if filters.taxonomy_id:
        found.append(
            exists().where(
                col(Attribute.link_id) == col(Service.id),
                col(Attribute.taxonomy_term_id) == col(TaxonomyTerm.id),
                col(TaxonomyTerm.taxonomy_id) == filters.taxonomy_id,
            )
        )
    if filters.modified_after:
        found.append(col(ReviewState.changed_at) >= filters.modified_after)
    return found


def _services(query: Any, filters: Filters) -> Any:
    return query.join(
        ReviewState, col(ReviewState.service_id) == col(Service.id), isouter=True
    ).where(*published(filters))


@dataclass
class Page:
    """One page of ids, and the numbers the standard's envelope needs."""

    ids: list[Any]
    total: int
    number: int
    size: int

    def envelope(self, contents: list[Any]) -> dict[str, Any]:
        """The ORUK 3.0 page envelope around ``contents``."""
        pages = max(1, math.ceil(self.total / self.size))
        return {
            "total_items": self.total,
            "total_pages": pages,
            "page_number": self.number,
            "size": len(contents),
            "first_page": self.number == 1,
            "last_page": self.number >= pages,
            "empty": not contents,
            "contents": contents,
        }


def like_patterns(words: str) -> list[str]:
    """LIKE patterns for up to ten typed words (their own % and _ taken out)."""
    cleaned = (w.lower().replace("%", "").replace("_", "") for w in words.split())
    return [f"%{w}%" for w in cleaned][:10]


def page_of(
    session: Session, query: Any, order: list[Any], number: int, size: int
) -> Page:
    """Page ``number`` of ``query`` in ``order``, with the total."""
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar()
    rows = session.exec(
        query.order_by(*order).offset((number - 1) * size).limit(size)
    ).all()
    return Page(list(rows), int(total or 0), number, size)


def service_page(
    session: Session,
    filters: Filters,
    number: int,
    size: int,
    cache: dict[str, Any] | None = None,
) -> Page:
    """A page of published services' ids.

    Unfiltered (what a system following the directory asks for, page after
    page), the whole order is kept in ``cache`` until the change log moves on, so
    a page is a slice rather than a count and a sort of every service.
    """
    if cache is not None and filters.unfiltered:
        ids = _ordered_ids(session, filters, cache)
        return Page(ids[(number - 1) * size : number * size], len(ids), number, size)
    query = _services(select(Service.id), filters)
    return page_of(session, query, [col(Service.name), col(Service.id)], number, size)


def _ordered_ids(
    session: Session, filters: Filters, cache: dict[str, Any]
) -> list[str]:
    seq = session.execute(select(func.max(col(ChangeLog.seq)))).scalar() or 0
    key = (seq, filters.hide_stale)
    # also at most a minute old: on PostgreSQL a change can commit after a later one
    if cache.get("key") != key or time.monotonic() - cache.get("at", 0) > ORDER_SECONDS:
        cache["ids"] = all_service_ids(session, filters)
        cache["key"], cache["at"] = key, time.monotonic()
    ids: list[str] = cache["ids"]
    return ids


def one_to_one(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Services' own fields and their organisations (what a list shows), by id."""
    if not ids:
        return {}
    services = {
        s.id: s.model_dump()
        for s in session.exec(select(Service).where(col(Service.id).in_(ids)))
    }
    org_ids = {s["organization_id"] for s in services.values() if s["organization_id"]}
    orgs = {
        o.id: o.model_dump()
        for o in session.exec(
            select(Organization).where(col(Organization.id).in_(org_ids))
        )
    }
    idents: dict[str, list[dict[str, Any]]] = {}
    for ident in session.exec(
        select(OrganizationIdentifier).where(
            col(OrganizationIdentifier.organization_id).in_(org_ids)
        )
    ):
        idents.setdefault(ident.organization_id, []).append(ident.model_dump())
    for service in services.values():
        org = orgs.get(service["organization_id"] or "")
        service["organization"] = (
            dict(org, organization_identifiers=idents.get(org["id"], []))
            if org
            else None
        )
    return services


def all_service_ids(session: Session, filters: Filters) -> list[str]:
    """Every published service's id (for streaming as NDJSON)."""
    query = _services(select(Service.id), filters).order_by(
        col(Service.name), col(Service.id)
    )
    return list(session.exec(query).all())


def changed_at(session: Session, ids: list[str]) -> dict[str, datetime | None]:
    """When each of these listings last changed."""
    rows = session.exec(
        select(ReviewState.service_id, ReviewState.changed_at).where(
            col(ReviewState.service_id).in_(ids)
        )
    )
    return dict(rows.all())


def is_published(session: Session, sid: str, hide_stale: bool) -> bool:
    """Whether one service may be shown."""
    query = _services(select(Service.id), Filters(hide_stale=hide_stale)).where(
        col(Service.id) == sid
    )
    return session.exec(query).first() is not None


def service_at_location_page(
    session: Session, filters: Filters, number: int, size: int
) -> Page:
    """A page of published (service-at-location id, service id) pairs; near a
    place, within a distance of it; for a postcode, only services whose areas
    cover it (or that name no area)."""
    query = _services(
        select(
            ServiceAtLocation.id,
            ServiceAtLocation.service_id,
            col(Location.latitude),
            col(Location.longitude),
        )
        .join(Service, col(Service.id) == col(ServiceAtLocation.service_id))
        .join(Location, col(Location.id) == col(ServiceAtLocation.location_id)),
        filters,
    )
    if filters.near is None and filters.district is None:
        page = page_of(
            session, query, [col(Service.name), col(ServiceAtLocation.id)], number, size
        )
        page.ids = [(row[0], row[1]) for row in page.ids]
        return page
    if filters.near is not None:
        query = query.where(*_box(*filters.near))
    rows = session.execute(
        query.order_by(col(Service.name), col(ServiceAtLocation.id))
    ).all()
    keep = _covering(session, filters.district) if filters.district else None
    inside = [
        (row[0], row[1])
        for row in rows
        if (
            filters.near is None
            or _metres(filters.near, row[2], row[3]) <= filters.near[2]
        )
        and (keep is None or keep(row[1]))
    ]
    return Page(inside[(number - 1) * size : number * size], len(inside), number, size)


def _covering(session: Session, district: str) -> Any:
    """A test: does a service cover this postcode district, or name no area?"""
    table = area_districts()
    named: dict[str, set[str]] = {}
    for sid, name in session.exec(
        select(ServiceArea.service_id, ServiceArea.name)
    ).all():
        named.setdefault(sid, set()).update(table.get((name or "").strip().lower(), []))
    return lambda sid: sid not in named or district in named[sid]


def _box(lat: float, lon: float, metres: float) -> list[ColumnElement[bool]]:
    dlat = math.degrees(metres / EARTH_METRES)
    dlon = dlat / max(0.01, math.cos(math.radians(lat)))
    return [
        and_(
            col(Location.latitude) >= lat - dlat, col(Location.latitude) <= lat + dlat
        ),
        and_(
            col(Location.longitude) >= lon - dlon, col(Location.longitude) <= lon + dlon
        ),
    ]


def _metres(
    near: tuple[float, float, float], lat: float | None, lon: float | None
) -> float:
    if lat is None or lon is None:
        return math.inf
    p1, p2 = math.radians(near[0]), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - near[1])
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_METRES * math.asin(math.sqrt(a))
