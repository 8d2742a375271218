"""The ``directory`` command: set up, serve, import, index, look after the data."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from directory_app import demo as demo_data
from directory_app import indexing, migrate, postcodes
from directory_app.cli_data import import_commands, index_group, postcodes_group
from directory_app.cli_ops import backup_group, export_group, jobs_group
from directory_app.cli_users import users_group
from directory_app.config import PROJECT_ROOT
from directory_app.db import get_engine, real_app, session_scope
from directory_app.imports import add_source, run_import
from directory_app.models import Service, table_of
from search_index import has_index

DEMO_FEED = PROJECT_ROOT / "data" / "demo" / "doncaster-oruk3.json"
DEMO_SOURCE = "doncaster-demo"
DEMO_TITLE = "the Doncaster demo directory (fictional listings)"


def _make_app() -> Flask:
    from directory_app import create_app

    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_make_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
)
def main() -> None:
    """The social prescribing directory (its commands are the app's, below)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")


@click.group()
def db() -> None:
    """The database."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or upgrade the database to the latest schema (safe to repeat)."""
    migrate.upgrade(real_app().config["DATABASE_URL"])
    click.echo("Database is up to date.")


@db.command("revision")
@click.option("-m", "--message", required=True, help="What the change is.")
@with_appcontext
def db_revision(message: str) -> None:
    """Write a new migration from the models' difference with the database."""
    migrate.revision(real_app().config["DATABASE_URL"], message)


@click.command()
@click.option("--demo/--no-demo", default=True, help="Load the demo data if empty.")
@with_appcontext
def setup(demo: bool) -> None:
    """Upgrade the database; load postcodes and demo data if empty; build the index."""
    app = real_app()
    migrate.upgrade(app.config["DATABASE_URL"])
    with session_scope(app) as session:
        if postcodes.count(session) == 0:
            loaded = postcodes.load_files(session, postcodes.iter_bundled())
            click.echo(f"Loaded {loaded} bundled postcodes and districts.")
        empty = session.execute(table_of(Service).select().limit(1)).first() is None
        if demo and empty:
            source = add_source(session, DEMO_SOURCE, "oruk", str(DEMO_FEED))
            source.title = DEMO_TITLE
            source_id = source.id
        else:
            source_id = None
    if source_id:
        run = run_import(app, source_id)
        click.echo(f"Loaded the demo directory: {run.created} services.")
        with session_scope(app) as session:
            demo_data.professional_details(session)
            email = demo_data.professional_account(session)
            group, staff = demo_data.other_accounts(session)
        click.echo(
            f"Demo accounts: {email} (professional), {group} (a group), {staff} "
            "(staff). Sign in with a link: `directory users link EMAIL` prints one."
        )
    if not has_index(Path(app.config["INDEX_DIR"])):
        click.echo(f"Built the search index: {indexing.rebuild(app)} documents.")
    get_engine(app).dispose()


@click.command()
@click.option("--port", default=5000, envvar="PORT", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--workers", type=int, default=None, help="Web workers (2 per core).")
def serve(port: int, host: str, workers: int | None) -> None:
    """Serve the directory with gunicorn, together with the one scheduler."""
    from directory_app.serve import default_workers
    from directory_app.serve import serve as run_both

    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
    sys.exit(run_both(port, workers or default_workers(), host))


@click.command()
@with_appcontext
def scheduler() -> None:
    """Run the one scheduler process (never inside web workers)."""
    from directory_app.scheduler import run_forever

    run_forever(real_app())


def init_app(app: Flask) -> None:
    """Register every command on the app, so `directory` and tests both see them."""
    for command in (
        db,
        setup,
        serve,
        scheduler,
        *import_commands,
        index_group,
        postcodes_group,
        users_group,
        backup_group,
        jobs_group,
        export_group,
    ):
        app.cli.add_command(command)


if __name__ == "__main__":
    main()
