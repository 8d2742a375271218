"""An organisation's own web pages: the ``webpage`` source kind.

Each page is read for schema.org data first (JSON-LD or microdata: events, courses,
services); a page without any is read with the source's recipe of CSS selectors
(``options["recipe"]``, see ``docs/webpage-recipes.md``).

Politeness: robots.txt is honoured (read once per host; a page it disallows is
skipped with a warning, never fetched); requests to one host are spaced by
``options["delay"]`` seconds (default 1, or the site's longer Crawl-delay); the
User-Agent names the directory; only http(s) pages on the start pages' hosts, or a
recipe's ``allow_hosts``, are read.

Stale pages are flagged (``assess``), each also as a warning for staff: a page
saying the activity is on hold or has stopped sets its status (temporarily closed,
inactive); schedules whose end dates have all passed set it inactive; a page last
updated longer ago than ``stale_after_days`` (default 365) gets an alert. A date
with no year ("until 12th July") is the first such date after the page's update.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from bs4 import BeautifulSoup

from importers import webpage_schema as schema
from importers.http import USER_AGENT, new_session
from importers.normalise.package import normalise_service
from importers.records import Problem, ReadItem, ServiceRecord, Severity, SourceError
from importers.webpage_recipe import Recipe, load_recipe, page_fields, table_rows

Progress = Callable[[int, int | None], None]
TIMEOUT = (10, 30)
HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
ROBOTS_SAY_NO = "was not read: the site's robots.txt does not allow it"
SENTENCE = r"[^.!?\n]*\b(?:{})\b[^.!?\n]*[.!?]?"
PAUSED = "on hold|paused|suspended|postponed|(?:closed|cancelled) until further notice"
STOPPED = (
    "no longer (?:running|runs|meets|available)|discontinued|ceased|permanently closed"
    "|(?:has|have) (?:now )?(?:stopped|ended|finished|closed down|been cancelled)"
)
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
DATE = (
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + "|".join(MONTHS) + r")[a-z]*"
    r"\.?(?:,?\s+(?P<year>\d{4}))?"
)
END_RE = re.compile(
    r"(?:until|till|to|ends?|ending|[-\u2013])\s*(?:on\s+)?(?:[a-z]+day\s+)?" + DATE,
    re.IGNORECASE,
)


class Page(NamedTuple):
    """A fetched page: where it was, its canonical address, its parsed HTML."""

    url: str
    canonical: str
    soup: BeautifulSoup


class Skipped(Exception):
    """A page not read, and why: rejected, or a warning when skipped on purpose."""

    def __init__(self, reason: str, severity: Severity = "rejected", status: int = 0):
        super().__init__(reason)
        self.reason, self.severity, self.status = reason, severity, status


def read(
    location: str,
    *,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    state: dict[str, Any] | None = None,
    session: requests.Session | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    today: date | None = None,
) -> Iterator[ReadItem]:
    """Yield a record or a Problem for every service on the organisation's pages."""
    options = options or {}
    recipe = load_recipe(options["recipe"]) if options.get("recipe") else None
    if urlsplit(location).scheme not in {"http", "https"}:
        raise SourceError("is not a web address (http or https)", location)
    starts = [urljoin(location, s) for s in recipe.start] if recipe else []
    starts = starts or [location]
    delay = options.get("delay", 1.0)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        raise SourceError(f"option 'delay' must be seconds, not {delay!r}", location)
    hosts = {urlsplit(url).netloc.lower() for url in starts}
    allowed = hosts | (recipe.allow_hosts if recipe else set())
    client = session or new_session()
    fetcher = Fetcher(client, float(delay), allowed, sleep, clock)
    try:
        yield from _Reader(fetcher, recipe, today or date.today()).run(starts, progress)
    finally:
        if client is not session:
            client.close()


