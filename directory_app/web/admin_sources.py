"""Staff: where listings come from. Each source's schedule and latest run, a form
to add or change one, its last runs with what they rejected, and "Run now"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from sqlmodel import Session, col, func, select
from werkzeug.wrappers import Response

from directory_app.db import get_session, real_app
from directory_app.imports import ImportError_, add_source, run_import
from directory_app.models import ImportProblem, ImportRun, Source, utcnow
from directory_app.packages import stable_id
from directory_app.reimports import every_hours, next_run_at, recent_runs
from directory_app.web.admin import bp
from directory_app.web.admin_forms import KIND_LABELS, SourceForm
from directory_app.web.admin_queries import latest_runs
from directory_app.web.csv_export import csv_response, wants_csv
from directory_app.web.forms import ConfirmForm

RUNS_SHOWN = 10
PROBLEMS_SHOWN = 100
COUNTS = ("read", "created", "updated", "unchanged", "withdrawn", "rejected", "merged")


@dataclass(frozen=True)
class SourceRow:
    """A source with its latest run and when it next runs by itself."""

    source: Source
    last: ImportRun | None
    next_run: str


def run_counts(run: ImportRun) -> str:
    """What a run read and did: "read 4, created 1, updated 0, ..."."""
    return ", ".join(f"{name} {getattr(run, name)}" for name in COUNTS)


def run_summary(run: ImportRun | None) -> str:
    """How a run went, in one line: "succeeded: read 4, created 1, ..."."""
    if run is None:
        return "never run"
    error = f" ({run.error})" if run.error else ""
    return f"{run.status}: {run_counts(run)}{error}"


def next_run_text(session: Session, source: Source, now: datetime) -> str:
    """When a source next re-imports by itself, in words."""
    when = next_run_at(session, source)
    if not source.enabled:
        return "Not by itself: it is switched off"
    if not isinstance(when, datetime) or when <= now:
        return "At the scheduler's next check"
    return when.strftime("%-d %b %Y %H:%M")


def source_rows(session: Session) -> list[SourceRow]:
    """Every repeating source by name, with its latest run and next run."""
    last, now = latest_runs(session), utcnow()
    found = session.exec(
        select(Source).where(col(Source.one_off).is_(False)).order_by(col(Source.name))
    ).all()
    return [SourceRow(s, last.get(s.id), next_run_text(session, s, now)) for s in found]


SOURCE_COLUMNS = [
    ("Name", lambda r: r.source.name),
    ("Shown to the public as", lambda r: r.source.title),
    ("Kind", lambda r: r.source.kind),
    ("Location", lambda r: r.source.location),
    ("Re-imports by itself", lambda r: r.source.enabled),
    ("Every (hours)", lambda r: every_hours(r.source)),
    ("Review every (months)", lambda r: r.source.options.get("review_months")),
    ("Latest run", lambda r: run_summary(r.last)),
    ("Latest run started", lambda r: r.last and r.last.started_at),
    ("Next run", lambda r: r.next_run),
]
PROBLEM_COLUMNS = [
    ("Run", lambda p: p.run_id),
    ("Rejected or warning", lambda p: p.severity),
    ("Item", lambda p: p.item_id),
    ("Field", lambda p: p.field),
    ("Reason", lambda p: p.reason),
]


@bp.get("/sources")
def sources() -> str | Response:
    """Every source: its kind, where it is, its schedule and latest run."""
    rows = source_rows(get_session())
    if wants_csv():
        return csv_response("sources.csv", SOURCE_COLUMNS, rows)
    return render_template(
        "admin/sources.html", rows=rows, hours=every_hours, summary=run_summary
    )


def _source_or_404(source_id: str) -> Source:
    return get_session().get(Source, source_id[:36]) or abort(404)


@bp.get("/sources/<source_id>")
def source_detail(source_id: str) -> str | Response:
    """A source, its last runs, and each run's rejected items and warnings."""
    session = get_session()
    source = _source_or_404(source_id)
    runs = recent_runs(session, source.id, RUNS_SHOWN)
    if wants_csv():
        rows = _problems(session, [r.id for r in runs if r.id], limit=None)
        name = re.sub(r"[^\w.-]+", "-", source.name, flags=re.ASCII)
        return csv_response(f"source-{name}-problems.csv", PROBLEM_COLUMNS, rows)
    shown = {run.id: _problems(session, [run.id or 0]) for run in runs}
    return render_template(
        "admin/source.html",
        source=source,
        runs=runs,
        problems=shown,
        problem_counts=_problem_counts(session, list(shown)),
        hours=every_hours(source),
        next_run=next_run_text(session, source, utcnow()),
        counts=run_counts,
        kinds=KIND_LABELS,
        form=ConfirmForm(),
    )


