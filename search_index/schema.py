"""The Whoosh schema: one document per service at a location."""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

SEARCH_FIELDS = ("name", "organisation", "description", "terms")
# Filters: dimension -> (field, whether its values are comma-separated)
FACETS = {
    "category": "categories",
    "day": "days",
    "time": "times",
    "attendance": "attendance",
    "access": "access",
}


def make_schema() -> Schema:
    """A fresh schema; text fields are stemmed English with stop words removed."""
    # Accents folded, so "cafe" finds "café" and the other way round.
    analyzer = StemmingAnalyzer() | CharsetFilter(accent_map)
    return Schema(
        doc_id=ID(unique=True, stored=True),
        service_id=ID(stored=True),
        name=TEXT(analyzer=analyzer, stored=True, field_boost=3.0, spelling=True),
        organisation=TEXT(analyzer=analyzer, stored=True, field_boost=1.5),
        # No spelling graph on the description: it nearly doubled indexing time.
        description=TEXT(analyzer=analyzer, stored=True),
        terms=TEXT(analyzer=analyzer, field_boost=2.0),
        categories=KEYWORD(commas=True, stored=True, lowercase=True),
        days=KEYWORD(lowercase=True),
        times=KEYWORD(lowercase=True),
        attendance=KEYWORD(commas=True, stored=True, lowercase=True),
        access=KEYWORD(commas=True, stored=True, lowercase=True),
        accessibility=KEYWORD(commas=True, lowercase=True),
        areas=KEYWORD(stored=True),  # postcode districts a service covers
        status=ID(stored=True),
        free=BOOLEAN(stored=True),
        placed=BOOLEAN(),
        lat=NUMERIC(float, stored=True),
        lon=NUMERIC(float, stored=True),
        # Millionths of a degree, as columns for fast distance sorts (Whoosh 2.7
        # cannot make float columns).
        lat_e6=NUMERIC(int, bits=32, sortable=True),
        lon_e6=NUMERIC(int, bits=32, sortable=True),
        # Columns too, so an age filter is two comparisons over arrays.
        min_age=NUMERIC(int, bits=16, sortable=True),
        max_age=NUMERIC(int, bits=16, sortable=True),
        review_due=NUMERIC(int, stored=True, sortable=True),
        summary=STORED,
    )


def same_schema(schema: Schema) -> bool:
    """Whether an index's schema is this version's (same fields and columns)."""
    wanted = make_schema()
    if set(schema.names()) != set(wanted.names()):
        return False
    return all(
        bool(schema[name].column_type) == bool(wanted[name].column_type)
        for name in wanted.names()
    )
