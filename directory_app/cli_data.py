"""Commands for sources, imports, runs, postcodes and the index."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click
from click._termui_impl import ProgressBar
from flask import Flask
from flask.cli import with_appcontext
from sqlmodel import col, select

from directory_app import duplicates, indexing, postcodes
from directory_app.db import real_app, session_scope
from directory_app.imports import (
    KINDS,
    ImportError_,
    add_source,
    one_off_source,
    run_import,
)
from directory_app.models import ImportProblem, ImportRun, Source
from importers.postcode_files import PostcodeFileError
from search_index import IndexMissing, has_index


def _app() -> Flask:
    return real_app()


@click.group("sources")
def sources_group() -> None:
    """Where listings come from."""


def source_options(func: Any) -> Any:
    """The options a source may need: a spreadsheet mapping, a web page recipe."""
    func = click.option("--mapping", help="Spreadsheet mapping file (or 'outpost').")(
        func
    )
    return click.option(
        "--recipe",
        type=click.Path(exists=True, dir_okay=False),
        help="Web page recipe file.",
    )(func)


def _options(mapping: str | None, recipe: str | None) -> dict[str, str]:
    options = {}
    if mapping:
        known = Path(mapping)
        options["mapping"] = str(known.resolve()) if known.exists() else mapping
    if recipe:
        options["recipe"] = str(Path(recipe).resolve())
    return options


@sources_group.command("add")
@click.argument("name")
@click.option("--kind", required=True, type=click.Choice(sorted(KINDS)))
@click.option("--location", required=True, help="A feed URL or a file path.")
@source_options
@with_appcontext
def sources_add(
    name: str, kind: str, location: str, mapping: str | None, recipe: str | None
) -> None:
    """Register a source under NAME."""
    try:
        with session_scope() as session:
            add_source(session, name, kind, location, _options(mapping, recipe))
    except ImportError_ as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Added source {name} ({kind}) at {location}.")


@sources_group.command("list")
@with_appcontext
def sources_list() -> None:
    """List the sources."""
    with session_scope() as session:
        for source in session.exec(select(Source).order_by(col(Source.name))):
            if not source.one_off:
                click.echo(f"{source.name}\t{source.kind}\t{source.location}")


class _Bars:
    """One progress bar per phase of an import (reading, then storing)."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.bar: ProgressBar | None = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            label = {"read": "Reading", "store": "Storing"}.get(phase, "Indexing")
            self.bar = click.progressbar(length=total or 0, label=label, show_pos=True)
            self.bar.__enter__()
        assert self.bar is not None
        if total:
            self.bar.length = total
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _run_with_progress(source_id: str) -> ImportRun:
    bars, start = _Bars(), time.monotonic()
    try:
        run = run_import(_app(), source_id, progress=bars)
    finally:
        bars.close()
    _summarise(run, time.monotonic() - start)
    return run


def _summarise(run: ImportRun, elapsed: float) -> None:
    took = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0
    click.echo(
        f"Run {run.id}: {run.status}. read {run.read}, created {run.created}, "
        f"updated {run.updated}, unchanged {run.unchanged}, "
        f"withdrawn {run.withdrawn}, rejected {run.rejected}, merged {run.merged} "
        f"({took:.1f} s)"
    )
    if run.error:
        raise click.ClickException(run.error)
    if run.rejected:
        click.echo(f"See the rejects with: directory runs show {run.id}")
    if has_index(indexing.index_path(_app())):
        click.echo(f"Search index updated ({max(0.0, elapsed - took):.1f} s).")
    else:
        click.echo("No search index yet: build it with `directory index rebuild`.")


@click.command("import")
@click.argument("name")
@with_appcontext
def import_source(name: str) -> None:
    """Run the source called NAME now."""
    with session_scope() as session:
        source = session.exec(select(Source).where(col(Source.name) == name)).first()
        if source is None:
            raise click.ClickException(f"no source called {name!r}")
        source_id = source.id
    _run_with_progress(source_id)


@click.command("import-file")
@click.option("--kind", required=True, type=click.Choice(sorted(KINDS)))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@source_options
@with_appcontext
def import_file(kind: str, path: Path, mapping: str | None, recipe: str | None) -> None:
    """Import one file or folder once (re-importing updates the same listings)."""
    with session_scope() as session:
        source_id = one_off_source(session, kind, path, _options(mapping, recipe)).id
    _run_with_progress(source_id)


@click.group("runs")
def runs_group() -> None:
    """Import runs."""


