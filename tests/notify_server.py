"""A local stand-in for the GOV.UK Notify API: accepts email and text message
requests as Notify does (POST /v2/notifications/email|sms, a JWT bearer token),
and keeps them for the test to read."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.http_server import Response, json_response, serve

API_KEY = f"directorytest-{uuid.uuid4()}-{uuid.uuid4()}"
PATHS = ("/v2/notifications/email", "/v2/notifications/sms")


@contextmanager
def notify_server(fail: bool = False) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serve on 127.0.0.1: (base URL, the requests received, newest last)."""
    received: list[dict[str, Any]] = []

    def post(path: str, body: bytes, headers: Any) -> Response:
        auth = headers.get("Authorization", "")
        received.append({"path": path, "auth": auth, **json.loads(body)})
        if fail:
            return json_response({"errors": [{"error": "Exception"}]}, 500)
        if not auth.startswith("Bearer ") or path not in PATHS:
            return json_response({"errors": [{"error": "AuthError"}]}, 403)
        return json_response({"id": str(uuid.uuid4()), "content": {}}, 201)

    with serve(lambda _path: None, post) as base:
        yield base, received