@dataclass
class Fetcher:
    """Fetches pages politely: robots.txt, a delay per host, allowed hosts only."""

    session: requests.Session
    delay: float
    hosts: set[str] | frozenset[str]
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    robots: dict[str, RobotFileParser | Skipped] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)  # host -> last request
    delays: dict[str, float] = field(default_factory=dict)  # host -> Crawl-delay

    def page(self, url: str) -> Page:
        """Fetch one HTML page, or raise Skipped saying why it was not read."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise Skipped("is not an http(s) web address", "warning")
        self._check_host(url)
        robots = self._robots(f"{parts.scheme}://{parts.netloc}")
        if not robots.can_fetch(USER_AGENT, url):
            raise Skipped(ROBOTS_SAY_NO, "warning")
        status, kind, text, final = self._get(url, HTML)
        if status != 200:
            raise Skipped(f"answered HTTP {status}", status=status)
        if "html" not in kind.lower():
            raise Skipped(f"is not a web page (Content-Type {kind or 'not given'})")
        self._check_host(final)
        soup = BeautifulSoup(text, "html.parser")
        link = soup.find("link", rel="canonical")
        canonical = urljoin(final, str(link.get("href") or "")) if link else final
        if urlsplit(canonical).scheme not in {"http", "https"}:
            canonical = final
        return Page(final, urldefrag(canonical)[0], soup)

    def _check_host(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.netloc.lower() not in self.hosts and parts.hostname not in self.hosts:
            raise Skipped(
                f"is on another site ({parts.netloc}), not read: the recipe's "
                "allow_hosts does not name it",
                "warning",
            )

    def _get(self, url: str, accept: str) -> tuple[int, str, str, str]:
        host = urlsplit(url).netloc
        if host in self.last:
            wait = self.delays.get(host, self.delay) - (self.clock() - self.last[host])
            if wait > 0:
                self.sleep(wait)
        try:
            headers = {"Accept": accept}
            with self.session.get(url, timeout=TIMEOUT, headers=headers) as response:
                kind = response.headers.get("Content-Type", "")
                return response.status_code, kind, response.text, response.url
        except requests.RequestException as exc:
            raise Skipped(
                f"could not be fetched ({type(exc).__name__}: {exc})"
            ) from exc
        finally:
            self.last[host] = self.clock()

    def _robots(self, origin: str) -> RobotFileParser:
        if origin not in self.robots:
            self.robots[origin] = self._read_robots(f"{origin}/robots.txt")
        found = self.robots[origin]
        if isinstance(found, Skipped):
            raise Skipped(found.reason, found.severity)
        return found

    def _read_robots(self, url: str) -> RobotFileParser | Skipped:
        """The site's rules; none found (4xx) allows all, 401/403 and 5xx allow none."""
        parser = RobotFileParser(url)
        try:
            status, _kind, text, _url = self._get(url, "text/plain")
        except Skipped as exc:
            return Skipped(f"could not be fetched: {url} failed ({exc.reason})")
        if status >= 500:
            return Skipped(f"was not read: {url} answered HTTP {status}")
        lines = text.splitlines() if status < 400 else []
        parser.parse(
            ["User-agent: *", "Disallow: /"] if status in {401, 403} else lines
        )
        asked = parser.crawl_delay(USER_AGENT)
        if asked:
            self.delays[urlsplit(url).netloc] = max(self.delay, float(asked))
        return parser


class _Reader:
    """Walks start pages to items, reading each page by schema.org or recipe."""

    def __init__(self, fetcher: Fetcher, recipe: Recipe | None, today: date) -> None:
        self.fetcher, self.recipe, self.today = fetcher, recipe, today
        self.seen: set[str] = set()
        defaults = schema.fields_to_raw({}, recipe) if recipe else {}
        self.defaults = {key: value for key, value in defaults.items() if value}

    def run(self, starts: list[str], progress: Progress | None) -> Iterator[ReadItem]:
        """Every item reachable from the start pages, in page order."""
        pages = []
        for url in starts:
            try:
                pages.append(self.fetcher.page(url))
            except Skipped as exc:
                raise SourceError(exc.reason, url, exc.status or None) from exc
        if self.recipe is None or self.recipe.item_links is None:
            for done, page in enumerate(pages, 1):
                yield from self._items(page)
                if progress:
                    progress(done, len(pages))
            return
        links = _links(pages, self.recipe.item_links, self.recipe)
        for done, link in enumerate(links, 1):
            yield from self._item_page(link)
            if progress:
                progress(done, len(links))

    def _item_page(self, url: str) -> Iterator[ReadItem]:
        try:
            page = self.fetcher.page(url)
        except Skipped as exc:
            yield Problem(url, exc.reason, None, exc.severity)
        else:
            yield from self._items(page)

    def _items(self, page: Page) -> Iterator[ReadItem]:
        url, canonical, soup = page
        nodes, bad = schema.schema_nodes(soup)
        for reason in bad:
            yield Problem(canonical, reason, None, "warning")
        if services := schema.services_in(nodes):
            raws = [schema.node_to_raw(node) for node in services]
        elif self.recipe and self.recipe.table:
            rows = table_rows(soup, self.recipe, url)
            raws = [schema.fields_to_raw(row, self.recipe) for row in rows]
        elif self.recipe:
            raws = [schema.fields_to_raw(page_fields(soup, self.recipe), self.recipe)]
        else:
            raise SourceError("has no schema.org services and no recipe", url)
        updated = schema.page_updated(nodes, soup)
        for raw, item_id in zip(raws, _ids(page, raws), strict=True):
            yield self._finish(raw, item_id, page, updated)

    def _finish(
        self, raw: dict[str, Any], item_id: str, page: Page, updated: str | None
    ) -> ReadItem:
        raw["id"] = item_id
        raw["url"] = urljoin(page.url, raw["url"]) if raw.get("url") else page.canonical
        for key, value in self.defaults.items():
            raw[key] = raw.get(key) or value
        days = self.recipe.stale_after_days if self.recipe else 365
        warnings = assess(raw, raw.get("last_modified") or updated, self.today, days)
        item = normalise_service(raw)
        if isinstance(item, ServiceRecord):
            if item.external_id in self.seen:
                return Problem(item_id, "was read twice; kept once", None, "warning")
            self.seen.add(item.external_id)
            item.warnings.extend(warnings)
        return item


