"""The one scheduler process: runs the jobs table and records every run."""

from __future__ import annotations

import logging
import signal
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask
from sqlmodel import Session

from directory_app.db import get_engine
from directory_app.jobs import JOBS, Job
from directory_app.models import JobRun, utcnow

log = logging.getLogger(__name__)


def run_job(app: Flask, job: Job) -> None:
    """Run one job, recording its outcome (quiet jobs only when they did work)."""
    started = utcnow()
    try:
        with app.app_context():
            detail = job.run(app)
        outcome = "succeeded"
    except Exception as exc:
        log.exception("job %s failed", job.name)
        detail, outcome = f"{type(exc).__name__}: {exc}", "failed"
    if detail is None and outcome == "succeeded" and not job.record_idle:
        return
    with Session(get_engine(app)) as session:
        session.add(
            JobRun(
                job=job.name,
                started_at=started,
                finished_at=utcnow(),
                outcome=outcome,
                detail=detail,
            )
        )
        session.commit()


def build_scheduler(
    app: Flask, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    """A scheduler with every job of the table; a missed run is run once, late."""
    scheduler = scheduler_class(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
    )
    for job in JOBS:
        scheduler.add_job(
            run_job,
            job.trigger,
            args=(app, job),
            id=job.name,
            name=job.name,
            **job.trigger_args,
        )
    return scheduler


def run_forever(app: Flask) -> None:
    """Run the scheduler until SIGINT or SIGTERM."""
    scheduler = build_scheduler(app)

    def stop(_signum: int, _frame: Any) -> None:
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler started with %d jobs", len(JOBS))
    scheduler.start()
