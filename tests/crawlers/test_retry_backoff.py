"""Retries of 429/5xx wait longer each time (and at least what Retry-After asks), within a cap."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawlers import middlewares
from crawlers.middlewares import RetryBackoffMiddleware

SETTINGS = {
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_HTTP_CODES": [429, 503],
    "RETRY_BACKOFF_BASE": 1.0,
    "RETRY_BACKOFF_MAX": 10.0,
}


def middleware(**overrides) -> RetryBackoffMiddleware:
    return RetryBackoffMiddleware.from_crawler(get_crawler(settings_dict={**SETTINGS, **overrides}))


def request(retries: int = 0, **meta) -> Request:
    return Request("https://api.example/board", meta={"retry_times": retries, **meta})


def response(status: int, headers: dict | None = None) -> Response:
    return Response("https://api.example/board", status=status, headers=headers or {})


def test_waits_double_with_each_retry_up_to_the_cap():
    backoff = middleware(RETRY_TIMES=10)
    assert [backoff.backoff_seconds(request(n), response(503)) for n in range(6)] == [1, 2, 4, 8, 10, 10]


def test_retry_after_is_honoured_but_capped():
    backoff = middleware()
    assert backoff.backoff_seconds(request(0), response(429, {"Retry-After": "7"})) == 7
    assert backoff.backoff_seconds(request(0), response(429, {"Retry-After": "3600"})) == 10


def test_no_wait_when_there_will_be_no_retry():
    backoff = middleware()
    assert backoff.backoff_seconds(request(0), response(200)) == 0
    assert backoff.backoff_seconds(request(0), response(404)) == 0
    assert backoff.backoff_seconds(request(3), response(503)) == 0  # RetryMiddleware gives up now
    assert backoff.backoff_seconds(request(0, dont_retry=True), response(503)) == 0


def test_process_response_sleeps_then_passes_the_response_on(monkeypatch):
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr(middlewares, "sleep", fake_sleep)
    answer = response(503)
    assert asyncio.run(middleware().process_response(request(1), answer)) is answer
    assert asyncio.run(middleware().process_response(request(0), response(200))).status == 200
    assert slept == [2.0]


def test_switched_off_with_retries_or_a_zero_base():
    with pytest.raises(NotConfigured):
        middleware(RETRY_ENABLED=False)
    with pytest.raises(NotConfigured):
        middleware(RETRY_BACKOFF_BASE=0)
