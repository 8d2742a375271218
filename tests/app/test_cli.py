"""The `directory` commands staff run: sources, imports, runs, postcodes, index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlmodel import Session

from directory_app.models import Postcode, Service
from tests.factories import make_raw_service, write_feed
from tests.http_server import Response, allow_fetching, json_response, serve

pytestmark = pytest.mark.postgres


def ok(runner: FlaskCliRunner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_add_a_feed_source_and_import_it_with_a_summary(
    runner: FlaskCliRunner, session: Session
) -> None:
    items = [make_raw_service(id=f"s{n}", name=f"Group {n}") for n in range(3)]
    items.append({"id": "bad", "name": "", "schedules": []})

    def route(path: str) -> Response | None:
        if path.startswith("/services?"):
            return json_response(
                {
                    "total_items": 4,
                    "total_pages": 1,
                    "page_number": 1,
                    "size": 4,
                    "first_page": True,
                    "last_page": True,
                    "empty": False,
                    "contents": items,
                }
            )
        return None

    with serve(route) as base:
        allow_fetching(runner.app, base)
        ok(runner, "sources", "add", "council", "--kind", "oruk", "--location", base)
        output = ok(runner, "import", "council")
    assert (
        "read 4, created 3, updated 0, unchanged 0, withdrawn 0, rejected 1, merged 0"
    ) in output
    assert "See the rejects with: directory runs show 1" in output
    shown = ok(runner, "runs", "show", "1")
    assert "rejected\tbad\tname\thas no name" in shown
    assert session.execute(select(func.count()).select_from(Service)).scalar() == 3


def test_a_source_at_a_private_address_is_refused_and_nothing_stored(
    runner: FlaskCliRunner, session: Session
) -> None:
    """A feed URL (typed by a person) inside the network is never fetched."""
    served: list[str] = []

    def route(path: str) -> Response | None:
        served.append(path)
        return json_response({"contents": [make_raw_service()]})

    with serve(route) as base:  # there is a server, but nobody allowed it
        ok(runner, "sources", "add", "inside", "--kind", "oruk", "--location", base)
        result = runner.invoke(args=["import", "inside"])
    assert result.exit_code == 1
    assert "a private or local address: not fetched" in result.output
    assert served == []
    assert session.execute(select(func.count()).select_from(Service)).scalar() == 0


def test_a_source_that_cannot_be_read_fails_its_run_and_says_why(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "feed.json"
    broken.write_text("{ this is not json")
    ok(runner, "sources", "add", "broken", "--kind", "oruk", "--location", str(broken))
    result = runner.invoke(args=["import", "broken"])
    assert result.exit_code == 1
    assert "Run 1: failed" in result.output
    assert f"{broken}: is not valid JSON" in result.output


def test_import_file_once_then_again_changes_nothing(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "one.json", [make_raw_service()])
    assert "created 1" in ok(runner, "import-file", "--kind", "oruk", str(feed))
    assert "unchanged 1" in ok(runner, "import-file", "--kind", "oruk", str(feed))


def test_a_duplicate_source_name_or_unknown_source_is_refused(
    runner: FlaskCliRunner,
) -> None:
    ok(runner, "sources", "add", "a", "--kind", "oruk", "--location", "x.json")
    again = runner.invoke(
        args=["sources", "add", "a", "--kind", "oruk", "--location", "y.json"]
    )
    assert "a source called 'a' already exists" in again.output
    missing = runner.invoke(args=["import", "nope"])
    assert "no source called 'nope'" in missing.output


def test_postcodes_load_and_lookup(runner: FlaskCliRunner, shared: Path) -> None:
    ld = shared / "fixtures/postcodes/odileeds-nspl-may2025/LD.csv"
    assert "Loaded 2619 postcodes." in ok(runner, "postcodes", "load", str(ld))
    looked = ok(runner, "postcodes", "lookup", "ld15aa")
    assert looked.strip() == "LD1 5AA: 52.24159, -3.37855 (postcode)"


def test_a_broken_postcode_file_loads_nothing_and_names_the_line(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Postcode,lat,long\nDN1 1AA,53.5,-1.1\nDN1 1AB,fifty,-1.1\n")
    result = runner.invoke(args=["postcodes", "load", str(bad)])
    assert result.exit_code == 1
    assert "line 3" in result.output and "nothing was loaded" in result.output
    assert session.execute(select(func.count()).select_from(Postcode)).scalar() == 0


def test_index_rebuild_then_check_agrees(
    runner: FlaskCliRunner, app: Flask, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "f.json", [make_raw_service()])
    ok(runner, "import-file", "--kind", "oruk", str(feed))
    assert "Indexed 1 documents." in ok(runner, "index", "rebuild")
    assert "Index and store agree." in ok(runner, "index", "check")
    state = json.loads(
        (Path(app.config["INDEX_DIR"]) / "directory-index.json").read_text()
    )
    assert state["seq"] == 1
