"""A demo directory built once per session and copied for each test that needs it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from directory_app import create_app
from directory_app.db import get_engine
from tests.app.providers import GROUP, STAFF, Group, add_person, make_group
from tests.conftest import PG_URL


def _config(db: Path, index: Path) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{db}",
        "INDEX_DIR": str(index),
        "SITE_NAME": "Test Directory",
        "RESULTS_PER_PAGE": 10,
        "REVIEW_MONTHS": 6,
        "OUTBOX_DIR": str(db.parent / "outbox"),
        "STAFF_EMAIL": "staff@directory.test",
    }


@pytest.fixture(scope="session")
def demo_template(template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo loaded with `directory setup`, once, into a folder to copy."""
    if PG_URL:
        pytest.skip("the demo store is a SQLite copy; not a PostgreSQL store test")
    folder = tmp_path_factory.mktemp("demo")
    shutil.copy(template_db, folder / "directory.sqlite3")
    app = create_app(_config(folder / "directory.sqlite3", folder / "index"))
    result = app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    get_engine(app).dispose()
    return folder


@pytest.fixture
def demo_app(demo_template: Path, tmp_path: Path) -> Iterator[Flask]:
    """An app over a private copy of the demo directory and its index."""
    folder = tmp_path / "demo"  # apart from ``app``'s store in tmp_path itself
    folder.mkdir()
    shutil.copy(demo_template / "directory.sqlite3", folder / "directory.sqlite3")
    shutil.copytree(demo_template / "index", folder / "index")
    app = create_app(_config(folder / "directory.sqlite3", folder / "index"))
    yield app
    get_engine(app).dispose()


@pytest.fixture
def group(app: Flask, tmp_path: Path) -> Group:
    """A listing imported into ``app``, looked after by GROUP, and a staff account."""
    made = make_group(app, tmp_path)
    add_person(app, GROUP, org_id=made.org_id)
    add_person(app, STAFF, role="staff")
    return made
