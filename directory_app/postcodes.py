"""Postcodes to points, offline, from the postcode table."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from directory_app.config import PROJECT_ROOT
from directory_app.documents import AREAS, area_districts
from directory_app.models import Postcode
from directory_app.packages import upsert
from importers.normalise.postcode import parse_postcode_query
from importers.postcode_files import PostcodePoint, read_postcode_file

BUNDLED = (
    PROJECT_ROOT / "data" / "postcodes" / "district-centroids.csv",
    PROJECT_ROOT / "data" / "postcodes" / "doncaster-dn1-dn12.csv",
)
BATCH = 5_000


class PostcodeError(ValueError):
    """A postcode that is not valid or that we do not know, said for a person."""


@dataclass(frozen=True)
class Place:
    """Where a postcode is; ``exact`` is False for a district's centre."""

    label: str
    latitude: float
    longitude: float
    exact: bool
    district: str = ""  # the postcode district it is in (a town's first)

    @property
    def point(self) -> tuple[float, float]:
        """(latitude, longitude)."""
        return (self.latitude, self.longitude)


def lookup(session: Session, text: str) -> Place:
    """The point for a full postcode or a district; PostcodeError says what is wrong."""
    query = parse_postcode_query(text)
    if query is None:
        place = _place_named(session, text)
        if place is not None:
            return place
        raise PostcodeError(
            f"“{text.strip()}” is not a valid UK postcode or a place we know. Check "
            "it and try again, for example DN1 1AA, DN4 or Thorne."
        )
    outward = query.value.split(" ")[0]
    if query.kind == "full":
        found = session.get(Postcode, query.value)
        if found is not None:
            return Place(query.value, found.latitude, found.longitude, True, outward)
    district = session.get(Postcode, outward)
    if district is None:
        raise PostcodeError(
            f"We do not know the postcode “{query.value}”. Check it, or try the "
            "first half only (for example DN4)."
        )
    return Place(query.value, district.latitude, district.longitude, False, outward)


def _place_named(session: Session, text: str) -> Place | None:
    """A town or neighbourhood, at the middle of the postcode districts it spans."""
    name = " ".join(text.split()).lower()
    districts = area_districts().get(name)
    if not districts:
        return None
    points = [found for d in districts if (found := session.get(Postcode, d))]
    if not points:
        return None
    label = next(a for a in _area_names() if a.lower() == name)
    latitude = sum(p.latitude for p in points) / len(points)
    longitude = sum(p.longitude for p in points) / len(points)
    return Place(label, latitude, longitude, False, districts[0])


def _area_names() -> list[str]:
    with AREAS.open(newline="", encoding="utf-8") as handle:
        return [row["area"] for row in csv.DictReader(handle)]


def count(session: Session) -> int:
    """How many postcodes and districts are loaded."""
    return session.execute(select(func.count()).select_from(Postcode)).scalar() or 0


def load_files(session: Session, paths: Iterable[Path]) -> int:
    """Load postcode files in one transaction (the caller commits); returns rows."""
    total = 0
    for path in paths:
        points = read_postcode_file(path)
        while batch := list(islice(points, BATCH)):
            _upsert(session, batch)
            total += len(batch)
    return total


def _upsert(session: Session, batch: list[PostcodePoint]) -> None:
    rows = {
        p.postcode: {
            "postcode": p.postcode,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "kind": p.kind,
        }
        for p in batch
    }
    upsert(session, Postcode, list(rows.values()))


def iter_bundled() -> Iterator[Path]:
    """The bundled postcode files that exist."""
    return (path for path in BUNDLED if path.exists())
