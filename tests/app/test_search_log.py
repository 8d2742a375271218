"""The search log behind search gaps: what found nothing or little, by words and
district, with nothing personal kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlmodel import Session, select

from directory_app import indexing
from directory_app.db import get_engine
from directory_app.models import SearchGap
from directory_app.postcodes import BUNDLED, load_files
from directory_app.search_log import clean_words, log_dir, roll_up
from tests.app.providers import make_group


def gaps(app: Flask) -> dict[tuple[str, str], tuple[int, int, int]]:
    with Session(get_engine(app)) as session:
        rows = session.exec(select(SearchGap)).all()
    return {
        (r.words, r.district): (r.searches, r.none_found, r.few_found) for r in rows
    }


def test_searches_that_find_little_are_counted_by_words_and_district(
    app: Flask, tmp_path: Path
) -> None:
    make_group(app, tmp_path)
    indexing.rebuild(app)
    with Session(get_engine(app)) as session:
        load_files(session, [BUNDLED[0]])  # the districts' centres
        session.commit()
    client = app.test_client()
    for query in [
        "/search?q=Walk&postcode=DN5+0AA",
        "/search?q=walk&postcode=DN5+0AA",
        "/search?q=walk&postcode=DN5+0AA&page=2",  # later pages are not counted again
        "/search?q=bereavement+support&postcode=DN4+5AA",
        "/search?q=bereavement+support&postcode=DN4+6DL",
        "/search?q=bob%40example.com+07700+900982+DN4+5AA+carers",
    ]:
        assert client.get(query).status_code == 200
    assert list(log_dir(app).glob("*.jsonl")), "written by the web worker"
    before = datetime.now(UTC) - timedelta(minutes=5)
    assert roll_up(app, before) is None  # minutes still being written are left alone
    later = datetime.now(UTC) + timedelta(minutes=2)
    assert roll_up(app, later) == {"files": 1, "searches": 5}
    assert gaps(app) == {
        ("walk", "DN5"): (2, 0, 2),
        ("bereavement support", "DN4"): (2, 2, 0),
        ("carers", ""): (1, 1, 0),
    }
    assert list(log_dir(app).glob("*.jsonl")) == []
    client.get("/search?q=bereavement+support&postcode=DN4+5AA")
    roll_up(app, later + timedelta(minutes=2))
    assert gaps(app)[("bereavement support", "DN4")] == (3, 3, 0)


def test_nothing_personal_is_kept_of_the_words() -> None:
    assert clean_words("Help for Jo Bloggs jo@bloggs.example 01302 123456") == (
        "help for jo bloggs"
    )
    assert clean_words("carers near DN4 5AA or dn45aa") == "carers near or"
    assert clean_words("  Dementia   CAFE ") == "dementia cafe"
