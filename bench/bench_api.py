"""The Open Referral UK API at 20,000 services: `/services?page=N` and
`/services/{id}` over HTTP through `directory serve`, warm; p50 and p95.

The store is the synthetic corpus (corpus.py) imported with the real CLI, as in
bench_search.py. Pages and ids are drawn at random (a fixed seed), across the
whole directory, so no single cached page flatters the figure. Target: p95 under
50 ms for both. BENCH_API_SIZE=2000 for a quick run.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import build_store, figure  # noqa: E402
from corpus import services  # noqa: E402
from search_queries import percentile  # noqa: E402
from server import serving  # noqa: E402

SIZE = int(os.environ.get("BENCH_API_SIZE", "20000"))
REQUESTS = 300
WORKERS = 4


def timed(session: requests.Session, url: str) -> float:
    """One GET, in milliseconds, checked to have worked."""
    start = time.perf_counter()
    response = session.get(url, timeout=30)
    took = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return took


def main() -> int:
    """Build the store, serve it, and time the two endpoints."""
    corpus = services(SIZE)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env, took = build_store(tmp, corpus)
        env["DIRECTORY_API_RATE_LIMIT"] = "100000 per minute"  # one client, many asks
        print(
            f"== Open Referral API at {SIZE:,} services (import {took['import']:.0f} s)"
        )
        with serving(env, tmp / "serve.log", WORKERS) as (base, _pid):
            session = requests.Session()
            first = session.get(
                f"{base}/api/oruk/services?per_page=50", timeout=60
            ).json()
            pages, ids = first["total_pages"], []
            for number in random.Random(7).sample(range(1, pages + 1), min(20, pages)):
                page = session.get(
                    f"{base}/api/oruk/services?page={number}", timeout=60
                )
                ids += [s["id"] for s in page.json()["contents"]]
            draw = random.Random(11)
            for _ in range(20):  # warm up
                timed(
                    session, f"{base}/api/oruk/services?page={draw.randint(1, pages)}"
                )
            lists = [
                timed(
                    session, f"{base}/api/oruk/services?page={draw.randint(1, pages)}"
                )
                for _ in range(REQUESTS)
            ]
            ones = [
                timed(session, f"{base}/api/oruk/services/{draw.choice(ids)}")
                for _ in range(REQUESTS)
            ]
    for label, values in (("/services?page=N", lists), ("/services/{id}", ones)):
        p95 = percentile(values, 95)
        figure(
            f"{label} p50 ({REQUESTS} warm requests) (ms)",
            f"{statistics.median(values):.1f}",
        )
        figure(f"{label} p95 (ms)", f"{p95:.1f}", "<= 50", p95 <= 50)
    return 0


if __name__ == "__main__":
    sys.exit(main())
