"""`directory serve`: gunicorn and the scheduler together; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from flask import Flask

from directory_app.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> requests.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=10)
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_serve_answers_over_http_and_ctrl_c_stops_everything(
    demo_app: Flask, tmp_path: Path
) -> None:
    port = free_port()
    env = dict(
        os.environ,
        DIRECTORY_DATABASE_URL=demo_app.config["DATABASE_URL"],
        DIRECTORY_INDEX_DIR=demo_app.config["INDEX_DIR"],
        DIRECTORY_SECRET_KEY="test",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "directory_app.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        health = wait_for(f"http://127.0.0.1:{port}/healthz")
        assert health.status_code == 200 and health.json()["ok"] is True
        page = requests.get(
            f"http://127.0.0.1:{port}/search?q=walking&postcode=DN1+1AA", timeout=10
        )
        assert page.status_code == 200 and "miles" in page.text
        assert "gunicorn" in (page.headers.get("Server") or "").lower()
        children = children_of(process.pid)
        assert len(children) == 2  # gunicorn's arbiter and the scheduler
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        for child in children:
            assert not Path(f"/proc/{child}").exists(), "a child was left running"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
