"""The one scheduler process: runs the jobs table and records every run.

Start as many as you like (one per machine is usual): before each run a scheduler
renews the job's lease, and only the holder runs it, so each job runs once. After
downtime, a job that missed its time runs once at start, not once per missed slot.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from sqlmodel import Session, col, func, select

from directory_app.db import get_engine
from directory_app.jobs import JOBS, Job, Outcome
from directory_app.lease import LEASE_SECONDS, hold, release, this_process
from directory_app.models import JobRun, utcnow

log = logging.getLogger(__name__)
CATCH_UP_DELAY = timedelta(seconds=5)


def lease_name(app: Flask, job: Job) -> str:
    """The lease a job needs: shared by all, or this machine's index's own."""
    if job.lease == "index":
        machine = this_process().rsplit(":", 1)[0]
        return f"index:{machine}:{Path(app.config['INDEX_DIR']).resolve()}"
    return "jobs"


def run_job(app: Flask, job: Job, holder: str | None = None) -> bool:
    """Run one job if this process holds its lease, recording the outcome (quiet
    jobs only when they did work); whether it ran.

    While it runs, the lease is renewed in the background, and a job whose runs
    are recorded is recorded as running from its start, so a scheduler starting
    meanwhile neither takes the lease nor thinks the run was missed.
    """
    holder = holder or this_process()
    name = lease_name(app, job)
    with Session(get_engine(app)) as session:
        if not hold(session, name, holder):
            return False
    record = _start_record(app, job, holder) if job.record_idle else None
    stop = threading.Event()
    keeper = threading.Thread(target=_keep, args=(app, name, holder, stop), daemon=True)
    keeper.start()
    started = utcnow()
    try:
        with app.app_context():
            said = job.run(app)
        outcome = "succeeded"
    except Exception as exc:
        log.exception("job %s failed", job.name)
        said, outcome = f"{type(exc).__name__}: {exc}", "failed"
    finally:
        stop.set()
        keeper.join()
    if said is None and outcome == "succeeded" and not job.record_idle:
        return True
    _record(app, job, record, started, outcome, said, holder)
    return True


def _keep(app: Flask, name: str, holder: str, stop: threading.Event) -> None:
    """Renew a lease every third of its length until ``stop`` is set."""
    while not stop.wait(LEASE_SECONDS / 3):
        with Session(get_engine(app)) as session:
            hold(session, name, holder)


def _start_record(app: Flask, job: Job, holder: str) -> int | None:
    with Session(get_engine(app)) as session:
        row = JobRun(job=job.name, outcome="running", host=holder)
        session.add(row)
        session.commit()
        return row.id


def _record(
    app: Flask,
    job: Job,
    record: int | None,
    started: datetime,
    outcome: str,
    said: Outcome,
    holder: str,
) -> None:
    counts = said if isinstance(said, dict) else {}
    detail = ", ".join(f"{n} {k}" for k, n in counts.items()) if counts else said
    with Session(get_engine(app)) as session:
        row = (session.get(JobRun, record) if record else None) or JobRun(
            job=job.name, started_at=started
        )
        row.finished_at, row.outcome, row.host = utcnow(), outcome, holder
        row.detail = str(detail) if detail is not None else None
        row.counts = counts
        session.add(row)
        session.commit()


def trigger_of(job: Job) -> CronTrigger | IntervalTrigger:
    """The APScheduler trigger for a job (UTC)."""
    if job.trigger == "cron":
        return CronTrigger(timezone="UTC", **job.trigger_args)
    return IntervalTrigger(timezone="UTC", **job.trigger_args)


def missed(job: Job, last_run: datetime | None, now: datetime) -> bool:
    """Whether a job's time came while nothing ran it (never-run jobs wait)."""
    if last_run is None or not job.record_idle:
        return False
    if last_run.tzinfo is None:
        last_run = last_run.replace(tzinfo=now.tzinfo)
    trigger = trigger_of(job)
    if isinstance(trigger, IntervalTrigger):
        return last_run + timedelta(seconds=trigger.interval_length) <= now
    due = trigger.get_next_fire_time(None, last_run + timedelta(seconds=1))
    return due is not None and due <= now


def last_runs(app: Flask) -> dict[str, datetime]:
    """When each job last started."""
    with Session(get_engine(app)) as session:
        rows = session.exec(
            select(JobRun.job, func.max(col(JobRun.started_at))).group_by(
                col(JobRun.job)
            )
        ).all()
    return dict(rows)


def build_scheduler(
    app: Flask, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    """A scheduler with every job of the table; a missed run is run once, late."""
    scheduler = scheduler_class(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone="UTC",
    )
    holder, now, last = this_process(), utcnow(), last_runs(app)
    for job in JOBS:
        extra: dict[str, Any] = {}
        if missed(job, last.get(job.name), now):
            # once, soon, then on its schedule; the short wait lets schedulers
            # started together all decide before any of them has run it
            extra["next_run_time"] = now + CATCH_UP_DELAY
        scheduler.add_job(
            run_job,
            trigger_of(job),
            args=(app, job, holder),
            id=job.name,
            name=job.name,
            **extra,
        )
    return scheduler


def run_forever(app: Flask) -> None:
    """Run the scheduler until SIGINT or SIGTERM, then give its leases up."""
    scheduler = build_scheduler(app)

    def stop(_signum: int, _frame: Any) -> None:
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler %s started with %d jobs", this_process(), len(JOBS))
    try:
        scheduler.start()
    finally:
        with Session(get_engine(app)) as session:
            for name in {lease_name(app, job) for job in JOBS}:
                release(session, name, this_process())
