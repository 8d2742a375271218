"""Downloads of the whole published directory in HSDS 3.0 (/exports), for other
directories and for analysis. Built on request from the store."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from flask import Blueprint, Response, send_file

from directory_app import exports
from directory_app.db import get_session, real_app
from directory_app.indexing import hides_stale
from directory_app.security import limiter

bp = Blueprint("exports", __name__, url_prefix="/exports")
limiter.limit("20 per hour")(bp)  # each is the whole directory


@bp.get("/hsds-3.0.json")
def as_json() -> Response:
    """Every published service, fully nested, as one HSDS 3.0 JSON array."""
    text = io.StringIO()
    exports.write_json(get_session(), text, hides_stale(real_app()))
    response = Response(text.getvalue(), mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/hsds-3.0-csv.zip")
def as_csv_package() -> Response:
    """The published directory as an HSDS 3.0 CSV tabular package (a zip)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "directory-hsds-3.0.zip"
        exports.write_csv_package(get_session(), path, hides_stale(real_app()))
        data = io.BytesIO(path.read_bytes())
    response = send_file(
        data,
        mimetype="application/zip",
        as_attachment=True,
        download_name="directory-hsds-3.0.zip",
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
