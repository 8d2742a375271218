"""An SQLite FTS5 baseline for the search benchmark, built from the same services.

What one search here does, so the comparison with Whoosh is fair and stated:

- keywords: the words of the query, less Whoosh's stop words, each quoted (so no
  FTS5 syntax leaks in), all required; if that matches nothing anywhere, any of them
  (the same AND-then-OR fallback the Whoosh side makes). Porter stemming, as the
  Whoosh side stems. Columns name, organisation, description, weighted 3 / 1.5 / 1
  in bm25 like the Whoosh field boosts (Whoosh also searches category names; this
  table has no such column).
- without a postcode: bm25 order, LIMIT 10 OFFSET (page - 1) * 10;
- with a postcode: the points inside a bounding box around the postcode (with no
  keywords, from an R*Tree; with keywords, the matches' points, read by rowid and
  boxed in Python), haversine distance in Python, nearest first; the box grows (1/4,
  1, 4, 16, 64, 256 miles, then everywhere) until it holds enough within its radius
  for the page;
- the page's rows with name, organisation and a highlighted snippet of the
  description (the Whoosh side returns stored fields and a highlight too).

It does not count all the matches (the Whoosh page shows a total), and it applies no
filters (category, day, free, age, radius): only the keyword and place part.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.analysis import STOP_WORDS

from search_index.geo import Point, distance_miles

# Whoosh's RegexTokenizer pattern, so both sides see the same words.
WORD = re.compile(r"\w+(?:\.?\w+)*")
RADII: tuple[float | None, ...] = (0.25, 1, 4, 16, 64, 256, None)
MILES_PER_DEGREE = 69.05
SNIPPET = "snippet(fts, 2, '<mark>', '</mark>', '…', 24)"
SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
    name, organisation, description, tokenize = 'porter unicode61'
);
CREATE VIRTUAL TABLE place USING rtree(
    id, min_lat, max_lat, min_lon, max_lon, +lat REAL, +lon REAL
);
CREATE TABLE point (id INTEGER PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL);
"""
Box = tuple[float, float, float, float]  # south, north, west, east


@dataclass(frozen=True)
class Row:
    """One result: what a results page shows of it."""

    rowid: int
    name: str
    organisation: str
    snippet: str
    distance_miles: float | None = None


def build(path: Path, services: Iterable[dict[str, Any]]) -> int:
    """Write an FTS5 table and an R*Tree of points for ``services``; returns count."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    count = 0
    with db:
        for rowid, svc in enumerate(services, start=1):
            org = (svc.get("organization") or {}).get("name", "")
            db.execute(
                "INSERT INTO fts (rowid, name, organisation, description)"
                " VALUES (?, ?, ?, ?)",
                (rowid, svc["name"], org, svc.get("description") or ""),
            )
            for sal in svc.get("service_at_locations", [])[:1]:
                place = sal["location"]
                lat, lon = place.get("latitude"), place.get("longitude")
                if lat is not None and lon is not None:
                    db.execute(
                        "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (rowid, lat, lat, lon, lon, lat, lon),
                    )
                    db.execute("INSERT INTO point VALUES (?, ?, ?)", (rowid, lat, lon))
            count += 1
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return count


def match_expression(text: str, joiner: str) -> str | None:
    """The FTS5 MATCH string for ``text``: quoted words joined by AND or OR."""
    words = [
        w for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1
    ]
    return f" {joiner} ".join(f'"{w}"' for w in words) or None


def bounding_box(point: Point, miles: float | None) -> Box | None:
    """The box holding every point within ``miles`` of ``point`` (None: no limit)."""
    if miles is None:
        return None
    lat, lon = point
    dlat = miles / MILES_PER_DEGREE
    dlon = dlat / max(0.01, math.cos(math.radians(lat)))
    return (lat - dlat, lat + dlat, lon - dlon, lon + dlon)


def in_box(box: Box, lat: float, lon: float) -> bool:
    """Whether the point is inside the box."""
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


class Fts5Search:
    """Searches over a file made by ``build``, in this process."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def search(self, text: str, point: Point | None, page: int) -> list[Row]:
        """One page of ten results, as the Whoosh side answers the same query."""
        offset = (page - 1) * 10
        expr = self._expression(text)
        if text.strip() and expr is None:
            return []
        if point is None:
            return self._ranked(expr, offset)
        return self._nearest(expr, point, offset)

    def _expression(self, text: str) -> str | None:
        every = match_expression(text, "AND")
        if every is None:
            return None
        found = self.db.execute(
            "SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1", (every,)
        ).fetchone()
        return every if found else match_expression(text, "OR")

    def _ranked(self, expr: str | None, offset: int) -> list[Row]:
        if expr is None:
            sql = (
                "SELECT rowid, name, organisation, substr(description, 1, 160)"
                " FROM fts LIMIT 10 OFFSET ?"
            )
            rows = self.db.execute(sql, (offset,))
        else:
            sql = (
                f"SELECT rowid, name, organisation, {SNIPPET} FROM fts"
                " WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.5, 1.0)"
                " LIMIT 10 OFFSET ?"
            )
            rows = self.db.execute(sql, (expr, offset))
        return [Row(*row) for row in rows]

    def _nearest(self, expr: str | None, point: Point, offset: int) -> list[Row]:
        matched = None if expr is None else self._points_of(expr)
        placed: list[tuple[float, int]] = []
        for miles in RADII:
            box = bounding_box(point, miles)
            if matched is None:
                found = self._in_box(box)
            else:
                found = [r for r in matched if box is None or in_box(box, r[1], r[2])]
            placed = sorted(
                (distance_miles(point, (lat, lon)), rowid) for rowid, lat, lon in found
            )
            if miles is not None:
                placed = [pair for pair in placed if pair[0] <= miles]
            if len(placed) >= offset + 10:
                break
        chosen = placed[offset : offset + 10]
        details = self._details(expr, [rowid for _, rowid in chosen])
        return [
            Row(rowid, *details[rowid], distance_miles=miles)
            for miles, rowid in chosen
            if rowid in details
        ]

    def _points_of(self, expr: str) -> list[tuple[int, float, float]]:
        sql = (
            "SELECT p.id, p.lat, p.lon FROM fts JOIN point p ON p.id = fts.rowid"
            " WHERE fts MATCH ?"
        )
        return self.db.execute(sql, (expr,)).fetchall()

    def _in_box(self, box: Box | None) -> list[tuple[int, float, float]]:
        if box is None:
            return self.db.execute("SELECT id, lat, lon FROM point").fetchall()
        sql = (
            "SELECT id, lat, lon FROM place WHERE min_lat >= ? AND max_lat <= ?"
            " AND min_lon >= ? AND max_lon <= ?"
        )
        return self.db.execute(sql, box).fetchall()

    def _details(
        self, expr: str | None, rowids: list[int]
    ) -> dict[int, tuple[str, str, str]]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        if expr is None:
            sql = (
                "SELECT rowid, name, organisation, substr(description, 1, 160)"
                f" FROM fts WHERE rowid IN ({marks})"
            )
            rows = self.db.execute(sql, rowids)
        else:
            sql = (
                f"SELECT rowid, name, organisation, {SNIPPET} FROM fts"
                f" WHERE fts MATCH ? AND rowid IN ({marks})"
            )
            rows = self.db.execute(sql, [expr, *rowids])
        return {rowid: (name, org, snip) for rowid, name, org, snip in rows}
