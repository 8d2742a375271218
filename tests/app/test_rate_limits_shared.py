"""With several web workers, sign-in attempts are counted across all of them when
the limits are kept in Redis (DIRECTORY_RATELIMIT_STORAGE=redis://...)."""

from __future__ import annotations

import os
import uuid

import pytest
import redis
from flask import Flask

from directory_app import create_app
from tests.pages import parse_page

REDIS_URL = os.environ.get("DIRECTORY_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis must be reachable in CI at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {exc}")
    return REDIS_URL


def worker(app: Flask, url: str, prefix: str) -> Flask:
    """A web worker over the same store, its limits kept in Redis under ``prefix``
    (each worker sets up its own limiter storage, as a gunicorn worker does)."""
    config = dict(app.config)
    config.update(RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix)
    return create_app(config)


def attempt(app: Flask) -> int:
    client = app.test_client()
    token = parse_page(client.get("/sign-in").data).find(
        "input", attrs={"name": "csrf_token"}
    )["value"]
    data = {"csrf_token": token, "email": "x@nhs.net", "password": "guess"}
    return client.post("/sign-in", data=data | {"action": "password"}).status_code


def test_sign_in_attempts_are_counted_across_workers(
    app: Flask, redis_url: str
) -> None:
    prefix = uuid.uuid4().hex
    first = worker(app, redis_url, prefix)
    assert [attempt(first) for _ in range(10)] == [400] * 10
    second = worker(app, redis_url, prefix)  # a new worker: its own limiter set-up
    assert attempt(second) == 429
    keys = redis.Redis.from_url(redis_url).keys(f"*{prefix}*")
    assert keys, "the counts are kept in Redis"


def test_without_redis_each_worker_counts_alone(app: Flask) -> None:
    """The default (memory) keeps counts per worker: why production sets Redis."""
    first = worker(app, "memory://", uuid.uuid4().hex)
    assert [attempt(first) for _ in range(10)] == [400] * 10
    second = worker(app, "memory://", uuid.uuid4().hex)
    assert attempt(second) == 400
