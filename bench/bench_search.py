"""Search at 20,000 and 100,000 services: latency, load, index build, memory.

For each size, a fresh temporary store gets the synthetic corpus (corpus.py) through
the real CLI: `directory import-file` of one ORUK 3.0 page envelope, `directory
index rebuild`, and `directory setup --no-demo` for the postcodes. `directory serve`
(gunicorn and the scheduler, on a loopback port) then answers:

- the fixed mix of 50 searches (search_queries.py), warm: p50 and p95. Each figure
  is a whole GET of the HTML search page from a client in this process: connection,
  Flask, place lookup, Whoosh (filters, facets, spelling, highlights), Jinja;
- web-worker memory: VmRSS of each gunicorn worker after that mix;
- 20 clients (threads, a requests.Session each) for 30 s: requests/s, p95, errors.

With the server stopped, the same mix runs in this process through the app's own
index (``SearchIndex.search``, as the page calls it: no HTTP, no HTML), then against
SQLite FTS5 built from the same services (fts5_baseline.py says exactly what one
search there does), and the Whoosh / FTS5 ratios are printed both ways.

BENCH_SEARCH_SIZES=2000 for a quick run (default 20000,100000). Targets: p95 over
HTTP <= 50 ms up to 20,000 services and <= 150 ms above; Whoosh / FTS5 <= 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import services  # noqa: E402
from fts5_baseline import Fts5Search, build  # noqa: E402
from search_queries import (  # noqa: E402
    CLIENTS,
    LOAD_SECONDS,
    QUERIES,
    Query,
    Timings,
    empties,
    fetch_page,
    flat,
    load,
    passes,
    percentile,
    resolve_places,
    slowest,
    whoosh_query,
)
from server import kill_group, serving  # noqa: E402

from directory_app import config, create_app  # noqa: E402
from directory_app.db import get_session  # noqa: E402
from directory_app.indexing import get_index  # noqa: E402
from directory_app.postcodes import Place  # noqa: E402
from directory_app.serve import default_workers  # noqa: E402

SIZES = [
    int(n) for n in os.environ.get("BENCH_SEARCH_SIZES", "20000,100000").split(",")
]
STALL_SECONDS = 90  # a command using no CPU for this long is stuck: it is stopped
APP_CODE = ("directory_app", "search_index", "importers", "templates", "data")


def figure(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    """Print one figure with its target and PASS / MISS."""
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    print(f"  {label:<52} {value:>13}   {target or 'no target':<10} {verdict}")


# Processes


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat fields after the command name: state [0], ppid [1]..."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return text[text.rindex(")") + 2 :].split()


def _processes() -> dict[int, list[str]]:
    found = {int(p.name): _stat(int(p.name)) for p in Path("/proc").glob("[0-9]*")}
    return {pid: fields for pid, fields in found.items() if fields}


def group_cpu(pgid: int) -> int:
    """CPU ticks used so far by the live processes of a process group."""
    return sum(
        int(f[11]) + int(f[12]) for f in _processes().values() if int(f[2]) == pgid
    )


def worker_rss(serve_pid: int) -> list[float]:
    """VmRSS (MB) of each gunicorn worker under `directory serve`."""
    parent = {pid: int(fields[1]) for pid, fields in _processes().items()}
    masters = {
        pid
        for pid, ppid in parent.items()
        if ppid == serve_pid and b"gunicorn" in _read(f"/proc/{pid}/cmdline")
    }
    workers = sorted(pid for pid, ppid in parent.items() if ppid in masters)
    return [_vm_rss(pid) for pid in workers]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _vm_rss(pid: int) -> float:
    for line in _read(f"/proc/{pid}/status").decode().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def directory(env: dict[str, str], *args: str, limit: float = 600) -> float:
    """Run a `directory` command in its own process group; its wall time.

    It is stopped, with Whoosh's indexing children, if it runs past ``limit``
    seconds or uses no CPU for STALL_SECONDS (a crashed indexing child leaves its
    parent waiting for ever).
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "directory_app.cli", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        problem = _wait(proc, start + limit)
        log.seek(0)
        tail = "\n    ".join(log.read().splitlines()[-10:])
    if problem or proc.returncode:
        what = problem or f"exit code {proc.returncode}"
        raise RuntimeError(f"directory {' '.join(args)}: {what}\n    {tail}")
    return time.perf_counter() - start


def _wait(proc: subprocess.Popen[Any], deadline: float) -> str | None:
    """Wait for ``proc``; stop its group and say why if too slow or stalled."""
    used, idle_since = -1, time.perf_counter()
    while time.perf_counter() < deadline:
        try:
            proc.wait(timeout=5)
            return None
        except subprocess.TimeoutExpired:
            pass
        now_used = group_cpu(proc.pid)
        if now_used != used:
            used, idle_since = now_used, time.perf_counter()
        elif time.perf_counter() - idle_since > STALL_SECONDS:
            kill_group(proc)
            return f"stalled (no CPU for {STALL_SECONDS} s), stopped"
    kill_group(proc)
    return "too slow, stopped"


