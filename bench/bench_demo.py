"""The demo directory: import, unchanged re-import, index build, search over HTTP.

Runs against a fresh temporary store and a real `directory serve` (gunicorn), so the
search figures include HTTP and the production server.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import serving

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "walking",
    "walk",
    "lonely",
    "befriending",
    "debt advice",
    "carers",
    "lunch club",
    "dementia",
    "yoga",
    "art",
    "food bank",
    "digital skills",
    "counselling",
    "diabetes",
    "toddler",
    "bereavement",
    "men's shed",
    "employment",
    "housing",
    "benefits",
]
POSTCODES = ["", "DN1 1AA", "DN4", "DN12 3EN"]


def directory(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "directory_app.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def search_latencies(base: str) -> list[float]:
    session = requests.Session()
    urls = [f"{base}/search?q={q}&postcode={p}" for q in QUERIES for p in POSTCODES]
    for url in urls:  # warm up
        session.get(url, timeout=10).raise_for_status()
    timings = []
    for _ in range(3):
        for url in urls:
            start = time.perf_counter()
            session.get(url, timeout=10).raise_for_status()
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            DIRECTORY_DATABASE_URL=f"sqlite:///{tmp}/d.sqlite3",
            DIRECTORY_INDEX_DIR=f"{tmp}/index",
            DIRECTORY_SECRET_KEY="bench",
        )
        directory(env, "db", "upgrade")
        feed = str(ROOT / "data/demo/doncaster-oruk3.json")
        first = directory(env, "import-file", "--kind", "oruk", feed)
        again = directory(env, "import-file", "--kind", "oruk", feed)
        build = directory(env, "index", "rebuild")
        print(f"import demo (375 services, incl. start-up): {first:.2f} s")
        print(f"re-import unchanged:                        {again:.2f} s")
        print(f"index rebuild:                              {build:.2f} s")
        with serving(env, Path(tmp) / "serve.log", workers=2) as (base, _pid):
            timings = search_latencies(base)
        cuts = statistics.quantiles(timings, n=100)
        print(
            f"search over HTTP, {len(timings)} requests, warm: "
            f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms"
        )


if __name__ == "__main__":
    main()
