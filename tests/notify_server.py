"""A local stand-in for the GOV.UK Notify API: accepts email and text message
requests as Notify does (POST /v2/notifications/email|sms, a JWT bearer token),
and keeps them for the test to read."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = f"directorytest-{uuid.uuid4()}-{uuid.uuid4()}"


@contextmanager
def notify_server(fail: bool = False) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serve on 127.0.0.1: (base URL, the requests received, newest last)."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            auth = self.headers.get("Authorization", "")
            received.append({"path": self.path, "auth": auth, **body})
            if fail:
                status, answer = 500, {"errors": [{"error": "Exception"}]}
            elif not auth.startswith("Bearer ") or self.path not in (
                "/v2/notifications/email",
                "/v2/notifications/sms",
            ):
                status, answer = 403, {"errors": [{"error": "AuthError"}]}
            else:
                status, answer = 201, {"id": str(uuid.uuid4()), "content": {}}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
