"""Readers for every kind of source, each turning its items into normalised records.

Pure library code: no Flask, no database session. Every reader module offers

    read(location: str, *, progress: Progress | None = None,
         options: Mapping[str, Any] | None = None,
         state: dict[str, Any] | None = None) -> Iterator[ReadItem]

- ``location``: a file or folder path, or a URL.
- ``progress(done, total_or_None)``: told how reading goes (pages, rows, items).
- ``options``: the source's own settings (a mapping file, a recipe file...).
- ``state``: for incremental sources (OpenActive RPDE), a dict the reader reads its
  last position from and writes its new position to; the caller keeps it only if
  the run succeeds.
- yields ``ServiceRecord`` (via ``importers.normalise.package.normalise_service``),
  ``Problem`` for an item it rejects, and ``Deleted`` for an item the source deletes.
- raises ``SourceError`` (naming where) when the source as a whole cannot be read.

A module-level ``INCREMENTAL = True`` says a read is not a full snapshot, so items it
does not mention are not withdrawn.
"""
