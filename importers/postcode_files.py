"""Stream postcode coordinates from ONS, odileeds, centroid and Code-Point files."""

from __future__ import annotations

import csv
import io
import itertools
import math
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from pyproj import Transformer

from importers.normalise.postcode import normalise_outcode, normalise_postcode

EXPECTED_FORMATS = (
    "expected an ONS NSPL/ONSPD CSV (header with pcds or pcd/pcd7/pcd8, lat, "
    "long), an odileeds CSV (Postcode,lat,long), a district centroid CSV "
    "(outcode,latitude,longitude,...), an OS Code-Point Open CSV (no header; "
    "PC,PQ,EA,NO,... with 10 columns) or a .zip containing such CSVs"
)
_POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
_ONS_NO_GRID_LATITUDE = 99.999999  # ONS "no grid reference" (long is 0.000000)
_CODEPOINT_WIDTH = 10
_CODEPOINT_NO_COORDS = "90"  # positional quality indicator: no coordinates
_BATCH_SIZE = 10_000

Kind = Literal["full", "district"]
Rows = Iterator[tuple[int, list[str]]]


class PostcodeFileError(ValueError):
    """A postcode file is in an unknown format or contains a malformed row."""


@dataclass(frozen=True, slots=True)
class PostcodePoint:
    """The WGS84 position of a full postcode or of a postcode district."""

    postcode: str
    latitude: float
    longitude: float
    kind: Kind


def read_postcode_file(path: Path) -> Iterator[PostcodePoint]:
    """Yield the located, live postcodes in ``path``, detecting its format."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        yield from _read_zip(path)
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        points = _read_text(handle, str(path))
        if points is None:
            raise PostcodeFileError(f"{path}: unrecognised format; {EXPECTED_FORMATS}")
        yield from points


def _read_zip(path: Path) -> Iterator[PostcodePoint]:
    """Yield points from each recognised CSV member, in archive order."""
    recognised = False
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if member.is_dir() or not member.filename.lower().endswith(".csv"):
                continue
            with (
                archive.open(member) as raw,
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle,
            ):
                points = _read_text(handle, f"{path}:{member.filename}")
                if points is None:  # e.g. column-header or code-list documents
                    continue
                recognised = True
                yield from points
    if not recognised:
        raise PostcodeFileError(
            f"{path}: zip holds no CSV in a recognised format; {EXPECTED_FORMATS}"
        )


def _read_text(handle: TextIO, name: str) -> Iterator[PostcodePoint] | None:
    """Detect the format from the first row; None when it is not recognised."""
    reader = csv.reader(handle)

    def numbered() -> Rows:
        try:
            for row in reader:
                if row:  # blank lines carry no data
                    yield reader.line_num, row
        except (UnicodeDecodeError, csv.Error) as exc:
            raise PostcodeFileError(
                f"{name}: line {reader.line_num + 1}: not readable as CSV text ({exc})"
            ) from exc

    rows = numbered()
    first = next(rows, None)
    if first is None:
        return None
    header = [cell.strip().lower() for cell in first[1]]
    if "outcode" in header and {"latitude", "longitude"} <= set(header):
        return _read_table(rows, name, header, "outcode", "latitude", "longitude")
    code = next((column for column in _POSTCODE_COLUMNS if column in header), None)
    if code is not None and {"lat", "long"} <= set(header):
        return _read_table(rows, name, header, code, "lat", "long")
    if _looks_like_codepoint(first[1]):
        return _read_codepoint(itertools.chain([first], rows), name)
    return None


def _read_table(
    rows: Rows, name: str, header: list[str], code: str, lat: str, long: str
) -> Iterator[PostcodePoint]:
    """Yield points from a CSV with a header naming its columns."""
    kind: Kind = "district" if code == "outcode" else "full"
    normalise: Callable[[str], str | None] = (
        normalise_outcode if kind == "district" else normalise_postcode
    )
    code_at, lat_at, long_at = (header.index(c) for c in (code, lat, long))
    doterm_at = header.index("doterm") if "doterm" in header else None
    for line, row in rows:
        _check_width(row, len(header), name, line)
        if doterm_at is not None and row[doterm_at].strip():
            continue  # terminated postcode
        coords = _coordinates(row[lat_at], row[long_at], name, line)
        if coords is None:
            continue
        value = normalise(row[code_at])
        if value is None:
            raise _row_error(name, line, f"invalid {code} {row[code_at]!r}")
        yield PostcodePoint(value, coords[0], coords[1], kind)


def _read_codepoint(rows: Rows, name: str) -> Iterator[PostcodePoint]:
    """Yield points from OS Code-Point Open rows, converting BNG to WGS84."""
    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    batch: list[tuple[str, float, float]] = []
    for line, row in rows:
        _check_width(row, _CODEPOINT_WIDTH, name, line)
        if row[1].strip() == _CODEPOINT_NO_COORDS:
            continue
        easting = _number(row[2], "easting", name, line)
        northing = _number(row[3], "northing", name, line)
        if easting == 0 or northing == 0:
            continue
        postcode = normalise_postcode(row[0])
        if postcode is None:
            raise _row_error(name, line, f"invalid postcode {row[0]!r}")
        batch.append((postcode, easting, northing))
        if len(batch) >= _BATCH_SIZE:
            yield from _convert(transformer, batch)
            batch = []
    yield from _convert(transformer, batch)


def _convert(
    transformer: Transformer, batch: list[tuple[str, float, float]]
) -> Iterator[PostcodePoint]:
    """Transform a batch of eastings/northings to latitude/longitude points."""
    if not batch:
        return
    postcodes, eastings, northings = zip(*batch, strict=True)
    longitudes, latitudes = transformer.transform(list(eastings), list(northings))
    for postcode, lat, lon in zip(postcodes, latitudes, longitudes, strict=True):
        yield PostcodePoint(postcode, round(lat, 6), round(lon, 6), "full")


def _looks_like_codepoint(row: list[str]) -> bool:
    """Whether a header-less first row has Code-Point Open's shape."""
    return (
        len(row) == _CODEPOINT_WIDTH
        and normalise_postcode(row[0]) is not None
        and all(cell.strip().isdigit() for cell in row[1:4])
    )


def _coordinates(
    lat_text: str, long_text: str, name: str, line: int
) -> tuple[float, float] | None:
    """Parse a latitude/longitude pair; None when the row has no coordinates."""
    if not lat_text.strip() or not long_text.strip():
        return None
    lat = _number(lat_text, "latitude", name, line)
    lon = _number(long_text, "longitude", name, line)
    if lat == _ONS_NO_GRID_LATITUDE:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _row_error(name, line, f"coordinates out of range ({lat}, {lon})")
    return lat, lon


def _number(text: str, what: str, name: str, line: int) -> float:
    """Parse a finite number or raise a PostcodeFileError for the line."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _row_error(name, line, f"{what} {text!r} is not a number")
    return value


def _check_width(row: list[str], width: int, name: str, line: int) -> None:
    """Raise unless the row has exactly ``width`` columns."""
    if len(row) != width:
        raise _row_error(name, line, f"expected {width} columns, found {len(row)}")


def _row_error(name: str, line: int, problem: str) -> PostcodeFileError:
    """Build the error for a malformed row."""
    return PostcodeFileError(f"{name}: line {line}: {problem}")