def _links(pages: list[Page], selector: str, recipe: Recipe) -> list[str]:
    """The item pages the list pages link to, each once, in page order."""
    links: list[str] = []
    for page in pages:
        found = [
            a if a.name == "a" else a.find("a") for a in page.soup.select(selector)
        ]
        hrefs = [
            str(a["href"]) for a in found if a and str(a.get("href") or "").strip()
        ]
        if not hrefs:
            raise SourceError(
                f"has no links matching item_links {selector!r} in recipe "
                f"{recipe.path}; has the site changed?",
                page.url,
            )
        links.extend(urldefrag(urljoin(page.url, href.strip()))[0] for href in hrefs)
    links = list(dict.fromkeys(links))
    if len(links) > recipe.max_pages:
        raise SourceError(
            f"links to {len(links)} pages, more than max_pages ({recipe.max_pages}) "
            f"in recipe {recipe.path}",
            pages[0].url,
        )
    return links


def _ids(page: Page, raws: list[dict[str, Any]]) -> list[str]:
    """The page's address for one item; for more, each item's own, or a #name."""
    url, canonical, _soup = page
    if len(raws) == 1:
        return [canonical]
    own = [urljoin(url, r["url"]) if r.get("url") else None for r in raws]
    ids, times = [], Counter[str]()
    for raw, link in zip(raws, own, strict=True):
        name = str(raw.get("name") or "item").lower()
        anchor = f"{canonical}#{re.sub(r'[^a-z0-9]+', '-', name).strip('-')}"
        if link and link != canonical and own.count(link) == 1:
            anchor = link
        times[anchor] += 1
        ids.append(f"{anchor}-{times[anchor]}" if times[anchor] > 1 else anchor)
    return ids


def assess(
    raw: dict[str, Any], updated: str | None, today: date, stale_after_days: int
) -> list[Problem]:
    """Flag a stale item in place (status, alert); return the warnings for staff."""
    changed = _date_of(updated)
    if changed:
        raw["last_modified"] = changed.isoformat()
    alerts, problems = [raw["alert"]] if raw.get("alert") else [], []
    if verdict := _says_stopped(raw) or _has_ended(raw, changed, today):
        raw["status"], reason = verdict
        alerts.append(reason)
        problems.append(_warn(raw, "status", f"marked {verdict[0]}: {reason}"))
    if changed and (today - changed).days > stale_after_days:
        alerts.append(f"The organisation's page was last updated on {_day(changed)}.")
        why = f"the page was last updated on {changed}, over {stale_after_days} days"
        problems.append(_warn(raw, "last_modified", why + " ago"))
    raw["alert"] = " ".join(alerts) or None
    return problems


def _warn(raw: dict[str, Any], name: str, reason: str) -> Problem:
    return Problem(raw["id"], reason, name, "warning")


def _says_stopped(raw: dict[str, Any]) -> tuple[str, str] | None:
    schedules = [rule.get("description") for rule in raw.get("schedules") or []]
    texts = [raw.get("name"), raw.get("description"), raw.get("alert"), *schedules]
    text = re.sub(r"<[^>]+>", " ", "\n".join(t for t in texts if isinstance(t, str)))
    for status, words in (("temporarily closed", PAUSED), ("inactive", STOPPED)):
        if found := re.search(SENTENCE.format(words), text, re.IGNORECASE):
            return status, f'The page says: "{" ".join(found[0].split())}"'
    return None


def _has_ended(
    raw: dict[str, Any], changed: date | None, today: date
) -> tuple[str, str] | None:
    ends = [_end_of(rule, changed) for rule in raw.get("schedules") or []]
    if not ends or None in ends:
        return None
    last, written = max(end for end in ends if end)
    if last >= today:
        return None
    return "inactive", f"The page gives a last date ({written}) that has passed."


def _end_of(rule: dict[str, Any], changed: date | None) -> tuple[date, str] | None:
    """A rule's last date: its valid_to, or an end date written in its text."""
    if end := _date_of(rule.get("valid_to")):
        return end, _day(end)
    found = list(END_RE.finditer(rule.get("description") or ""))
    end = _written_date(found[-1], changed) if found else None
    if end is None:
        return None
    return end, found[-1][0][found[-1].start("day") - found[-1].start() :]


def _date_of(text: str | None) -> date | None:
    """A date written as ISO 8601 or as "9 May 2018"."""
    text = (text or "").strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        found = re.search(DATE, text, re.IGNORECASE)
    return _written_date(found, None) if found else None


def _written_date(match: re.Match[str], after: date | None) -> date | None:
    """A "12th July 2018" as a date; with no year, the first such date after one."""
    month, day = MONTHS.index(match["month"][:3].lower()) + 1, int(match["day"])
    year = int(match["year"]) if match["year"] else after.year if after else None
    try:
        found = date(year, month, day) if year else None
        if found and after and not match["year"] and found < after:
            found = date(found.year + 1, month, day)
    except ValueError:
        return None
    return found


def _day(moment: date) -> str:
    return f"{moment.day} {moment:%B %Y}"
