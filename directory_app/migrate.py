"""Database migrations (Alembic), run by ``directory db upgrade``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the database at ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database up to ``revision``; doing it twice changes nothing."""
    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a migration against an up-to-date database; review it after."""
    versions = MIGRATIONS / "versions"
    number = 1 + max(
        int(p.name[:4]) for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py")
    )
    command.revision(
        alembic_config(url), message=message, autogenerate=True, rev_id=f"{number:04d}"
    )
