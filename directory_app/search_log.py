"""The search log behind "search gaps": what people looked for and did not find.

No personal data is kept: words are folded to lower case with anything that looks
like an email address, a phone number or a postcode taken out, and a place is cut
to its postcode district. Nothing else about the searcher is written.

Searching must stay fast and never wait for the database, so each web worker
appends one line per first-page search to a file of its own for the current
minute; the scheduler rolls finished minutes up into daily counts by words and
district (``SearchGap``) and deletes the files.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine
from directory_app.models import SearchGap

FEW = 2  # a search with this many results or fewer "found little"
PERSONAL = re.compile(
    r"\S+@\S+|\+?\d[\d\s().-]{5,}\d|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.I
)


def log_dir(app: Flask) -> Path:
    """Where workers write their minutes of searches."""
    configured = app.config.get("SEARCH_LOG_DIR")
    return (
        Path(configured)
        if configured
        else Path(app.config["INDEX_DIR"]).parent / "searchlog"
    )


def clean_words(text: str) -> str:
    """Search words with anything personal taken out, folded, at most 100 letters."""
    return " ".join(PERSONAL.sub(" ", text).lower().split())[:100]


def log_search(app: Flask, words: str, district: str, total: int) -> None:
    """Append one search to this worker's file for this minute (never raises)."""
    words = clean_words(words)
    if not words and not district:
        return
    now = datetime.now(UTC)
    line = json.dumps(
        {"day": now.date().isoformat(), "w": words, "d": district, "n": total}
    )
    folder = log_dir(app)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{now:%Y%m%d%H%M}-{os.getpid()}.jsonl"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError:
        app.logger.warning("could not write the search log to %s", folder)


def roll_up(app: Flask, now: datetime | None = None) -> dict[str, int] | None:
    """Fold every finished minute's files into daily counts; None if there were none."""
    folder = log_dir(app)
    current = f"{now or datetime.now(UTC):%Y%m%d%H%M}"
    files = (
        sorted(p for p in folder.glob("*.jsonl") if p.name[:12] < current)
        if folder.exists()
        else []
    )
    if not files:
        return None
    counts: Counter[tuple[date, str, str, str]] = Counter()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                key = (date.fromisoformat(entry["day"]), entry["w"], entry["d"])
                total = int(entry["n"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn line: the rest of the file still counts
            counts[(*key, "searches")] += 1
            if total == 0:
                counts[(*key, "none_found")] += 1
            elif total <= FEW:
                counts[(*key, "few_found")] += 1
    _store(app, counts)
    for path in files:
        path.unlink()
    return {
        "files": len(files),
        "searches": sum(n for k, n in counts.items() if k[3] == "searches"),
    }


def _store(app: Flask, counts: Counter[tuple[date, str, str, str]]) -> None:
    with Session(get_engine(app)) as session:
        rows: dict[tuple[date, str, str], SearchGap] = {}
        for (day, words, district, what), n in counts.items():
            key = (day, words, district)
            if key not in rows:
                found = session.exec(
                    select(SearchGap).where(
                        SearchGap.day == day,
                        SearchGap.words == words,
                        SearchGap.district == district,
                    )
                ).first()
                rows[key] = found or SearchGap(day=day, words=words, district=district)
            setattr(rows[key], what, getattr(rows[key], what) + n)
        for row in rows.values():
            session.add(row)
        session.commit()
