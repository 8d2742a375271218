"""Full-text and place search over service documents (Whoosh behind the interface)."""

from search_index.index import (
    Hit,
    IndexMissing,
    SearchIndex,
    SearchQuery,
    SearchResults,
    has_index,
)

__all__ = [
    "Hit",
    "IndexMissing",
    "SearchIndex",
    "SearchQuery",
    "SearchResults",
    "has_index",
]
