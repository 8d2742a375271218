"""The search index behind a small interface: replace, update, search.

Whoosh stays inside this package, so another engine could replace it without the
application changing. The index remembers the last change-log sequence number it has
applied (``seq``), so any number of readers can follow the store's change log.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import highlight, index
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.query import Every, Query
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

import search_index.whoosh_patches  # noqa: F401  (fixes Whoosh before use)
from search_index.geo import Point, distance_miles
from search_index.schema import SEARCH_FIELDS, make_schema

STATE_FILE = "directory-index.json"
# Big batches are analysed by two processes, one segment each (Whoosh's own pool).
PARALLEL: dict[str, Any] = {"procs": 2, "multisegment": True}
PARALLEL_FROM = 1000
INDEX_NAME = "services"


class IndexMissing(Exception):
    """There is no usable index at the path (never built, or unreadable)."""


@dataclass(frozen=True)
class SearchQuery:
    """What someone asked for."""

    text: str = ""
    point: Point | None = None
    radius_miles: float | None = None
    page: int = 1
    per_page: int = 10


@dataclass
class Hit:
    """One result: the stored fields, and its distance when a point was given."""

    fields: dict[str, Any]
    distance_miles: float | None = None
    snippet: str = ""


@dataclass
class SearchResults:
    """A page of hits, the total and the page numbers."""

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    suggestion: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """How many pages there are in all."""
        return max(1, -(-self.total // self.per_page))


class MarkFormatter(highlight.Formatter):
    """Matched words as plain ``<mark>`` elements (the rest HTML-escaped)."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        word = highlight.get_text(text, token, replace)
        return f"<mark>{highlight.htmlescape(word)}</mark>"


class SearchIndex:
    """An open index on disk (or in memory for tests)."""

    def __init__(self, storage: Storage, path: Path | None = None) -> None:
        self._storage = storage
        self._ix = storage.open_index(INDEX_NAME)
        self.path = path
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()
        self._ram_state: dict[str, Any] = {}

    @classmethod
    def create(cls, path: Path | None = None) -> SearchIndex:
        """Make a new empty index (in memory when ``path`` is None)."""
        if path is None:
            storage: Storage = RamStorage()
        else:
            path.mkdir(parents=True, exist_ok=True)
            storage = FileStorage(str(path))
        storage.create_index(make_schema(), indexname=INDEX_NAME)
        made = cls(storage, path)
        made.set_state(seq=0)
        return made

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open the index at ``path``; IndexMissing if there is none or it is broken."""
        try:
            if not index.exists_in(str(path), indexname=INDEX_NAME):
                raise IndexMissing(f"no index at {path}")
            opened = cls(FileStorage(str(path)), path)
            opened.doc_count()
        except IndexMissing:
            raise
        except Exception as exc:  # Whoosh raises many kinds on a damaged index
            raise IndexMissing(f"the index at {path} cannot be read: {exc!r}") from exc
        return opened

    def state(self) -> dict[str, Any]:
        """What the index knows of itself (``seq``: last change applied)."""
        if self.path is None:
            return dict(self._ram_state)
        try:
            return json.loads((self.path / STATE_FILE).read_text())
        except (OSError, ValueError):
            return {"seq": 0}

    def set_state(self, **values: Any) -> None:
        """Record state beside the index (written after the index commits)."""
        state = {**self.state(), **values}
        if self.path is None:
            self._ram_state = state
            return
        tmp = self.path / (STATE_FILE + ".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.path / STATE_FILE)

    def replace_all(self, documents: Iterable[dict[str, Any]]) -> int:
        """Drop every document and add these; returns how many were added."""
        writer = self._ix.writer(limitmb=256, **self._parallel(PARALLEL_FROM))
        count = 0
        try:
            for doc in documents:
                writer.add_document(**doc)
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)
        return count

    def update(
        self, service_ids: Iterable[str], documents: list[dict[str, Any]]
    ) -> None:
        """Replace the documents of these services with ``documents``."""
        options = self._parallel(len(documents))
        writer = self._ix.writer(timeout=30.0, limitmb=256, **options)
        try:
            for sid in service_ids:
                writer.delete_by_term("service_id", sid)
            for doc in documents:
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _parallel(self, count: int) -> dict[str, Any]:
        """Writer options: two processes for a big batch on disk (not in memory)."""
        return PARALLEL if self.path is not None and count >= PARALLEL_FROM else {}

    def searcher(self) -> Searcher:
        """A searcher kept open and refreshed when the index has changed."""
        with self._lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            else:
                self._searcher = self._searcher.refresh()
            return self._searcher

    def doc_count(self) -> int:
        """How many documents the index holds."""
        return self.searcher().doc_count()

    def service_ids(self) -> set[str]:
        """Every service id in the index."""
        reader = self.searcher().reader()
        return {fields["service_id"] for _, fields in reader.iter_docs()}

    def search(self, query: SearchQuery) -> SearchResults:
        """Find services: by relevance, or nearest first when a point is given."""
        searcher = self.searcher()
        parsed = self._parse(query.text)
        if query.point is None:
            return self._by_relevance(searcher, parsed, query)
        return self._by_distance(searcher, parsed, query)

    def _parse(self, text: str, group: Any = AndGroup) -> Query:
        if not text.strip():
            return Every()
        parser = MultifieldParser(SEARCH_FIELDS, self._ix.schema, group=group)
        return parser.parse(text)

    def _by_relevance(
        self, searcher: Searcher, parsed: Query, query: SearchQuery
    ) -> SearchResults:
        page = searcher.search_page(parsed, query.page, pagelen=query.per_page)
        if page.total == 0 and query.text.strip():
            parsed = self._parse(query.text, OrGroup)
            page = searcher.search_page(parsed, query.page, pagelen=query.per_page)
        page.results.formatter = MarkFormatter()
        hits = [
            Hit(dict(hit.fields()), snippet=hit.highlights("description"))
            for hit in page
        ]
        return SearchResults(hits, page.total, query.page, query.per_page)

    def _by_distance(
        self, searcher: Searcher, parsed: Query, query: SearchQuery
    ) -> SearchResults:
        assert query.point is not None
        results = searcher.search(parsed, limit=None)
        if results.is_empty() and query.text.strip():
            results = searcher.search(self._parse(query.text, OrGroup), limit=None)
        results.formatter = MarkFormatter()
        placed: list[tuple[float, Any]] = []
        for hit in results:
            lat, lon = hit.get("lat"), hit.get("lon")
            if lat is None or lon is None:
                continue
            miles = distance_miles(query.point, (lat, lon))
            if query.radius_miles is None or miles <= query.radius_miles:
                placed.append((miles, hit))
        placed.sort(key=lambda pair: pair[0])
        start = (query.page - 1) * query.per_page
        hits = [
            Hit(dict(hit.fields()), miles, hit.highlights("description"))
            for miles, hit in placed[start : start + query.per_page]
        ]
        return SearchResults(hits, len(placed), query.page, query.per_page)


def has_index(path: Path) -> bool:
    """Whether an index has been built at ``path``."""
    return index.exists_in(str(path), indexname=INDEX_NAME)


__all__ = [
    "Hit",
    "IndexMissing",
    "SearchIndex",
    "SearchQuery",
    "SearchResults",
    "has_index",
]
