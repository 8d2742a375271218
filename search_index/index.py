"""The search index behind a small interface: replace, update, search.

Whoosh stays inside this package, so another engine could replace it without the
application changing. The index remembers the last change-log sequence number it has
applied (``seq``), so any number of readers can follow the store's change log.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.query import Query
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

import search_index.whoosh_patches  # noqa: F401  (fixes Whoosh before use)
from search_index.query import DocSets, SearchQuery
from search_index.schema import make_schema, same_schema
from search_index.searching import Hit, Search, SearchResults
from search_index.snippets import Snippets
from search_index.words import Speller, count_words

STATE_FILE = "directory-index.json"
LEXICON_FILE = "lexicon.json"  # words of names and descriptions, for spelling
# Big batches are analysed by two processes, one segment each (Whoosh's own pool).
PARALLEL: dict[str, Any] = {"procs": 2, "multisegment": True}
PARALLEL_FROM = 1000
INDEX_NAME = "services"


class IndexMissing(Exception):
    """There is no usable index at the path (never built, or unreadable)."""


class SearchIndex:
    """An open index on disk (or in memory for tests)."""

    def __init__(self, storage: Storage, path: Path | None = None) -> None:
        self._storage = storage
        self._ix = storage.open_index(INDEX_NAME)
        self.path = path
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()
        self._ram_state: dict[str, Any] = {}
        self._sets: DocSets | None = None
        self._lexicon: Counter[str] | None = None
        self._speller: Speller | None = None
        self.synonyms: dict[str, list[str]] = {}
        self._snippets: Snippets | None = None
        self._parsed: OrderedDict[tuple[str, Any, bool], Query] = OrderedDict()

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
            if not same_schema(opened._ix.schema):
                raise IndexMissing(
                    f"the index at {path} was built by an older version: rebuild it"
                )
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
        count, words = 0, Counter[str]()
        try:
            for doc in documents:
                writer.add_document(**derived(doc))
                words.update(
                    count_words([doc.get("name", ""), doc.get("description", "")])
                )
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)
        self._save_lexicon(words)
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
                writer.add_document(**derived(doc))
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
        searcher, sets = self._current()
        if self._snippets is None:
            self._snippets = Snippets(searcher.schema["description"].analyzer)
        search = Search(
            searcher, sets, self.synonyms, self.speller(), self._parsed, self._snippets
        )
        return search.run(query)

    def warm(self) -> None:
        """Read now what every search needs (field lengths, filters, places), so
        that a web worker's first searches are as quick as the rest."""
        self._current()[1].warm()
        self.speller()

    def prime(self, texts: Iterable[str]) -> None:
        """Read the postings and phrases of some searches ahead of time (kept per
        segment for this process, and for the processes it forks)."""
        searcher, sets = self._current()
        search = Search(searcher, sets, self.synonyms, None, self._parsed)
        for text in texts:
            search.scorer.matches(search.parse(text))

    def close(self) -> None:
        """Close the searcher (what was read into memory per segment is kept)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._sets = None, None

    def _current(self) -> tuple[Searcher, DocSets]:
        searcher = self.searcher()
        with self._lock:
            if self._sets is None or self._sets.searcher is not searcher:
                self._sets = DocSets(searcher)
            return searcher, self._sets

    def speller(self) -> Speller | None:
        """The spelling corrector, from the words counted when the index was built."""
        if self._speller is None and self._lexicon is not None:
            self._speller = Speller(self._lexicon, self.synonyms)
        if self._speller is None and self.path is not None:
            try:
                counts = json.loads((self.path / LEXICON_FILE).read_text())
            except (OSError, ValueError):
                return None
            self._speller = Speller(Counter(counts), self.synonyms)
        return self._speller

    def _save_lexicon(self, counts: Counter[str]) -> None:
        self._lexicon, self._speller = counts, None
        if self.path is not None:
            tmp = self.path / (LEXICON_FILE + ".tmp")
            tmp.write_text(json.dumps(dict(counts)))
            tmp.replace(self.path / LEXICON_FILE)


def derived(doc: dict[str, Any]) -> dict[str, Any]:
    """A document with the fields the index works out for itself (its place)."""
    if doc.get("lat") is None or doc.get("lon") is None:
        return doc
    return doc | {
        "placed": True,
        "lat_e6": round(doc["lat"] * 1e6),
        "lon_e6": round(doc["lon"] * 1e6),
    }


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
