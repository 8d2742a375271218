"""The Whoosh schema: one document per service at a location."""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

SEARCH_FIELDS = ("name", "organisation", "description", "terms")


def make_schema() -> Schema:
    """A fresh schema; text fields are stemmed English with stop words removed."""
    analyzer = StemmingAnalyzer()
    return Schema(
        doc_id=ID(unique=True, stored=True),
        service_id=ID(stored=True),
        name=TEXT(analyzer=analyzer, stored=True, field_boost=3.0, spelling=True),
        organisation=TEXT(analyzer=analyzer, stored=True, field_boost=1.5),
        # No spelling graph on the description: it nearly doubled indexing time.
        description=TEXT(analyzer=analyzer, stored=True),
        terms=TEXT(analyzer=analyzer, field_boost=2.0),
        categories=KEYWORD(commas=True, stored=True, lowercase=True),
        status=ID(stored=True),
        lat=NUMERIC(float, stored=True),
        lon=NUMERIC(float, stored=True),
        free=BOOLEAN(stored=True),
        summary=STORED,
    )
