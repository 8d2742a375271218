"""Mapping files: which column of a spreadsheet holds which part of a service.

Staff write one small TOML file per source (``docs/spreadsheet-mapping.md``); a
bundled one (``data/mappings/<name>.toml``) can be named instead of a path. Every
key is checked before any row is read, so a typo fails the import with the file,
the key and what was expected, rather than quietly losing a column.

Also here: what the cells of a mapped row mean (yes/no, days, clock times).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from importers.normalise.text import clean_text
from importers.records import SourceError

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "mappings"
# Every key that names a column; docs/spreadsheet-mapping.md says what each holds.
COLUMN_KEYS = frozenset(
    """
    id parent name description organisation charity_number url email phone
    eligibility status_closed access min_age max_age ages categories
    contact_name contact_title contact_email contact_phone contact_public
    venue address_1 address_2 town postcode latitude longitude accessibility
    location_public day opens_at closes_at cost cost_for cost_description free
    """.split()
)
SETTING_KEYS = frozenset({"sheet", "categories_source"})
LIST_KEYS = frozenset({"categories"})
HEADER_SEARCH = 20
Table = list[tuple[int, list[object]]]  # (row number as the sheet shows it, cells)
YES = frozenset({"yes", "y", "true", "t", "1", "✓"})
NO = frozenset({"no", "n", "false", "f", "0", "✗"})
WEEKDAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
DAY_GROUPS = {
    "weekdays": ["MO", "TU", "WE", "TH", "FR"],
    "weekends": ["SA", "SU"],
    "weekend": ["SA", "SU"],
    "daily": list(WEEKDAYS.values()),
    "everyday": list(WEEKDAYS.values()),
    "day": list(WEEKDAYS.values()),
    "weekday": ["MO", "TU", "WE", "TH", "FR"],
}
ORDINALS = {
    "first": "1",
    "1st": "1",
    "second": "2",
    "2nd": "2",
    "third": "3",
    "3rd": "3",
    "fourth": "4",
    "4th": "4",
    "last": "-1",
}
DAY_FILLER = frozenset("every each on and the of a month week weekly s".split())
DAY_TOKEN_RE = re.compile(r"\d+(?:st|nd|rd|th)|[a-z]+|-")
CLOCK_RE = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?(?::\d{2})?\s*"
    r"(?P<half>[ap])?\.?(?:m\.?)?$"
)


@dataclass(frozen=True)
class Mapping:
    """A checked mapping file: key -> column names, defaults and settings."""

    path: str
    columns: dict[str, tuple[str, ...]]
    defaults: dict[str, str]
    sheet: str | None
    categories_source: str


def load_mapping(spec: str) -> Mapping:
    """Read and check a mapping file, given as a path or a bundled name."""
    path = _find(spec)
    where = str(path)
    data = _parse(path)
    columns: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if key not in {"defaults", *SETTING_KEYS}:
            columns[_known(key, where)] = _columns(key, value, where)
    if "name" not in columns:
        raise SourceError(
            'does not say which column holds the service name (add: name = "...")',
            where,
        )
    return Mapping(
        path=where,
        columns=columns,
        defaults=_defaults(data.get("defaults", {}), where),
        sheet=_setting(data, "sheet", where),
        categories_source=_setting(data, "categories_source", where) or path.stem,
    )


def bundled_names() -> list[str]:
    """The names of the bundled mapping files."""
    return sorted(p.stem for p in BUNDLED.glob("*.toml"))


@dataclass
class Row:
    """One row of the sheet: its number as the sheet shows it, and its mapped cells."""

    number: int
    cells: dict[str, list[str]]
    defaults: dict[str, str]

    def own(self, key: str) -> str | None:
        """The row's own value for a key, ignoring defaults."""
        values = self.cells.get(key)
        return values[0] if values else None

    def get(self, key: str) -> str | None:
        """The row's value for a key, else the mapping's default."""
        return self.own(key) or self.defaults.get(key)

    def every(self, key: str) -> list[str]:
        """Every value for a key that may name several columns."""
        values = self.cells.get(key) or []
        return values or ([self.defaults[key]] if key in self.defaults else [])


def mapped_rows(mapping: Mapping, table: Table, where: str) -> list[Row]:
    """The rows after the header row that hold anything, read through the mapping.

    The header row is the first within 20 that has the name column (title rows
    above it are common), else the first row that holds anything.
    """
    filled = [(n, cells) for n, cells in table if any(map(cell_text, cells))]
    if not filled:
        raise SourceError("is empty: it has no header row", where)
    headers = [[cell_text(c) or "" for c in cells] for _, cells in filled]
    start = next(
        (i for i, h in enumerate(headers[:HEADER_SEARCH]) if _is_header(mapping, h)),
        0,
    )
    bound = _bind(mapping, headers[start], where)
    return [
        Row(number, _mapped(cells, bound), mapping.defaults)
        for number, cells in filled[start + 1 :]
    ]


