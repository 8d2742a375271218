"""Settings, read from the environment (see README, Configure)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEFAULT_SITE_NAME = "Doncaster Community Directory"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def parse_category_months(text: str) -> dict[str, int]:
    """'money-debt-benefits=3, housing=4' as {'money-debt-benefits': 3, ...}."""
    found = {}
    for part in text.split(","):
        code, _, months = part.partition("=")
        if code.strip() and months.strip().isdigit():
            found[code.strip()] = int(months.strip())
    return found


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


def defaults(instance_path: Path) -> dict[str, Any]:
    """Settings with a sensible value when nothing says otherwise."""
    return {
        "RESULTS_PER_PAGE": 10,
        "REVIEW_MONTHS": 6,
        "REVIEW_MONTHS_BY_CATEGORY": {},
        "STALE_AFTER_MONTHS": 3,
        "HIDE_STALE": False,
        "BACKUP_DIR": str(instance_path / "backups"),
        "BACKUP_KEEP": 14,
        "LINK_CHECK_ALLOW": [],
        "SOURCE_FETCH_ALLOW": [],
        "OUTBOX_DIR": str(instance_path / "outbox"),
        "MAIL_FROM": "directory@localhost",
        "STAFF_EMAIL": None,
        "MAP_TILES_URL": None,
        "SECURE_COOKIES": True,
        "PROFESSIONAL_EMAIL_DOMAINS": [],
        "NOTIFY_API_KEY": None,
        "NOTIFY_BASE_URL": None,
        "NOTIFY_EMAIL_TEMPLATE": None,
        "NOTIFY_SMS_TEMPLATE": None,
    }


def _env_list(name: str) -> list[str]:
    return [v.strip().lower() for v in os.environ.get(name, "").split(",") if v.strip()]


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes"}


def from_environment(instance_path: Path) -> dict[str, Any]:
    """The whole configuration mapping for a new app."""
    mail = {
        "MAIL_SERVER": os.environ.get("DIRECTORY_MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("DIRECTORY_MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("DIRECTORY_MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("DIRECTORY_MAIL_PASSWORD"),
        "MAIL_USE_TLS": _env_flag("DIRECTORY_MAIL_USE_TLS", False),
        "MAIL_FROM": os.environ.get("DIRECTORY_MAIL_FROM", "directory@localhost"),
        "STAFF_EMAIL": os.environ.get("DIRECTORY_STAFF_EMAIL"),
        "OUTBOX_DIR": os.environ.get("DIRECTORY_OUTBOX_DIR")
        or str(instance_path / "outbox"),
    }
    return mail | {
        "MAP_TILES_URL": os.environ.get("DIRECTORY_MAP_TILES_URL"),
        "SECURE_COOKIES": _env_flag("DIRECTORY_SECURE_COOKIES", True),
        "PROFESSIONAL_EMAIL_DOMAINS": _env_list("DIRECTORY_PROFESSIONAL_DOMAINS"),
        "NOTIFY_API_KEY": os.environ.get("DIRECTORY_NOTIFY_API_KEY"),
        "NOTIFY_BASE_URL": os.environ.get("DIRECTORY_NOTIFY_BASE_URL"),
        "NOTIFY_EMAIL_TEMPLATE": os.environ.get("DIRECTORY_NOTIFY_EMAIL_TEMPLATE"),
        "NOTIFY_SMS_TEMPLATE": os.environ.get("DIRECTORY_NOTIFY_SMS_TEMPLATE"),
        "RATELIMIT_STORAGE_URI": os.environ.get(
            "DIRECTORY_RATELIMIT_STORAGE", "memory://"
        ),
        "SECRET_KEY": secret_key(instance_path),
        "DATABASE_URL": database_url(instance_path),
        "INDEX_DIR": os.environ.get("DIRECTORY_INDEX_DIR")
        or str(instance_path / "index"),
        "SITE_NAME": os.environ.get("DIRECTORY_SITE_NAME", DEFAULT_SITE_NAME),
        "RESULTS_PER_PAGE": 10,
        "REVIEW_MONTHS": int(os.environ.get("DIRECTORY_REVIEW_MONTHS", "6")),
        "REVIEW_MONTHS_BY_CATEGORY": parse_category_months(
            os.environ.get("DIRECTORY_REVIEW_MONTHS_BY_CATEGORY", "")
        ),
        "STALE_AFTER_MONTHS": int(os.environ.get("DIRECTORY_STALE_AFTER_MONTHS", "3")),
        "HIDE_STALE": _env_flag("DIRECTORY_HIDE_STALE", False),
        "BASE_URL": os.environ.get("DIRECTORY_BASE_URL", "http://127.0.0.1:5000"),
        "BACKUP_DIR": os.environ.get("DIRECTORY_BACKUP_DIR")
        or str(instance_path / "backups"),
        "BACKUP_KEEP": int(os.environ.get("DIRECTORY_BACKUP_KEEP", "14")),
        "LINK_CHECK_ALLOW": _env_list("DIRECTORY_LINK_CHECK_ALLOW"),
        "SOURCE_FETCH_ALLOW": _env_list("DIRECTORY_SOURCE_FETCH_ALLOW"),
        "API_RATE_LIMIT": os.environ.get("DIRECTORY_API_RATE_LIMIT", "300 per minute"),
    }
