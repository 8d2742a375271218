"""Running a search over an open searcher: words, filters, place, ranking, facets."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, PlusMinusPlugin
from whoosh.query import Every, Query, Term
from whoosh.searching import Searcher

from search_index.query import DocSets, SearchQuery, count, facet_counts
from search_index.schema import SEARCH_FIELDS
from search_index.scoring import Mask, Matches, best
from search_index.snippets import Snippets
from search_index.words import Speller, expand

STALE_SCORE = 0.7  # an overdue listing's relevance is multiplied by this
STALE_DISTANCE = 1.5  # ...and its distance by this, so it ranks lower
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
        self._overdue: Mask = np.zeros(0, bool)
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

    def matches(self, text: str) -> tuple[Query, Matches, str | None]:
        """All words, else corrected words, else any word; and the correction."""
        parsed = self.parse(text)
        found = self.scorer.matches(parsed)
        if found or not text.strip():
            return parsed, found, None
        suggestion = self.speller.suggest(text) if self.speller else None
        if suggestion:
            parsed = self.parse(suggestion)
            corrected = self.scorer.matches(parsed)
            if corrected:
                return parsed, corrected, suggestion
        parsed = self.parse(text, OrGroup)
        return parsed, self.scorer.matches(parsed), None

    def run(self, query: SearchQuery) -> SearchResults:
        """Find, filter, rank and page."""
        worded = bool(query.text.strip())
        parsed, matched, corrected = self.matches(query.text)
        self._terms = frozenset(
            str(text) for name, text in parsed.iter_all_terms() if name == "description"
        )
        self._overdue = self.sets.overdue(query.today)
        base = strong(matched, WEAK) if worded else self.sets.all()
        suggestion = None
        if self.speller and not corrected and worded:
            suggestion = self.speller.suggest(query.text)
        placed = self.sets.docs(Term("placed", True))
        if query.point is not None and query.radius_miles is not None:
            base = self._within_reach(query, base, placed)
        found = self.sets.matching(query.filter_queries(), base)
        results = SearchResults(
            [],
            0,
            query.page,
            query.per_page,
            suggestion,
            query.text if corrected else None,
        )
        if query.point is None:
            results.facets = facet_counts(self.sets, query, base)
            results.total = count(found)
            results.hits = self._by_relevance(matched, found, query)
        else:
            # Nearest first lists the relevant services with a place; each option's
            # count is of those too, so choosing it leaves as many as it says.
            listed = self._relevant(matched, base & placed, query)
            results.facets = facet_counts(self.sets, query, listed)
            near = found & listed
            results.total = count(near)
            results.hits = self._by_distance(near, query)
            results.elsewhere = self._elsewhere(matched, found & ~placed, query)
        results.searched_for = corrected or query.text
        if corrected:
            results.suggestion = None
            results.corrected_from = query.text
        return results

    def _within_reach(self, query: SearchQuery, base: Mask, placed: Mask) -> Mask:
        """Services placed within the radius, and those with no place of their own."""
        assert query.point is not None and query.radius_miles is not None
        docs = np.flatnonzero(base & placed)
        far = docs[self.sets.miles(query.point, docs) > query.radius_miles]
        kept = base.copy()
        kept[far] = False
        return kept

    def _by_relevance(
        self, matched: Matches, found: Mask, query: SearchQuery
    ) -> list[Hit]:
        """A page by score; overdue listings' scores count for less."""
        wanted = query.page * query.per_page
        docs = np.flatnonzero(found)
        keys = np.where(self._overdue[docs], STALE_SCORE, 1.0) * matched.score[docs]
        page = best(keys, docs, wanted)[wanted - query.per_page :]
        return [self._hit(d, query) for d in page.tolist()]

    def _relevant(self, matched: Matches, docs: Mask, query: SearchQuery) -> Mask:
        """Matches good enough to sort by distance: whatever has the words as
        typed, and what their synonyms match strongly (weak synonym matches would
        otherwise crowd out the near and relevant)."""
        if not query.text.strip() or not docs.any():
            return docs
        typed = self.scorer.matches(self.parse(query.text, synonyms=False)).found
        near = Matches(docs, np.where(docs, matched.score, 0.0))
        return (docs & typed) | strong(near, NEAR_FLOOR)

    def _by_distance(self, near: Mask, query: SearchQuery) -> list[Hit]:
        """A page nearest first; overdue listings count as further away."""
        assert query.point is not None
        wanted = query.page * query.per_page
        docs = np.flatnonzero(near)
        miles = self.sets.miles(query.point, docs)
        cost = np.where(self._overdue[docs], STALE_DISTANCE, 1.0) * miles
        page = best(-cost, docs, wanted)[wanted - query.per_page :]
        hits = [self._hit(d, query) for d in page.tolist()]
        far = self.sets.miles(query.point, page)
        for hit, miles_away in zip(hits, far.tolist(), strict=True):
            hit.distance_miles = miles_away
        return hits

    def _elsewhere(
        self, matched: Matches, unplaced: Mask, query: SearchQuery
    ) -> list[Hit]:
        """Services with no place of their own (online, phone, home visits): those
        that say they cover the place first, then those that say nothing."""
        if query.page != 1 or not unplaced.any():
            return []
        covering = np.zeros_like(unplaced)
        if query.district:
            covering = self.sets.docs(Term("areas", query.district))
            uncovered = unplaced & ~self.sets.docs(Every("areas"))
            unplaced = (unplaced & covering) | uncovered
        docs = np.flatnonzero(unplaced)
        order = np.lexsort((docs, -matched.score[docs], ~covering[docs]))
        return [self._hit(d, query) for d in docs[order[:ELSEWHERE]].tolist()]

    def _hit(self, docnum: int, query: SearchQuery) -> Hit:
        fields = dict(self.searcher.stored_fields(docnum))
        fields["_docnum"] = docnum
        return Hit(
            fields,
            snippet=self._snippet(fields.get("description") or ""),
            overdue=bool(self._overdue[docnum]),
        )

    def _snippet(self, text: str) -> str:
        """The description's best passages with the searched-for words marked."""
        return self.snippets.snippet(text, self._terms)


def strong(matched: Matches, share: float) -> Mask:
    """The documents scoring at least ``share`` of the best score."""
    if not matched:
        return matched.found
    floor = matched.score[matched.found].max() * share
    return matched.found & (matched.score >= floor)
