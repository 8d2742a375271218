"""Operators and load balancers: is the store reachable, is the index built."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app
from sqlalchemy import func, select, text

from directory_app.db import get_session
from directory_app.indexing import get_index
from directory_app.models import ChangeLog
from search_index import IndexMissing

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, Any], int]:
    """Database and index state as JSON; 503 when either is not usable."""
    database, last_seq = _database()
    index = _index(last_seq)
    healthy = database["ok"] and index["ok"]
    return {"ok": healthy, "database": database, "index": index}, (
        200 if healthy else 503
    )


def _database() -> tuple[dict[str, Any], int]:
    try:
        session = get_session()
        session.execute(text("SELECT 1"))
        seq = session.execute(select(func.max(ChangeLog.seq))).scalar() or 0
    except Exception as exc:  # any failure here is the answer, not an error page
        return {"ok": False, "error": type(exc).__name__}, 0
    backend = session.get_bind().dialect.name
    return {"ok": True, "backend": backend, "last_change": seq}, seq


def _index(last_seq: int) -> dict[str, Any]:
    try:
        index = get_index(current_app)
        documents = index.doc_count()
    except IndexMissing:
        return {"ok": False, "error": "not built"}
    applied = int(index.state().get("seq", 0))
    return {
        "ok": True,
        "documents": documents,
        "applied_change": applied,
        "behind_by": max(0, last_seq - applied),
    }
