"""Nearest first without measuring the distance to every listing.

The places of an index's documents are put in a grid of cells about three miles
square. Looking outward from a point ring by ring, everything not yet looked at is
at least as far as the rings already covered, so the search can stop as soon as it
holds enough documents nearer than that: a page of results near a postcode looks at
a few hundred listings, not the whole region.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from math import asin, cos, floor, radians, sin, sqrt

from search_index.geo import EARTH_RADIUS_MILES, Point

CELL_DEGREES = 0.01  # a cell's height (0.7 miles) and width (about 0.4 miles)
MILES_PER_DEGREE = 69.0  # of latitude (a little less than 69.05: safe)
CELL_DIAGONAL_MILES = 1.0  # a cell's diagonal is at most 0.98 miles
DIRECT_BELOW = 3000  # fewer candidates than this: measure them all instead


class Places:
    """The documents' places, in radians, and the grid of cells they fall in."""

    def __init__(self, lat_e6: list[int], lon_e6: list[int], placed: Iterable[int]):
        self.lats = [radians(v / 1e6) for v in lat_e6]
        self.lons = [radians(v / 1e6) for v in lon_e6]
        self.coslats = [cos(v) for v in self.lats]
        self.cells: dict[tuple[int, int], list[int]] = {}
        for d in placed:
            self.cells.setdefault(
                self._cell(lat_e6[d] / 1e6, lon_e6[d] / 1e6), []
            ).append(d)
        rows = [r for r, _ in self.cells] or [0]
        cols = [c for _, c in self.cells] or [0]
        self.bounds = (min(rows), max(rows), min(cols), max(cols))
        # A cell is narrowest (east to west) at the furthest latitude from the equator.
        furthest = max(abs(r) + 1 for r in rows) * CELL_DEGREES
        self.min_cell_miles = (
            MILES_PER_DEGREE
            * CELL_DEGREES
            * min(1.0, cos(radians(min(furthest, 89.0))))
        )

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return floor(lat / CELL_DEGREES), floor(lon / CELL_DEGREES)

    def miles_from(self, point: Point) -> Callable[[int], float]:
        """The distance in miles from ``point`` to a document (haversine)."""
        lats, lons, coslats = self.lats, self.lons, self.coslats
        lat0, lon0 = radians(point[0]), radians(point[1])
        cos0 = cos(lat0)

        def miles(docnum: int) -> float:
            h = (
                sin((lats[docnum] - lat0) / 2) ** 2
                + cos0 * coslats[docnum] * sin((lons[docnum] - lon0) / 2) ** 2
            )
            return (
                2 * EARTH_RADIUS_MILES * asin(sqrt(h))
            )  # h <= 1 this side of the world

        return miles

    def rings(self, point: Point) -> Iterable[tuple[float, list[int]]]:
        """Rings of cells outward from ``point``: (miles, documents), where every
        document not yet given is at least ``miles`` away."""
        row0, col0 = self._cell(*point)
        low_r, high_r, low_c, high_c = self.bounds
        last = max(
            abs(row0 - low_r), abs(row0 - high_r), abs(col0 - low_c), abs(col0 - high_c)
        )
        for ring in range(last + 1):
            found: list[int] = []
            for row in range(row0 - ring, row0 + ring + 1):
                if row < low_r or row > high_r:
                    continue
                edge = row in (row0 - ring, row0 + ring)
                cols = (
                    range(col0 - ring, col0 + ring + 1)
                    if edge
                    else (col0 - ring, col0 + ring)
                )
                for col in cols:
                    docs = self.cells.get((row, col))
                    if docs:
                        found += docs
            yield ring * self.min_cell_miles, found

    def nearest(
        self,
        point: Point,
        count: int,
        wanted: Callable[[int], bool],
        candidates: int,
        cost: Callable[[int], float],
        docs: Callable[[], list[int]],
    ) -> list[int]:
        """The ``count`` wanted documents of least ``cost`` (miles, or more).

        ``cost`` is never less than the distance in miles. With few ``candidates``
        they are all measured (``docs`` lists them); otherwise the rings are walked.
        """
        if candidates < DIRECT_BELOW:
            return heapq.nsmallest(count, docs(), key=lambda d: (cost(d), d))
        seen: list[tuple[float, int]] = []
        for reached, ring in self.rings(point):
            seen += [(cost(d), d) for d in ring if wanted(d)]
            if len(seen) >= count and sum(1 for c, _ in seen if c <= reached) >= count:
                break
        return [d for _, d in heapq.nsmallest(count, seen)]

    def within(
        self, point: Point, miles: float, wanted: Callable[[int], bool]
    ) -> list[int]:
        """Placed documents within ``miles`` of ``point`` (all of those that are
        ``wanted``, and perhaps some that are not)."""
        distance = self.miles_from(point)
        found: list[int] = []
        for ring, (reached, docs) in enumerate(self.rings(point)):
            if (ring + 1) * CELL_DIAGONAL_MILES <= miles:
                found += docs  # every corner of every cell of this ring is in reach
            else:
                found += [d for d in docs if wanted(d) and distance(d) <= miles]
            if reached > miles:  # the rest are further away
                break
        return found
