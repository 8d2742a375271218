"""`directory backup`, `jobs` and `export`: looking after a running directory."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlmodel import Session

from directory_app import backups, exports, indexing
from directory_app.db import get_engine, real_app
from directory_app.indexing import hides_stale
from directory_app.jobs import JOBS
from directory_app.scheduler import last_runs, run_job


@click.group("backup")
def backup_group() -> None:
    """Back the store up, list backups, restore one."""


@backup_group.command("now")
@with_appcontext
def backup_now() -> None:
    """Write a backup now (and remove those beyond the retention)."""
    app = real_app()
    try:
        path = backups.backup_now(app)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    removed = backups.prune(app)
    click.echo(
        f"Wrote {path} ({path.stat().st_size:,} bytes); removed {len(removed)} old."
    )


@backup_group.command("list")
@with_appcontext
def backup_list() -> None:
    """The backups kept, newest first."""
    for path in backups.backups(real_app()):
        click.echo(f"{path}  {path.stat().st_size:,} bytes")


@backup_group.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@with_appcontext
def backup_restore(file: Path, yes: bool) -> None:
    """Replace the store with a backup, then rebuild the search index."""
    app = real_app()
    if not yes:
        click.confirm(f"Replace everything in the store with {file.name}?", abort=True)
    try:
        backups.restore(app, file)
    except backups.BackupError as exc:
        raise click.ClickException(f"{exc}. Nothing was changed.") from exc
    get_engine(app).dispose()
    count = indexing.rebuild(app)
    click.echo(f"Restored {file.name}; search index rebuilt with {count} documents.")


@click.group("jobs")
def jobs_group() -> None:
    """The scheduled jobs: list them, or run one now."""


@jobs_group.command("list")
@with_appcontext
def jobs_list() -> None:
    """Every job, when it runs, and when it last ran."""
    last = last_runs(real_app())
    for job in JOBS:
        when = last.get(job.name)
        click.echo(
            f"{job.name:<20} {job.says:<40} last {when:%Y-%m-%d %H:%M}"
            if when
            else f"{job.name:<20} {job.says:<40} not run yet"
        )


@jobs_group.command("run")
@click.argument("name", type=click.Choice([job.name for job in JOBS]))
@with_appcontext
def jobs_run(name: str) -> None:
    """Run one job now (it is recorded like a scheduled run)."""
    job = next(j for j in JOBS if j.name == name)
    if not run_job(real_app(), job):
        raise click.ClickException(
            "a running scheduler holds this job's lease; it was not run here"
        )
    click.echo(f"Ran {name}.")


@click.group("export")
def export_group() -> None:
    """The published directory in HSDS 3.0, as JSON or a CSV package."""


@export_group.command("json")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@with_appcontext
def export_json(file: Path) -> None:
    """Every published service, fully nested, as one JSON array."""
    app = real_app()
    with Session(get_engine(app)) as session, file.open("w", encoding="utf-8") as out:
        count = exports.write_json(session, out, hides_stale(app))
    click.echo(f"Wrote {count} services to {file}.")


@export_group.command("csv")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@with_appcontext
def export_csv(file: Path) -> None:
    """An HSDS 3.0 CSV tabular package (a zip with datapackage.json)."""
    app = real_app()
    with Session(get_engine(app)) as session:
        count = exports.write_csv_package(session, file, hides_stale(app))
    click.echo(f"Wrote {count} services to {file}.")
