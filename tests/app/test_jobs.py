"""Jobs: every run is recorded; the change-log follower keeps search current."""

from __future__ import annotations

from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import select
from sqlmodel import Session

from directory_app import indexing
from directory_app.jobs import JOBS, Job, check_index, follow_change_log
from directory_app.models import JobRun
from directory_app.scheduler import build_scheduler, run_job
from search_index import SearchQuery
from tests.app.test_indexing import rename
from tests.factories import import_items, make_raw_service

pytestmark = pytest.mark.postgres


def runs(session: Session) -> list[JobRun]:
    session.expire_all()
    return list(session.execute(select(JobRun).order_by(JobRun.id)).scalars())  # type: ignore[arg-type]


def test_a_failing_job_is_recorded_with_its_error(app: Flask, session: Session) -> None:
    def broken(_app: Flask) -> str:
        raise RuntimeError("source server unreachable")

    run_job(app, Job("broken", broken, "interval", {"hours": 1}))
    (recorded,) = runs(session)
    assert (recorded.job, recorded.outcome) == ("broken", "failed")
    assert recorded.detail == "RuntimeError: source server unreachable"
    assert recorded.finished_at is not None


def test_the_change_log_follower_records_only_runs_that_did_work(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    follower = next(job for job in JOBS if job.name == "follow-change-log")
    run_job(app, follower)  # no index yet: it builds one
    assert [r.detail for r in runs(session)] == [
        "index was missing; rebuilt with 0 documents"
    ]
    run_job(app, follower)  # nothing to do: not recorded
    assert len(runs(session)) == 1
    import_items(app, tmp_path, [make_raw_service()])  # indexed by the import itself
    assert follow_change_log(app) is None
    rename(app, "Bentley Health Walk", "Bentley Nordic Walk")
    assert follow_change_log(app) == "1 services re-indexed"
    hits = indexing.get_index(app).search(SearchQuery(text="nordic")).hits
    assert [h.fields["name"] for h in hits] == ["Bentley Nordic Walk"]
    assert check_index(app) == "index and store agree"


def test_the_scheduler_has_every_job_once_with_missed_runs_coalesced(
    app: Flask,
) -> None:
    scheduler = build_scheduler(app, BackgroundScheduler)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)
    assert set(jobs) == {job.name for job in JOBS}
    assert all(job.coalesce and job.max_instances == 1 for job in jobs.values())


# Whoosh leaves the damaged table of contents open when it gives up on it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_corrupt_index_is_rebuilt_while_the_site_says_so(
    app: Flask, tmp_path: Path
) -> None:
    import_items(app, tmp_path, [make_raw_service()])
    indexing.rebuild(app)
    for part in indexing.index_path(app).iterdir():
        if part.suffix in {".toc", ".seg"}:
            part.write_bytes(b"not an index")
    app.extensions.pop("search_index", None)  # as a freshly started worker
    page = app.test_client().get("/search?q=walk")
    assert page.status_code == 503 and b"Search is being prepared" in page.data
    assert follow_change_log(app) == "index was missing; rebuilt with 1 documents"
    page = app.test_client().get("/search?q=walk")
    assert page.status_code == 200 and b"Bentley Health Walk" in page.data
