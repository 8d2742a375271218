"""Importing through the sync path: create, update, unchanged, withdraw, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlmodel import Session

from directory_app.history import Actor
from directory_app.models import (
    ChangeLog,
    FieldProvenance,
    ListingVersion,
    ReviewState,
    Service,
    SuggestedUpdate,
)
from directory_app.packages import load_packages, rekey
from directory_app.sync import apply_package
from tests.factories import import_items, make_raw_service

pytestmark = pytest.mark.postgres


def count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar() or 0


def services_by_name(session: Session) -> dict[str, Service]:
    return {s.name: s for s in session.execute(select(Service)).scalars()}


def test_import_creates_listings_with_everything_nested(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    run = import_items(
        app,
        tmp_path,
        [
            make_raw_service(),
            make_raw_service(id="svc-2", name="Thorne Lunch Club", category="food"),
        ],
    )
    assert (run.status, run.created, run.read) == ("succeeded", 2, 2)
    walk = services_by_name(session)["Bentley Health Walk"]
    pkg = load_packages(session, [walk.id])[walk.id]
    assert pkg["organization"]["name"] == "Bentley Health Walk Group"
    location = pkg["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "DN5 0AA"
    assert pkg["schedules"][0]["opens_at"] == "10:00:00"
    assert pkg["attributes"][0]["taxonomy_term"]["code"] == "physical-activity"


def test_rerunning_an_unchanged_source_changes_nothing(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    versions, changes = count(session, ListingVersion), count(session, ChangeLog)
    run = import_items(app, tmp_path, [make_raw_service()])
    assert (run.unchanged, run.created, run.updated) == (1, 0, 0)
    assert count(session, ListingVersion) == versions
    assert count(session, ChangeLog) == changes


def test_a_changed_field_makes_a_new_version_with_its_provenance(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    run = import_items(app, tmp_path, [make_raw_service(description="Now 90 minutes.")])
    assert run.updated == 1
    service = session.execute(select(Service)).scalar_one()
    assert service.description == "Now 90 minutes."
    versions = (
        session.execute(
            select(ListingVersion).order_by(ListingVersion.version)  # type: ignore[arg-type]
        )
        .scalars()
        .all()
    )
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].summary == "changed description"
    assert versions[0].data["description"].startswith("A gentle walk")
    name_source = session.get(FieldProvenance, (service.id, "description"))
    assert name_source is not None
    assert (name_source.set_by_kind, name_source.set_by) == ("source", "feed")


def test_items_gone_from_the_source_are_withdrawn_then_reinstated(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    first = import_items(
        app,
        tmp_path,
        [make_raw_service(), make_raw_service(id="svc-2", name="Thorne Lunch Club")],
    )
    assert first.created == 2
    run = import_items(app, tmp_path, [make_raw_service()])
    assert run.withdrawn == 1
    lunch = services_by_name(session)["Thorne Lunch Club"]
    review = session.get(ReviewState, lunch.id)
    assert review is not None and review.withdrawn_at is not None
    assert count(session, Service) == 2  # kept, not deleted
    back = import_items(
        app,
        tmp_path,
        [make_raw_service(), make_raw_service(id="svc-2", name="Thorne Lunch Club")],
    )
    assert back.updated == 1
    session.expire_all()
    assert session.get(ReviewState, lunch.id).withdrawn_at is None  # type: ignore[union-attr]


def test_a_field_set_by_a_person_is_kept_and_the_import_suggested(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    service = session.execute(select(Service)).scalar_one()
    pkg = load_packages(session, [service.id])[service.id]
    pkg["description"] = "Meet at the bandstand. Walks last about an hour."
    person = Actor("person", "organiser@example.org.uk")
    assert apply_package(session, pkg, person) == "updated"
    session.commit()
    run = import_items(
        app,
        tmp_path,
        [
            make_raw_service(
                description="An imported description that would overwrite the person's."
            )
        ],
    )
    assert run.status == "succeeded"
    session.expire_all()
    assert session.get(Service, service.id).description == (  # type: ignore[union-attr]
        "Meet at the bandstand. Walks last about an hour."
    )
    suggestion = session.execute(select(SuggestedUpdate)).scalar_one()
    assert suggestion.field == "description"
    assert "would overwrite" in suggestion.value["value"]


def test_a_rejected_item_is_reported_and_the_rest_load(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    run = import_items(app, tmp_path, [make_raw_service(), {"id": "x-1", "name": ""}])
    assert (run.created, run.rejected, run.read) == (1, 1, 2)
    assert count(session, Service) == 1


def test_a_failure_while_storing_leaves_the_store_as_it_was(
    app: Flask, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    before = (count(session, Service), count(session, ListingVersion))

    def broken_write(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("directory_app.sync.write_packages", broken_write)
    run = import_items(
        app,
        tmp_path,
        [
            make_raw_service(name="Renamed"),
            make_raw_service(id="svc-9", name="New one"),
        ],
    )
    assert run.status == "failed"
    assert "disk full" in (run.error or "")
    session.expire_all()
    assert (count(session, Service), count(session, ListingVersion)) == before
    assert services_by_name(session).keys() == {"Bentley Health Walk"}


def test_service_ids_are_stable_per_source(app: Flask) -> None:
    first = rekey(
        "source-a",
        make_raw_service() | {"organization": None, "service_at_locations": []},
    )
    again = rekey(
        "source-a",
        make_raw_service() | {"organization": None, "service_at_locations": []},
    )
    other = rekey(
        "source-b",
        make_raw_service() | {"organization": None, "service_at_locations": []},
    )
    assert first["id"] == again["id"] != other["id"]


def test_an_address_with_only_a_postcode_is_stored(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    item = make_raw_service()
    address = item["service_at_locations"][0]["location"]["addresses"][0]
    for field in ("address_1", "city", "state_province"):
        del address[field]
    run = import_items(app, tmp_path, [item])
    assert (run.status, run.created) == ("succeeded", 1)


def test_stable_ids_are_true_uuid5s() -> None:
    import uuid

    from directory_app.packages import DIRECTORY_NS, stable_id

    for scope, kind, key in [("a", "service", "1"), ("src", "location", "Ünïcode")]:
        expected = str(uuid.uuid5(DIRECTORY_NS, f"{scope}/{kind}/{key}"))
        assert stable_id(scope, kind, key) == expected
