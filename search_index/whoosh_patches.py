"""Small fixes to Whoosh 2.7.4 (unmaintained), applied once on import.

``W3PerDocReader._cached_reader`` caches a column reader only when the column file
exists. While a new segment is written its lengths column does not exist yet, so
every posting asked the filesystem again: ~85 ``stat`` calls per document, most of
the time an index build took. This caches the answer either way.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    readers = self._readers
    found = readers.get(fieldname, _MISSING)
    if found is _MISSING:
        found = (
            self.column_reader(fieldname, column)
            if self.has_column(fieldname)
            else None
        )
        readers[fieldname] = found
    return found


def apply() -> None:
    """Install the patches (idempotent)."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader


apply()
