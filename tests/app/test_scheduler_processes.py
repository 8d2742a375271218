"""Two real scheduler processes against one database: each job runs once, and a
job missed over three days of downtime runs once, not three times."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlmodel import Session, col, select

from directory_app import indexing
from directory_app.db import get_engine
from directory_app.jobs import JOBS
from directory_app.models import JobRun, SchedulerLease, utcnow
from tests.app.providers import make_group

CATCHING_UP = sorted(job.name for job in JOBS if job.record_idle)
DIRECTORY = str(Path(sys.executable).with_name("directory"))


def _start(app: Flask, tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        DIRECTORY_DATABASE_URL=app.config["DATABASE_URL"],
        DIRECTORY_INDEX_DIR=app.config["INDEX_DIR"],
        DIRECTORY_SECRET_KEY="test",
        DIRECTORY_BACKUP_DIR=str(tmp_path / "backups"),
        DIRECTORY_OUTBOX_DIR=str(tmp_path / "outbox"),
    )
    with (tmp_path / f"{name}.log").open("wb") as log:  # the child keeps its copy
        return subprocess.Popen(
            [DIRECTORY, "scheduler"], env=env, stdout=log, stderr=log
        )


def _runs(app: Flask, since: object) -> list[JobRun]:
    with Session(get_engine(app)) as session:
        return list(
            session.exec(select(JobRun).where(col(JobRun.started_at) > since)).all()
        )


def test_two_schedulers_run_each_job_once(app: Flask, tmp_path: Path) -> None:
    make_group(app, tmp_path)
    indexing.rebuild(app)
    started = utcnow()
    with Session(get_engine(app)) as session:  # everything last ran 3 days ago
        for name in CATCHING_UP:
            session.add(
                JobRun(
                    job=name,
                    started_at=started - timedelta(days=3),
                    outcome="succeeded",
                )
            )
        session.commit()
    get_engine(app).dispose()
    schedulers = [_start(app, tmp_path, "first"), _start(app, tmp_path, "second")]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if {r.job for r in _runs(app, started)} >= set(CATCHING_UP):
                break
            assert all(p.poll() is None for p in schedulers), "a scheduler died"
            time.sleep(0.3)
        time.sleep(3)  # time enough for the other one to run anything twice
        assert all(p.poll() is None for p in schedulers), "both are still running"
    finally:
        for process in schedulers:
            process.send_signal(signal.SIGTERM)
        for process in schedulers:
            process.wait(timeout=20)
    runs = _runs(app, started)
    assert sorted(r.job for r in runs) == CATCHING_UP  # each exactly once
    hosts = {r.host for r in runs}
    assert len(hosts) == 1
    pids = {str(p.pid) for p in schedulers}
    assert hosts.pop().rsplit(":", 1)[1] in pids
    assert all(r.outcome == "succeeded" for r in runs), [
        (r.job, r.detail) for r in runs
    ]
    for name in ("first", "second"):  # both tried; the lease let one run them
        tried = (tmp_path / f"{name}.log").read_text()
        assert all(f'Running job "{job} (' in tried for job in CATCHING_UP), name
    with Session(get_engine(app)) as session:  # stopped cleanly: leases given up
        leases = session.exec(select(SchedulerLease)).all()
    assert leases and all(lease.expires_at <= utcnow() for lease in leases)
