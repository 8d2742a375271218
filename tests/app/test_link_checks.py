"""Link checks against a real local server: good and broken links, HEAD refused,
redirects followed hop by hop, and private addresses never fetched."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session, select

from directory_app.db import get_engine, session_scope
from directory_app.link_checks import Checker, check_links
from directory_app.models import LinkCheck
from directory_app.safe_http import (
    RefusedAddress,
    is_public,
    safe_session,
    vetted_address,
)
from tests.app.providers import add_person, make_group, sign_in, text_of


class Site:
    """A local web server whose answers each test arranges; it counts requests."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:
                site.answer(self, "HEAD")

            def do_GET(self) -> None:
                site.answer(self, "GET")

            def log_message(self, *_args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.host = f"127.0.0.1:{self.server.server_address[1]}"

    def answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        """The arranged answers: /ok, /gone, /no-head, /moved, /moved-inside."""
        self.requests.append((method, handler.path))
        port = self.server.server_address[1]
        routes: dict[str, tuple[int, dict[str, str]]] = {
            "/ok": (200, {}),
            "/gone": (404, {}),
            "/no-head": (405 if method == "HEAD" else 200, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/moved-inside": (302, {"Location": f"http://localhost:{port}/ok"}),
        }
        status, headers = routes.get(handler.path, (404, {}))
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


@pytest.fixture
def site() -> Iterator[Site]:
    made = Site()
    thread = threading.Thread(target=made.server.serve_forever, daemon=True)
    thread.start()
    yield made
    made.server.shutdown()
    made.server.server_close()


def _run(app: Flask, site: Site) -> dict[str, int]:
    with session_scope(app) as session:
        return check_links(session, Checker([site.host], pause=0.01))


def _status(app: Flask) -> dict[str, str]:
    with Session(get_engine(app)) as session:
        return {
            c.url.rsplit("/", 1)[1] or c.url: c.status
            for c in session.exec(select(LinkCheck))
        }


def test_links_are_checked_and_broken_ones_reported_after_two_checks(
    app: Flask, tmp_path: Path, site: Site
) -> None:
    pages = ["ok", "gone", "no-head", "moved", "moved-inside"]
    for page in pages:
        make_group(
            app, tmp_path, key=page, name=f"Group {page}", url=f"{site.base}/{page}"
        )
    first = _run(app, site)
    assert _status(app) == {
        "ok": "ok",
        "gone": "failing",
        "no-head": "ok",
        "moved": "ok",
        "moved-inside": "refused",
    }
    assert first == {"ok": 3, "failing": 1, "refused": 1}
    assert ("GET", "/no-head") in site.requests  # HEAD refused, so GET was tried
    assert site.requests.count(("HEAD", "/gone")) == 3  # tried three times
    # /ok itself and /moved's hop: the hop to localhost was never made
    assert site.requests.count(("HEAD", "/ok")) == 2
    _run(app, site)
    assert _status(app)["gone"] == "broken"
    with Session(get_engine(app)) as session:
        gone = session.exec(select(LinkCheck).where(LinkCheck.status == "broken")).one()
        refused = session.exec(
            select(LinkCheck).where(LinkCheck.status == "refused")
        ).one()
    assert gone.http_status == 404 and gone.failures == 2
    assert "localhost is at 127.0.0.1, a private or local address" in (
        refused.error or ""
    )


def test_a_group_sees_its_broken_links(app: Flask, tmp_path: Path, site: Site) -> None:
    group = make_group(app, tmp_path, url=f"{site.base}/gone")
    add_person(app, "group@example.org", org_id=group.org_id)
    _run(app, site)
    _run(app, site)
    client = app.test_client()
    sign_in(client, "group@example.org")
    page = text_of(client.get("/provider/").data)
    assert f"Broken link (website): {site.base}/gone" in page


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",  # loopback, a port no test allowed
        "http://localhost/",  # a name whose DNS answer is loopback
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_and_local_addresses_are_never_fetched(url: str) -> None:
    session = safe_session(["127.0.0.1:1"])
    with pytest.raises(Exception) as caught:
        session.get(url, timeout=2)
    assert "a private or local address" in str(caught.value)


def test_public_addresses_pass_the_vetting() -> None:
    assert is_public("93.184.216.34") and is_public("2001:4860:4860::8888")
    assert not is_public("172.16.5.4") and not is_public("fe80::1")
    with pytest.raises(RefusedAddress):
        vetted_address("localhost", 80)
    assert vetted_address("127.0.0.1", 8080, ["127.0.0.1:8080"]) == "127.0.0.1"


def test_addresses_hidden_inside_ipv6_forms_are_refused() -> None:
    assert not is_public("2002:7f00:1::")  # 6to4 of 127.0.0.1
    assert not is_public("2002:a00:1::")  # 6to4 of 10.0.0.1
    assert not is_public("fec0::1")  # site-local
    assert is_public("2002:5db8:d822::")  # 6to4 of a public address
