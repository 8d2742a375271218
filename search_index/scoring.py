"""Scoring a parsed query over one searcher, without Whoosh's matcher tree.

Whoosh parses, analyses, stores and writes the index; answering a query through its
matchers costs several Python calls per posting at every level of the query tree,
and a resident's query with its synonyms is a tree of dozens of terms over four
fields. Here each term's posting list is read once per searcher, block by block,
scored with Whoosh's own BM25F formula and kept (bounded); a query is then sums,
unions and intersections of dictionaries of scores. Phrases (rare: quoted words and
two-word synonyms) are checked by Whoosh on the documents that have all their
words.

Document sets for filters are Python integers used as bitsets: intersecting two
sets of 100,000 documents and counting the result is a few microseconds, which
makes the count beside every filter option cheap.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections import OrderedDict
from typing import Any

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

Scores = dict[int, float]
POSTINGS_KEPT = 4_000_000  # postings kept per searcher (8 bytes each) for reuse
B, K1 = BM25F().B, BM25F().K1  # Whoosh's BM25F defaults (0.75, 1.2)
LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]
BITS = [tuple(i for i in range(8) if byte >> i & 1) for byte in range(256)]


def mask_of(docnums: Any) -> int:
    """A bitset of document numbers."""
    docs = list(docnums)
    if not docs:
        return 0
    bits = bytearray((max(docs) >> 3) + 1)
    for d in docs:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


def docnums_of(mask: int) -> list[int]:
    """The document numbers in a bitset, in order."""
    found: list[int] = []
    for i, byte in enumerate(mask.to_bytes((mask.bit_length() + 7) >> 3, "little")):
        if byte:
            base = i << 3
            found.extend(base + bit for bit in BITS[byte])
    return found


class Members:
    """Fast membership tests against a bitset."""

    def __init__(self, mask: int) -> None:
        self.bytes = mask.to_bytes((mask.bit_length() + 7) >> 3 or 1, "little")
        self.size = len(self.bytes)

    def __contains__(self, docnum: int) -> bool:
        i = docnum >> 3
        return i < self.size and bool(self.bytes[i] >> (docnum & 7) & 1)

    def keep(self, scores: Scores) -> Scores:
        """The scores of the documents in the set."""
        data, size = self.bytes, self.size
        return {
            d: s
            for d, s in scores.items()
            if (d >> 3) < size and data[d >> 3] >> (d & 7) & 1
        }


class Scorer:
    """Scores and document sets for the queries run against one searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.leaves = list(searcher.reader().leaf_readers())
        self.size = searcher.doc_count_all()
        self._deleted: frozenset[int] | None = None
        self._lengths: dict[str, bytes] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[array, array]] = (
            OrderedDict()
        )
        self._kept = 0
        self._lock = threading.Lock()
        self._every: Scores | None = None
        self._phrases: dict[str, frozenset[int]] = {}

    # Whole queries

    def scores(self, query: Query) -> Scores:
        """Each matching document's score (never changed by the caller)."""
        boost = getattr(query, "boost", 1.0)
        found = self._scores(query)
        if boost != 1.0 and found:
            return {d: s * boost for d, s in found.items()}
        return found

    def _scores(self, query: Query) -> Scores:
        if isinstance(query, Term):
            return self.term(query.fieldname, query.text)
        if isinstance(query, Phrase):
            return self._phrase(query)
        if isinstance(query, Every):
            return self.every()
        if isinstance(query, And):
            return intersect([self.scores(q) for q in query.subqueries])
        if isinstance(query, Or):
            return union([self.scores(q) for q in query.subqueries])
        if isinstance(query, AndNot):
            return without(self.scores(query.a), self.scores(query.b))
        if isinstance(query, AndMaybe):
            wanted, maybe = self.scores(query.a), self.scores(query.b)
            return {d: s + maybe.get(d, 0.0) for d, s in wanted.items()}
        if isinstance(query, Require):
            return intersect([self.scores(query.a), zeroed(self.scores(query.b))])
        if isinstance(query, Not):
            return without(self.every(), self.scores(query.query))
        if query.is_empty():
            return {}
        return self._by_whoosh(query)  # wildcards, ranges...: rare, Whoosh's way

    def every(self) -> Scores:
        """Every live document, each scoring 1."""
        if self._every is None:
            deleted = self.deleted()
            self._every = {d: 1.0 for d in range(self.size) if d not in deleted}
        return self._every

    def _by_whoosh(self, query: Query) -> Scores:
        results = self.searcher.search(query, limit=None)
        return {hit.docnum: hit.score for hit in results}

    def _phrase(self, query: Phrase) -> Scores:
        words = [self.term(query.fieldname, w) for w in query.words]
        candidates = intersect(words)
        if not candidates:
            return {}
        key = repr(query)
        if key not in self._phrases:
            self._phrases[key] = frozenset(self.searcher.docs_for_query(query))
        having = self._phrases[key]
        return {d: s for d, s in candidates.items() if d in having}

    # Terms

    def term(self, fieldname: str, text: Any) -> Scores:
        """The BM25F score of one term in each document that has it."""
        ids, scores = self.postings(fieldname, text)
        return dict(zip(ids, scores, strict=True))

    def postings(self, fieldname: str, text: Any) -> tuple[array, array]:
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

    def _read(self, fieldname: str, text: Any) -> tuple[array, array]:
        """Document numbers and weights of a term's postings, deletions left out."""
        ids, weights = array("i"), array("f")
        for reader, base in self.leaves:
            try:
                matcher = reader.postings(fieldname, text)
            except TermNotFound:
                continue
            if isinstance(matcher, FilterMatcher):
                matcher = matcher.child  # deletions: left out below
            _read_matcher(matcher, base, ids, weights)
        deleted = self.deleted()
        if deleted:
            kept = [
                (d, w) for d, w in zip(ids, weights, strict=True) if d not in deleted
            ]
            ids = array("i", (d for d, _ in kept))
            weights = array("f", (w for _, w in kept))
        return ids, weights

    def _score(self, fieldname: str, text: Any, ids: array, weights: array) -> array:
        """BM25F as Whoosh computes it, from the field-length bytes it stores."""
        if not ids or not self.searcher.schema[fieldname].scorable:
            return weights
        idf = self.searcher.idf(fieldname, text)
        avg = self.searcher.avg_field_length(fieldname) or 1.0
        # One denominator term for each of the 256 length bytes.
        norm = [K1 * ((1 - B) + B * n / avg) for n in LENGTH_OF_BYTE]
        lengths = self.length_bytes(fieldname)
        factor = idf * (K1 + 1)
        return array(
            "f",
            (
                factor * w / (w + norm[lengths[d]])
                for d, w in zip(ids, weights, strict=True)
            ),
        )

    def length_bytes(self, fieldname: str) -> bytes:
        """Each document's length of a field, as the byte Whoosh stores."""
        if fieldname not in self._lengths:
            found = bytearray()
            for reader, _base in self.leaves:
                found += _length_bytes(reader, fieldname)
            self._lengths[fieldname] = bytes(found)
        return self._lengths[fieldname]

    def deleted(self) -> frozenset[int]:
        """Document numbers deleted but not yet merged away."""
        if self._deleted is None:
            self._deleted = frozenset(
                base + d
                for reader, base in self.leaves
                if reader.has_deletions()
                for d in _deleted_docs(reader)
            )
        return self._deleted


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


