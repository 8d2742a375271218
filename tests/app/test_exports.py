"""HSDS 3.0 exports: the JSON validates against HSDS 3.0's schema, the CSV package
against HSDS 3.0's own descriptor, and a round trip (export, import into an empty
directory) gives the same published services."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session

from directory_app import create_app
from directory_app.db import get_engine
from directory_app.imports import add_source, run_import
from directory_app.packages import load_packages
from directory_app.present import cost_summary, describe_schedule
from tests.hsds_package import hsds_validator, package_problems
from tests.oruk_schemas import errors_of


def test_the_json_export_is_valid_hsds_3(
    demo_app: Flask, shared: Path, tmp_path: Path
) -> None:
    out = tmp_path / "directory.json"
    result = demo_app.test_cli_runner().invoke(args=["export", "json", str(out)])
    assert result.exit_code == 0, result.output
    services = json.loads(out.read_text())
    assert len(services) >= 300 and f"Wrote {len(services)} services" in result.output
    validator = hsds_validator(shared, "service.json")
    assert [e for s in services[:150] for e in errors_of(validator, s)] == []


def test_the_csv_package_is_valid_hsds_3(
    demo_app: Flask, shared: Path, tmp_path: Path
) -> None:
    out = tmp_path / "directory.zip"
    result = demo_app.test_cli_runner().invoke(args=["export", "csv", str(out)])
    assert result.exit_code == 0, result.output
    assert package_problems(out, shared) == []


def test_the_package_checker_finds_what_is_wrong(shared: Path, tmp_path: Path) -> None:
    """The check above could fail: a package with faults is caught."""
    import zipfile

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(
            "services.csv", "id,name,status,colour\nnot-a-uuid,,open,red\n"
        )
        descriptor = {"resources": [{"name": "service", "path": "services.csv"}]}
        archive.writestr("datapackage.json", json.dumps(descriptor))
    found = package_problems(bad, shared)
    assert "services.csv: column colour is not in HSDS 3.0" in found
    assert "services.csv: name is required but empty" in found
    assert any("status 'open'" in p for p in found)


def _published(app: Flask) -> list[dict[str, Any]]:
    """What residents would see of each published service, without our ids."""
    body = (
        app.test_client().get("/api/oruk/services?format=ndjson").get_data(as_text=True)
    )
    ids = [json.loads(line)["id"] for line in body.splitlines()]
    with Session(get_engine(app)) as session:
        pkgs = load_packages(session, ids)
    return sorted(
        (
            {
                "name": p["name"],
                "organisation": (p.get("organization") or {}).get("name"),
                "status": p["status"],
                "when": sorted(describe_schedule(s) for s in p["schedules"]),
                "cost": cost_summary(p),
                "places": sorted(
                    (sal["location"].get("name"), a["postal_code"])
                    for sal in p["service_at_locations"]
                    for a in sal["location"]["addresses"]
                ),
                "terms": sorted(a["taxonomy_term"]["name"] for a in p["attributes"]),
                "ages": (p.get("minimum_age"), p.get("maximum_age")),
            }
            for p in pkgs.values()
        ),
        key=lambda s: (s["name"], s["places"]),
    )


@pytest.fixture
def empty_app(template_db: str, tmp_path: Path) -> Iterator[Flask]:
    """Another, empty directory (its own folder: ``app`` would share demo_app's)."""
    folder = tmp_path / "neighbour"
    folder.mkdir()
    shutil.copy(template_db, folder / "directory.sqlite3")
    made = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": f"sqlite:///{folder / 'directory.sqlite3'}",
            "INDEX_DIR": str(folder / "index"),
            "OUTBOX_DIR": str(folder / "outbox"),
        }
    )
    yield made
    get_engine(made).dispose()


def test_a_round_trip_gives_the_same_published_services(
    demo_app: Flask, empty_app: Flask, tmp_path: Path
) -> None:
    app = empty_app
    out = tmp_path / "directory.zip"
    demo_app.test_cli_runner().invoke(args=["export", "csv", str(out)])
    with Session(get_engine(app)) as session:
        source = add_source(session, "neighbour", "hsds-csv", str(out))
        session.commit()
        source_id = source.id
    run = run_import(app, source_id)
    assert run.status == "succeeded", run.error
    assert run.rejected == 0
    before, after = _published(demo_app), _published(app)
    assert len(before) >= 300 and any(s["when"] for s in before)
    assert len(after) == len(before)
    assert after == before
