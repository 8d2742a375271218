"""The search index on plain documents, in memory (and on disk where it matters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import IndexMissing, SearchIndex, SearchQuery
from search_index.geo import distance_miles

DONCASTER = (53.5228, -1.1285)


def doc(
    sid: str,
    name: str,
    description: str = "",
    *,
    lat: float | None = None,
    lon: float | None = None,
    **extra: object,
) -> dict[str, object]:
    document: dict[str, object] = {
        "doc_id": f"{sid}-at",
        "service_id": sid,
        "name": name,
        "organisation": "",
        "description": description,
        "terms": "",
        "categories": "",
        "status": "active",
        "free": True,
        "summary": {},
    }
    if lat is not None:
        document["lat"], document["lon"] = lat, lon
    return document | extra


@pytest.fixture
def index() -> SearchIndex:
    index = SearchIndex.create()
    index.replace_all(
        [
            doc(
                "walk",
                "Cusworth Health Walk",
                "A gentle walk in the park",
                lat=53.536,
                lon=-1.176,
            ),
            doc(
                "nordic",
                "Nordic Walking Thorne",
                "Poles provided",
                lat=53.611,
                lon=-0.960,
            ),
            doc(
                "buggy",
                "Buggy Walks Balby",
                "Walking with prams",
                lat=53.497,
                lon=-1.152,
            ),
            doc(
                "debt",
                "Debt advice drop-in",
                "Money and benefits help",
                lat=53.523,
                lon=-1.133,
            ),
            doc("phone", "Telephone walking buddies", "A call every week"),
        ]
    )
    return index


def names(results: object) -> list[str]:
    return [hit.fields["name"] for hit in results.hits]  # type: ignore[attr-defined]


def test_stemming_finds_walk_walks_and_walking(index: SearchIndex) -> None:
    found = set(names(index.search(SearchQuery(text="walk"))))
    assert found == {
        "Cusworth Health Walk",
        "Nordic Walking Thorne",
        "Buggy Walks Balby",
        "Telephone walking buddies",
    }


def test_a_name_match_ranks_above_a_description_match(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="debt"))
    assert names(results) == ["Debt advice drop-in"]
    assert "<mark>" not in results.hits[0].snippet  # the name matched, not the text
    money = index.search(SearchQuery(text="benefits"))
    assert money.hits[0].snippet == "Money and <mark>benefits</mark> help"


def test_with_a_point_results_are_nearest_first_with_miles(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="walking", point=DONCASTER))
    assert names(results) == [
        "Buggy Walks Balby",
        "Cusworth Health Walk",
        "Nordic Walking Thorne",
    ]
    miles = [hit.distance_miles for hit in results.hits]
    assert miles == sorted(miles)
    assert miles[0] == pytest.approx(distance_miles(DONCASTER, (53.497, -1.152)))


def test_a_radius_leaves_out_what_is_further(index: SearchIndex) -> None:
    results = index.search(SearchQuery(text="walk", point=DONCASTER, radius_miles=3))
    assert names(results) == ["Buggy Walks Balby", "Cusworth Health Walk"]


def test_pages(index: SearchIndex) -> None:
    first = index.search(SearchQuery(text="walk", per_page=3, page=1))
    second = index.search(SearchQuery(text="walk", per_page=3, page=2))
    assert first.total == second.total == 4 and first.pages == 2
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(names(first)) & set(names(second))


def test_several_words_all_must_match_else_any(index: SearchIndex) -> None:
    assert names(index.search(SearchQuery(text="nordic poles"))) == [
        "Nordic Walking Thorne"
    ]
    either = names(index.search(SearchQuery(text="nordic prams")))
    assert set(either) == {"Nordic Walking Thorne", "Buggy Walks Balby"}


def test_update_replaces_one_services_documents(index: SearchIndex) -> None:
    index.update(["debt"], [doc("debt", "Money advice clinic", "Benefit checks")])
    assert names(index.search(SearchQuery(text="debt"))) == []
    assert names(index.search(SearchQuery(text="clinic"))) == ["Money advice clinic"]
    index.update(["walk"], [])
    assert "Cusworth Health Walk" not in names(index.search(SearchQuery(text="walk")))
    assert index.service_ids() == {"nordic", "buggy", "debt", "phone"}


def test_state_is_kept_beside_an_index_on_disk(tmp_path: Path) -> None:
    SearchIndex.create(tmp_path / "ix").set_state(seq=42)
    assert SearchIndex.open(tmp_path / "ix").state()["seq"] == 42


# Whoosh leaves the damaged table of contents open when it gives up on it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_missing_or_damaged_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing):
        SearchIndex.open(tmp_path / "nothing-here")
    made = SearchIndex.create(tmp_path / "ix")
    made.replace_all([doc("a", "Anything")])
    for segment in (tmp_path / "ix").glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in (tmp_path / "ix").glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexMissing, match="cannot be read"):
        SearchIndex.open(tmp_path / "ix")


def test_an_index_from_an_older_version_must_be_rebuilt(tmp_path, monkeypatch) -> None:
    """An index whose schema differs (here: ages without columns) is not used; the
    app's start-up then rebuilds it (directory_app.indexing)."""
    import pytest
    from whoosh.fields import NUMERIC

    from search_index import IndexMissing
    from search_index import index as index_module
    from search_index.schema import make_schema

    def older() -> object:
        schema = make_schema()
        schema.remove("min_age")
        schema.add("min_age", NUMERIC(int, bits=16))
        return schema

    monkeypatch.setattr(index_module, "make_schema", older)
    SearchIndex.create(tmp_path / "old")
    monkeypatch.undo()
    with pytest.raises(IndexMissing, match="older version"):
        SearchIndex.open(tmp_path / "old")
