"""Settings, read from the environment (see README, Configure)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEFAULT_SITE_NAME = "Doncaster Community Directory"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url(instance_path: Path) -> str:
    """The SQLAlchemy URL: DIRECTORY_DATABASE_URL, or a SQLite file in the instance."""
    url = os.environ.get("DIRECTORY_DATABASE_URL") or (
        f"sqlite:///{instance_path / 'directory.sqlite3'}"
    )
    return sqlalchemy_url(url)


def sqlalchemy_url(url: str) -> str:
    """Map a plain postgresql:// URL to the psycopg 3 driver; leave others alone."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def secret_key(instance_path: Path) -> str:
    """DIRECTORY_SECRET_KEY, or one generated once and kept in the instance folder."""
    key = os.environ.get("DIRECTORY_SECRET_KEY")
    if key:
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment(instance_path: Path) -> dict[str, Any]:
    """The whole configuration mapping for a new app."""
    return {
        "SECRET_KEY": secret_key(instance_path),
        "DATABASE_URL": database_url(instance_path),
        "INDEX_DIR": os.environ.get("DIRECTORY_INDEX_DIR")
        or str(instance_path / "index"),
        "SITE_NAME": os.environ.get("DIRECTORY_SITE_NAME", DEFAULT_SITE_NAME),
        "RESULTS_PER_PAGE": 10,
        "REVIEW_MONTHS": int(os.environ.get("DIRECTORY_REVIEW_MONTHS", "6")),
    }
