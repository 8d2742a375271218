"""A real local HTTP server for importer tests: routes map a path to a response."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Response = tuple[int, str, bytes]
Route = Callable[[str], Response | None]
PostRoute = Callable[[str, bytes, Any], Response | None]  # path, body, headers


def json_response(body: Any, status: int = 200) -> Response:
    """A JSON answer."""
    return status, "application/json", json.dumps(body).encode()


@contextmanager
def serve(route: Route, post: PostRoute | None = None) -> Iterator[str]:
    """Serve ``route(path_with_query)`` for GET (and ``post(path, body, headers)``
    for POST) on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(route(self.path))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer(post(self.path, body, self.headers) if post else None)

        def _answer(self, answer: Response | None) -> None:
            if answer is None:
                answer = (404, "text/plain", b"not found")
            status, content_type, body = answer
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def allow_fetching(app: Any, base: str) -> None:
    """Let ``app``'s imports fetch from this test server (a loopback address, which
    they refuse otherwise)."""
    app.config["SOURCE_FETCH_ALLOW"] = [base.split("//", 1)[1]]
