"""An OpenActive feed through the store: only what changed, deletions, its position."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlmodel import Session, col, select

from directory_app.imports import run_import
from directory_app.models import ReviewState, Service, Source
from tests.factories import make_source
from tests.http_server import Response, allow_fetching, json_response, serve

pytestmark = pytest.mark.postgres


def series(key: str, name: str) -> dict[str, Any]:
    return {
        "id": key,
        "kind": "SessionSeries",
        "state": "updated",
        "modified": 1,
        "data": {
            "@context": "https://openactive.io/",
            "@type": "SessionSeries",
            "@id": f"https://example.org/series/{key}",
            "name": name,
            "location": {
                "@type": "Place",
                "name": "Adwick Leisure Centre",
                "address": {"@type": "PostalAddress", "postalCode": "DN6 7AA"},
            },
        },
    }


def deleted(key: str) -> dict[str, Any]:
    return {"id": key, "kind": "SessionSeries", "state": "deleted", "modified": 2}


class Feed:
    """RPDE pages served on a local server; pages can be added as a test goes."""

    def __init__(self) -> None:
        self.pages: list[list[dict[str, Any]]] = []
        self.requested: list[str] = []
        self.broken = False

    def route(self, path: str) -> Response | None:
        self.requested.append(path)
        number = int(urlsplit(path).path.rsplit("/", 1)[-1])
        if self.broken and number > 1:
            return 500, "text/plain", b"down"
        items = self.pages[number - 1] if number <= len(self.pages) else []
        following = number + 1 if items else number
        return json_response(
            {
                "items": items,
                "next": f"{self.base}/page/{following}",
                "license": "https://creativecommons.org/licenses/by/4.0/",
            }
        )


def listed_names(session: Session) -> set[str]:
    session.expire_all()
    hidden = select(ReviewState.service_id).where(
        col(ReviewState.withdrawn_at).is_not(None)
    )
    rows = session.exec(select(Service.name).where(col(Service.id).not_in(hidden)))
    return set(rows)


def test_the_next_run_fetches_only_what_changed(app: Flask, session: Session) -> None:
    feed = Feed()
    feed.pages = [
        [series("a", "Aqua Fit"), series("b", "Badminton")],
        [series("c", "Chair Yoga")],
    ]
    with serve(feed.route) as base:
        allow_fetching(app, base)
        feed.base = base  # type: ignore[attr-defined]
        source_id = make_source(
            app, name="leisure", kind="openactive", location=f"{base}/page/1"
        )
        first = run_import(app, source_id)
        assert (first.status, first.created) == ("succeeded", 3)
        feed.pages.append([deleted("a"), series("d", "Dance Fit")])
        feed.requested.clear()
        second = run_import(app, source_id)
    assert (second.created, second.withdrawn, second.unchanged) == (1, 1, 0)
    assert feed.requested[0] == "/page/3"  # it started where it had got to
    assert listed_names(session) == {"Badminton", "Chair Yoga", "Dance Fit"}


def test_a_failed_run_does_not_move_the_position_on(
    app: Flask, session: Session
) -> None:
    feed = Feed()
    feed.pages = [[series("a", "Aqua Fit")]]
    with serve(feed.route) as base:
        allow_fetching(app, base)
        feed.base = base  # type: ignore[attr-defined]
        source_id = make_source(
            app, name="leisure", kind="openactive", location=f"{base}/page/1"
        )
        run_import(app, source_id)
        saved = dict(session.get(Source, source_id).state)  # type: ignore[union-attr]
        feed.pages.append([series("b", "Badminton")])
        feed.broken = True
        failed = run_import(app, source_id)
        assert failed.status == "failed" and "HTTP 500" in (failed.error or "")
        session.expire_all()
        assert session.get(Source, source_id).state == saved  # type: ignore[union-attr]
        feed.broken = False
        again = run_import(app, source_id)
    assert again.created == 1
    assert listed_names(session) == {"Aqua Fit", "Badminton"}
