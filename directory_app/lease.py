"""Leases: which scheduler process runs a set of jobs, however many are started.

A lease is one row: who holds it and until when. A process takes it when it is
free or expired, and renews it before every job it runs; a process that stops
renewing (stopped, crashed, cut off) loses it after LEASE_SECONDS to the next one
asking. The update that takes it is one atomic statement, so on SQLite and on
PostgreSQL alike only one process can hold a lease at a time.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from directory_app.models import SchedulerLease, table_of, utcnow

LEASE_SECONDS = 30


def this_process() -> str:
    """A name for this scheduler process: its host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def hold(
    session: Session, name: str, holder: str, seconds: int = LEASE_SECONDS
) -> bool:
    """Take or renew the lease ``name`` for ``holder``; whether it is theirs now."""
    table = table_of(SchedulerLease)
    now = utcnow()
    make = (
        pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    first = make(table).values(
        name=name, holder="", expires_at=now - timedelta(seconds=1)
    )
    session.execute(first.on_conflict_do_nothing(index_elements=["name"]))
    taken = session.execute(
        update(table)
        .where(table.c.name == name)
        .where(or_(table.c.holder == holder, table.c.expires_at < now))
        .values(holder=holder, expires_at=now + timedelta(seconds=seconds))
    )
    session.commit()
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def release(session: Session, name: str, holder: str) -> None:
    """Give a lease up at once (a scheduler stopping cleanly)."""
    table = table_of(SchedulerLease)
    session.execute(
        update(table)
        .where(table.c.name == name, table.c.holder == holder)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    session.commit()
