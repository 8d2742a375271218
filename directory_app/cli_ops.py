"""`directory backup` and `directory jobs`: looking after a running directory."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from directory_app import backups, indexing
from directory_app.db import get_engine, real_app
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
