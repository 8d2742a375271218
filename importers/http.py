"""Fetching from sources over HTTP, politely and with clear errors."""

from __future__ import annotations

from typing import Any

import requests

from importers.records import SourceError

USER_AGENT = (
    "SocialPrescribingDirectory/0.1 (+https://github.com/; community services "
    "directory importer)"
)
TIMEOUT_SECONDS = 30


def new_session() -> requests.Session:
    """A requests session that names the directory in its User-Agent."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    return session


def fetch_json(session: requests.Session, url: str) -> Any:
    """GET a URL and parse its JSON; any failure is a SourceError naming the URL."""
    try:
        response = session.get(url, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise SourceError(
            f"could not be fetched ({type(exc).__name__}: {exc})", url
        ) from exc
    if response.status_code != 200:
        raise SourceError(
            f"answered HTTP {response.status_code}", url, response.status_code
        )
    try:
        return response.json()
    except ValueError as exc:
        raise SourceError(f"is not valid JSON ({exc})", url) from exc
