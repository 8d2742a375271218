"""Staff: what residents searched for and did not find (search gaps), and the
scheduled jobs with their latest runs."""

from __future__ import annotations

from datetime import timedelta

from flask import render_template, request
from werkzeug.wrappers import Response

from directory_app.db import get_session
from directory_app.jobs import JOBS
from directory_app.models import utcnow
from directory_app.web.admin import bp
from directory_app.web.admin_forms import GapForm
from directory_app.web.admin_queries import (
    FAILED_JOBS_DAYS,
    gaps_between,
    job_runs,
    latest_job_runs,
)
from directory_app.web.csv_export import csv_response, wants_csv

GAPS_SHOWN = 500
GAP_COLUMNS = [
    ("Words", lambda g: g.words),
    ("District", lambda g: g.district),
    ("Searches", lambda g: g.searches),
    ("Found nothing", lambda g: g.none_found),
    ("Found little", lambda g: g.few_found),
]
JOB_COLUMNS = [
    ("Job", lambda r: r.job),
    ("Started", lambda r: r.started_at),
    ("Finished", lambda r: r.finished_at),
    ("Outcome", lambda r: r.outcome),
    ("Detail", lambda r: r.detail),
    ("Counts", lambda r: counts_text(r.counts)),
    ("Host", lambda r: r.host),
]


def counts_text(counts: dict[str, int] | None) -> str:
    """A run's counts in one line: "reminded 2, stale 1"."""
    return ", ".join(f"{name} {n}" for name, n in (counts or {}).items())


@bp.get("/gaps")
def gaps() -> str | Response | tuple[str, int]:
    """Searches that found nothing or little over a period, most unmet first."""
    form = GapForm(request.args)
    if not form.validate():
        return render_template("admin/gaps.html", form=form, rows=[], total=0), 400
    start, end = form.period(utcnow().date())
    form.start.data, form.end.data = start.isoformat(), end.isoformat()
    rows = gaps_between(get_session(), start, end)
    if wants_csv():
        return csv_response(f"search-gaps-{start}-to-{end}.csv", GAP_COLUMNS, rows)
    return render_template(
        "admin/gaps.html",
        form=form,
        rows=rows[:GAPS_SHOWN],
        total=len(rows),
        start=start,
        end=end,
    )


@bp.get("/jobs")
def jobs() -> str | Response:
    """Every scheduled job, when it runs and its last run; then the latest runs."""
    session = get_session()
    failed = request.args.get("show") == "failed"
    since = utcnow() - timedelta(days=FAILED_JOBS_DAYS) if failed else None
    runs = job_runs(session, failed_since=since)
    if wants_csv():
        name = "failed-job-runs.csv" if failed else "job-runs.csv"
        return csv_response(name, JOB_COLUMNS, runs)
    return render_template(
        "admin/jobs.html",
        jobs=JOBS,
        last=latest_job_runs(session),
        runs=runs,
        failed=failed,
        days=FAILED_JOBS_DAYS,
        counts_text=counts_text,
    )
