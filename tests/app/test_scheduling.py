"""Who runs the jobs: one lease holder at a time; a missed job runs once after
downtime; sources are re-imported on their schedule, and staff hear of a source
that keeps failing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.imports import ImportError_, add_source, run_import
from directory_app.jobs import JOBS, Job
from directory_app.lease import hold, release
from directory_app.models import ImportRun, JobRun, SchedulerLease, utcnow
from directory_app.reimports import due_sources, reimport_due
from directory_app.scheduler import last_runs, missed, run_job
from tests.factories import make_raw_service, write_feed
from tests.smtp_server import smtp_server

DAILY = next(job for job in JOBS if job.name == "review-cycle")
HOURLY = next(job for job in JOBS if job.name == "index-check")


def test_one_holder_at_a_time_until_the_lease_runs_out(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        assert hold(session, "jobs", "first")
        assert not hold(session, "jobs", "second")
        assert hold(session, "jobs", "first")  # renewing
        lease = session.get(SchedulerLease, "jobs")
        assert lease is not None
        lease.expires_at = utcnow() - timedelta(seconds=1)  # first stopped renewing
        session.add(lease)
        session.commit()
        assert hold(session, "jobs", "second")
        release(session, "jobs", "second")
        assert hold(session, "jobs", "first")


def test_a_job_runs_only_where_its_lease_is_held(app: Flask) -> None:
    ran: list[str] = []
    job = Job(
        "probe", lambda _app: ran.append("x") or "did it", "interval", {"hours": 1}
    )
    assert run_job(app, job, holder="one")
    assert not run_job(app, job, holder="two")
    assert ran == ["x"]
    with Session(get_engine(app)) as session:
        (record,) = session.exec(select(JobRun)).all()
    assert (record.job, record.detail, record.host) == ("probe", "did it", "one")


def test_a_missed_job_runs_once_not_once_per_missed_slot() -> None:
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    assert missed(DAILY, now - timedelta(days=3), now)  # three 07:00s passed
    assert not missed(DAILY, datetime(2026, 12, 10, 7, 0, 5, tzinfo=UTC), now)
    assert missed(HOURLY, now - timedelta(hours=5), now)
    assert not missed(HOURLY, now - timedelta(minutes=20), now)
    assert not missed(DAILY, None, now)  # never run: waits for its time


def _source(app: Flask, tmp_path: Path, location: str, every_hours: int = 24) -> str:
    with Session(get_engine(app)) as session:
        source = add_source(session, "council-feed", "oruk", location)
        source.options = {"every_hours": every_hours}
        session.add(source)
        session.commit()
        return source.id


def test_sources_are_reimported_when_due(app: Flask, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.json", [make_raw_service()])
    source_id = _source(app, tmp_path, str(feed), every_hours=6)
    assert reimport_due(app) == {"succeeded": 1, "failed": 0}
    assert reimport_due(app) == {"succeeded": 0, "failed": 0}  # not due again yet
    with Session(get_engine(app)) as session:
        run = session.exec(select(ImportRun)).one()
        run.started_at = datetime.now(UTC) - timedelta(hours=7)
        session.add(run)
        session.commit()
        assert [s.id for s in due_sources(session)] == [source_id]


def test_staff_hear_once_when_a_source_keeps_failing(
    app: Flask, tmp_path: Path
) -> None:
    _source(app, tmp_path, str(tmp_path / "missing.json"), every_hours=1)
    with smtp_server() as (port, inbox):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        for attempt in range(5):
            assert reimport_due(app) == {"succeeded": 0, "failed": 1}, attempt
            with Session(get_engine(app)) as session:
                for run in session.exec(select(ImportRun)).all():
                    run.started_at = run.started_at - timedelta(hours=2)
                    session.add(run)
                session.commit()
    (alert,) = inbox.messages
    assert alert["Subject"] == "Source council-feed has failed 3 times in a row"
    assert "missing.json" in alert.get_content()


def test_a_run_is_on_record_while_it_runs(app: Flask) -> None:
    """A scheduler starting meanwhile sees a fresh run, so it does not run it too."""
    seen: list[tuple[str, str]] = []

    def probe(the_app: Flask) -> str:
        with Session(get_engine(the_app)) as session:
            seen.extend((r.job, r.outcome) for r in session.exec(select(JobRun)))
        assert not missed(DAILY, last_runs(the_app)["probe"], utcnow())
        return "looked"

    job = Job("probe", probe, "cron", {"hour": 7})
    assert run_job(app, job, holder="one")
    assert seen == [("probe", "running")]
    with Session(get_engine(app)) as session:
        (record,) = session.exec(select(JobRun)).all()
    assert (record.outcome, record.detail) == ("succeeded", "looked")


def test_a_source_importing_already_is_not_imported_twice(
    app: Flask, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed.json", [make_raw_service()])
    source_id = _source(app, tmp_path, str(feed))
    with Session(get_engine(app)) as session:  # another process is importing it
        assert hold(session, f"import:{source_id}", "elsewhere:1", 3600)
    with pytest.raises(ImportError_, match="importing already"):
        run_import(app, source_id)
    assert reimport_due(app) == {"succeeded": 0, "failed": 0, "busy": 1}
    with Session(get_engine(app)) as session:
        assert session.exec(select(ImportRun)).all() == []
        release(session, f"import:{source_id}", "elsewhere:1")
    assert run_import(app, source_id).status == "succeeded"
    assert run_import(app, source_id).status == "succeeded"  # its own lease freed
