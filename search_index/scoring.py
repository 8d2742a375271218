"""Scoring a parsed query over one searcher, as arrays over the whole index.

Whoosh parses, analyses, stores and writes the index; answering a query through its
matchers costs several Python calls per posting at every level of the query tree,
and a resident's query with its synonyms is a tree of dozens of terms over four
fields. Here each term's posting list is read once per searcher, block by block,
scored with Whoosh's own BM25F formula and kept (bounded). A query is then a few
NumPy operations per node over arrays as long as the index: which documents match,
and their scores. Phrases (quoted words and two-word synonyms) are checked on the
documents that have all their words, from the words' positions.

Filters are boolean arrays too, so the count beside every filter option, the
distance to every listing and the best page are each one pass in C.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    Not,
    Or,
    Phrase,
    Query,
    Require,
    Term,
)
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length, length_to_byte

Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ids = npt.NDArray[np.int64]
POSTINGS_KEPT = 4_000_000  # postings kept per searcher (16 bytes each) for reuse
B, K1 = BM25F().B, BM25F().K1  # Whoosh's BM25F defaults (0.75, 1.2)
PHRASES_KEPT = 2_000  # phrases' documents kept per segment
LENGTHS_KEPT = 400  # segments' field lengths kept (a field of a segment each)
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass
class Matches:
    """Which documents match (``found``) and their scores (0 where not found)."""

    found: Mask
    score: Floats

    def __bool__(self) -> bool:
        return bool(self.found.any())

    def count(self) -> int:
        """How many documents match."""
        return int(np.count_nonzero(self.found))

    def docnums(self) -> Ids:
        """The matching documents, in order."""
        return np.flatnonzero(self.found)


class Scorer:
    """Matches and scores for the queries run against one searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.leaves = list(searcher.reader().leaf_readers())
        self.size = searcher.doc_count_all()
        self._live: Mask | None = None
        self._lengths: dict[str, npt.NDArray[np.uint8]] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[Ids, Floats]] = OrderedDict()
        self._kept = 0
        self._lock = threading.Lock()
        self._phrases: dict[str, Ids] = {}
        self._phrase_matches: dict[tuple[Any, ...], tuple[Ids, Floats]] = {}

    def none(self) -> Matches:
        """No documents."""
        return Matches(np.zeros(self.size, bool), np.zeros(self.size))

    def live(self) -> Mask:
        """Every document not deleted."""
        if self._live is None:
            live = np.ones(self.size, bool)
            for reader, base in self.leaves:
                if reader.has_deletions():
                    live[base + np.fromiter(_deleted_docs(reader), np.int64)] = False
            self._live = live
        return self._live

    # Whole queries

    def matches(self, query: Query) -> Matches:
        """The documents matching a query and their scores."""
        found = self._matches(query)
        boost = getattr(query, "boost", 1.0)
        if boost != 1.0:
            return Matches(found.found, found.score * boost)
        return found

    def _matches(self, query: Query) -> Matches:
        if isinstance(query, Term):
            return self._sparse([self.postings(query.fieldname, query.text)])
        if isinstance(query, Phrase):
            return self._phrase(query)
        if isinstance(query, Every):
            return Matches(self.live().copy(), self.live().astype(np.float64))
        if isinstance(query, Or):
            return self._any(query.subqueries)
        if isinstance(query, And):
            return self._all([self.matches(q) for q in query.subqueries])
        if isinstance(query, AndNot):
            wanted, unwanted = self.matches(query.a), self.matches(query.b)
            found = wanted.found & ~unwanted.found
            return Matches(found, np.where(found, wanted.score, 0.0))
        if isinstance(query, AndMaybe):
            wanted, maybe = self.matches(query.a), self.matches(query.b)
            score = wanted.score + np.where(wanted.found, maybe.score, 0.0)
            return Matches(wanted.found, score)
        if isinstance(query, Require):
            wanted, needed = self.matches(query.a), self.matches(query.b)
            found = wanted.found & needed.found
            return Matches(found, np.where(found, wanted.score, 0.0))
        if isinstance(query, Not):
            found = self.live() & ~self.matches(query.query).found
            return Matches(found, found.astype(np.float64))
        if query.is_empty():
            return self.none()
        return self._by_whoosh(query)  # wildcards, ranges...: rare, Whoosh's way

    def _any(self, queries: list[Query]) -> Matches:
        """Documents matching any query, their scores summed. Terms (most of a
        query's parts: a word in each field) are added straight from postings."""
        terms = [
            self.postings(q.fieldname, q.text)
            for q in queries
            if type(q) is Term and q.boost == 1.0
        ]
        found = self._sparse(terms)
        for query in queries:
            if type(query) is Term and query.boost == 1.0:
                continue
            part = self.matches(query)
            found.found |= part.found
            found.score += part.score
        return found

    def _all(self, parts: list[Matches]) -> Matches:
        found = parts[0].found.copy()
        score = parts[0].score.copy()
        for part in parts[1:]:
            found &= part.found
            score += part.score
        return Matches(found, np.where(found, score, 0.0))

    def _sparse(self, postings: list[tuple[Ids, Floats]]) -> Matches:
        """The documents of some terms' postings, their scores summed."""
        if not postings:
            return self.none()
        if len(postings) == 1:
            ids, scores = postings[0]
        else:
            ids = np.concatenate([p[0] for p in postings])
            scores = np.concatenate([p[1] for p in postings])
        score: Floats = np.bincount(ids, weights=scores, minlength=self.size).astype(
            np.float64, copy=False
        )
        found = np.zeros(self.size, bool)
        found[ids] = True
        return Matches(found, score)

    def _by_whoosh(self, query: Query) -> Matches:
        found = self.none()
        for hit in self.searcher.search(query, limit=None):
            found.found[hit.docnum] = True
            found.score[hit.docnum] = hit.score
        return found

    def _phrase(self, query: Phrase) -> Matches:
        """Documents with the words side by side (kept: phrases are few and their
        answers never change for a searcher)."""
        key = (query.fieldname, tuple(query.words), query.slop)
        kept = self._phrase_matches.get(key)
        if kept is None:
            now = self._phrase_now(query)
            ids = now.docnums()
            kept = self._phrase_matches[key] = (ids, now.score[ids])
        found = self.none()
        found.found[kept[0]] = True
        found.score[kept[0]] = kept[1]
        return found

    def _phrase_now(self, query: Phrase) -> Matches:
        words = self._all(
            [self._sparse([self.postings(query.fieldname, w)]) for w in query.words]
        )
        key = repr(query)
        having = self._phrases.get(key)
        if having is None:
            if query.slop == 1:  # words side by side: checked segment by segment
                parts = [
                    base + SEGMENTS.phrase(reader, query.fieldname, query.words)
                    for reader, base in self.leaves
                ]
                having = np.concatenate(parts) if parts else np.zeros(0, np.int64)
            else:  # words near each other: Whoosh's way
                having = np.fromiter(self.searcher.docs_for_query(query), np.int64)
            self._phrases[key] = having
        in_phrase = np.zeros(self.size, bool)
        in_phrase[having] = True
        in_phrase &= words.found
        return Matches(in_phrase, np.where(in_phrase, words.score, 0.0))

    # Terms

    def postings(self, fieldname: str, text: Any) -> tuple[Ids, Floats]:
        """A term's live documents, in order, and its score in each."""
        key = (fieldname, str(text))
        with self._lock:
            kept = self._postings.get(key)
            if kept is not None:
                self._postings.move_to_end(key)
                return kept
        ids, weights = self._read(fieldname, text)
        scores = self._score(fieldname, text, ids, weights)
        with self._lock:
            if key not in self._postings:  # another thread may have read it too
                self._kept += len(ids)
            self._postings[key] = (ids, scores)
            while self._kept > POSTINGS_KEPT and len(self._postings) > 1:
                _, (old, _) = self._postings.popitem(last=False)
                self._kept -= len(old)
        return ids, scores

    def _read(self, fieldname: str, text: Any) -> tuple[Ids, Floats]:
        """Document numbers and weights of a term's postings, deletions left out."""
        ids: list[Ids] = []
        weights: list[Floats] = []
        for reader, base in self.leaves:
            local, weight = SEGMENTS.postings(reader, fieldname, text)
            ids.append(local + base)
            weights.append(weight)
        if not ids:
            return np.zeros(0, np.int64), np.zeros(0)
        found, weight = np.concatenate(ids), np.concatenate(weights)
        keep = self.live()[found]
        return found[keep], weight[keep]

    def _score(self, fieldname: str, text: Any, ids: Ids, weights: Floats) -> Floats:
        """BM25F as Whoosh computes it, from the field-length bytes it stores."""
        if not len(ids) or not self.searcher.schema[fieldname].scorable:
            return weights
        idf = self.searcher.idf(fieldname, text)
        avg = self.searcher.avg_field_length(fieldname) or 1.0
        lengths = LENGTH_OF_BYTE[self.length_bytes(fieldname)[ids]]
        norm = K1 * ((1 - B) + B * lengths / avg)
        return idf * (weights * (K1 + 1)) / (weights + norm)

    def length_bytes(self, fieldname: str) -> npt.NDArray[np.uint8]:
        """Each document's length of a field, as the byte Whoosh stores."""
        if fieldname not in self._lengths:
            parts = [SEGMENTS.lengths(r, fieldname) for r, _ in self.leaves]
            self._lengths[fieldname] = (
                np.concatenate(parts) if parts else np.zeros(0, np.uint8)
            )
        return self._lengths[fieldname]


