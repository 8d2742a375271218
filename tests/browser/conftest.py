"""Browser fixtures: the demo directory served on a real port, and Debian's Chromium.

`live_app` is the app behind the server, for adding to its store (the
`professional` fixture makes a GP's account there once) or reading what a journey
left in it.

Without /usr/bin/chromium the journeys skip, saying how to install it, except under
CI=true, where they fail: CI must run them (`.ci/run` installs Chromium first).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlmodel import Session
from werkzeug.serving import make_server

from directory_app import create_app
from directory_app.auth import create_user
from directory_app.db import get_engine
from tests.app.conftest import _config, demo_template

__all__ = ["demo_template"]  # the session's demo store, shared with tests/app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=320, height=640)
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def live_app(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The app the live server serves, over a copy of the demo store (to add
    accounts to, or read what a journey stored)."""
    folder = tmp_path_factory.mktemp("live")
    shutil.copy(demo_template / "directory.sqlite3", folder / "directory.sqlite3")
    shutil.copytree(demo_template / "index", folder / "index")
    # Journeys sign in many times a minute from one address; the limits
    # themselves are tested in tests/app (test_rate_limits_shared, test_api).
    config = _config(folder / "directory.sqlite3", folder / "index")
    app = create_app(config | {"RATELIMIT_ENABLED": False})
    yield app
    get_engine(app).dispose()


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """The base URL of the live app, served in a thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="session")
def professional(live_app: Flask) -> str:
    """The email address of a GP's account on the live app; its password is
    PASSWORD."""
    email = "gp@nhs.net"
    with Session(get_engine(live_app)) as session:
        create_user(session, email, "professional", name="Test GP", password=PASSWORD)
        session.commit()
    return email


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian, started once for the session."""
    if not CHROMIUM.exists():
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must run the browser journeys")
        pytest.skip(f"{message}; browser journeys not run")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def _open_page(
    browser: Browser, base_url: str, viewport: ViewportSize
) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, base_url=base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh tab (no cookies, no history) 1280 pixels wide, on the live server."""
    yield from _open_page(browser, live_server, DESKTOP)


@pytest.fixture
def phone_page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh tab 320 pixels wide: the narrowest phone the pages must fit."""
    yield from _open_page(browser, live_server, PHONE)
