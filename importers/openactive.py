"""OpenActive opportunity data: an RPDE feed followed page by page, or saved pages.

``location`` is a feed's first page URL, a file holding one RPDE page, or a folder of
page files read in name order. A page is ``{"items": [...], "next": URL}``; each item
is ``{"id", "kind", "state": "updated" | "deleted", "modified", "data"}``. Pages are
followed until one has no items (the last page's ``next`` points to itself).

What one directory service is
    One opportunity a resident would choose and come back to: a SessionSeries, a
    FacilityUse, an Event (or HeadlineEvent, OnDemandEvent), a CourseInstance. Its
    dated occurrences (ScheduledSessions, an Event's subEvents, a facility's Slots)
    are not services, so a feed of sessions does not fill the directory with one
    listing per date. Its schedules are its recurring rules (``eventSchedule``,
    ``hoursAvailable``) when it has any, which already say when the dated sessions
    are; else one dated entry per occurrence (the earliest 20), else its own dates.

    - A ScheduledSession, Slot, IndividualFacilityUse or Event that names its parent
      (``superEvent``, ``facilityUse``, ``aggregateFacilityUse``) is folded into that
      parent when the parent is an item of the same read.
    - Else, when the parent is embedded, the service is the parent (its fields first,
      the session's filling gaps), keyed by the parent's ``@id``: several sessions
      of one series make one service. (A deleted session of such a series cannot
      withdraw it; the directory's review cycle catches a series that has ended.)
    - Else a session with a name of its own is a service by itself, and one without
      is a Problem naming the parent it belongs to.
    - A Place or other non-opportunity item is a Problem, not a service.

Incremental reads (``INCREMENTAL = True``)
    ``state`` keeps where a read got to: ``{"feed": location, "next": URL}`` for a
    feed, ``{"feed": location, "after_file": name}`` for a folder. A read starts
    there when the saved ``feed`` is this location, and updates ``state`` page by
    page; the caller keeps it only when the run succeeds. A single file is always
    read whole. Within one read the last item with an id wins (RPDE order is by
    modified); a deleted item yields ``Deleted(id)``. No ``options`` are used.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from importers.http import fetch_json, new_session
from importers.normalise.package import normalise_service
from importers.normalise.text import clean_text
from importers.openactive_items import raw_service
from importers.openactive_values import as_list, kind_of, ref_of
from importers.records import Deleted, Problem, ReadItem, SourceError

INCREMENTAL = True
MAX_PAGES = 100_000
# Occurrence kinds, and the field that names the opportunity they belong to.
PARENT_LINKS = {
    "ScheduledSession": "superEvent",
    "Event": "superEvent",
    "Slot": "facilityUse",
    "IndividualFacilityUse": "aggregateFacilityUse",
}
NOT_OPPORTUNITIES = {"Place", "Organization", "Person", "Offer", "Concept"}
# Fields that describe one occurrence, never the service it belongs to.
OCCURRENCE_KEYS = frozenset(
    "@context @id id identifier @type type startDate endDate duration eventStatus"
    " subEvent event remainingAttendeeCapacity maximumAttendeeCapacity"
    " remainingUses maximumUses superEvent facilityUse aggregateFacilityUse".split()
)
Progress = Callable[[int, int | None], None]
Page = tuple[str, list[Any]]


@dataclass
class _Service:
    """One service being gathered: its opportunity and the occurrences folded in."""

    key: str
    data: dict[str, Any] = field(default_factory=dict)
    occurrences: list[dict[str, Any]] = field(default_factory=list)


def read(
    location: str,
    *,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    state: dict[str, Any] | None = None,
    session: requests.Session | None = None,
) -> Iterator[ReadItem]:
    """Yield a record, Problem or Deleted for every opportunity item at ``location``."""
    position = state if state is not None else {}
    if location.startswith(("http://", "https://")):
        pages = _feed_pages(location, position, session or new_session())
    elif Path(location).is_dir():
        pages = _folder_pages(Path(location), position)
    else:
        pages = iter([(location, rpde_items(_load(Path(location)), location))])
    latest, problems = _collect(pages, progress)
    yield from problems
    yield from _resolve(latest)


def rpde_items(document: Any, where: str) -> list[Any]:
    """The items of one RPDE page; a SourceError when it is not one."""
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise SourceError(
            "is not an RPDE page (expected an object with an 'items' list)", where
        )
    return document["items"]


def _load(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return json.load(handle)
    except OSError as exc:
        raise SourceError(f"cannot be opened ({exc.strerror})", str(path)) from exc
    except ValueError as exc:
        raise SourceError(f"is not valid JSON ({exc})", str(path)) from exc


def _resume(position: dict[str, Any], location: str, key: str) -> Any:
    """The saved position, if it was saved for this location."""
    return position.get(key) if position.get("feed") == location else None


def _feed_pages(
    first: str, position: dict[str, Any], session: requests.Session
) -> Iterator[Page]:
    url = _resume(position, first, "next") or first
    position["feed"] = first
    read_urls: set[str] = set()
    for _ in range(MAX_PAGES):
        page = fetch_json(session, url)
        items = rpde_items(page, url)
        following = clean_text(page.get("next"))
        if not items or following is None:
            position["next"] = url  # the end: poll here next time
            yield url, items
            return
        following = urljoin(url, following)
        yield url, items
        read_urls.add(url)
        if following in read_urls:
            raise SourceError(
                f"'next' leads back to {following}, a page already read, while "
                "pages still have items; stopped",
                url,
            )
        position["next"] = url = following
    raise SourceError(f"has more than {MAX_PAGES} pages; stopped", first)


def _folder_pages(folder: Path, position: dict[str, Any]) -> Iterator[Page]:
    where = str(folder)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())
    if not files:
        raise SourceError("holds no .json page files", where)
    after = _resume(position, where, "after_file")
    position["feed"] = where
    for path in files:
        if after is None or path.name > after:
            yield str(path), rpde_items(_load(path), str(path))
            position["after_file"] = path.name


def _collect(
    pages: Iterable[Page], progress: Progress | None
) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The last item read for each id, in the order last seen; items with no id."""
    latest: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    done = 0
    for where, items in pages:
        for item in items:
            item_id = clean_text(item.get("id")) if isinstance(item, dict) else None
            if item_id is None:
                problems.append(Problem(None, f"has no id (in {where})", "id"))
                continue
            latest.pop(item_id, None)
            latest[item_id] = item
        done += len(items)
        if progress:
            progress(done, None)
    return latest, problems


