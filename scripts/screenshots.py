"""Save full-page screenshots of the residents' pages, and a professional's
handout, to docs/screenshots/.

Builds a fresh demo directory in a temporary folder (as `directory setup` does),
with a professional's account (as `directory users add` does), serves it on a free
local port and photographs each page in PAGES with Debian's Chromium, 1280 pixels
wide. Run it with `make screenshots`.

To add a page, add a line to PAGES: a file name and either a path on the site or a
function that finds the path from the open browser tab.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from playwright.sync_api import FloatRect, Page, ViewportSize, sync_playwright
from werkzeug.serving import make_server

from directory_app import create_app
from directory_app.config import DEFAULT_SITE_NAME
from directory_app.db import get_engine

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1280
# Pictures for the docs, each under about 400 KB: a long page (the results, with all
# their filters) is cut at this height rather than shrunk or saved as a JPEG.
MAX_HEIGHT = 2400
RESULTS = "/search?q=walking&postcode=DN1+1AA"
PROFESSIONAL = "screenshots.gp@nhs.net"
PASSWORD = "screenshots only"
NOTE = "Ring Sue on Monday to book your first walk."


def first_result(page: Page) -> str:
    """The service page of the nearest result for 'walking' near DN1 1AA."""
    page.goto(RESULTS)
    href = page.locator(".results-main > ol.results .result-title a").first
    return href.get_attribute("href") or "/"


def handout(page: Page) -> str:
    """The handout for two walking groups near DN1 1AA and a note, once a GP has
    signed in and shortlisted them (so it comes last: the tab stays signed in)."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(PROFESSIONAL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/pro/search")
    page.goto(f"/pro{RESULTS}")
    for number in range(2):
        result = page.locator(".results-main > ol.results > li").nth(number)
        result.get_by_role("button", name=re.compile(r"to shortlist$")).click()
        result.get_by_text("On the shortlist").wait_for()
    page.goto("/pro/shortlist/view")
    page.get_by_label("A note for the patient (optional)").fill(NOTE)
    page.get_by_role("button", name="Save note").click()
    page.get_by_role("status").wait_for()
    return "/pro/shortlist/handout"


PAGES: list[tuple[str, str | Callable[[Page], str]]] = [
    ("home", "/"),
    ("results", RESULTS),
    ("service", first_result),
    ("handout", handout),
]


def demo_app(folder: Path) -> Flask:
    """An app over a new demo store and index in the folder, set up and ready."""
    app = create_app(
        {
            "SECRET_KEY": "screenshots",
            "DATABASE_URL": f"sqlite:///{folder / 'directory.sqlite3'}",
            "INDEX_DIR": str(folder / "index"),
            "OUTBOX_DIR": str(folder / "outbox"),
            "SITE_NAME": DEFAULT_SITE_NAME,
        }
    )
    account = ["--role", "professional", "--name", "A GP", "--password", PASSWORD]
    runner = app.test_cli_runner()
    for command in (["setup"], ["users", "add", PROFESSIONAL, *account]):
        result = runner.invoke(args=command)
        if result.exit_code != 0:
            raise SystemExit(f"directory {command[0]} failed:\n{result.output}")
    return app


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve the app on a free local port in a thread; give its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def photograph(base_url: str, out: Path) -> list[Path]:
    """Save a full-page PNG of every page in PAGES; give the files written."""
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(
            viewport=ViewportSize(width=WIDTH, height=900),
            device_scale_factor=1,
            base_url=base_url,
        )
        page = context.new_page()
        for name, where in PAGES:
            page.goto(where if isinstance(where, str) else where(page))
            saved.append(save(page, out / f"{name}.png"))
        context.close()
        browser.close()
    return saved


def save(page: Page, path: Path) -> Path:
    """Save the whole page as a PNG, down to MAX_HEIGHT pixels at most."""
    height = page.evaluate("document.documentElement.scrollHeight")
    clip = FloatRect(x=0, y=0, width=WIDTH, height=min(height, MAX_HEIGHT))
    page.screenshot(path=str(path), full_page=True, clip=clip, animations="disabled")
    return path


def main() -> None:
    """Build the demo, serve it, and save the screenshots."""
    if not CHROMIUM.exists():
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    folder = Path(tempfile.mkdtemp(prefix="directory-screenshots-"))
    try:
        app = demo_app(folder)
        with serving(app) as base_url:
            saved = photograph(base_url, OUT)
        get_engine(app).dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for path in saved:
        size = path.stat().st_size // 1024
        sys.stdout.write(f"{path.relative_to(ROOT)}: {size} KB\n")


if __name__ == "__main__":
    main()
