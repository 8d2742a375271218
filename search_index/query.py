"""What someone asks for, and the filters and facet counts that follow from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from whoosh.query import And, NumericRange, Query, Term
from whoosh.searching import Searcher

from search_index.geo import Point
from search_index.places import Places
from search_index.schema import FACETS
from search_index.scoring import Scorer, docnums_of, mask_of

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
    """Which documents match each filter, as bitsets, per searcher (cached)."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.scorer = Scorer(searcher)
        self._cache: dict[str, int] = {}
        self._columns: dict[str, list[int]] = {}
        self._values: dict[str, list[str]] = {}
        self._all: int | None = None
        self._places: Places | None = None

    def all(self) -> int:
        """Every live document."""
        if self._all is None:
            self._all = mask_of(self.scorer.every())
        return self._all

    def docs(self, query: Query) -> int:
        """The documents matching a filter query."""
        key = repr(query)
        if key not in self._cache:
            if isinstance(query, Term):
                ids, _ = self.scorer.postings(query.fieldname, query.text)
                self._cache[key] = mask_of(ids)
            else:
                self._cache[key] = mask_of(self.searcher.docs_for_query(query))
        return self._cache[key]

    def column(self, fieldname: str) -> list[int]:
        """A numeric column's value for every document (0 where it has none).

        Read segment by segment: Whoosh 2.7 leaves out a column whose values are
        all 0, and its multi-segment reader then fails on the others.
        """
        if fieldname not in self._columns:
            values: list[int] = []
            for reader, _base in self.searcher.reader().leaf_readers():
                if reader.has_column(fieldname):
                    values += list(reader.column_reader(fieldname))
                else:
                    values += [0] * reader.doc_count_all()
            self._columns[fieldname] = values
        return self._columns[fieldname]

    def places(self) -> Places:
        """The documents' places and their grid, for distances."""
        if self._places is None:
            placed = docnums_of(self.docs(Term("placed", True)))
            self._places = Places(self.column("lat_e6"), self.column("lon_e6"), placed)
        return self._places

    def values(self, fieldname: str) -> list[str]:
        """Every value a field has in the index."""
        if fieldname not in self._values:
            self._values[fieldname] = [
                value.decode() if isinstance(value, bytes) else str(value)
                for value in self.searcher.lexicon(fieldname)
            ]
        return self._values[fieldname]

    def matching(self, queries: list[Query], within: int) -> int:
        """The documents in ``within`` that match every query."""
        found = within
        for query in queries:
            found &= self.docs(query)
        return found


def facet_counts(
    sets: DocSets, query: SearchQuery, base: int
) -> dict[str, dict[str, int]]:
    """For each option, how many results there would be with it chosen."""
    counts: dict[str, dict[str, int]] = {}
    for dim, fieldname in FACETS.items():
        pool = sets.matching(query.filter_queries(leave_out=dim), base)
        counts[dim] = {
            value: (pool & sets.docs(Term(fieldname, value))).bit_count()
            for value in sets.values(fieldname)
        }
    for name, switch in SWITCHES.items():
        pool = sets.matching(query.filter_queries(leave_out=name), base)
        counts[name] = {"yes": (pool & sets.docs(switch)).bit_count()}
    pool = sets.matching(query.filter_queries(), base)  # features add up: all apply
    counts["accessibility"] = {
        value: (pool & sets.docs(Term("accessibility", value))).bit_count()
        for value in sets.values("accessibility")
    }
    return counts
