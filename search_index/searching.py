"""Running a search over an open searcher: words, filters, place, ranking, facets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whoosh import highlight
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, PlusMinusPlugin
from whoosh.query import Every, Query, Term
from whoosh.searching import Searcher

from search_index.geo import distance_miles
from search_index.query import DocSets, SearchQuery, facet_counts
from search_index.schema import SEARCH_FIELDS
from search_index.words import Speller, expand

STALE_SCORE = 0.7  # an overdue listing's relevance is multiplied by this
STALE_DISTANCE = 1.5  # ...and its distance by this, so it ranks lower
RERANK = 200  # relevance results re-ranked for staleness; deeper pages keep order
ELSEWHERE = 5  # services with no place of their own shown beside nearby ones
NEAR_POOL = 2000  # with a place: the most relevant this many are sorted by distance
NEAR_FLOOR = 0.3  # ...of those, the ones scoring at least this share of the best
WEAK = 0.1  # any search: matches scoring under this share of the best are dropped


@dataclass
class Hit:
    """One result: the stored fields, its distance, a snippet, whether overdue."""

    fields: dict[str, Any]
    distance_miles: float | None = None
    snippet: str = ""
    overdue: bool = False


@dataclass
class SearchResults:
    """A page of hits, the total and the page numbers, facets and suggestions."""

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    suggestion: str | None = None  # "did you mean"
    corrected_from: str | None = None  # the words searched for were corrected
    searched_for: str = ""  # the words used: as given, or corrected
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    elsewhere: list[Hit] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages there are in all."""
        return max(1, -(-self.total // self.per_page))


class MarkFormatter(highlight.Formatter):
    """Matched words as plain ``<mark>`` elements (the rest HTML-escaped)."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        word = highlight.get_text(text, token, replace)
        return f"<mark>{highlight.htmlescape(word)}</mark>"


class Search:
    """One search against one searcher."""

    def __init__(
        self,
        searcher: Searcher,
        sets: DocSets,
        synonyms: dict[str, list[str]],
        speller: Speller | None,
    ) -> None:
        self.searcher, self.sets = searcher, sets
        self.synonyms, self.speller = synonyms, speller

    def parse(self, text: str, group: Any = AndGroup, synonyms: bool = True) -> Query:
        """The query for some words (every document when there are none)."""
        if not text.strip():
            return Every()
        parser = MultifieldParser(SEARCH_FIELDS, self.searcher.schema, group=group)
        parser.add_plugin(PlusMinusPlugin())  # "-word" leaves out what has it
        return parser.parse(expand(text, self.synonyms) if synonyms else text)

    def matches(self, text: str) -> tuple[Query, frozenset[int], str | None]:
        """All words, else any word, else corrected words; and the correction."""
        parsed = self.parse(text)
        found = self.sets.docs(parsed)
        if found or not text.strip():
            return parsed, found, None
        suggestion = self.speller.suggest(text) if self.speller else None
        if suggestion:
            parsed = self.parse(suggestion)
            corrected = self.sets.docs(parsed)
            if corrected:
                return parsed, corrected, suggestion
        parsed = self.parse(text, OrGroup)
        return parsed, self.sets.docs(parsed), None

    def run(self, query: SearchQuery) -> SearchResults:
        """Find, filter, rank and page."""
        parsed, base, corrected = self.matches(query.text)
        if query.text.strip():
            base = self._strong(parsed, base, WEAK)
        suggestion = None
        if self.speller and not corrected and query.text.strip():
            suggestion = self.speller.suggest(query.text)
        if query.point is not None:
            base, placed = self._within_reach(query, base)
        found = self.sets.matching(query.filter_queries(), base)
        results = SearchResults(
            [],
            0,
            query.page,
            query.per_page,
            suggestion,
            query.text if corrected else None,
        )
        results.facets = facet_counts(self.sets, query, base)
        if query.point is None:
            results.total = len(found)
            results.hits = self._by_relevance(parsed, found, query)
        else:
            near = self._relevant(parsed, found & placed, query)
            results.total = len(near)
            results.hits = self._by_distance(parsed, near, query)
            results.elsewhere = self._elsewhere(parsed, found - placed, query)
        results.searched_for = corrected or query.text
        if corrected:
            results.suggestion = None
            results.corrected_from = query.text
        return results

    def _within_reach(
        self, query: SearchQuery, base: frozenset[int]
    ) -> tuple[frozenset[int], frozenset[int]]:
        placed = self.sets.docs(Term("placed", True))
        if query.radius_miles is None:
            return base, placed
        reach = frozenset(
            d for d in base & placed if self._miles(query, d) <= query.radius_miles
        )
        return (base - placed) | reach, reach

    def _miles(self, query: SearchQuery, docnum: int) -> float:
        assert query.point is not None
        lat = self.sets.column("lat_e6")[docnum] / 1e6
        lon = self.sets.column("lon_e6")[docnum] / 1e6
        return distance_miles(query.point, (lat, lon))

    def _overdue(self, query: SearchQuery, docnum: int) -> bool:
        due = self.sets.column("review_due")[docnum]
        return bool(query.today and due and due < query.today)

    def _by_relevance(
        self, parsed: Query, found: frozenset[int], query: SearchQuery
    ) -> list[Hit]:
        wanted = query.page * query.per_page
        if not found:  # an empty filter set would mean "no filter" to Whoosh
            return []
        results = self.searcher.search(
            parsed, filter=set(found), limit=max(RERANK, wanted)
        )
        results.formatter = MarkFormatter()
        ranked = sorted(
            results,
            key=lambda h: (
                -h.score * (STALE_SCORE if self._overdue(query, h.docnum) else 1.0)
            ),
        )
        start = wanted - query.per_page
        return [self._hit(h, query) for h in ranked[start:wanted]]

    def _relevant(
        self, parsed: Query, docs: frozenset[int], query: SearchQuery
    ) -> frozenset[int]:
        """Matches good enough to sort by distance: whatever has the words as
        typed, and what their synonyms match strongly (weak synonym matches would
        otherwise crowd out the near and relevant)."""
        if not query.text.strip() or not docs:
            return docs
        typed = docs & self.sets.docs(self.parse(query.text, synonyms=False))
        return typed | self._strong(parsed, docs, NEAR_FLOOR)

    def _strong(
        self, parsed: Query, docs: frozenset[int], share: float
    ) -> frozenset[int]:
        """The documents scoring at least ``share`` of the best score."""
        if not docs:
            return docs
        results = self.searcher.search(parsed, filter=set(docs), limit=NEAR_POOL)
        scored = results.scored_length()  # len() would count every match again
        if not scored:
            return frozenset()
        floor = results[0].score * share
        if scored == NEAR_POOL and results[scored - 1].score >= floor:
            return docs  # more strong matches than are worth scoring: keep them all
        return frozenset(h.docnum for h in results if h.score >= floor)

    def _by_distance(
        self, parsed: Query, near: frozenset[int], query: SearchQuery
    ) -> list[Hit]:
        def reach(docnum: int) -> float:
            miles = self._miles(query, docnum)
            return miles * STALE_DISTANCE if self._overdue(query, docnum) else miles

        ordered = sorted(near, key=reach)
        start = (query.page - 1) * query.per_page
        page = ordered[start : start + query.per_page]
        hits = self._hits_for(parsed, page, query)
        for hit in hits:
            hit.distance_miles = self._miles(query, hit.fields["_docnum"])
        return hits

    def _elsewhere(
        self, parsed: Query, unplaced: frozenset[int], query: SearchQuery
    ) -> list[Hit]:
        if query.page != 1 or not unplaced:
            return []
        covering: frozenset[int] = frozenset()
        if query.district:
            covering = self.sets.docs(Term("areas", query.district))
            uncovered = unplaced - self.sets.docs(Every("areas"))
            unplaced = (unplaced & covering) | uncovered
        if not unplaced:
            return []
        # Those that say they cover the place come before those that say nothing.
        results = self.searcher.search(parsed, filter=set(unplaced), limit=None)
        results.formatter = MarkFormatter()
        ranked = sorted(results, key=lambda h: (h.docnum not in covering, -h.score))
        return [self._hit(h, query) for h in ranked[:ELSEWHERE]]

    def _hits_for(
        self, parsed: Query, docnums: list[int], query: SearchQuery
    ) -> list[Hit]:
        """Hits for given documents, in the order given, with their snippets."""
        if not docnums:
            return []
        results = self.searcher.search(parsed, filter=set(docnums), limit=len(docnums))
        results.formatter = MarkFormatter()
        by_doc = {h.docnum: self._hit(h, query) for h in results}
        return [by_doc[d] for d in docnums if d in by_doc]

    def _hit(self, hit: Any, query: SearchQuery) -> Hit:
        fields = dict(hit.fields())
        fields["_docnum"] = hit.docnum
        return Hit(
            fields,
            snippet=hit.highlights("description"),
            overdue=self._overdue(query, hit.docnum),
        )
