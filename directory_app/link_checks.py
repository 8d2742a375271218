"""Checking every website, referral-form and booking link on the listings.

HEAD first, then GET when a server does not answer HEAD properly; a timeout;
each attempt retried twice with a pause; a few links at a time, and at most two
at once per host. A link is reported broken only after failing on two checks in
a row (one bad minute on a small group's host is not a broken link). Links to
private or local addresses are refused, never fetched (see ``safe_http``).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from sqlmodel import Session, col, select

from directory_app.indexing import HIDDEN_STATUSES
from directory_app.models import (
    LinkCheck,
    Organization,
    ProfessionalDetails,
    ReviewState,
    Schedule,
    Service,
    utcnow,
)
from directory_app.safe_http import refusal_in, safe_session

TIMEOUT = 10
ATTEMPTS = 3
PAUSE = 1.0
WORKERS = 6
PER_HOST = 2
BROKEN_AFTER = 2  # failed checks in a row
REDIRECTS = 5


@dataclass(frozen=True)
class Outcome:
    """What fetching one link found."""

    status: str  # ok, failing, refused
    http_status: int | None = None
    error: str | None = None


def links_to_check(session: Session) -> Iterator[tuple[str, str, str]]:
    """(service id, which link, URL) for every listed service's links."""
    hidden = select(ReviewState.service_id).where(
        col(ReviewState.withdrawn_at).is_not(None)
    )
    listed = (
        select(Service.id, Service.url, Organization.website)
        .join(
            Organization,
            col(Organization.id) == col(Service.organization_id),
            isouter=True,
        )
        .where(
            col(Service.status).not_in(HIDDEN_STATUSES), col(Service.id).not_in(hidden)
        )
    )
    ids = []
    for sid, url, website in session.exec(listed):
        ids.append(sid)
        yield from _pairs(sid, [("website", url), ("organisation website", website)])
    forms = select(
        ProfessionalDetails.service_id, ProfessionalDetails.referral_form_url
    )
    for sid, url in session.exec(
        forms.where(col(ProfessionalDetails.service_id).in_(ids))
    ):
        yield from _pairs(sid, [("referral form", url)])
    booking = select(Schedule.service_id, Schedule.schedule_link)
    for owner, url in session.exec(booking.where(col(Schedule.service_id).in_(ids))):
        yield from _pairs(owner or "", [("booking", url)])


def _pairs(
    sid: str, links: list[tuple[str, str | None]]
) -> Iterator[tuple[str, str, str]]:
    for field, url in links:
        if sid and url and url.startswith(("http://", "https://")):
            yield sid, field, url


class Checker:
    """Fetches links politely, with the safe HTTP client."""

    def __init__(self, allowed: list[str], pause: float = PAUSE) -> None:
        self.session = safe_session(allowed)
        self.pause = pause
        self._hosts: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(PER_HOST)
        )
        self._lock = threading.Lock()

    def check(self, url: str) -> Outcome:
        """Try a link up to ATTEMPTS times; the last outcome."""
        with self._lock:
            gate = self._hosts[urlsplit(url).netloc]
        with gate:
            outcome = Outcome("failing")
            for attempt in range(ATTEMPTS):
                outcome = self._once(url)
                if outcome.status in {"ok", "refused"}:
                    return outcome
                if attempt + 1 < ATTEMPTS:
                    time.sleep(self.pause * (attempt + 1))
            return outcome

    def _once(self, url: str) -> Outcome:
        try:
            response = self._fetch(url, "HEAD")
            if response.status_code in {405, 501} or response.status_code >= 400:
                response = self._fetch(url, "GET")
        except requests.RequestException as exc:
            refused = refusal_in(exc)
            if refused is not None:
                return Outcome("refused", error=str(refused))
            return Outcome("failing", error=_said(exc))
        if response.status_code >= 400:
            return Outcome(
                "failing", response.status_code, f"HTTP {response.status_code}"
            )
        return Outcome("ok", response.status_code)

    def _fetch(self, url: str, method: str) -> requests.Response:
        """Follow redirects one by one, so each hop is vetted before it is fetched."""
        for _ in range(REDIRECTS + 1):
            response = self.session.request(
                method, url, timeout=TIMEOUT, allow_redirects=False, stream=True
            )
            response.close()
            if not response.is_redirect:
                return response
            url = requests.compat.urljoin(url, response.headers["Location"])
        raise requests.TooManyRedirects(f"more than {REDIRECTS} redirects")


def _said(exc: Exception) -> str:
    if isinstance(exc, requests.Timeout):
        return f"no answer within {TIMEOUT} seconds"
    if isinstance(exc, requests.ConnectionError):
        return "could not connect"
    return type(exc).__name__


def check_links(session: Session, checker: Checker) -> dict[str, int]:
    """Check every link and store the results; counts by status."""
    links = list(dict.fromkeys(links_to_check(session)))
    urls = list(dict.fromkeys(url for _, _, url in links))
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = dict(zip(urls, pool.map(checker.check, urls), strict=True))
    stored = {
        (c.service_id, c.field, c.url): c for c in session.exec(select(LinkCheck)).all()
    }
    counts: dict[str, int] = defaultdict(int)
    for key in links:
        row = stored.pop(key, None) or LinkCheck(
            service_id=key[0], field=key[1], url=key[2]
        )
        _record(row, outcomes[key[2]])
        counts[row.status] += 1
        session.add(row)
    for gone in stored.values():  # links no longer on any listing
        session.delete(gone)
    session.commit()
    return dict(counts)


def _record(row: LinkCheck, outcome: Outcome) -> None:
    now = utcnow()
    row.checked_at, row.http_status, row.error = now, outcome.http_status, outcome.error
    if outcome.status in {"ok", "refused"}:
        row.status, row.failures, row.first_failed_at = outcome.status, 0, None
        return
    row.failures += 1
    row.first_failed_at = row.first_failed_at or now
    row.status = "broken" if row.failures >= BROKEN_AFTER else "failing"


def problems_of(session: Session, ids: list[str]) -> dict[str, list[LinkCheck]]:
    """Broken and refused links of these services, for their people and staff."""
    found: dict[str, list[LinkCheck]] = {}
    if not ids:
        return found
    rows = session.exec(
        select(LinkCheck).where(
            col(LinkCheck.service_id).in_(ids),
            col(LinkCheck.status).in_(["broken", "refused"]),
        )
    )
    for row in rows:
        found.setdefault(row.service_id, []).append(row)
    return found
