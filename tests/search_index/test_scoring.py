"""Our scoring and place grid give exactly what Whoosh and brute force would."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, PlusMinusPlugin

from search_index import SearchIndex, SearchQuery
from search_index.geo import distance_miles
from search_index.schema import SEARCH_FIELDS
from search_index.scoring import Scorer, best
from tests.search_index.test_finding import doc

WORDS = (
    "walk walking group health chair yoga gentle cafe dementia memory carers "
    "support debt advice money food bank lunch club art therapy singing tai chi"
).split()
QUERIES = [
    "walk",
    "walking group",
    "dementia cafe",
    '"food bank"',
    "yoga -chair",
    "art OR therapy",
    "support^2 carers",
    "singing tai",
    "nothing-matches-this",
]


def _corpus(seed: int, count: int) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        name = " ".join(rng.sample(WORDS, 2)).title()
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
        docs.append(doc(f"s{n}", name, text, organisation=rng.choice(WORDS)))
    return docs


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """An index on disk of several segments, with deletions not yet merged."""
    path: Path = tmp_path_factory.mktemp("scoring")
    index = SearchIndex.create(path)
    docs = _corpus(1, 600)
    index.replace_all(docs[:400])
    index.update([], docs[400:])  # a second segment
    index.update([f"s{n}" for n in range(0, 600, 7)], [])  # deletions in both
    return index


@pytest.mark.parametrize("group", [AndGroup, OrGroup])
@pytest.mark.parametrize("text", QUERIES)
def test_scores_are_whooshs_own(index: SearchIndex, text: str, group) -> None:
    """Same documents, same scores as Whoosh's matchers, deletions left out."""
    searcher = index.searcher()
    assert len(searcher.reader().leaf_readers()) > 1
    parser = MultifieldParser(SEARCH_FIELDS, searcher.schema, group=group)
    parser.add_plugin(PlusMinusPlugin())
    query = parser.parse(text)
    ours = Scorer(searcher).matches(query)
    theirs = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert set(ours.docnums().tolist()) == set(theirs)
    for docnum, score in theirs.items():
        assert ours.score[docnum] == pytest.approx(score, rel=1e-6)
    deleted = {f"s{n}" for n in range(0, 600, 7)}
    found = {searcher.stored_fields(d)["service_id"] for d in ours.docnums().tolist()}
    assert not found & deleted


def test_best_keeps_ties_in_document_order() -> None:
    keys = np.array([1.0, 3.0, 2.0, 3.0, 1.0, 3.0, 0.5] * 10)
    docs = np.arange(len(keys))
    assert best(keys, docs, 4).tolist() == [1, 3, 5, 8]
    assert best(keys, docs, 100).tolist()[:3] == [1, 3, 5]
    assert len(best(keys, docs, 100)) == 70


def _placed_docs(seed: int, count: int) -> list[dict]:
    """Walks scattered over about 40 miles around Doncaster."""
    rng = random.Random(seed)
    return [
        doc(
            f"p{n}",
            f"Walk {n}",
            "A walk",
            lat=53.52 + rng.uniform(-0.3, 0.3),
            lon=-1.13 + rng.uniform(-0.5, 0.5),
        )
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def placed() -> tuple[SearchIndex, list[dict]]:
    docs = _placed_docs(6, 400)
    index = SearchIndex.create()
    index.replace_all(docs)
    return index, docs


def test_pages_near_a_place_are_nearest_first(placed) -> None:
    """Page 3 near a place continues where page 2 stopped, nearest first."""
    index, docs = placed
    here = (53.5228, -1.1285)
    seen: list[float] = []
    for page in (1, 2, 3):
        results = index.search(SearchQuery(text="walk", point=here, page=page))
        assert results.total == 400
        seen += [hit.distance_miles for hit in results.hits]
    every = sorted(distance_miles(here, (d["lat"], d["lon"])) for d in docs)
    assert seen == pytest.approx(every[:30], abs=0.001)  # places kept to 1e-6°


@pytest.mark.parametrize("radius", [1.0, 5.0, 25.0])
def test_radius_keeps_exactly_the_listings_within_it(placed, radius) -> None:
    index, docs = placed
    here = (53.55, -1.0)
    results = index.search(
        SearchQuery(text="walk", point=here, radius_miles=radius, per_page=400)
    )
    inside = {
        d["service_id"]
        for d in docs
        if distance_miles(here, (d["lat"], d["lon"])) <= radius - 0.001
    }
    found = {hit.fields["service_id"] for hit in results.hits}
    assert inside <= found
    assert all(hit.distance_miles <= radius for hit in results.hits)
    assert results.total == len(found)
