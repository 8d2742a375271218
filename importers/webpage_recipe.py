"""Recipes: where a web-page source keeps its services, as CSS selectors in TOML.

A recipe names the pages to start from and either the links to each service's own
page or one table with a row per service, and where each field is: a CSS selector,
a label printed beside the value ("Times:"), or a table column. The format is
documented for staff in ``docs/webpage-recipes.md``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import soupsieve
from bs4 import BeautifulSoup, PageElement, Tag

from importers.records import SourceError

ROOT = Path(__file__).resolve().parents[1]
TOP_KEYS = (
    "start item_links table row allow_hosts max_pages stale_after_days fields "
    "defaults venues"
).split()
FIELDS = (
    "name description url schedule cost phone email location address postcode "
    "eligibility organisation updated alert"
).split()
VENUE_KEYS = ["address", "city", "postcode", "location_type", "latitude", "longitude"]
NEXT_BLOCK_LABELS = {"dt", "th", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class FieldSpec:
    """Where one field is: a selector, a label beside it, or a table column."""

    selector: str | None = None
    label: str | None = None
    attribute: str | None = None
    column: int | str | None = None


@dataclass(frozen=True)
class Recipe:
    """A checked recipe file."""

    path: str
    start: tuple[str, ...] = ()
    item_links: str | None = None
    table: str | None = None
    row: str = "tr"
    allow_hosts: frozenset[str] = frozenset()
    max_pages: int = 500
    stale_after_days: int = 365
    fields: dict[str, tuple[FieldSpec, ...]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    venues: dict[str, dict[str, Any]] = field(default_factory=dict)

    def venue_for(self, place: str) -> tuple[str, dict[str, Any]] | None:
        """The venue a location text names: the longest venue name it starts with."""
        text = venue_key(place) + " "
        named = [v for v in self.venues if text.startswith(venue_key(v) + " ")]
        best = max(named, key=len, default=None)
        return (best, self.venues[best]) if best else None


def venue_key(text: str) -> str:
    """A name compared without case, apostrophes or punctuation."""
    text = re.sub(r"['\u2019]", "", text.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def load_recipe(path: str | Path) -> Recipe:
    """Read and check a recipe file; any mistake is a SourceError naming the key."""
    where = Path(path)
    if not where.is_absolute() and not where.exists():
        where = ROOT / where  # recipes bundled in data/recipes/
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(
            f"recipe cannot be opened ({exc.strerror})", str(path)
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"recipe is not valid TOML ({exc})", str(path)) from exc
    return _Check(str(path)).recipe(data)


class _Check:
    """Checks a parsed recipe, naming the file and the key in every complaint."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> SourceError:
        return SourceError(f"recipe key '{key}' {problem}", self.path)

    def keys(self, table: Any, known: list[str], key: str) -> dict[str, Any]:
        if not isinstance(table, dict):
            raise self.fail(key.rstrip("."), "must be a table of keys")
        for name in table:
            if name not in known:
                raise self.fail(key + name, f"is unknown (known: {', '.join(known)})")
        return table

    def recipe(self, data: dict[str, Any]) -> Recipe:
        self.keys(data, TOP_KEYS, "")
        if data.get("item_links") and data.get("table"):
            raise self.fail("table", "cannot be used with item_links: choose one form")
        fields = self.keys(data.get("fields", {}), FIELDS, "fields.")
        if "name" not in fields:
            raise self.fail("fields.name", "is missing: every service needs a name")
        in_table = "table" in data
        return Recipe(
            path=self.path,
            start=tuple(self.texts(data.get("start", []), "start")),
            item_links=self.selector(data.get("item_links"), "item_links"),
            table=self.selector(data.get("table"), "table"),
            row=self.selector(data.get("row"), "row") or "tr",
            allow_hosts=frozenset(
                h.lower()
                for h in self.texts(data.get("allow_hosts", []), "allow_hosts")
            ),
            max_pages=self.count(data.get("max_pages", 500), "max_pages"),
            stale_after_days=self.count(
                data.get("stale_after_days", 365), "stale_after_days"
            ),
            fields={
                k: self.specs(v, f"fields.{k}", in_table) for k, v in fields.items()
            },
            defaults={
                k: str(v)
                for k, v in self.keys(
                    data.get("defaults", {}), FIELDS, "defaults."
                ).items()
            },
            venues=self.venues(data.get("venues", {})),
        )

    def texts(self, value: Any, key: str) -> list[str]:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(key, "must be text in quotes, or a list of them")
        return values

    def count(self, value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, f"must be a whole number above 0, not {value!r}")
        return value

    def selector(self, value: Any, key: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be one CSS selector, in quotes")
        try:
            soupsieve.compile(value)
        except soupsieve.SelectorSyntaxError as exc:
            reason = str(exc).splitlines()[0]
            raise self.fail(
                key, f"is not a CSS selector: {value!r} ({reason})"
            ) from exc
        return value

    def specs(self, value: Any, key: str, in_table: bool) -> tuple[FieldSpec, ...]:
        return tuple(
            self.spec(one, key, in_table)
            for one in (value if isinstance(value, list) else [value])
        )

    def spec(self, value: Any, key: str, in_table: bool) -> FieldSpec:
        if in_table and isinstance(value, int | str):
            return FieldSpec(column=self.column(value, key))
        if isinstance(value, str):
            return FieldSpec(selector=self.selector(value, key))
        known = (
            ["column", "selector", "attribute"]
            if in_table
            else ["selector", "label", "attribute"]
        )
        self.keys(value, known, f"{key}.")
        if not (
            value.get("column")
            if in_table
            else value.get("selector") or value.get("label")
        ):
            raise self.fail(
                key, f"needs {'a column' if in_table else 'a selector or a label'}"
            )
        label, attribute = value.get("label"), value.get("attribute")
        return FieldSpec(
            selector=self.selector(value.get("selector"), f"{key}.selector"),
            label=self.texts(label, f"{key}.label")[0] if label else None,
            attribute=self.texts(attribute, f"{key}.attribute")[0]
            if attribute
            else None,
            column=self.column(value["column"], key) if in_table else None,
        )

    def column(self, value: Any, key: str) -> int | str:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | str)
            or value in (0, "")
        ):
            raise self.fail(key, "must be a column number from 1, or a column heading")
        return value

    def venues(self, venues: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(venues, dict):
            raise self.fail("venues", "must be a table of venues")
        for name, venue in venues.items():
            self.keys(venue, VENUE_KEYS, f"venues.{name}.")
            if venue.get("location_type", "physical") not in {"physical", "virtual"}:
                raise self.fail(
                    f"venues.{name}.location_type", "must be physical or virtual"
                )
        return dict(venues)


def text_of(element: PageElement, attribute: str | None = None) -> str:
    """An element's text, or an attribute (a meta's content, a tel: link's href)."""
    if not isinstance(element, Tag):
        return " ".join(str(element).split())
    href = str(element.get("href") or "")
    if not attribute and element.name in {"meta", "time"}:
        attribute = "content" if element.name == "meta" else "datetime"
    if not attribute and href.startswith(("tel:", "mailto:")):
        attribute = "href"
    value = element.get(attribute) if attribute else element.get_text(" ", strip=True)
    return " ".join(
        (" ".join(value) if isinstance(value, list) else value or "").split()
    )


def page_fields(soup: BeautifulSoup, recipe: Recipe) -> dict[str, list[str]]:
    """Every field's values on one service's page, in page order, without repeats."""
    return {
        name: list(dict.fromkeys(v for spec in specs for v in _values(soup, spec) if v))
        for name, specs in recipe.fields.items()
    }


def _values(scope: Tag | None, spec: FieldSpec) -> list[str]:
    if scope is None:
        return []
    elements = scope.select(spec.selector) if spec.selector else [scope]
    if spec.label:
        return [v for element in elements for v in _after_label(element, spec.label)]
    return [text_of(element, spec.attribute) for element in elements]


def _after_label(scope: Tag, label: str) -> list[str]:
    """Text printed after a label such as "Times:" (see the recipe docs)."""
    key = re.escape(" ".join(label.split()).rstrip(": "))
    pattern = re.compile(rf"^\s*{key}(?!\w)\s*:?\s*", re.IGNORECASE)
    values = []
    for string in scope.find_all(string=pattern):
        rest = pattern.sub("", str(string), count=1).strip()
        holder: PageElement = string
        # A label in an element of its own: <strong>Times:</strong>
        if not rest and string.parent and not pattern.sub("", text_of(string.parent)):
            holder = string.parent
        values.extend(_beside(holder, rest, pattern))
    return values


def _beside(holder: PageElement, rest: str, pattern: re.Pattern[str]) -> list[str]:
    if isinstance(holder, Tag) and holder.name in NEXT_BLOCK_LABELS:
        return _block(holder.find_next_sibling())  # <dt>Cost</dt><dd>£3</dd>
    inline = " ".join([rest, *(text_of(s) for s in holder.next_siblings)]).strip()
    if inline:
        return [inline]  # <p><strong>Times:</strong> Mondays 10am</p>
    block = holder.parent
    if block is not None and not pattern.sub("", text_of(block)):
        following = block.find_next_sibling()
        if isinstance(following, Tag) and following.name in {"ul", "ol"}:
            return _block(following)  # <p>Times:</p><ul><li>Mondays 10am</li></ul>
    return []


def _block(block: Tag | None) -> list[str]:
    if block is None:
        return []
    if block.name in {"ul", "ol"}:
        return [text_of(li) for li in block.find_all("li")]
    return [text_of(block)]


def table_rows(
    soup: BeautifulSoup, recipe: Recipe, where: str
) -> list[dict[str, list[str]]]:
    """The fields of each row of the recipe's table; SourceError if it is not there."""
    table = soup.select_one(str(recipe.table))
    rows = [r for r in table.select(recipe.row) if r.find("td")] if table else []
    if table is None or not rows:
        raise SourceError(
            f"has no table {recipe.table!r} with rows {recipe.row!r} "
            f"(recipe {recipe.path})",
            where,
        )
    head = table.select_one("thead tr") or table.select_one("tr")
    cells = head.find_all(["th", "td"]) if head else []
    headings = [text_of(cell).rstrip(":").lower() for cell in cells]
    return [
        {
            name: [
                v
                for spec in specs
                for v in _values(_cell(row, spec, headings, recipe, where), spec)
                if v
            ]
            for name, specs in recipe.fields.items()
        }
        for row in rows
    ]


def _cell(
    row: Tag, spec: FieldSpec, headings: list[str], recipe: Recipe, where: str
) -> Tag | None:
    cells = row.find_all(["td", "th"])
    if isinstance(spec.column, int):
        index = spec.column - 1
    elif str(spec.column).rstrip(":").strip().lower() in headings:
        index = headings.index(str(spec.column).rstrip(":").strip().lower())
    else:
        raise SourceError(
            f"has no column headed {spec.column!r} for recipe {recipe.path} "
            f"(headings: {', '.join(headings)})",
            where,
        )
    return cells[index] if index < len(cells) else None
