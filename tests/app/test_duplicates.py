"""One listing per real service, however many sources list it."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlmodel import Session, col, select

from directory_app.models import (
    DuplicateCandidate,
    ReviewState,
    Service,
    SourceRecord,
)
from tests.factories import import_items, make_raw_service

pytestmark = pytest.mark.postgres

CHARITY = [
    {
        "id": "i1",
        "identifier_scheme": "GB-CHC",
        "identifier_type": "Charity number",
        "identifier": "1234567",
    }
]


def council_item(**overrides: object) -> dict:
    item = make_raw_service(id="c-1", name="Bentley Health Walk")
    item["organization"] = {
        "id": "o1",
        "name": "Bentley Walkers",
        "organization_identifiers": CHARITY,
    }
    return item | overrides


def charity_item(**overrides: object) -> dict:
    item = make_raw_service(
        id="x-77",
        name="Bentley Health Walks",
        description="Our own words about the walk.",
        email="walks@example.org.uk",
        postcode="DN5 0AB",
    )
    item["organization"] = {
        "id": "org-9",
        "name": "Bentley Walkers CIO",
        "organization_identifiers": CHARITY,
    }
    return item | overrides


def listed(session: Session) -> list[Service]:
    session.expire_all()
    hidden = select(ReviewState.service_id).where(
        col(ReviewState.withdrawn_at).is_not(None)
    )
    return list(session.exec(select(Service).where(col(Service.id).not_in(hidden))))


def test_the_same_service_from_two_sources_is_one_listing(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [council_item()], name="council")
    run = import_items(app, tmp_path, [charity_item()], name="charity")
    assert (run.merged, run.created) == (1, 0)
    (listing,) = listed(session)
    assert listing.name == "Bentley Health Walk"  # the first source keeps its fields
    assert listing.description.startswith("A gentle walk")  # type: ignore[union-attr]
    assert listing.email == "walks@example.org.uk"  # the second fills a gap
    sources = session.exec(
        select(SourceRecord).where(col(SourceRecord.service_id) == listing.id)
    ).all()
    assert sorted(r.external_id for r in sources) == ["c-1", "x-77"]


def test_a_shared_phone_and_a_close_name_merge_too(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    phone = [{"id": "p", "number": "01632 960123"}]
    import_items(app, tmp_path, [make_raw_service(phones=phone)], name="council")
    run = import_items(
        app,
        tmp_path,
        [
            make_raw_service(
                id="other",
                name="Bentley health walk",
                postcode=None,
                phones=[{"id": "q", "number": "+44 1632 960123"}],
            )
        ],
        name="charity",
    )
    assert run.merged == 1 and len(listed(session)) == 1


def test_an_uncertain_match_goes_to_review_with_its_evidence(
    app: Flask, session: Session, tmp_path: Path, runner: FlaskCliRunner
) -> None:
    import_items(app, tmp_path, [make_raw_service()], name="council")
    run = import_items(
        app,
        tmp_path,
        [make_raw_service(id="w", name="Health Walk at Bentley Park")],
        name="charity",
    )
    assert (run.created, run.merged) == (1, 0)
    pair = session.exec(select(DuplicateCandidate)).one()
    assert 0.6 <= pair.score < 0.85
    assert pair.evidence["postcode"] == ["DN5 0AA"]
    shown = runner.invoke(args=["duplicates", "list"]).output
    assert "'Health Walk at Bentley Park' ~ 'Bentley Health Walk'" in shown
    assert "postcode: DN5 0AA" in shown
    merged = runner.invoke(args=["duplicates", "merge", str(pair.id), "--by", "ana"])
    assert merged.exit_code == 0, merged.output
    assert [s.name for s in listed(session)] == ["Bentley Health Walk"]
    again = runner.invoke(args=["duplicates", "merge", str(pair.id)])
    assert "was already merged" in again.output


def test_different_groups_at_the_same_venue_stay_apart(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [make_raw_service()], name="council")
    run = import_items(
        app,
        tmp_path,
        [make_raw_service(id="k", name="Knit and Natter")],
        name="charity",
    )
    assert run.created == 1
    assert session.exec(select(DuplicateCandidate)).all() == []
    assert len(listed(session)) == 2


def test_a_listing_stays_while_any_of_its_sources_lists_it(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [council_item()], name="council")
    import_items(app, tmp_path, [charity_item()], name="charity")
    gone = import_items(app, tmp_path, [], name="council")
    assert gone.withdrawn == 1
    assert [s.name for s in listed(session)] == ["Bentley Health Walk"]
