"""Exponential backoff for Scrapy's retries.

Scrapy's RetryMiddleware re-sends a 429/503 at once; against a rate-limited API that only earns
more 429s. This middleware sits just outside it (higher order number, so its `process_response`
runs first) and waits before handing the response on: `RETRY_BACKOFF_BASE * 2**retries` seconds,
at most `RETRY_BACKOFF_MAX`, or longer when the server sends a numeric `Retry-After` (capped too).
The wait is an async sleep, so other requests keep flowing meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import sleep

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response


class RetryBackoffMiddleware:
    def __init__(self, *, base: float, cap: float, retry_codes: set[int], max_retries: int):
        self.base = base
        self.cap = cap
        self.retry_codes = retry_codes
        self.max_retries = max_retries

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryBackoffMiddleware:
        settings = crawler.settings
        base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        if not settings.getbool("RETRY_ENABLED") or base <= 0:
            raise NotConfigured
        return cls(
            base=base,
            cap=settings.getfloat("RETRY_BACKOFF_MAX", 60.0),
            retry_codes={int(code) for code in settings.getlist("RETRY_HTTP_CODES")},
            max_retries=settings.getint("RETRY_TIMES"),
        )

    def backoff_seconds(self, request: Request, response: Response) -> float:
        """How long to wait before RetryMiddleware sees this response (0 = pass it on now)."""
        if response.status not in self.retry_codes or request.meta.get("dont_retry"):
            return 0.0
        retries = request.meta.get("retry_times", 0)
        if retries >= request.meta.get("max_retry_times", self.max_retries):
            return 0.0  # RetryMiddleware gives up on this one; waiting would only slow the crawl
        delay = self.base * 2**retries
        retry_after = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
        if retry_after.isdigit():
            delay = max(delay, float(retry_after))
        return min(delay, self.cap)

    async def process_response(self, request: Request, response: Response) -> Response:
        delay = self.backoff_seconds(request, response)
        if delay > 0:
            await sleep(delay)
        return response
