"""Backups: written, kept for the retention, and restored by a round trip through
`directory backup`; a file that is not a backup changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlmodel import Session, select

from directory_app import backups
from directory_app.db import get_engine
from directory_app.models import Service
from tests.app.providers import make_group
from tests.conftest import PG_URL


def names(app: Flask) -> list[str]:
    with Session(get_engine(app)) as session:
        return sorted(session.exec(select(Service.name)).all())


def _round_trip(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    app.config["BACKUP_DIR"] = str(tmp_path / "backups")
    make_group(app, tmp_path, key="a", name="Morning Walk")
    made = runner.invoke(args=["backup", "now"])
    assert made.exit_code == 0, made.output
    (backup,) = backups.backups(app)
    make_group(app, tmp_path, key="b", name="Evening Choir")
    assert names(app) == ["Evening Choir", "Morning Walk"]
    restored = runner.invoke(args=["backup", "restore", str(backup), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "search index rebuilt with 1 documents" in restored.output
    assert names(app) == ["Morning Walk"]


def test_a_backup_restores_by_a_round_trip(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    _round_trip(app, runner, tmp_path)


@pytest.mark.postgres
def test_a_postgresql_backup_restores_by_a_round_trip(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    if not PG_URL:
        pytest.skip("set DIRECTORY_TEST_DATABASE_URL to a PostgreSQL URL")
    _round_trip(app, runner, tmp_path)


def test_a_file_that_is_not_a_backup_changes_nothing(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    make_group(app, tmp_path, key="a", name="Morning Walk")
    junk = tmp_path / "directory-20261201.sqlite3"
    junk.write_text("not a database at all")
    result = runner.invoke(args=["backup", "restore", str(junk), "--yes"])
    assert result.exit_code != 0
    assert (
        "not a SQLite database" in result.output
        and "Nothing was changed" in result.output
    )
    missing = runner.invoke(args=["backup", "restore", str(tmp_path / "nope"), "--yes"])
    assert "no file at" in missing.output
    assert names(app) == ["Morning Walk"]


def test_only_the_newest_backups_are_kept(app: Flask, tmp_path: Path) -> None:
    app.config.update(BACKUP_DIR=str(tmp_path / "backups"), BACKUP_KEEP=2)
    made = [backups.backup_now(app) for _ in range(3)]
    removed = backups.prune(app)
    assert removed == [made[0]]
    assert backups.backups(app) == [made[2], made[1]]
