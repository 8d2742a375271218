"""Running a source: read it whole, then apply it in one transaction.

Reading comes first and touches nothing, so a source that fails part-way (a page that
does not parse, a server that goes away) fails its run and leaves the store exactly as
it was. The run itself is recorded in its own short transaction, whatever happens.
"""

from __future__ import annotations

import importlib
import inspect
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import requests
from flask import Flask
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from directory_app import indexing
from directory_app.db import get_engine
from directory_app.lease import hold, release, this_process
from directory_app.models import ImportProblem, ImportRun, Source, utcnow
from directory_app.packages import stable_id
from directory_app.safe_http import safe_session
from directory_app.source_sync import apply_records
from importers.http import new_session
from importers.records import Deleted, Problem, ReadItem, ServiceRecord, SourceError
from search_index import IndexMissing

Progress = Callable[[int, int | None], None]
PhaseProgress = Callable[[str, int, int | None], None]

# Every kind of source, and the reader module that reads it.
KINDS: dict[str, str] = {
    "oruk": "importers.oruk",
    "hsds-csv": "importers.hsds_csv",
    "openactive": "importers.openactive",
    "spreadsheet": "importers.spreadsheet",
    "webpage": "importers.webpage",
}
OPTION_NAMES = ("mapping", "recipe", "delay")


class Reader(Protocol):
    def __call__(
        self,
        location: str,
        *,
        progress: Progress | None = None,
        options: Mapping[str, Any] | None = None,
        state: dict[str, Any] | None = None,
    ) -> Iterator[ReadItem]: ...


class ImportError_(Exception):
    """A request to import that cannot be started (unknown source or kind)."""


def reader_module(kind: str) -> ModuleType:
    """The reader module for a kind of source."""
    if kind not in KINDS:
        raise ImportError_(f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    return importlib.import_module(KINDS[kind])


def add_source(
    session: Session,
    name: str,
    kind: str,
    location: str,
    options: Mapping[str, Any] | None = None,
) -> Source:
    """Register a source under a unique name."""
    reader_module(kind)
    if session.exec(select(Source).where(col(Source.name) == name)).first():
        raise ImportError_(f"a source called {name!r} already exists")
    source = Source(
        id=stable_id("directory", "source", name),
        name=name,
        kind=kind,
        location=location,
        options=dict(options or {}),
    )
    session.add(source)
    return source


def one_off_source(
    session: Session, kind: str, path: Path, options: Mapping[str, Any] | None = None
) -> Source:
    """The source standing for a one-off file, made on first use."""
    name = f"file:{path.resolve()}"
    found = session.exec(select(Source).where(col(Source.name) == name)).first()
    if found:
        found.options = dict(options or found.options)
        return found
    source = add_source(session, name, kind, str(path.resolve()), options)
    source.one_off = True
    return source


def fetch_session(app: Flask) -> requests.Session:
    """The HTTP client imports fetch with: the importers' own headers, and never a
    private or local address (a source's URL is typed by a person, and a feed can
    redirect), but for the host:port pairs in SOURCE_FETCH_ALLOW (tests' servers)."""
    session = safe_session(app.config.get("SOURCE_FETCH_ALLOW") or [])
    session.headers.update(new_session().headers)
    return session


def _fetches(module: ModuleType) -> bool:
    return "session" in inspect.signature(module.read).parameters


IMPORT_LEASE_SECONDS = 3 * 3600  # longer than any import; freed when it ends


def run_import(
    app: Flask,
    source_id: str,
    *,
    progress: PhaseProgress | None = None,
) -> ImportRun:
    """Run one source now; the finished run, succeeded or failed, is returned.

    ``progress(phase, done, total)`` is told how reading and then storing go. One
    source imports once at a time, whoever asks (a person, the scheduler, another
    machine): ImportError_ if it is already importing.
    """
    name, holder = f"import:{source_id}", f"{this_process()}:{threading.get_ident()}"
    with Session(get_engine(app)) as session:
        if not hold(session, name, holder, IMPORT_LEASE_SECONDS):
            raise ImportError_(
                "this source is importing already; try again when it has finished"
            )
    try:
        return _run_import(app, source_id, progress)
    finally:
        with Session(get_engine(app)) as session:
            release(session, name, holder)


def _run_import(
    app: Flask, source_id: str, progress: PhaseProgress | None
) -> ImportRun:
    report = progress or _quiet
    engine = get_engine(app)
    with Session(engine, expire_on_commit=False) as session:
        source = session.get(Source, source_id)
        if source is None:
            raise ImportError_(f"no source with id {source_id}")
        run = ImportRun(source_id=source.id)
        session.add(run)
        session.commit()
    module = reader_module(source.kind)
    state = dict(source.state)
    fetching = {"session": fetch_session(app)} if _fetches(module) else {}
    try:
        items = list(
            module.read(
                source.location,
                progress=lambda done, total: report("read", done, total),
                options=source.options,
                state=state,
                **fetching,
            )
        )
    except SourceError as exc:
        return _finish(engine, run, error=str(exc))
    incremental = getattr(module, "INCREMENTAL", False)
    with app.app_context():  # review periods and the like come from the settings
        return _store(app, source, run, items, state, incremental, report)


def _store(
    app: Flask,
    source: Source,
    run: ImportRun,
    items: list[ReadItem],
    state: dict[str, Any],
    incremental: bool,
    report: PhaseProgress,
) -> ImportRun:
    engine = get_engine(app)
    records = [item for item in items if isinstance(item, ServiceRecord)]
    deleted = [item.external_id for item in items if isinstance(item, Deleted)]
    problems = [item for item in items if isinstance(item, Problem)]
    stored = 0

    def step(n: int) -> None:
        nonlocal stored
        stored += n
        report("store", stored, len(records))

    with Session(engine, expire_on_commit=False) as session:
        try:
            session.add_all([run, source])
            applied = apply_records(
                session,
                source,
                run,
                records,
                complete=not incremental,
                deleted=deleted,
                progress=step,
            )
            problems += applied.warnings
            run.rejected = sum(1 for p in problems if p.severity == "rejected")
            run.read += run.rejected
            session.add_all(_problem_rows(run, problems))
            source.state = state  # only a run that stored its items moves on
            run.status, run.finished_at = "succeeded", utcnow()
            session.commit()
        except Exception as exc:
            session.rollback()
            return _finish(engine, run, error=f"failed while storing: {exc!r}")
    report("index", 0, len(applied.written))
    _follow(app, applied.written)
    return run


def _follow(app: Flask, written: dict[str, dict[str, Any]]) -> None:
    """Bring the search index up to date now, if there is one (else it waits)."""
    try:
        indexing.apply_changes(app, packages=written)
    except IndexMissing:
        return


def _quiet(_phase: str, _done: int, _total: int | None) -> None:
    return None


def _problem_rows(run: ImportRun, problems: list[Problem]) -> list[ImportProblem]:
    assert run.id is not None
    return [
        ImportProblem(
            run_id=run.id,
            item_id=p.item_id,
            field=p.field,
            reason=p.reason,
            severity=p.severity,
        )
        for p in problems
    ]


def _finish(engine: Engine, run: ImportRun, *, error: str) -> ImportRun:
    with Session(engine, expire_on_commit=False) as session:
        stored = session.get(ImportRun, run.id)
        assert stored is not None
        stored.status, stored.error, stored.finished_at = "failed", error, utcnow()
        session.commit()
        return stored
