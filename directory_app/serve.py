"""``directory serve``: the production web server and the one scheduler, together.

Both run as child processes; Ctrl-C (or SIGTERM) stops both, and if either dies the
other is stopped too, so nothing is left running half-way.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from typing import Any

PR_SET_PDEATHSIG = 1


def commands(port: int, workers: int, host: str) -> list[list[str]]:
    """The two child commands: gunicorn and the scheduler."""
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
        "--preload",  # the index is read in once, before the workers fork
        "directory_app.wsgi:app",
    ]
    scheduler = [sys.executable, "-m", "directory_app.cli", "scheduler"]
    return [gunicorn, scheduler]


def serve(port: int, workers: int, host: str = "127.0.0.1") -> int:
    """Run both children until interrupted or one exits; returns an exit code."""
    children = [
        subprocess.Popen(cmd, preexec_fn=_die_with_parent)
        for cmd in commands(port, workers, host)
    ]
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    codes = [child.returncode for child in children]
    return 0 if stopping else next((c for c in codes if c), 1)


def _die_with_parent() -> None:
    """Ask Linux to stop this child if `directory serve` itself is killed outright."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: Ctrl-C and SIGTERM still stop both children
        pass


def default_workers() -> int:
    """Two workers per core, at least two."""
    return max(2, 2 * (os.cpu_count() or 1))