def _read_matcher(matcher: Any, base: int, ids: array, weights: array) -> None:
    if isinstance(matcher, W3LeafMatcher):
        # A block at a time: Whoosh keeps each block's ids and weights as arrays.
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(base + d for d in matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return
    while matcher.is_active():  # any other kind of matcher, a posting at a time
        ids.append(base + matcher.id())
        weights.append(matcher.weight())
        matcher.next()


def union(parts: list[Scores]) -> Scores:
    """Documents in any part, their scores summed."""
    parts = [p for p in parts if p]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    found = dict(parts[0])
    for part in parts[1:]:
        get = found.get
        for d, s in part.items():
            found[d] = get(d, 0.0) + s
    return found


def intersect(parts: list[Scores]) -> Scores:
    """Documents in every part, their scores summed."""
    if not parts or any(not p for p in parts):
        return {}
    parts = sorted(parts, key=len)
    found = dict(parts[0])
    for part in parts[1:]:
        found = {d: s + part[d] for d, s in found.items() if d in part}
        if not found:
            break
    return found


def without(scores: Scores, leave_out: Scores) -> Scores:
    """Documents in ``scores`` but not in ``leave_out``."""
    return {d: s for d, s in scores.items() if d not in leave_out}


def zeroed(scores: Scores) -> Scores:
    """The same documents, adding nothing to a score."""
    return dict.fromkeys(scores, 0.0)


def top(scores: Scores, count: int) -> list[tuple[int, float]]:
    """The best ``count`` (document, score), ties to the earlier document."""
    return heapq.nlargest(count, scores.items(), key=lambda ds: (ds[1], -ds[0]))


__all__ = ["Members", "Scorer", "Scores", "docnums_of", "mask_of", "top"]
