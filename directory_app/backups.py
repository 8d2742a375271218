"""Backups of the store: nightly, kept for BACKUP_KEEP nights, and restorable.

SQLite is copied with its online backup API (consistent while the app runs);
PostgreSQL with ``pg_dump --format=custom`` and restored with ``pg_restore``. A
backup is written beside its final name and renamed, so a half-written file is
never taken for a backup. A restore checks the file first and changes nothing if
it is not a backup of this directory.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

PREFIX = "directory-"


class BackupError(Exception):
    """A backup or restore could not be done; nothing was changed."""


def backup_dir(app: Flask) -> Path:
    """Where backups are kept."""
    return Path(app.config["BACKUP_DIR"])


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq address without its password, and the environment carrying it
    (so the password is not on the command line, where ps shows it)."""
    parsed = make_url(url).set(drivername="postgresql")
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(password=None).render_as_string(hide_password=False), env


def backup_now(app: Flask) -> Path:
    """Write a new backup; its path."""
    url = app.config["DATABASE_URL"]
    folder = backup_dir(app)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = folder / f"{PREFIX}{stamp}.{'sqlite3' if _is_sqlite(url) else 'pgdump'}"
    part = final.with_name(final.name + ".part")
    if _is_sqlite(url):
        _sqlite_copy(Path(make_url(url).database or ""), part)
    else:
        address, env = _libpq(url)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(part), address],
            env,
        )
    part.replace(final)
    return final


def _sqlite_copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    copy.close()
    live.close()


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed on this machine")
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def backups(app: Flask) -> list[Path]:
    """Every backup, newest first."""
    folder = backup_dir(app)
    if not folder.exists():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*") if not p.name.endswith(".part")]
    return sorted(found, key=lambda p: p.name, reverse=True)


def prune(app: Flask) -> list[Path]:
    """Remove backups beyond the newest BACKUP_KEEP; those removed."""
    keep = max(1, int(app.config.get("BACKUP_KEEP", 14)))
    old = backups(app)[keep:]
    for path in old:
        path.unlink()
    return old


def restore(app: Flask, path: Path) -> None:
    """Put a backup back as the store (BackupError, and no change, if it is not one)."""
    url = app.config["DATABASE_URL"]
    if not path.is_file():
        raise BackupError(f"no file at {path}")
    if _is_sqlite(url):
        _check_sqlite_backup(path)
        with (
            sqlite3.connect(path) as copy,
            sqlite3.connect(make_url(url).database or "") as live,
        ):
            copy.backup(live)
        copy.close()
        live.close()
        return
    _run(["pg_restore", "--list", str(path)])  # a readable dump, or an error
    address, env = _libpq(url)
    restoring = ["pg_restore", "--clean", "--if-exists", "--no-owner"]
    _run([*restoring, "--single-transaction", "--dbname", address, str(path)], env)


def _check_sqlite_backup(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                r[0]
                for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        db.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not a SQLite database: {exc}") from exc
    if ok != "ok":
        raise BackupError(f"{path.name} is damaged: {ok}")
    if not {"service", "alembic_version"} <= tables:
        raise BackupError(f"{path.name} is not a backup of this directory")
