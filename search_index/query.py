"""What someone asks for, and the filters and facet counts that follow from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from whoosh.query import And, NumericRange, Query, Term
from whoosh.searching import Searcher

from search_index.geo import EARTH_RADIUS_MILES, Point
from search_index.schema import FACETS, SEARCH_FIELDS
from search_index.scoring import SEGMENTS, Floats, Ids, Mask, Scorer

# Dimensions that are yes/no switches rather than a choice of values.
SWITCHES = {"free": Term("free", True), "running": Term("status", "active")}


@dataclass(frozen=True)
class SearchQuery:
    """A search: words, a place, filters, a page.

    ``filters`` maps a dimension (category, day, time, attendance, access) to one
    value; ``switches`` holds the yes/no filters that are on (free, running).
    ``district`` (a postcode district) finds services that cover it though they
    have no place of their own. ``today`` (yyyymmdd) marks overdue listings.
    """

    text: str = ""
    point: Point | None = None
    radius_miles: float | None = None
    district: str | None = None
    page: int = 1
    per_page: int = 10
    filters: Mapping[str, str] = field(default_factory=dict)
    switches: frozenset[str] = frozenset()
    accessibility: tuple[str, ...] = ()
    age: int | None = None
    today: int = 0

    def filter_queries(self, leave_out: str | None = None) -> list[Query]:
        """Whoosh queries for every filter, except the dimension ``leave_out``."""
        found: list[Query] = [
            Term(FACETS[dim], value.lower())
            for dim, value in self.filters.items()
            if dim in FACETS and dim != leave_out and value
        ]
        found += [
            SWITCHES[s] for s in self.switches if s in SWITCHES and s != leave_out
        ]
        if leave_out != "accessibility":
            found += [Term("accessibility", a.lower()) for a in self.accessibility]
        if self.age is not None and leave_out != "age":
            found += [
                NumericRange("min_age", None, self.age),
                NumericRange("max_age", self.age, None),
            ]
        return found


def combined(queries: list[Query]) -> Query | None:
    """All of the queries, or None when there are none."""
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else And(queries)


class DocSets:
    """Which documents match each filter, as boolean arrays, per searcher (cached);
    the documents' columns (place, review date) as arrays."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.scorer = Scorer(searcher)
        self.size = self.scorer.size
        self._cache: dict[str, Mask] = {}
        self._columns: dict[str, npt.NDArray[np.int64]] = {}
        self._values: dict[str, list[str]] = {}
        self._places: tuple[Floats, Floats, Floats] | None = None

    def warm(self) -> None:
        """Read the field lengths, filter sets and places every search uses."""
        for fieldname in SEARCH_FIELDS:
            self.scorer.length_bytes(fieldname)
        for fieldname in [*FACETS.values(), "accessibility"]:
            for value in self.values(fieldname):
                self.docs(Term(fieldname, value))
        for switch in SWITCHES.values():
            self.docs(switch)
        self.docs(Term("placed", True))
        self.column("review_due")
        self._radians()

    def all(self) -> Mask:
        """Every live document."""
        return self.scorer.live()

    def docs(self, query: Query) -> Mask:
        """The documents matching a filter query (never changed by the caller)."""
        key = repr(query)
        found = self._cache.get(key)
        if found is None:
            found = np.zeros(self.size, bool)
            if isinstance(query, Term):
                found[self.scorer.postings(query.fieldname, query.text)[0]] = True
            elif isinstance(query, NumericRange) and self._has_column(query.fieldname):
                found = self._in_range(query)
            else:
                for sub, base in self.searcher.subsearchers or [(self.searcher, 0)]:
                    found[base + SEGMENTS.docs(sub, query)] = True
                found &= self.scorer.live()
            found.flags.writeable = False
            self._cache[key] = found
        return found

    def column(self, fieldname: str) -> npt.NDArray[np.int64]:
        """A numeric column's value for every document (0 where it has none).

        Read segment by segment: Whoosh 2.7 leaves out a column whose values are
        all 0, and its multi-segment reader then fails on the others.
        """
        if fieldname not in self._columns:
            parts = []
            for reader, _base in self.searcher.reader().leaf_readers():
                if reader.has_column(fieldname):
                    column = reader.column_reader(fieldname)
                    parts.append(np.fromiter(column, np.int64, len(column)))
                else:
                    parts.append(np.zeros(reader.doc_count_all(), np.int64))
            found = np.concatenate(parts) if parts else np.zeros(0, np.int64)
            found.flags.writeable = False
            self._columns[fieldname] = found
        return self._columns[fieldname]

    def _has_column(self, fieldname: str) -> bool:
        """Whether every segment has the column (older indexes may lack it)."""
        return all(
            reader.has_column(fieldname)
            for reader, _ in self.searcher.reader().leaf_readers()
        )

    def _in_range(self, query: NumericRange) -> Mask:
        """A numeric range over its column, live documents only."""
        values = self.column(query.fieldname)
        found = self.scorer.live().copy()
        if query.start is not None:
            found &= values > query.start if query.startexcl else values >= query.start
        if query.end is not None:
            found &= values < query.end if query.endexcl else values <= query.end
        return found

    def overdue(self, today: int) -> Mask:
        """Listings whose review date (yyyymmdd) is before ``today``."""
        due = self.column("review_due")
        if not today:
            return np.zeros(self.size, bool)
        return (due > 0) & (due < today)

    def _radians(self) -> tuple[Floats, Floats, Floats]:
        if self._places is None:
            lats = np.radians(self.column("lat_e6") / 1e6)
            lons = np.radians(self.column("lon_e6") / 1e6)
            self._places = (lats, lons, np.cos(lats))
        return self._places

    def miles(self, point: Point, docnums: Ids) -> Floats:
        """Great-circle (haversine) miles from ``point`` to each document."""
        lats, lons, coslats = self._radians()
        lat0, lon0 = np.radians(point[0]), np.radians(point[1])
        h = (
            np.sin((lats[docnums] - lat0) / 2) ** 2
            + np.cos(lat0) * coslats[docnums] * np.sin((lons[docnums] - lon0) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(h, 1.0)))

    def values(self, fieldname: str) -> list[str]:
        """Every value a field has in the index."""
        if fieldname not in self._values:
            self._values[fieldname] = [
                value.decode() if isinstance(value, bytes) else str(value)
                for value in self.searcher.lexicon(fieldname)
            ]
        return self._values[fieldname]

    def matching(self, queries: list[Query], within: Mask) -> Mask:
        """The documents in ``within`` that match every query."""
        found = within
        for query in queries:
            found = found & self.docs(query)
        return found


def count(mask: Mask) -> int:
    """How many documents a set holds."""
    return int(np.count_nonzero(mask))


def facet_counts(
    sets: DocSets, query: SearchQuery, base: Mask
) -> dict[str, dict[str, int]]:
    """For each option, how many results there would be with it chosen."""
    counts: dict[str, dict[str, int]] = {}
    for dim, fieldname in FACETS.items():
        pool = sets.matching(query.filter_queries(leave_out=dim), base)
        counts[dim] = {
            value: count(pool & sets.docs(Term(fieldname, value)))
            for value in sets.values(fieldname)
        }
    for name, switch in SWITCHES.items():
        pool = sets.matching(query.filter_queries(leave_out=name), base)
        counts[name] = {"yes": count(pool & sets.docs(switch))}
    pool = sets.matching(query.filter_queries(), base)  # features add up: all apply
    counts["accessibility"] = {
        value: count(pool & sets.docs(Term("accessibility", value)))
        for value in sets.values("accessibility")
    }
    return counts
