"""Finding the right service: synonyms, spelling, filters, counts, place, freshness."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import SearchIndex, SearchQuery
from search_index.words import Speller, count_words, expand, load_synonyms

ROOT = Path(__file__).resolve().parents[2]
TOWN = (53.5228, -1.1285)


def doc(sid: str, name: str, description: str = "", **extra: object) -> dict:
    base = {
        "doc_id": f"{sid}-at",
        "service_id": sid,
        "name": name,
        "organisation": "",
        "description": description,
        "terms": "",
        "categories": "",
        "status": "active",
        "free": False,
        "days": "",
        "times": "",
        "min_age": 0,
        "max_age": 200,
        "attendance": "in-person",
        "access": "",
        "summary": {},
    }
    return base | extra


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    index = SearchIndex.create()
    index.synonyms = load_synonyms(ROOT / "data" / "synonyms.txt")
    index.replace_all(
        [
            doc(
                "befriend",
                "Telephone Befriending",
                "A weekly call from a volunteer",
                attendance="phone",
                areas="DN1 DN2",
            ),
            doc(
                "walk",
                "Cusworth Health Walk",
                "A gentle walk around the park",
                lat=53.536,
                lon=-1.176,
                days="tu",
                times="morning",
                free=True,
                categories="physical-activity",
                accessibility="step-free",
            ),
            doc(
                "yoga",
                "Chair Yoga for Over 60s",
                "Seated yoga and stretching",
                lat=53.52,
                lon=-1.13,
                days="we",
                times="afternoon",
                min_age=60,
                categories="physical-activity,older-people",
            ),
            doc(
                "counsel",
                "Community Counselling",
                "Talking therapy for adults",
                lat=53.53,
                lon=-1.12,
                min_age=18,
                review_due=20250101,
                categories="mental-wellbeing",
            ),
            doc(
                "talk",
                "Talking Therapy Group",
                "Counselling in a small group",
                lat=53.50,
                lon=-1.15,
                min_age=18,
                review_due=20270101,
                categories="mental-wellbeing",
            ),
            doc(
                "debt",
                "Debt Advice Clinic",
                "Money advice and budgeting help",
                lat=53.52,
                lon=-1.14,
                days="mo tu",
                times="morning afternoon",
                free=True,
                categories="money-debt-benefits",
                accessibility="step-free,hearing-loop",
            ),
            doc(
                "online",
                "Online Carers' Circle",
                "Carers meet by video",
                attendance="online",
                categories="carers",
            ),
            doc(
                "far",
                "Nordic Walking Thorne",
                "Poles provided",
                lat=53.611,
                lon=-0.96,
                days="tu",
                times="evening",
                categories="physical-activity",
            ),
        ]
    )
    return index


def names(results: object) -> list[str]:
    return [h.fields["name"] for h in results.hits]  # type: ignore[attr-defined]


def test_a_synonym_finds_what_the_word_typed_does_not(index: SearchIndex) -> None:
    assert names(index.search(SearchQuery(text="lonely"))) == ["Telephone Befriending"]


def test_uk_and_us_spellings_find_each_other(index: SearchIndex) -> None:
    found = set(names(index.search(SearchQuery(text="counseling"))))
    assert found == {"Community Counselling", "Talking Therapy Group"}


def test_a_misspelling_is_corrected_and_says_so(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="walkng"))
    assert names(results)[0] in {"Cusworth Health Walk", "Nordic Walking Thorne"}
    assert results.corrected_from == "walkng"
    assert results.searched_for in {"walk", "walking"}


def test_a_quoted_phrase_must_appear_as_written(index: SearchIndex) -> None:
    assert names(index.search(SearchQuery(text='"advice clinic"'))) == [
        "Debt Advice Clinic"
    ]
    assert names(index.search(SearchQuery(text='"clinic advice"'))) == []


def test_minus_leaves_out(index: SearchIndex) -> None:
    assert names(index.search(SearchQuery(text="walking -thorne"))) == [
        "Cusworth Health Walk"
    ]


def test_filters_combine(index: SearchIndex) -> None:
    on_tuesday = index.search(SearchQuery(filters={"day": "tu"}))
    assert set(names(on_tuesday)) == {
        "Cusworth Health Walk",
        "Debt Advice Clinic",
        "Nordic Walking Thorne",
    }
    free_morning = index.search(
        SearchQuery(
            filters={"day": "tu", "time": "morning"}, switches=frozenset({"free"})
        )
    )
    assert set(names(free_morning)) == {"Cusworth Health Walk", "Debt Advice Clinic"}
    both = index.search(SearchQuery(accessibility=("step-free", "hearing-loop")))
    assert names(both) == ["Debt Advice Clinic"]


def test_an_age_must_fall_in_the_services_range(index: SearchIndex) -> None:
    for_a_child = set(names(index.search(SearchQuery(text="yoga counselling", age=10))))
    assert for_a_child == set()
    assert names(index.search(SearchQuery(text="yoga", age=72))) == [
        "Chair Yoga for Over 60s"
    ]
    assert names(index.search(SearchQuery(text="yoga", age=40))) == []


def test_each_option_counts_the_results_it_would_leave(index: SearchIndex) -> None:
    results = index.search(SearchQuery(filters={"day": "tu"}))
    assert results.facets["day"]["tu"] == 3  # the chosen one
    assert results.facets["day"]["we"] == 1  # choosing Wednesday instead
    assert results.facets["time"] == {"afternoon": 1, "evening": 1, "morning": 2}
    assert results.facets["free"]["yes"] == 2
    assert results.facets["category"]["physical-activity"] == 2


def test_with_a_place_nearest_first_within_a_radius(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="walking", point=TOWN))
    assert names(results) == ["Cusworth Health Walk", "Nordic Walking Thorne"]
    near = index.search(SearchQuery(text="walking", point=TOWN, radius_miles=5))
    assert names(near) == ["Cusworth Health Walk"]
    assert near.facets["day"]["tu"] == 1  # counts respect the radius too


def test_services_without_a_place_are_listed_apart(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="befriending", point=TOWN, district="DN1"))
    assert names(results) == []  # no made-up distance
    assert [h.fields["name"] for h in results.elsewhere] == ["Telephone Befriending"]
    elsewhere = index.search(
        SearchQuery(text="befriending", point=TOWN, district="LS1")
    )
    assert elsewhere.elsewhere == []  # it covers DN1 and DN2 only


def test_overdue_listings_rank_lower_and_say_so(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="counselling therapy", today=20261123))
    assert names(results) == ["Talking Therapy Group", "Community Counselling"]
    assert [h.overdue for h in results.hits] == [False, True]


def test_synonym_expansion_keeps_phrases_and_weights() -> None:
    synonyms = {"debt advice": ["money advice"], "lonely": ["befriending"]}
    assert expand("lonely people", synonyms) == "(lonely OR befriending^0.5) people"
    assert expand("debt advice", synonyms, fields=("name",)) == (
        '("debt advice" OR (name:(debt advice)) OR "money advice"^0.5)'
    )


def test_the_speller_prefers_common_words() -> None:
    speller = Speller(count_words(["walking walking walking", "walling"]), {})
    assert speller.correct("walkin") == "walking"
    assert speller.correct("walking") is None
    assert speller.suggest("walkng group") == "walking group"


def test_counts_are_not_capped_and_the_last_page_is_reachable() -> None:
    """Every match counts, and the last page holds the last of them."""
    index = SearchIndex.create()
    index.replace_all([doc(f"w{n}", f"Walk {n}", "A walk") for n in range(7)])
    last = index.search(SearchQuery(text="walk", page=4, per_page=2))
    assert last.total == 7
    assert len(last.hits) == 1


def test_near_a_place_each_options_count_is_what_choosing_it_leaves(index) -> None:
    """With a postcode, an option's count is of the nearest-first list itself."""
    base = SearchQuery(text="", point=TOWN)
    shown = index.search(base)
    for dim, counts in shown.facets.items():
        if dim in ("free", "running"):
            for name, n in counts.items():
                chosen = SearchQuery(text="", point=TOWN, switches=frozenset({dim}))
                assert index.search(chosen).total == n, (dim, name)
            continue
        if dim == "accessibility":
            continue
        for value, n in counts.items():
            chosen = SearchQuery(text="", point=TOWN, filters={dim: value})
            assert index.search(chosen).total == n, (dim, value)