def _parent_link(data: dict[str, Any]) -> tuple[str, Any] | None:
    key = PARENT_LINKS.get(kind_of(data))
    value = data.get(key) if key else None
    return (key, value) if key and value else None


def _parents(latest: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Opportunities in this read by their data's '@id', to fold occurrences into."""
    found = {}
    for item_id, item in latest.items():
        data = item.get("data")
        if item.get("state") != "deleted" and isinstance(data, dict):
            ref = ref_of(data)
            standalone = _parent_link(data) is None
            if ref and standalone and kind_of(data) not in NOT_OPPORTUNITIES:
                found[ref] = item_id
    return found


def _resolve(latest: dict[str, dict[str, Any]]) -> Iterator[ReadItem]:
    parents = _parents(latest)
    services: dict[str, _Service] = {}
    order: list[ReadItem | str] = []
    for item_id, item in latest.items():
        outcome = _place(item_id, item, parents, services)
        if outcome is not None:
            order.append(outcome)
    for entry in order:
        if isinstance(entry, str):
            service = services[entry]
            yield normalise_service(
                raw_service(service.key, service.data, service.occurrences)
            )
        else:
            yield entry


def _place(
    item_id: str,
    item: dict[str, Any],
    parents: dict[str, str],
    services: dict[str, _Service],
) -> ReadItem | str | None:
    """Where one item goes: a deletion, a problem, a new service, or folded in."""
    if item.get("state") == "deleted":
        return Deleted(item_id)
    data = item.get("data")
    if not isinstance(data, dict) or not data:
        return Problem(item_id, "has no data", "data")
    kind = kind_of(data)
    if kind in NOT_OPPORTUNITIES:
        return Problem(item_id, f"is a {kind}, not an activity; left out", "kind")
    link = _parent_link(data)
    if link is None:
        return _gather(services, item_id, data, _occurrences(data))
    return _fold(item_id, data, link, parents, services)


def _fold(
    item_id: str,
    data: dict[str, Any],
    link: tuple[str, Any],
    parents: dict[str, str],
    services: dict[str, _Service],
) -> ReadItem | str | None:
    """An occurrence: into its parent in this read, else its embedded parent."""
    key, parent = link
    parent_ref = ref_of(parent)
    dated = [data, *_occurrences(data)]
    if parent_ref in parents:
        into = services.setdefault(parents[parent_ref], _Service(parents[parent_ref]))
        into.occurrences += dated
        return None
    if isinstance(parent, dict):
        merged = {k: v for k, v in data.items() if k not in OCCURRENCE_KEYS}
        return _gather(services, parent_ref or item_id, merged | parent, dated)
    if data.get("name"):
        return _gather(services, item_id, data, dated)
    return Problem(item_id, f"belongs to {parent_ref}, which is not in this read", key)


def _gather(
    services: dict[str, _Service],
    key: str,
    data: dict[str, Any],
    occurrences: list[dict[str, Any]],
) -> str | None:
    """Set a service's opportunity (the last wins); its key when it is new."""
    new = key not in services or not services[key].data
    service = services.setdefault(key, _Service(key))
    service.data = data
    service.occurrences += occurrences
    return key if new else None


def _occurrences(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Dated occurrences nested in an opportunity: subEvents, slots, IFU slots."""
    found = [
        o
        for key in ("subEvent", "event")
        for o in as_list(data.get(key))
        if isinstance(o, dict)
    ]
    for facility in as_list(data.get("individualFacilityUse")):
        if isinstance(facility, dict):
            found += _occurrences(facility)
    return found
