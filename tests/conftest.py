"""Fixtures: a fresh store per test (SQLite file, or PostgreSQL when asked), the app,
its test client and CLI runner, a session, and the shared fixtures folder.

Set DIRECTORY_TEST_DATABASE_URL to a PostgreSQL URL to run the store tests (marked
``postgres``) there; `.ci/run` does. Without a reachable server they skip, saying why,
except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlmodel import Session, SQLModel

from directory_app import create_app
from directory_app.config import sqlalchemy_url
from directory_app.db import get_engine
from directory_app.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("DIRECTORY_TEST_DATABASE_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    """Under a PostgreSQL URL, run only the store tests (they are what it is for)."""
    if PG_URL:
        for item in items:
            if "postgres" not in item.keywords:
                item.add_marker(pytest.mark.skip(reason="not a store test"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared specifications and fixtures, read in place."""
    if not SHARED.exists():
        pytest.skip(f"the shared folder is not beside the project ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated once: a SQLite file to copy, or the PostgreSQL URL."""
    if PG_URL:
        return _prepare_postgres(sqlalchemy_url(PG_URL))
    path = tmp_path_factory.mktemp("template") / "directory.sqlite3"
    upgrade(f"sqlite:///{path}")
    return str(path)


def _prepare_postgres(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL must be reachable in CI at {url}: {exc}")
        pytest.skip(f"PostgreSQL is not reachable at {url}: {exc}")
    finally:
        engine.dispose()
    upgrade(url)
    return url


def _database_url(template: str, tmp_path: Path) -> str:
    if PG_URL:
        engine = create_engine(template)
        with engine.begin() as conn:
            tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return template
    path = tmp_path / "directory.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(template_db: str, tmp_path: Path) -> Iterator[Flask]:
    """An app over its own fresh store and index folder."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": _database_url(template_db, tmp_path),
            "INDEX_DIR": str(tmp_path / "index"),
            "SITE_NAME": "Test Directory",
            "RESULTS_PER_PAGE": 10,
            "REVIEW_MONTHS": 6,
            "OUTBOX_DIR": str(tmp_path / "outbox"),
            "STAFF_EMAIL": "staff@directory.test",
        }
    )
    yield app
    get_engine(app).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's ``directory`` commands."""
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session on the app's store."""
    with Session(get_engine(app), expire_on_commit=False) as session:
        yield session
