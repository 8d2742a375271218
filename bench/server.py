"""A real `directory serve` for benchmarks: started, waited for, stopped cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """Kill a process started in its own session, with all its children."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


@contextmanager
def serving(env: dict[str, str], log: Path, workers: int) -> Iterator[tuple[str, int]]:
    """`directory serve` on a free loopback port until the block ends: (base, pid)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = ["serve", "--port", str(port), "--workers", str(workers)]
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "directory_app.cli", *command],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, server, log)
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill_group(server)


def _wait_ready(base: str, server: subprocess.Popen[Any], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still loading
            pass
        time.sleep(0.3)
    tail = "\n    ".join(log.read_text().splitlines()[-10:])
    raise RuntimeError(f"the server did not become ready\n    {tail}")