class Segments:
    """What never changes in a segment, kept across searchers in this process.

    A Whoosh segment is written once; only its deletions change, and they are
    applied per searcher. So after an edit, which adds a small segment, a web
    worker reads only the new segment's postings and keeps the rest.
    """

    def __init__(self, kept: int = POSTINGS_KEPT) -> None:
        self.kept = kept
        self._postings: OrderedDict[tuple[Any, ...], tuple[Ids, Floats]] = OrderedDict()
        self._phrases: OrderedDict[tuple[Any, ...], Ids] = OrderedDict()
        self._lengths: dict[tuple[Any, str], npt.NDArray[np.uint8]] = {}
        self._filters: dict[tuple[Any, str], Ids] = {}
        self._size = 0
        self._lock = threading.Lock()

    def postings(self, reader: Any, fieldname: str, text: Any) -> tuple[Ids, Floats]:
        """A term's postings in a segment, deleted documents included."""
        segment = _segment_id(reader)
        key = (segment, fieldname, str(text))
        if segment is not None:
            with self._lock:
                kept = self._postings.get(key)
                if kept is not None:
                    self._postings.move_to_end(key)
                    return kept
        found = _read_postings(reader, fieldname, text)
        if segment is not None:
            with self._lock:
                if key not in self._postings:
                    self._size += len(found[0])
                self._postings[key] = found
                while self._size > self.kept and len(self._postings) > 1:
                    _, (old, _) = self._postings.popitem(last=False)
                    self._size -= len(old)
        return found

    def lengths(self, reader: Any, fieldname: str) -> npt.NDArray[np.uint8]:
        """A segment's field-length bytes."""
        segment = _segment_id(reader)
        key = (segment, fieldname)
        kept = self._lengths.get(key) if segment is not None else None
        if kept is None:
            kept = np.frombuffer(_length_bytes(reader, fieldname), dtype=np.uint8)
            if segment is not None:
                with self._lock:
                    self._lengths[key] = kept
                    while len(self._lengths) > LENGTHS_KEPT:
                        self._lengths.pop(next(iter(self._lengths)))
        return kept

    def docs(self, searcher: Searcher, query: Query) -> Ids:
        """A segment's documents matching a filter query (a range of ages, say).
        Deletions only ever grow, so what is kept may hold documents deleted
        since: the caller leaves out the deleted."""
        segment = _segment_id(searcher.reader())
        key = (segment, repr(query))
        kept = self._filters.get(key) if segment is not None else None
        if kept is None:
            kept = np.fromiter(query.docs(searcher), np.int64)
            if segment is not None:
                with self._lock:
                    self._filters[key] = kept
                    while len(self._filters) > PHRASES_KEPT:
                        self._filters.pop(next(iter(self._filters)))
        return kept

    def phrase(self, reader: Any, fieldname: str, words: list[str]) -> Ids:
        """The documents of a segment where the words stand together, in order."""
        segment = _segment_id(reader)
        key = (segment, fieldname, tuple(words))
        if segment is not None:
            with self._lock:
                kept = self._phrases.get(key)
                if kept is not None:
                    self._phrases.move_to_end(key)
                    return kept
        candidates = self.postings(reader, fieldname, words[0])[0]
        for word in words[1:]:
            if not len(candidates):
                break
            candidates = np.intersect1d(
                candidates, self.postings(reader, fieldname, word)[0]
            )
        found = np.fromiter(
            _with_phrase(reader, fieldname, words, candidates), np.int64
        )
        if segment is not None:
            with self._lock:
                self._phrases[key] = found
                while len(self._phrases) > PHRASES_KEPT:
                    self._phrases.popitem(last=False)
        return found


