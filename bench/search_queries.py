"""The fixed mix of 50 resident searches for bench_search.py: sending, timing, summing.

Keywords as residents type them (one word, two words, a phrase, misspellings), with
and without a place (a full Doncaster postcode, a district elsewhere, a town name),
place only, and page 2. Two also use the search page's filters, with the values its
form sends: ``category=physical-activity&free=yes&radius=5`` and ``day=tu&age=65``
(an unknown parameter or value is ignored by the page, so none can fail a request).
The HTTP and in-process Whoosh figures include the filters; the FTS5 baseline runs
only the keyword and place part.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from sqlmodel import Session
from werkzeug.datastructures import MultiDict

from directory_app.postcodes import Place, PostcodeError, lookup
from directory_app.web.filters import read_filters, today_number
from search_index import SearchQuery


@dataclass(frozen=True)
class Query:
    """One search as a resident makes it on the search page."""

    q: str = ""
    postcode: str = ""
    page: int = 1
    filters: tuple[tuple[str, str], ...] = ()

    def path(self) -> str:
        """The search page's path and query string."""
        params = [("q", self.q), ("postcode", self.postcode)]
        if self.page > 1:
            params.append(("page", str(self.page)))
        return "/search?" + urlencode(params + list(self.filters))

    def label(self) -> str:
        """A short name for reports."""
        parts = [repr(self.q)]
        if self.postcode:
            parts.append(self.postcode)
        if self.page > 1:
            parts.append(f"page {self.page}")
        parts += [f"{name}={value}" for name, value in self.filters]
        return " ".join(parts)


KEYWORDS = [
    "walk",
    "walking group",
    "lonely",
    "loneliness",
    "debt help",
    "debt advice",
    "dementia cafe",
    "memory cafe",
    "yoga over 60s",
    "chair yoga",
    "tai chi",
    "men's shed",
    "knit and natter",
    "singing for the brain",
    "counselling",
    "bereavement",
    "food bank",
    "benefits",
    "job club",
    "digital skills",
    "diabetes",
    "breathe easy",
    "stroke",
    "swimming",
    "gardening",
    "toddler",
    "art therapy",
    "someone to talk to",
]
MISSPELT = ["dementa cafe", "befreinding", "councelling", "excercise class", "yogha"]
NEAR = [
    ("carers support", "DN1 1AA"),
    ("coffee morning", "Thorne"),
    ("befriending", "DN4"),
    ("lunch club", "DN12 3EN"),
    ("food bank", "DN5 8AA"),
    ("walking", "dn4 5ha"),
    ("benefits advice", "S1"),
    ("housing advice", "LS1"),
    ("dementia", "YO1"),
]
QUERIES: tuple[Query, ...] = (
    *(Query(q) for q in KEYWORDS + MISSPELT),
    *(Query(q, postcode) for q, postcode in NEAR),
    Query("", "DN1 1AA"),
    Query("", "DN2"),
    Query("", "HU1"),
    Query("walk", page=2),
    Query("dementia cafe", "DN1 1AA", page=2),
    Query("", "DN4", page=2),
    Query(
        "walking",
        "DN4",
        filters=(("category", "physical-activity"), ("free", "yes"), ("radius", "5")),
    ),
    Query("yoga", filters=(("day", "tu"), ("age", "65"))),
)
assert len(QUERIES) == 50
MAX_PASSES, MIN_PASSES, PASS_BUDGET = 5, 1, 40.0  # timed passes over the mix
CLIENTS, LOAD_SECONDS, MAX_PER_CLIENT = 20, 30.0, 5000
RESULT_COUNT = re.compile(r'id="result-count">\s*([\d,]+)')
Timings = dict[Query, list[float]]


def resolve_places(session: Session) -> dict[str, Place]:
    """Each place in the mix as the search page finds it (its own lookup).

    A place it does not know is left out (the page would show an error).
    """
    found = {}
    for text in sorted({query.postcode for query in QUERIES if query.postcode}):
        try:
            found[text] = lookup(session, text)
        except PostcodeError:
            pass
    return found


def whoosh_query(query: Query, places: dict[str, Place]) -> SearchQuery:
    """The SearchQuery the search page makes (as directory_app.web.public.search)."""
    chosen = read_filters(MultiDict(query.filters))
    place = places.get(query.postcode)
    return SearchQuery(
        text=query.q[:200],
        point=place.point if place else None,
        radius_miles=chosen.radius if place else None,
        district=place.district if place else None,
        page=query.page,
        per_page=10,
        filters=chosen.chosen,
        switches=frozenset(chosen.switches),
        accessibility=tuple(chosen.accessibility),
        age=chosen.age,
        today=today_number(),
    )


def passes(run: Callable[[Query], Any]) -> tuple[Timings, dict[Query, Any]]:
    """One warm-up pass (its answers kept), then timed passes over the mix (ms)."""
    answers = {query: run(query) for query in QUERIES}
    timings: Timings = {query: [] for query in QUERIES}
    started = time.monotonic()
    for done in range(MAX_PASSES):
        if done >= MIN_PASSES and time.monotonic() - started > PASS_BUDGET:
            break
        for query in QUERIES:
            start = time.perf_counter()
            run(query)
            timings[query].append((time.perf_counter() - start) * 1000)
    return timings, answers


def fetch_page(session: requests.Session, base: str, query: Query) -> int:
    """GET the search page; the result count it shows (-1: none shown, an error)."""
    response = session.get(base + query.path(), timeout=30)
    response.raise_for_status()
    found = RESULT_COUNT.search(response.text)
    return int(found.group(1).replace(",", "")) if found else -1


def load(base: str) -> tuple[list[float], list[str], float]:
    """CLIENTS threads searching for LOAD_SECONDS: latencies, errors, wall time."""
    deadline = time.monotonic() + LOAD_SECONDS

    def client(number: int) -> tuple[list[float], list[str]]:
        latencies, errors = [], []
        with requests.Session() as session:
            for i in range(MAX_PER_CLIENT):
                if time.monotonic() >= deadline:
                    break
                query = QUERIES[(number * 7 + i) % len(QUERIES)]
                start = time.perf_counter()
                try:
                    status = session.get(base + query.path(), timeout=30).status_code
                    if status != 200:
                        errors.append(f"HTTP {status}: {query.label()}")
                except requests.RequestException as exc:
                    errors.append(f"{type(exc).__name__}: {query.label()}")
                latencies.append((time.perf_counter() - start) * 1000)
        return latencies, errors

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        done = list(pool.map(client, range(CLIENTS)))
    wall = time.perf_counter() - start
    return [t for d in done for t in d[0]], [e for d in done for e in d[1]], wall


def percentile(values: list[float], pct: int) -> float:
    """The pct-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def flat(timings: Timings) -> list[float]:
    """Every sample of every query."""
    return [t for samples in timings.values() for t in samples]


def slowest(timings: Timings, n: int = 3) -> str:
    """The n queries with the highest median time, for spotting outliers."""
    medians = sorted(timings, key=lambda q: statistics.median(timings[q]))
    return ", ".join(
        f"{q.label()} {statistics.median(timings[q]):.0f} ms"
        for q in medians[-n:][::-1]
    )


def empties(answers: dict[Query, Any], size: Callable[[Any], int]) -> str:
    """The queries that found nothing."""
    return ", ".join(q.label() for q, a in answers.items() if size(a) == 0) or "none"