def _problems(
    session: Session, run_ids: list[int], limit: int | None = PROBLEMS_SHOWN
) -> list[ImportProblem]:
    query = (
        select(ImportProblem)
        .where(col(ImportProblem.run_id).in_(run_ids))
        .order_by(col(ImportProblem.run_id).desc(), col(ImportProblem.id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def _problem_counts(session: Session, run_ids: list[Any]) -> dict[int, int]:
    rows = session.exec(
        select(ImportProblem.run_id, func.count())
        .where(col(ImportProblem.run_id).in_(run_ids))
        .group_by(col(ImportProblem.run_id))
    )
    return dict(rows.all())


@bp.post("/sources/<source_id>/run")
def run_source(source_id: str) -> Response:
    """Import the source now, then show how the run went."""
    source = _source_or_404(source_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".source_detail", source_id=source.id))
    get_session().rollback()  # the import writes on its own connections
    try:
        run = run_import(real_app(), source.id)
    except ImportError_ as exc:
        flash(f"Could not start the import: {exc}.")
        return redirect(url_for(".source_detail", source_id=source.id))
    flash(f"Run {run.id} {run_summary(run)}.")
    return redirect(url_for(".source_detail", source_id=source.id, _anchor="runs"))


@bp.route("/sources/new", methods=["GET", "POST"])
def new_source() -> str | Response | tuple[str, int]:
    """Add a source: what kind, where it is, how often to read it again."""
    return _source_form(None)


@bp.route("/sources/<source_id>/edit", methods=["GET", "POST"])
def edit_source(source_id: str) -> str | Response | tuple[str, int]:
    """Change a source (its listings and their history stay as they are)."""
    return _source_form(_source_or_404(source_id))


def _source_form(source: Source | None) -> str | Response | tuple[str, int]:
    session = get_session()
    form = source_form(session, source)
    if form.validate_on_submit():
        try:
            saved = save_source(session, form, source)
        except ImportError_ as exc:
            session.rollback()
            form.name.errors = [*form.name.errors, str(exc)]
        else:
            session.commit()
            flash(f"Saved the source {saved.name}.")
            return redirect(url_for(".source_detail", source_id=saved.id))
    page = render_template("admin/source_form.html", form=form, source=source)
    return page, 400 if form.is_submitted() else 200


def source_form(session: Session, source: Source | None) -> SourceForm:
    """The form for a new source, or for this one filled in as it is."""
    names = set(session.exec(select(Source.name)).all())
    if source is None:
        return SourceForm(taken=names)
    months = source.options.get("review_months")
    data = {
        "name": source.name,
        "title": source.title or "",
        "kind": source.kind,
        "location": source.location,
        "every_hours": str(every_hours(source)),
        "review_months": str(months) if months else "",
        "enabled": "yes" if source.enabled else "no",
    }
    return SourceForm(taken=names - {source.name}, current=source.name, data=data)


def save_source(session: Session, form: SourceForm, source: Source | None) -> Source:
    """Store the form's source, new or changed (the caller commits)."""
    name, kind = form.name.data.strip(), form.kind.data
    location = form.location.data.strip()
    options = dict(source.options) if source else {}
    for key in ("every_hours", "review_months"):
        value = (form[key].data or "").strip()
        options[key] = int(value) if value else None
    options = {k: v for k, v in options.items() if v is not None}
    if source is None:
        _check_id_free(session, name)
        source = add_source(session, name, kind, location, options)
    elif (kind, location) != (source.kind, source.location):
        source.state = {}  # where an incremental feed had got to means nothing now
    source.name, source.kind, source.location = name, kind, location
    source.options = options
    source.title = (form.title.data or "").strip() or None
    source.enabled = form.enabled.data == "yes"
    session.add(source)
    return source


def _check_id_free(session: Session, name: str) -> None:
    """A new source's id comes from its name: one renamed since may hold it."""
    holder = session.get(Source, stable_id("directory", "source", name))
    if holder is not None:
        raise ImportError_(
            f"The source now called {holder.name} was once called {name}: "
            "choose another name"
        )
