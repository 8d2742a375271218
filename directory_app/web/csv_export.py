"""The staff console's lists as CSV downloads, safe to open in a spreadsheet.

A cell that a spreadsheet would read as a formula (starting =, +, -, @, a tab or a
carriage return) gets an apostrophe in front, so text a member of the public or a
feed wrote (a problem report, a listing's name) can never run as one. Files start
with a byte-order mark so Excel reads accents and pound signs as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask import Response, request, url_for

Column = tuple[str, Callable[[Any], object]]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A value as a CSV cell; text that could run as a formula is made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)  # a number is never a formula, negative or not
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def wants_csv() -> bool:
    """Whether this request asks for the list as CSV (``?format=csv``)."""
    return request.args.get("format") == "csv"


def csv_url() -> str:
    """This page's address, with the same choices, asking for CSV."""
    args = {**(request.view_args or {}), **request.args.to_dict(), "format": "csv"}
    return url_for(str(request.endpoint), **args)


def csv_response(
    filename: str, columns: Sequence[Column], rows: Iterable[Any]
) -> Response:
    """A CSV download: a header row, then one row per item, each cell made safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(title) for title, _ in columns])
    for row in rows:
        writer.writerow([safe_cell(value(row)) for _, value in columns])
    response = Response(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response
