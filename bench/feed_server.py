"""Serve a list of services as an ORUK 3.0 feed, page by page, on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def _page(items: list[dict[str, Any]], number: int, size: int) -> bytes:
    pages = max(1, -(-len(items) // size))
    contents = items[(number - 1) * size : number * size]
    return json.dumps(
        {
            "total_items": len(items),
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": not contents,
            "contents": contents,
        }
    ).encode()


@contextmanager
def serve_feed(items: list[dict[str, Any]]) -> Iterator[str]:
    """Serve ``items`` at /services?page=N&per_page=M; yields the base URL."""
    cache: dict[tuple[int, int], bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            number = int(query.get("page", ["1"])[0])
            size = int(query.get("per_page", ["50"])[0])
            if url.path != "/services":
                self.send_error(404)
                return
            body = cache.setdefault((number, size), _page(items, number, size))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