@runs_group.command("show")
@click.argument("run_id", type=int)
@with_appcontext
def runs_show(run_id: int) -> None:
    """Show a run and every item it rejected or warned about."""
    with session_scope() as session:
        run = session.get(ImportRun, run_id)
        if run is None:
            raise click.ClickException(f"no run {run_id}")
        source = session.get(Source, run.source_id)
        click.echo(
            f"Run {run.id} of {source.name if source else '?'}: {run.status}, "
            f"started {run.started_at:%Y-%m-%d %H:%M:%S}"
        )
        click.echo(
            f"read {run.read}, created {run.created}, updated {run.updated}, "
            f"unchanged {run.unchanged}, withdrawn {run.withdrawn}, "
            f"rejected {run.rejected}, merged {run.merged}"
        )
        if run.error:
            click.echo(f"error: {run.error}")
        problems = session.exec(
            select(ImportProblem)
            .where(col(ImportProblem.run_id) == run_id)
            .order_by(col(ImportProblem.id))
        )
        for p in problems:
            click.echo(
                f"{p.severity}\t{p.item_id or '(no id)'}\t{p.field or ''}\t{p.reason}"
            )


@click.group("index")
def index_group() -> None:
    """The search index."""


@index_group.command("rebuild")
@with_appcontext
def index_rebuild() -> None:
    """Build the search index afresh from the store."""
    click.echo(f"Indexed {indexing.rebuild(_app())} documents.")


@index_group.command("check")
@with_appcontext
def index_check() -> None:
    """Compare the index with the store and repair any difference."""
    try:
        report = indexing.check(_app())
    except IndexMissing:
        click.echo("No index: rebuilding.")
        click.echo(f"Indexed {indexing.rebuild(_app())} documents.")
        return
    if report.agrees:
        click.echo("Index and store agree.")
    else:
        click.echo(
            f"Repaired: {len(report.missing)} missing, {len(report.extra)} extra."
        )


@click.group("postcodes")
def postcodes_group() -> None:
    """The postcode table."""


@postcodes_group.command("load")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@with_appcontext
def postcodes_load(files: tuple[Path, ...]) -> None:
    """Load ONS NSPL/ONSPD or OS Code-Point Open files (all or nothing)."""
    try:
        with session_scope() as session:
            loaded = postcodes.load_files(session, files)
    except PostcodeFileError as exc:
        raise click.ClickException(f"{exc} (nothing was loaded)") from exc
    click.echo(f"Loaded {loaded} postcodes.")


@postcodes_group.command("lookup")
@click.argument("text")
@with_appcontext
def postcodes_lookup(text: str) -> None:
    """Show where a postcode is."""
    with session_scope() as session:
        try:
            place = postcodes.lookup(session, text)
        except postcodes.PostcodeError as exc:
            raise click.ClickException(str(exc)) from exc
    kind = "postcode" if place.exact else "district centre"
    click.echo(f"{place.label}: {place.latitude}, {place.longitude} ({kind})")


@click.group("duplicates")
def duplicates_group() -> None:
    """Listings that may be one real service."""


@duplicates_group.command("list")
@with_appcontext
def duplicates_list() -> None:
    """Show undecided pairs with their evidence, most likely first."""
    with session_scope() as session:
        for pair, newer, older in duplicates.open_candidates(session):
            evidence = "; ".join(
                f"{key}: {_shown(value)}" for key, value in pair.evidence.items()
            )
            click.echo(
                f"{pair.id}\t{pair.score:.2f}\t{newer!r} ~ {older!r}\t{evidence}"
            )


def _shown(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


@duplicates_group.command("merge")
@click.argument("candidate_id", type=int)
@click.option("--by", default="staff", help="Who decided.")
@with_appcontext
def duplicates_merge(candidate_id: int, by: str) -> None:
    """Merge a pair: the newer listing's sources now feed the older one."""
    try:
        with session_scope() as session:
            duplicates.merge(session, candidate_id, by)
    except duplicates.DuplicateError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Merged candidate {candidate_id}.")


@duplicates_group.command("dismiss")
@click.argument("candidate_id", type=int)
@click.option("--by", default="staff", help="Who decided.")
@with_appcontext
def duplicates_dismiss(candidate_id: int, by: str) -> None:
    """Keep both listings of a pair: they are different services."""
    try:
        with session_scope() as session:
            duplicates.dismiss(session, candidate_id, by)
    except duplicates.DuplicateError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Dismissed candidate {candidate_id}.")


import_commands = [
    sources_group,
    import_source,
    import_file,
    runs_group,
    duplicates_group,
]