# The store and the server


def build_store(tmp: Path, items: list[dict[str, Any]]) -> tuple[dict[str, str], dict]:
    """A store and index of ``items`` made with the real CLI: env and timings."""
    env = dict(
        os.environ,
        DIRECTORY_DATABASE_URL=f"sqlite:///{tmp}/d.sqlite3",
        DIRECTORY_INDEX_DIR=f"{tmp}/index",
        DIRECTORY_SECRET_KEY="bench",
    )
    took: dict[str, float] = {}
    start = time.perf_counter()
    page = {"total_items": len(items), "total_pages": 1, "page_number": 1}
    page |= {"size": len(items), "first_page": True, "last_page": True}
    (tmp / "services.json").write_text(json.dumps(page | {"contents": items}))
    took["write file"] = time.perf_counter() - start
    limit = 120 + len(items) / 100  # 20,000: 5 minutes; 100,000: 19 minutes
    directory(env, "db", "upgrade")
    took["import"] = directory(
        env, "import-file", "--kind", "oruk", str(tmp / "services.json"), limit=limit
    )
    took["index rebuild"] = directory(env, "index", "rebuild", limit=limit)
    took["setup"] = directory(env, "setup", "--no-demo")  # postcodes
    return env, took


# Measuring


def measure_http(env: dict[str, str], tmp: Path, count: int, took: dict) -> Timings:
    """The warm mix over HTTP, worker memory, and the load test; printed."""
    start = time.perf_counter()
    with serving(env, tmp / "serve.log", default_workers()) as (base, pid):
        with requests.Session() as session:
            http, pages = passes(lambda q: fetch_page(session, base, q))
        rss = worker_rss(pid)
        took["HTTP mix"] = time.perf_counter() - start
        latencies, errors, wall = load(base)
    took["load and stop"] = time.perf_counter() - start - took["HTTP mix"]
    target = 50.0 if count <= 20_000 else 150.0
    samples = flat(http)
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    figure(f"HTTP mix p50 ({len(samples)} warm requests) (ms)", f"{p50:.1f}")
    figure("HTTP mix p95 (ms)", f"{p95:.1f}", f"<= {target:.0f}", p95 <= target)
    each = " + ".join(f"{mb:.0f}" for mb in rss)
    figure(f"web-worker RSS after the mix, MB ({each})", f"{sum(rss):.0f}")
    figure(
        f"{CLIENTS} clients x {LOAD_SECONDS:.0f} s: requests/s",
        f"{len(latencies) / wall:.1f}",
    )
    figure(f"{CLIENTS} clients: p95 (ms)", f"{percentile(latencies, 95):.1f}")
    figure(
        f"{CLIENTS} clients: errors in {len(latencies)}",
        f"{len(errors)}",
        "0",
        not errors,
    )
    for error in sorted(set(errors))[:5]:
        print(f"    {error}")
    print(f"  HTTP slowest (median): {slowest(http)}")
    print(f"  HTTP pages with no results: {empties(pages, lambda n: n)}")
    odd = [q.label() for q, n in pages.items() if n < 0]
    print(f"  HTTP pages with no result count (an error): {', '.join(odd) or 'none'}")
    return http


def whoosh_in_process(tmp: Path) -> tuple[Timings, dict[Query, Any], dict, int]:
    """The mix through the app's own index in this process, as the page calls it."""
    settings = config.from_environment(tmp)
    settings |= {
        "DATABASE_URL": f"sqlite:///{tmp}/d.sqlite3",
        "INDEX_DIR": tmp / "index",
    }
    with create_app(settings).app_context() as context:
        places = resolve_places(get_session())
        index = get_index(context.app)
        timings, hits = passes(lambda q: index.search(whoosh_query(q, places)))
        return timings, hits, places, index.doc_count()


def fts5_in_process(
    tmp: Path, items: list[dict[str, Any]], places: dict, took: dict
) -> tuple[Timings, dict[Query, Any]]:
    """Build the FTS5 baseline from the same services, and run the mix on it."""
    start = time.perf_counter()
    build(tmp / "fts5.sqlite3", items)
    took["FTS5 build"] = time.perf_counter() - start
    fts = Fts5Search(tmp / "fts5.sqlite3")
    try:
        return passes(lambda q: fts.search(q.q, _point(places.get(q.postcode)), q.page))
    finally:
        fts.close()
        took["FTS5 mix"] = time.perf_counter() - start - took["FTS5 build"]


def _point(place: Place | None) -> tuple[float, float] | None:
    return place.point if place is not None else None


