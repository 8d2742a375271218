"""HSDS tabular packages: a folder or .zip of CSV tables, joined into services.

A package has a ``datapackage.json`` naming its tables (HSDS 3.0 or 1.x), or, like
Ohana's exports, no descriptor but tables with the usual file names
(``services.csv``, ``locations.csv``...). Each table this reader uses is read once,
whole; ``importers.hsds_tables`` joins them into one HSDS 3.0 service package per
service, and ``normalise_service`` cleans each. Programs, metadata, required
documents, payments and postal addresses are not read.

A package that cannot be read (no descriptor and no services table, a table that is
not CSV, a services table without ``id`` and ``name``) is a SourceError naming the
file; a row that cannot be used is a Problem naming its file and line.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from importers.hsds_tables import Join, Joined, Table
from importers.normalise.package import normalise_service
from importers.records import Problem, ReadItem, ServiceRecord, SourceError

Progress = Callable[[int, int | None], None]
DESCRIPTOR = "datapackage.json"
KNOWN_TABLES = frozenset(
    {
        "service",
        "organization",
        "organization_identifier",
        "location",
        "service_at_location",
        "address",
        "physical_address",
        "accessibility",
        "accessibility_for_disabilities",
        "phone",
        "contact",
        "schedule",
        "regular_schedule",
        "holiday_schedule",
        "language",
        "service_area",
        "funding",
        "cost_option",
        "eligibility",
        "taxonomy",
        "taxonomy_term",
        "attribute",
        "service_taxonomy",
    }
)
ALIASES = {
    "addresses": "address",
    "physical_addresses": "physical_address",
    "services_at_location": "service_at_location",
    "services_taxonomy": "service_taxonomy",
    "taxonomies": "taxonomy",
    "eligibilitys": "eligibility",
}


@dataclass
class Package:
    """A folder or a zip archive: its file names, and a way to open each."""

    where: str
    names: list[str]
    opener: Callable[[str], IO[bytes]]

    def text(self, name: str) -> IO[str]:
        """One file of the package as text."""
        return io.TextIOWrapper(self.opener(name), encoding="utf-8-sig", newline="")

    def place(self, name: str) -> str:
        """Where a file is, for messages."""
        return f"{self.where}/{name}"


def read(
    location: str,
    *,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    state: dict[str, Any] | None = None,
) -> Iterator[ReadItem]:
    """Yield a normalised record or a Problem for every service in the package."""
    with open_package(Path(location)) as package:
        tables = read_tables(package)
    join = Join(tables)
    yield from join.problems
    total = len(tables["service"].rows)
    for done, item in enumerate(join.services(), start=1):
        yield _normalised(item)
        if progress:
            progress(done, total)


def _normalised(item: Joined | Problem) -> ReadItem:
    if isinstance(item, Problem):
        return item
    record = normalise_service(item.raw)
    if isinstance(record, ServiceRecord):
        record.warnings.extend(item.warnings)
    return record


@contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """The package at ``path``: a folder, a .zip, or a folder's datapackage.json."""
    if path.name == DESCRIPTOR and path.is_file():
        path = path.parent
    if path.is_dir():
        names = [p.relative_to(path).as_posix() for p in _files(path)]
        yield Package(str(path), names, lambda name: (path / name).open("rb"))
        return
    try:
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        raise SourceError(f"cannot be opened ({exc.strerror})", str(path)) from exc
    except zipfile.BadZipFile as exc:
        raise SourceError("is neither a folder nor a .zip archive", str(path)) from exc
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        yield Package(str(path), names, archive.open)


def read_tables(package: Package) -> dict[str, Table]:
    """Every table the package has that the join uses, read whole."""
    tables = {
        name: read_table(package, file, name)
        for name, file in find_tables(package).items()
    }
    if "service" not in tables:
        raise SourceError("has no services table", package.where)
    for column in ("id", "name"):
        if column not in tables["service"].columns:
            where = package.place(tables["service"].file)
            raise SourceError(f"has no {column!r} column", where)
    return tables


def find_tables(package: Package) -> dict[str, str]:
    """Table name -> file, from datapackage.json, else from the files' names."""
    descriptor = _shallowest(package.names, DESCRIPTOR)
    if descriptor is not None:
        return _described_tables(package, descriptor)
    services = _shallowest(package.names, "services.csv")
    if services is None:
        raise SourceError("has no datapackage.json and no services.csv", package.where)
    folder = PurePosixPath(services).parent
    found: dict[str, str] = {}
    for name in package.names:
        path = PurePosixPath(name)
        table = table_name(path.stem) if path.suffix.lower() == ".csv" else None
        if table and path.parent == folder:
            found.setdefault(table, name)
    return found


def table_name(name: str) -> str | None:
    """The table a resource or file name stands for ('services_at_location'...)."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    for candidate in (key, key.removesuffix("s")):
        if candidate in KNOWN_TABLES:
            return candidate
    return None


def read_table(package: Package, file: str, name: str) -> Table:
    """One CSV table; a SourceError naming the file when it is not readable CSV."""
    where = package.place(file)
    try:
        with package.text(file) as handle:
            reader = csv.reader(handle, strict=True)
            try:
                return _rows(reader, file, name)
            except csv.Error as exc:
                message = f"is not a readable CSV table (line {reader.line_num}: {exc})"
                raise SourceError(message, where) from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"is not UTF-8 text ({exc.reason})", where) from exc


def _rows(reader: Any, file: str, name: str) -> Table:
    header = [column.strip().lower() for column in next(reader, [])]
    table = Table(file, header, "rejected" if name == "service" else "warning")
    start = reader.line_num + 1
    for values in reader:
        if any(value.strip() for value in values):
            table.add(values, start)
        start = reader.line_num + 1
    return table


def _described_tables(package: Package, descriptor: str) -> dict[str, str]:
    where = package.place(descriptor)
    try:
        with package.text(descriptor) as handle:
            document = json.load(handle)
    except ValueError as exc:
        raise SourceError(f"is not valid JSON ({exc})", where) from exc
    resources = document.get("resources") if isinstance(document, dict) else None
    if not isinstance(resources, list):
        raise SourceError("is not a data package: it has no list of resources", where)
    folder = PurePosixPath(descriptor).parent
    found: dict[str, str] = {}
    for resource in [r for r in resources if isinstance(r, dict)]:
        path, name = resource.get("path"), str(resource.get("name") or "")
        table = table_name(name) or table_name(PurePosixPath(str(path)).stem)
        if not isinstance(path, str) or table is None:
            continue  # a table the join does not use, or one in many parts
        file = (folder / path).as_posix()
        if file not in package.names:
            raise SourceError(f"lists {path}, which is not in the package", where)
        found.setdefault(table, file)
    return found


def _files(folder: Path) -> list[Path]:
    """The files in a folder and in its direct subfolders."""
    return [p for p in [*folder.glob("*"), *folder.glob("*/*")] if p.is_file()]


def _shallowest(names: list[str], base: str) -> str | None:
    matches = [n for n in names if PurePosixPath(n).name.lower() == base]
    return min(matches, key=lambda n: (n.count("/"), n), default=None)