def cell_text(value: object) -> str | None:
    """A cell as text the way a person reads it; None when empty."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat() if value.time() != time() else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return clean_text(value)


def parse_bool(text: str | None) -> bool | None:
    """TRUE/FALSE, yes/no, y/n, 1/0 as a bool; None for anything else."""
    word = (text or "").strip().lower()
    if word in YES:
        return True
    return False if word in NO else None


def parse_days(text: str | None) -> tuple[str, str] | None:
    """("WEEKLY", "MO,TH") for "mon;thu", ("MONTHLY", "1TU") for "1st Tuesday"."""
    codes: list[str] = []
    ordinals: list[str] = []
    span = False
    for token in DAY_TOKEN_RE.findall((text or "").lower()):
        if token in DAY_FILLER:
            continue
        if token in {"-", "to", "till", "until"}:
            span = bool(codes)
        elif token in ORDINALS:
            ordinals.append(ORDINALS[token])
        elif token in DAY_GROUPS:
            codes.extend(DAY_GROUPS[token])
        elif (day := _day(token)) is None:
            return None
        elif span:
            codes.extend(_days_between(codes[-1][-2:], day))
            span = False
        else:
            codes.extend([f"{o}{day}" for o in ordinals] or [day])
            ordinals = []
    monthly = {len(code) > 2 for code in codes}
    if not codes or ordinals or span or len(monthly) > 1:
        return None
    return ("MONTHLY" if True in monthly else "WEEKLY", ",".join(dict.fromkeys(codes)))


def clock_text(text: str | None) -> str | None:
    """'9am', '9.30 pm', 'noon' or '09:00:00' as '09:00' text; others unchanged."""
    if text is None:
        return None
    word = text.strip().lower()
    if "-" in word and "t" in word:  # an Excel time stored as a date and time
        word = word.rpartition("t")[2]
    if word in {"noon", "midday", "12 noon", "12noon"}:
        return "12:00"
    match = CLOCK_RE.match(word)
    if not match or not (match["minute"] or match["half"]):
        return text
    hour = int(match["hour"]) % 12 if match["half"] else int(match["hour"])
    hour += 12 if match["half"] == "p" else 0
    return f"{hour:02d}:{match['minute'] or '00'}"


def _find(spec: str) -> Path:
    path = Path(spec)
    if path.is_file():
        return path
    if path.suffix == "" and (BUNDLED / f"{spec}.toml").is_file():
        return BUNDLED / f"{spec}.toml"
    raise SourceError(
        "is neither a mapping file nor a bundled mapping "
        f"(bundled: {', '.join(bundled_names())})",
        spec,
    )


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise SourceError(f"cannot be opened ({exc.strerror})", str(path)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"is not a valid mapping file ({exc})", str(path)) from exc


def _known(key: str, where: str) -> str:
    if key in COLUMN_KEYS:
        return key
    close = difflib.get_close_matches(key, [*COLUMN_KEYS, *SETTING_KEYS], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise SourceError(
        f"has an unknown key {key!r}{hint} (see docs/spreadsheet-mapping.md)", where
    )


def _columns(key: str, value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if key in LIST_KEYS and isinstance(value, list) and value:
        if all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
    raise SourceError(
        f'key {key!r} should name a column in quotes, like {key} = "Column name"'
        + (", or a list of them" if key in LIST_KEYS else ""),
        where,
    )


def _defaults(table: object, where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise SourceError("[defaults] should be a table of key = value", where)
    out = {}
    for key, value in table.items():
        text = cell_text(value) if not isinstance(value, dict | list) else None
        if text is None:
            raise SourceError(f"default for {key!r} should be one value", where)
        out[_known(key, where)] = text
    return out


def _setting(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise SourceError(
            f'{key!r} should be text in quotes, like {key} = "..."', where
        )
    return value.strip() if value else None


def _bind(mapping: Mapping, header: list[str], sheet: str) -> dict[str, list[int]]:
    """Where each mapped column is in the header row; a SourceError names any gap."""
    positions = {_fold(name): i for i, name in reversed(list(enumerate(header)))}
    bound: dict[str, list[int]] = {}
    for key, names in mapping.columns.items():
        for name in names:
            if _fold(name) not in positions:
                raise SourceError(
                    f"key {key!r} names the column {name!r}, which is not in the "
                    f"header row of {sheet} (its columns: {_listing(header)})",
                    mapping.path,
                )
            bound.setdefault(key, []).append(positions[_fold(name)])
    for key, value in mapping.defaults.items():
        if _fold(value) in positions:
            raise SourceError(
                f"[defaults] gives {key!r} the value {value!r}, which is a column "
                "name: move that line above [defaults]",
                mapping.path,
            )
    return bound


def _listing(header: list[str], most: int = 30) -> str:
    names = [repr(name) for name in header if name]
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _is_header(mapping: Mapping, header: list[str]) -> bool:
    return _fold(mapping.columns["name"][0]) in {_fold(h) for h in header}


def _mapped(cells: list[object], bound: dict[str, list[int]]) -> dict[str, list[str]]:
    out = {}
    for key, positions in bound.items():
        texts = [cell_text(cells[i]) if i < len(cells) else None for i in positions]
        out[key] = [t for t in texts if t]
    return out


def _fold(name: str) -> str:
    return " ".join(str(name).lower().split())


def _day(token: str) -> str | None:
    for word in (token, token.removesuffix("s")):
        if len(word) >= 2:
            for name, code in WEEKDAYS.items():
                if name.startswith(word) or (word == "weds" and code == "WE"):
                    return code
    return None


def _days_between(first: str, last: str) -> list[str]:
    codes = list(WEEKDAYS.values())
    start, end = codes.index(first), codes.index(last)
    if end < start:
        end += 7
    return [codes[i % 7] for i in range(start + 1, end + 1)]
