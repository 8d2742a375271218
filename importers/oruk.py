"""Open Referral UK 3.0 / HSDS 3.0 JSON: a local file, or a feed followed by page.

A file may hold one service, a list of services, or a page envelope. A feed URL is
the API base: ``/services`` is read page by page, and ``/services/{id}`` is fetched
for any list item that comes without its nested details.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from importers.http import fetch_json, new_session
from importers.normalise.package import normalise_service
from importers.records import Problem, ReadItem, SourceError

PER_PAGE = 500
MAX_PAGES = 100_000
DETAIL_KEYS = ("service_at_locations", "schedules", "contacts", "cost_options")
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
        raws = iter(items_from_document(_load_file(Path(location)), location))
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


def items_from_document(document: Any, where: str) -> list[Any]:
    """The service items in a JSON document: a page envelope, a list, or one."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if "id" in document and "contents" not in document:
            return [document]
    raise SourceError(
        "is not an ORUK 3.0 document (expected a page with 'contents', a list "
        "of services, or one service)",
        where,
    )


def _feed_items(
    base: str, session: requests.Session, progress: Progress | None
) -> Iterator[Any]:
    page, done = 1, 0
    while page <= MAX_PAGES:
        url = f"{base}/services?" + urlencode(
            {"page": page, "per_page": PER_PAGE, "full": "true"}
        )
        envelope = fetch_json(session, url)
        items = items_from_document(envelope, url)
        for raw in items:
            yield _full_item(base, session, raw)
        done += len(items)
        if progress:
            progress(done, _int(envelope.get("total_items")))
        if _is_last_page(envelope, page, items):
            return
        page += 1
    raise SourceError(f"has more than {MAX_PAGES} pages; stopped", base)


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
