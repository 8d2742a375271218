"""Running a search over an open searcher: words, filters, place, ranking, facets."""

from __future__ import annotations

import heapq
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, PlusMinusPlugin
from whoosh.query import Every, Query, Term
from whoosh.searching import Searcher

from search_index.query import DocSets, SearchQuery, facet_counts
from search_index.schema import SEARCH_FIELDS
from search_index.scoring import Members, Scores, docnums_of, mask_of, top
from search_index.snippets import Snippets
from search_index.words import Speller, expand

STALE_SCORE = 0.7  # an overdue listing's relevance is multiplied by this
STALE_DISTANCE = 1.5  # ...and its distance by this, so it ranks lower
RERANK = 200  # relevance results re-ranked for staleness; deeper pages keep order
ELSEWHERE = 5  # services with no place of their own shown beside nearby ones
NEAR_FLOOR = 0.3  # ...of those, the ones scoring at least this share of the best
PARSED_KEPT = 1000  # parsed queries kept for reuse (parsing one takes milliseconds)
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


class Search:
    """One search against one searcher."""

    def __init__(
        self,
        searcher: Searcher,
        sets: DocSets,
        synonyms: dict[str, list[str]],
        speller: Speller | None,
        parsed: OrderedDict[tuple[str, Any, bool], Query] | None = None,
        snippets: Snippets | None = None,
    ) -> None:
        self.searcher, self.sets, self.scorer = searcher, sets, sets.scorer
        self.synonyms, self.speller = synonyms, speller
        self._parsed = OrderedDict() if parsed is None else parsed
        self._terms: frozenset[str] = frozenset()
        self.snippets = snippets or Snippets(searcher.schema["description"].analyzer)

    def parse(self, text: str, group: Any = AndGroup, synonyms: bool = True) -> Query:
        """The query for some words (every document when there are none)."""
        if not text.strip():
            return Every()
        key = (text, group, synonyms)
        known = self._parsed.get(key)
        if known is not None:
            return known
        parser = MultifieldParser(SEARCH_FIELDS, self.searcher.schema, group=group)
        parser.add_plugin(PlusMinusPlugin())  # "-word" leaves out what has it
        query = parser.parse(expand(text, self.synonyms) if synonyms else text)
        self._parsed[key] = query
        while len(self._parsed) > PARSED_KEPT:  # the oldest go first
            try:
                self._parsed.popitem(last=False)
            except KeyError:  # another thread emptied it
                break
        return query

    def matches(self, text: str) -> tuple[Query, Scores, str | None]:
        """All words, else corrected words, else any word; and the correction."""
        parsed = self.parse(text)
        found = self.scorer.scores(parsed)
        if found or not text.strip():
            return parsed, found, None
        suggestion = self.speller.suggest(text) if self.speller else None
        if suggestion:
            parsed = self.parse(suggestion)
            corrected = self.scorer.scores(parsed)
            if corrected:
                return parsed, corrected, suggestion
        parsed = self.parse(text, OrGroup)
        return parsed, self.scorer.scores(parsed), None

    def run(self, query: SearchQuery) -> SearchResults:
        """Find, filter, rank and page."""
        worded = bool(query.text.strip())
        parsed, scores, corrected = self.matches(query.text)
        self._terms = frozenset(
            str(text) for name, text in parsed.iter_all_terms() if name == "description"
        )
        base = self.sets.all()
        if worded:
            scores = strong(scores, WEAK)
            base = mask_of(scores)
        suggestion = None
        if self.speller and not corrected and worded:
            suggestion = self.speller.suggest(query.text)
        placed = 0
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
            results.total = found.bit_count()
            results.hits = self._by_relevance(scores, found, query, worded)
        else:
            near = self._relevant(scores, found & placed, query)
            results.total = near.bit_count()
            results.hits = self._by_distance(near, query)
            results.elsewhere = self._elsewhere(scores, found & ~placed, query)
        results.searched_for = corrected or query.text
        if corrected:
            results.suggestion = None
            results.corrected_from = query.text
        return results

    def _within_reach(self, query: SearchQuery, base: int) -> tuple[int, int]:
        placed = self.sets.docs(Term("placed", True))
        if query.radius_miles is None:
            return base, placed
        assert query.point is not None
        within = self.sets.places().within(
            query.point, query.radius_miles, Members(base).__contains__
        )
        reach = base & mask_of(within)
        return (base & ~placed) | reach, reach

    def _overdue(self, query: SearchQuery, docnum: int) -> bool:
        due = self.sets.column("review_due")[docnum]
        return bool(query.today and due and due < query.today)

    def _by_relevance(
        self, scores: Scores, found: int, query: SearchQuery, worded: bool
    ) -> list[Hit]:
        wanted = query.page * query.per_page
        pool = max(RERANK, wanted)
        if worded:
            best = top(Members(found).keep(scores), pool)
        else:  # every listing scores the same: the earliest documents
            best = [(d, 1.0) for d in docnums_of(found)[:pool]]
        ranked = sorted(
            best,
            key=lambda ds: (
                -ds[1] * (STALE_SCORE if self._overdue(query, ds[0]) else 1.0),
                ds[0],
            ),
        )
        start = wanted - query.per_page
        return [self._hit(d, query) for d, _ in ranked[start:wanted]]

    def _relevant(self, scores: Scores, docs: int, query: SearchQuery) -> int:
        """Matches good enough to sort by distance: whatever has the words as
        typed, and what their synonyms match strongly (weak synonym matches would
        otherwise crowd out the near and relevant)."""
        if not query.text.strip() or not docs:
            return docs
        typed = mask_of(self.scorer.scores(self.parse(query.text, synonyms=False)))
        near = Members(docs).keep(scores)
        return (docs & typed) | mask_of(strong(near, NEAR_FLOOR))

    def _by_distance(self, near: int, query: SearchQuery) -> list[Hit]:
        assert query.point is not None
        places = self.sets.places()
        miles = places.miles_from(query.point)

        def cost(docnum: int) -> float:
            far = miles(docnum)
            return far * STALE_DISTANCE if self._overdue(query, docnum) else far

        wanted = query.page * query.per_page
        ordered = places.nearest(
            query.point,
            wanted,
            Members(near).__contains__,
            near.bit_count(),
            cost,
            lambda: docnums_of(near),
        )
        hits = [self._hit(d, query) for d in ordered[wanted - query.per_page :]]
        for hit in hits:
            hit.distance_miles = miles(hit.fields["_docnum"])
        return hits

    def _elsewhere(
        self, scores: Scores, unplaced: int, query: SearchQuery
    ) -> list[Hit]:
        if query.page != 1 or not unplaced:
            return []
        covering = 0
        if query.district:
            covering = self.sets.docs(Term("areas", query.district))
            uncovered = unplaced & ~self.sets.docs(Every("areas"))
            unplaced = (unplaced & covering) | uncovered
        if not unplaced:
            return []
        # Those that say they cover the place come before those that say nothing.
        covers = Members(covering)
        ranked = heapq.nsmallest(
            ELSEWHERE,
            Members(unplaced).keep(scores).items(),
            key=lambda ds: (ds[0] not in covers, -ds[1], ds[0]),
        )
        return [self._hit(d, query) for d, _ in ranked]

    def _hit(self, docnum: int, query: SearchQuery) -> Hit:
        fields = dict(self.searcher.stored_fields(docnum))
        fields["_docnum"] = docnum
        return Hit(
            fields,
            snippet=self._snippet(fields.get("description") or ""),
            overdue=self._overdue(query, docnum),
        )

    def _snippet(self, text: str) -> str:
        """The description's best passages with the searched-for words marked."""
        return self.snippets.snippet(text, self._terms)


def strong(scores: Scores, share: float) -> Scores:
    """The documents scoring at least ``share`` of the best score."""
    if not scores:
        return scores
    floor = max(scores.values()) * share
    return {d: s for d, s in scores.items() if s >= floor}