SEGMENTS = Segments()


def _segment_id(reader: Any) -> Any:
    """A segment's id (random, made when it was written); None when it has none."""
    try:
        return reader.segment().segment_id()
    except AttributeError:
        return None


def _read_postings(reader: Any, fieldname: str, text: Any) -> tuple[Ids, Floats]:
    ids: list[Ids] = []
    weights: list[Floats] = []
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return np.zeros(0, np.int64), np.zeros(0)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions: left out per searcher
    _read_matcher(matcher, 0, ids, weights)
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def _with_phrase(
    reader: Any, fieldname: str, words: list[str], candidates: Ids
) -> Iterator[int]:
    """Those of the candidates (which have every word of the phrase) where the
    words stand together and in order: read from each word's positions there,
    rather than by running Whoosh's phrase matcher over the whole segment."""
    if not len(candidates):
        return
    wanted = set(candidates.tolist())
    positions = [_positions(reader, fieldname, word, wanted) for word in words]
    for docnum in candidates.tolist():
        first, *later = (p.get(docnum, ()) for p in positions)
        if any(
            all(start + i in after for i, after in enumerate(later, 1))
            for start in first
        ):
            yield docnum


def _deleted_docs(reader: Any) -> Any:
    """A segment's deleted document numbers."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None:
        return perdoc.deleted_docs()
    return (d for d in range(reader.doc_count_all()) if reader.is_deleted(d))


def _length_bytes(reader: Any, fieldname: str) -> bytes:
    """One segment's length bytes of a field (Whoosh's column, read whole)."""
    perdoc = getattr(reader, "_perdoc", None)
    column = perdoc and perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is not None:
        return bytes(column)
    return bytes(
        length_to_byte(reader.doc_field_length(d, fieldname) or 0)
        for d in range(reader.doc_count_all())
    )


def _positions(
    reader: Any, fieldname: str, word: str, wanted: set[int]
) -> dict[int, frozenset[int]]:
    """A word's positions in the wanted documents of one segment."""
    found: dict[int, frozenset[int]] = {}
    try:
        matcher = reader.postings(fieldname, word)
    except TermNotFound:
        return found
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    decode = matcher.format.decoder("positions")
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time, decoding only the postings of wanted documents.
        while matcher.is_active():
            matcher._read_ids()
            ids = matcher._ids
            hits = [i for i, d in enumerate(ids) if d in wanted]
            if hits:
                matcher._read_values()
                for i in hits:
                    found[ids[i]] = frozenset(decode(matcher._values[i]))
            matcher._next_block()
        return found
    while matcher.is_active():
        if matcher.id() in wanted:
            found[matcher.id()] = frozenset(matcher.value_as("positions"))
        matcher.next()
    return found


def _read_matcher(
    matcher: Any, base: int, ids: list[Ids], weights: list[Floats]
) -> None:
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time: Whoosh keeps each block's ids and weights as arrays.
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64) + base)
            weights.append(np.asarray(matcher._weights, dtype=np.float64))
            matcher._next_block()
        return
    found, weight = [], []  # any other kind of matcher, a posting at a time
    while matcher.is_active():
        found.append(base + matcher.id())
        weight.append(matcher.weight())
        matcher.next()
    ids.append(np.array(found, dtype=np.int64))
    weights.append(np.array(weight, dtype=np.float64))


def best(keys: Floats, docnums: Ids, count: int) -> Ids:
    """The ``count`` documents with the highest keys, ties to the earlier one."""
    if len(docnums) > 4 * count > 0:
        cut = np.partition(keys, len(keys) - count)[len(keys) - count]
        keep = keys >= cut  # every tie at the cut stays in
        keys, docnums = keys[keep], docnums[keep]
    order = np.lexsort((docnums, -keys))
    return docnums[order[:count]]


__all__ = ["Mask", "Matches", "Scorer", "best"]