def measure_in_process(
    tmp: Path, items: list[dict[str, Any]], http: Timings, took: dict
) -> None:
    """Whoosh and FTS5 in this process on the same mix, and the ratios; printed."""
    start = time.perf_counter()
    whoosh, hits, places, documents = whoosh_in_process(tmp)
    took["Whoosh in-process"] = time.perf_counter() - start
    fts5, rows = fts5_in_process(tmp, items, places, took)
    ok = documents == len(items)
    figure("documents in the Whoosh index", f"{documents:,}", f"{len(items):,}", ok)
    figure("FTS5 build, in-process from memory (s)", f"{took['FTS5 build']:.1f}")
    report_ratios(http, whoosh, fts5)
    print(f"  Whoosh in-process slowest (median): {slowest(whoosh)}")
    print(f"  FTS5 slowest (median): {slowest(fts5)}")
    print(f"  Whoosh with no results: {empties(hits, lambda r: r.total)}")
    print(f"  FTS5 with no results: {empties(rows, len)}")
    print(f"  the same services on both first pages: {overlap(hits, rows):.0%} (mean)")
    missing = sorted({q.postcode for q in QUERIES if q.postcode} - set(places))
    print(f"  places not found: {', '.join(missing) or 'none'}")


def overlap(hits: dict[Query, Any], rows: dict[Query, Any]) -> float:
    """Mean share of a first page's services that both engines found."""
    shares = []
    for query in QUERIES:
        ours = {(h.fields["name"], h.fields["organisation"]) for h in hits[query].hits}
        theirs = {(r.name, r.organisation) for r in rows[query]}
        if ours and theirs:
            shares.append(len(ours & theirs) / max(len(ours), len(theirs)))
    return statistics.mean(shares) if shares else 0.0


def report_ratios(http: Timings, whoosh: Timings, fts5: Timings) -> None:
    """p50 and p95 of each side, and Whoosh / FTS5 both ways."""
    sides = {"HTTP": http, "Whoosh in-process": whoosh, "FTS5 in-process": fts5}
    cuts = {
        name: (percentile(flat(t), 50), percentile(flat(t), 95))
        for name, t in sides.items()
    }
    for name in ("Whoosh in-process", "FTS5 in-process"):
        figure(f"{name} p50 / p95 (ms)", f"{cuts[name][0]:.1f} / {cuts[name][1]:.1f}")
    # The target compares like with like: each engine answering the same searches
    # in this process. The HTTP line is for reference only: it adds the connection,
    # Flask, the place lookup and the rendered page, which FTS5 here does not do.
    for name in ("Whoosh in-process", "HTTP"):
        for i, pct in enumerate(("p50", "p95")):
            ratio = cuts[name][i] / cuts["FTS5 in-process"][i]
            like_for_like = name == "Whoosh in-process"
            figure(
                f"ratio {name} / FTS5 in-process, {pct}",
                f"{ratio:.1f}",
                "<= 2" if like_for_like else "",
                ratio <= 2 if like_for_like else None,
            )


def bench_size(count: int, corpus: list[dict[str, Any]]) -> None:
    """Every figure for one size of directory."""
    print(f"== {count:,} services (load average {os.getloadavg()[0]:.1f})", flush=True)
    items = corpus[:count]
    with tempfile.TemporaryDirectory(prefix="bench-search-") as name:
        tmp = Path(name)
        env, took = build_store(tmp, items)
        figure(
            "import-file (one envelope), incl. start-up (s)", f"{took['import']:.1f}"
        )
        figure("index rebuild, incl. start-up (s)", f"{took['index rebuild']:.1f}")
        index_mb = sum(f.stat().st_size for f in (tmp / "index").iterdir()) / 1e6
        figure("index size on disk (MB)", f"{index_mb:.0f}")
        http = measure_http(env, tmp, count, took)
        measure_in_process(tmp, items, http, took)
    print("  time taken: " + ", ".join(f"{k} {v:.0f} s" for k, v in took.items()))


def code_version() -> str:
    """The commit measured, with a hash of any uncommitted change to the app."""
    try:
        head = _git("rev-parse", "--short", "HEAD").decode().strip()
        diff = _git("diff", "HEAD", "--", *APP_CODE)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+{hashlib.sha1(diff).hexdigest()[:7]}" if diff else head


def _git(*args: str) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, check=True, timeout=30
    ).stdout


def _stop(_signum: int, _frame: Any) -> None:
    sys.exit(143)  # unwinds, so the server is stopped and temp folders removed


def main() -> int:
    """Every size in BENCH_SEARCH_SIZES; fails if any size could not be measured."""
    signal.signal(signal.SIGTERM, _stop)
    start, version = time.perf_counter(), code_version()
    corpus = services(max(SIZES))
    print(
        f"code {version}; {os.cpu_count()} cores, {default_workers()} gunicorn "
        f"workers; corpus of {len(corpus):,} services made in "
        f"{time.perf_counter() - start:.0f} s"
    )
    failed = 0
    for count in SIZES:
        try:
            bench_size(count, corpus)
        except (RuntimeError, requests.RequestException) as exc:
            print(f"  FAILED at {count:,} services: {exc}")
            failed += 1
    if code_version() != version:
        print(
            f"  NOTE: the app's code changed during the run ({version} -> "
            f"{code_version()}): these figures mix the two"
        )
    print(f"run took {(time.perf_counter() - start) / 60:.1f} minutes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
