"""Our scoring and place grid give exactly what Whoosh and brute force would."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup, PlusMinusPlugin

from search_index import SearchIndex, SearchQuery
from search_index.geo import distance_miles
from search_index.places import Places
from search_index.schema import SEARCH_FIELDS
from search_index.scoring import Scorer, docnums_of, mask_of
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
    ours = Scorer(searcher).scores(query)
    theirs = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert set(ours) == set(theirs)
    for docnum, score in theirs.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-5)
    deleted = {f"s{n}" for n in range(0, 600, 7)}
    assert not {searcher.stored_fields(d)["service_id"] for d in ours} & deleted


def test_bitsets_round_trip() -> None:
    docs = sorted(random.Random(2).sample(range(100_000), 5_000))
    assert docnums_of(mask_of(docs)) == docs
    assert mask_of([]) == 0
    assert docnums_of(0) == []


def _places(seed: int, count: int) -> tuple[Places, list[tuple[float, float]]]:
    """Listings scattered over about 40 miles around Doncaster, some unplaced."""
    rng = random.Random(seed)
    points = [
        (53.52 + rng.uniform(-0.3, 0.3), -1.13 + rng.uniform(-0.5, 0.5))
        for _ in range(count)
    ]
    placed = [d for d in range(count) if d % 10]
    lat = [round(p[0] * 1e6) for p in points]
    lon = [round(p[1] * 1e6) for p in points]
    return Places(lat, lon, placed), points


@pytest.mark.parametrize("count", [50, 20])
def test_nearest_through_the_grid_is_the_true_nearest(count: int) -> None:
    """Walking rings of cells finds the same nearest listings as measuring all,
    with a penalty on some (overdue listings count as further away)."""
    places, points = _places(3, 8000)
    here = (53.5228, -1.1285)
    wanted = {d for d in range(8000) if d % 10 and d % 3}
    miles = places.miles_from(here)

    def cost(d: int) -> float:
        return miles(d) * (1.5 if d % 4 == 0 else 1.0)

    def exact(d: int) -> float:
        far = distance_miles(here, points[d])
        return far * (1.5 if d % 4 == 0 else 1.0)

    found = places.nearest(
        here, count, wanted.__contains__, len(wanted), cost, lambda: sorted(wanted)
    )
    assert found == sorted(wanted, key=lambda d: (exact(d), d))[:count]
    few = set(sorted(wanted)[:40])  # few candidates: measured directly
    found = places.nearest(
        here, count, few.__contains__, len(few), cost, lambda: sorted(few)
    )
    assert found == sorted(few, key=lambda d: (exact(d), d))[:count]


@pytest.mark.parametrize("radius", [0.3, 2.0, 5.0, 25.0])
def test_within_a_radius_through_the_grid(radius: float) -> None:
    places, points = _places(4, 8000)
    here = (53.55, -1.0)
    wanted = set(range(0, 8000, 2))
    found = set(places.within(here, radius, wanted.__contains__)) & wanted
    truth = {d for d in wanted if d % 10 and distance_miles(here, points[d]) <= radius}
    assert found == truth


def test_a_place_far_from_every_listing_still_finds_the_nearest() -> None:
    places, points = _places(5, 500)
    far_away = (57.48, -4.22)  # Inverness
    wanted = set(range(1, 500))
    found = places.nearest(
        far_away, 3, wanted.__contains__, 5000, places.miles_from(far_away), list
    )
    placed = [d for d in wanted if d % 10]
    assert (
        found == sorted(placed, key=lambda d: distance_miles(far_away, points[d]))[:3]
    )


def test_search_pages_through_many_nearby_listings(monkeypatch) -> None:
    """Page 3 near a place continues where page 2 stopped, nearest first."""
    monkeypatch.setattr("search_index.places.DIRECT_BELOW", 50)  # the grid's way
    rng = random.Random(6)
    docs = [
        doc(
            f"p{n}",
            f"Walk {n}",
            "A walk",
            lat=53.52 + rng.uniform(-0.1, 0.1),
            lon=-1.13 + rng.uniform(-0.1, 0.1),
        )
        for n in range(400)
    ]
    index = SearchIndex.create()
    index.replace_all(docs)
    here = (53.5228, -1.1285)
    seen: list[float] = []
    for page in (1, 2, 3):
        results = index.search(SearchQuery(text="walk", point=here, page=page))
        assert results.total == 400
        seen += [hit.distance_miles for hit in results.hits]
    assert len(seen) == 30
    assert seen == sorted(seen)
    every = sorted(distance_miles(here, (d["lat"], d["lon"])) for d in docs)
    assert seen == pytest.approx(every[:30], abs=0.001)  # places kept to 1e-6°
