"""The index follows the store's change log, and check repairs any difference."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import Session, delete, select

from directory_app import indexing
from directory_app.db import get_engine
from directory_app.history import Actor
from directory_app.models import ChangeLog, Service
from directory_app.packages import load_packages
from directory_app.sync import apply_package
from search_index import SearchQuery
from tests.factories import import_items, make_raw_service

pytestmark = pytest.mark.postgres


def found(app: Flask, text: str) -> list[str]:
    results = indexing.get_index(app).search(SearchQuery(text=text))
    return [hit.fields["name"] for hit in results.hits]


def rename(app: Flask, old: str, new: str) -> None:
    """A person's edit, through the sync path (it writes a change-log row)."""
    with Session(get_engine(app)) as session:
        sid = session.exec(select(Service.id).where(Service.name == old)).one()
        pkg = load_packages(session, [sid])[sid]
        apply_package(session, pkg | {"name": new}, Actor("person", "ed@example.org"))
        session.commit()


def test_an_import_is_searchable_as_soon_as_it_finishes(
    app: Flask, tmp_path: Path
) -> None:
    indexing.rebuild(app)
    import_items(app, tmp_path, [make_raw_service(id="s2", name="Askern Knit Club")])
    assert found(app, "knit") == ["Askern Knit Club"]
    assert indexing.apply_changes(app) == 0  # nothing left for the follower


def test_edits_reach_search_through_the_change_log(app: Flask, tmp_path: Path) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    indexing.rebuild(app)
    rename(app, "Bentley Health Walk", "Bentley Nordic Walk")
    assert found(app, "nordic") == []  # not until the change log is followed
    assert indexing.apply_changes(app) == 1
    assert found(app, "nordic") == ["Bentley Nordic Walk"]
    assert indexing.apply_changes(app) == 0  # nothing new


def test_withdrawn_and_defunct_listings_leave_search(
    app: Flask, tmp_path: Path
) -> None:
    import_items(
        app,
        tmp_path,
        [make_raw_service(), make_raw_service(id="s2", name="Askern Knit Club")],
    )
    indexing.rebuild(app)
    import_items(app, tmp_path, [make_raw_service(status="defunct")])
    indexing.apply_changes(app)
    assert found(app, "bentley") == [] and found(app, "knit") == []


def test_temporarily_closed_listings_stay_findable_and_marked(
    app: Flask, tmp_path: Path
) -> None:
    import_items(
        app,
        tmp_path,
        [make_raw_service(status="temporarily closed", alert="Closed until March.")],
    )
    indexing.rebuild(app)
    hit = indexing.get_index(app).search(SearchQuery(text="bentley")).hits[0]
    assert hit.fields["status"] == "temporarily closed"
    assert hit.fields["summary"]["alert"] == "Closed until March."


def test_check_repairs_what_is_missing_and_what_is_extra(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(
        app,
        tmp_path,
        [make_raw_service(), make_raw_service(id="s2", name="Askern Knit Club")],
    )
    indexing.rebuild(app)
    index = indexing.get_index(app)
    knit = session.execute(
        select(Service).where(Service.name == "Askern Knit Club")
    ).scalar_one()
    index.update([knit.id], [])  # lose one
    index.update([], [{"doc_id": "ghost", "service_id": "ghost", "name": "Ghost"}])
    report = indexing.check(app)
    assert report.missing == {knit.id} and report.extra == {"ghost"}
    assert indexing.check(app).agrees
    assert found(app, "knit") == ["Askern Knit Club"] and found(app, "ghost") == []


def test_a_change_that_commits_out_of_order_is_not_lost(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    """On PostgreSQL a lower sequence number can commit after a higher one."""
    import_items(
        app,
        tmp_path,
        [make_raw_service(), make_raw_service(id="s2", name="Askern Knit Club")],
    )
    indexing.rebuild(app)
    rename(app, "Bentley Health Walk", "Bentley Nordic Walk")
    knit = session.exec(select(Service).where(Service.name == "Askern Knit Club")).one()
    late = ChangeLog(seq=1, service_id=knit.id, action="upsert")  # an early seq...
    session.exec(delete(ChangeLog).where(ChangeLog.seq == 1))  # ...re-used late
    session.add(late)
    session.commit()
    index = indexing.get_index(app)
    index.update([knit.id], [])  # the index never saw it
    indexing.apply_changes(app)
    assert found(app, "nordic") == ["Bentley Nordic Walk"]
    assert found(app, "knit") == []  # seq 1 was applied at the rebuild...
    index.set_state(recent=[])  # ...unless the rebuild did not cover it
    indexing.apply_changes(app)
    assert found(app, "knit") == ["Askern Knit Club"]
