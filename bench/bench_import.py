"""Import a 20,000-service ORUK 3.0 feed from a local HTTP server, then again.

Targets (issue 3): imported, normalised, stored and indexed in under 60 s; re-run
unchanged in under 20 s. Each figure is a whole `directory import` command,
including process start-up and the index update it makes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import services  # noqa: E402
from feed_server import serve_feed  # noqa: E402

COUNT = int(os.environ.get("BENCH_IMPORT_COUNT", "20000"))


def directory(env: dict[str, str], *args: str) -> tuple[float, str]:
    """Run a `directory` command; its wall time and output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "directory_app.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, done.stdout


def summary(output: str) -> str:
    wanted = ("Run ", "Search index")
    return "\n  ".join(line for line in output.splitlines() if line.startswith(wanted))


def main() -> None:
    items = services(COUNT)
    with tempfile.TemporaryDirectory() as tmp, serve_feed(items) as base:
        env = dict(
            os.environ,
            DIRECTORY_DATABASE_URL=f"sqlite:///{tmp}/d.sqlite3",
            DIRECTORY_INDEX_DIR=f"{tmp}/index",
            DIRECTORY_SECRET_KEY="bench",
            # the feed is served on loopback, which imports refuse unless allowed
            DIRECTORY_SOURCE_FETCH_ALLOW=base.split("//", 1)[1],
        )
        directory(env, "db", "upgrade")
        directory(env, "index", "rebuild")  # an empty index the import then fills
        directory(env, "sources", "add", "bench", "--kind", "oruk", "--location", base)
        first, out = directory(env, "import", "bench")
        print(
            f"import {COUNT} services over HTTP, stored and indexed: {first:.1f} s"
            f" (target < 60 s)\n  {summary(out)}"
        )
        again, out = directory(env, "import", "bench")
        print(f"re-import unchanged: {again:.1f} s (target < 20 s)\n  {summary(out)}")
        size = Path(f"{tmp}/d.sqlite3").stat().st_size / 1e6
        print(f"store size: {size:.0f} MB")


if __name__ == "__main__":
    main()
