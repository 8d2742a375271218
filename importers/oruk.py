"""Open Referral UK JSON, 3.0 or 1.0: a local file, or a feed followed by page.

A file may hold one service, a list of services, or a page envelope. A feed URL is
the API base: ``/services`` is read page by page, and ``/services/{id}`` is fetched
for any list item that comes without its nested details.

The version is found, not configured. A feed's ``GET /`` may say it
(``{"version": "HSDS-UK-1.0"}``); otherwise the first page's envelope does: 1.0 pages
hold ``content`` (``totalElements``, ``totalPages``, ``number``, ``first``, ``last``),
3.0 pages ``contents`` (``total_items``, ``total_pages``, ``page_number``...). In a
file, a ``content`` envelope is 1.0, and so is any item with 1.0 names
(``regular_schedules``...). ORUK 1.0 items are reshaped by ``importers.oruk_v1``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from importers import oruk_v1
from importers.http import fetch_json, new_session
from importers.normalise.package import normalise_service
from importers.records import Problem, ReadItem, SourceError

PER_PAGE = 500
MAX_PAGES = 100_000
# A list item with any of these is a full record (3.0 names, then 1.0 ones).
DETAIL_KEYS = (
    "service_at_locations",
    "schedules",
    "contacts",
    "cost_options",
    "regular_schedules",
    "eligibilitys",
    "service_taxonomys",
)
Progress = Callable[[int, int | None], None]


def read(
    location: str,
    *,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    state: dict[str, Any] | None = None,
    session: requests.Session | None = None,
) -> Iterator[ReadItem]:
    """Yield a normalised record or a Problem for every service at ``location``."""
    if location.startswith(("http://", "https://")):
        raws = _feed_items(location.rstrip("/"), session or new_session(), progress)
    else:
        raws = _file_items(_load_file(Path(location)), location)
    seen: set[str] = set()
    for raw in raws:
        item = raw if isinstance(raw, Problem) else normalise_service(raw)
        if isinstance(item, Problem):
            yield item
        elif item.external_id in seen:
            yield Problem(item.external_id, "appears twice in the source", "id")
        else:
            seen.add(item.external_id)
            yield item


def _load_file(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return json.load(handle)
    except OSError as exc:
        raise SourceError(f"cannot be opened ({exc.strerror})", str(path)) from exc
    except ValueError as exc:
        raise SourceError(f"is not valid JSON ({exc})", str(path)) from exc


def _file_items(document: Any, where: str) -> Iterator[Any]:
    v1 = oruk_v1.is_v1_page(document)
    for item in items_from_document(document, where):
        yield oruk_v1.to_hsds3(item) if v1 or oruk_v1.looks_v1(item) else item


def items_from_document(document: Any, where: str) -> list[Any]:
    """The service items in a JSON document: a page envelope, a list, or one."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if oruk_v1.is_v1_page(document):
            return document["content"]
        if "id" in document and not {"contents", "content"} & document.keys():
            return [document]
    raise SourceError(
        "is not an ORUK 3.0 document, nor an ORUK 1.0 one (expected a page with "
        "'contents' or 'content', a list of services, or one service)",
        where,
    )


def _feed_items(
    base: str, session: requests.Session, progress: Progress | None
) -> Iterator[Any]:
    done = 0
    for items, envelope, v1 in _pages(base, session, _root_version(base, session)):
        for raw in items:
            item = _full_item(base, session, raw)
            yield oruk_v1.to_hsds3(item) if v1 and isinstance(item, dict) else item
        done += len(items)
        if progress:
            total = envelope.get("total_items", envelope.get("totalElements"))
            progress(done, _int(total))


def _pages(
    base: str, session: requests.Session, version: str | None
) -> Iterator[tuple[list[Any], dict[str, Any], bool]]:
    """Each page's items and envelope, and whether the feed is ORUK 1.0."""
    page, envelope = 1, fetch_json(session, _page_url(base, 1))
    v1 = version == "1" or (version is None and oruk_v1.is_v1_page(envelope))
    if v1 and oruk_v1.answered_second_page(envelope):
        page, envelope = 0, fetch_json(session, _page_url(base, 0))
    for pages_read in range(1, MAX_PAGES + 1):
        url = _page_url(base, page)
        items = items_from_document(envelope, url)
        yield items, envelope, v1
        if v1 and oruk_v1.is_last_page(envelope, pages_read, items):
            return
        if not v1 and _is_last_page(envelope, page, items):
            return
        page += 1
        envelope = fetch_json(session, _page_url(base, page))
    raise SourceError(f"has more than {MAX_PAGES} pages; stopped", base)


def _page_url(base: str, page: int) -> str:
    query = {"page": page, "per_page": PER_PAGE, "full": "true"}
    return f"{base}/services?" + urlencode(query)


def _root_version(base: str, session: requests.Session) -> str | None:
    """The ORUK major version the feed's ``GET /`` states, if it states one."""
    try:
        return oruk_v1.feed_version(fetch_json(session, f"{base}/"))
    except SourceError as exc:
        if isinstance(exc.__cause__, requests.ConnectionError | requests.Timeout):
            raise
        return None  # no root document: the first page's envelope will tell


def _full_item(base: str, session: requests.Session, raw: Any) -> Any:
    """The item in full; a Problem when the feed has no record behind a list item."""
    if not isinstance(raw, dict) or not raw.get("id"):
        return raw
    if any(key in raw for key in DETAIL_KEYS):
        return raw
    url = f"{base}/services/{raw['id']}"
    try:
        return fetch_json(session, url)
    except SourceError as exc:
        if exc.status != 404:
            raise
        return Problem(str(raw["id"]), f"is listed but {url} answered HTTP 404")


def _is_last_page(envelope: dict[str, Any], page: int, items: list[Any]) -> bool:
    if not items or envelope.get("last_page") is True or envelope.get("empty"):
        return True
    total_pages = _int(envelope.get("total_pages"))
    return total_pages is not None and page >= total_pages


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
