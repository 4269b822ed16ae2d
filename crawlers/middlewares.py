"""Downloader middlewares: backoff before retries, no off-domain redirects, per-board accounting.

- RetryBackoffMiddleware: Scrapy's RetryMiddleware re-sends a 429/503 at once; against a
  rate-limited API that only earns more 429s. This one sits just outside it (higher order number,
  so its `process_response` runs first) and waits before handing the response on:
  `RETRY_BACKOFF_BASE * 2**retries` seconds, at most `RETRY_BACKOFF_MAX`, or longer when the
  server sends `Retry-After` (seconds or an HTTP date; capped too). The wait is an async sleep,
  so other requests keep flowing meanwhile.
- OffsiteRedirectMiddleware: a redirect to a host outside the spider's `allowed_domains` fails
  its request with `OffsiteRedirect("redirect off-domain to <url>")`, so the spider's errback
  reports the board instead of the redirect vanishing.
- BoardStatsMiddleware: per-board counters in the crawl's stats (see `board_key`), so a run can
  say which board failed and why while the others went on.
- BoardProgressMiddleware (a spider middleware): how many of each board's requests are still
  unanswered (`pending`), so a crawl that stops early still knows which boards it read in full.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.asyncio import sleep

from contract.crawl_identity import BOARD_PREFIX, board_key  # noqa: F401 (spiders and tests read them here too)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.statscollectors import StatsCollector

# Which board (board token, HN thread id, …) a request belongs to; spiders set it, or it is read
# from the callback's `board` argument.
BOARD_META = "jobpulse_board"


def board_of(request: Request | None) -> str | None:
    if request is None:
        return None
    board = request.meta.get(BOARD_META) or request.cb_kwargs.get("board")
    return str(board) if board not in (None, "") else None


def record_board_failure(stats: StatsCollector, board: str | None, reason: str) -> None:
    """Count an error against a board and keep the first reason it failed."""
    if board is None:
        return
    stats.inc_value(board_key(board, "errors"))
    if stats.get_value(board_key(board, "failure")) is None:
        stats.set_value(board_key(board, "failure"), reason)


_ANSWERED = "jobpulse_answered"


def record_board_answer(stats: StatsCollector, request: Request | None) -> None:
    """One request of a board got its callback or errback (counted once, however it got there)."""
    board = board_of(request)
    if board is None or request.meta.get(_ANSWERED):
        return
    request.meta[_ANSWERED] = True
    stats.inc_value(board_key(board, "pending"), -1)


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
        retry_after = retry_after_seconds((response.headers.get(b"Retry-After") or b"").decode("latin-1"))
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.cap)

    async def process_response(self, request: Request, response: Response) -> Response:
        delay = self.backoff_seconds(request, response)
        if delay > 0:
            await sleep(delay)
        return response


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """A Retry-After header in seconds: delta-seconds ("120") or an HTTP date; None if neither."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class OffsiteRedirect(IgnoreRequest):
    """A redirect whose target is outside the domains configured for the source."""


class OffsiteRedirectMiddleware:
    REDIRECTS = {301, 302, 303, 307, 308}

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        return cls(crawler)

    def allowed(self, host: str | None) -> bool:
        """Same rule as Scrapy's OffsiteMiddleware: an allowed domain or any subdomain of one."""
        domains = [d.lower() for d in getattr(self.crawler.spider, "allowed_domains", None) or [] if d]
        if not domains:
            return True
        host = (host or "").lower()
        return any(host == d or host.endswith("." + d) for d in domains)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in self.REDIRECTS or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if self.allowed(urlsplit(target).hostname):
            return response
        self.crawler.stats.inc_value("jobpulse/offsite_redirects")
        raise OffsiteRedirect(f"redirect off-domain to {target}")


class BoardStatsMiddleware:
    def __init__(self, stats: StatsCollector):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoardStatsMiddleware:
        middleware = cls(crawler.stats)
        crawler.signals.connect(middleware.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(middleware.spider_error, signal=signals.spider_error)
        return middleware

    def process_request(self, request: Request) -> None:
        if board := board_of(request):
            self.stats.inc_value(board_key(board, "requests"))
            self.stats.min_value(board_key(board, "first_request_at"), round(time.time(), 3))

    def process_response(self, request: Request, response: Response) -> Response:
        if board := board_of(request):
            self.stats.inc_value(board_key(board, f"status/{response.status}"))
            self.stats.max_value(board_key(board, "last_response_at"), round(time.time(), 3))
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if board := board_of(request):
            self.stats.inc_value(board_key(board, "download_errors"))
            self.stats.max_value(board_key(board, "last_response_at"), round(time.time(), 3))

    def item_scraped(self, item: Any, response: Response | None, spider: Any) -> None:
        board = item.get("board") if isinstance(item, dict) else None
        if board is None and response is not None:
            board = board_of(response.request)
        if board is None:
            return
        if isinstance(item, dict) and "_reject" in item:  # a record the extractor refused, with why
            self.stats.inc_value(board_key(str(board), "dropped"))
            if self.stats.get_value(board_key(str(board), "dropped_reason")) is None:
                self.stats.set_value(board_key(str(board), "dropped_reason"), str(item["_reject"])[:200])
        else:
            self.stats.inc_value(board_key(str(board), "items"))

    def spider_error(self, failure: Any, response: Response, spider: Any) -> None:
        # A callback that raised may have lost part of its board: never treat that board as whole.
        error = failure.value
        record_board_failure(
            self.stats, board_of(response.request), f"spider error: {type(error).__name__}: {error}"[:300]
        )


class BoardProgressMiddleware(BaseSpiderMiddleware):
    """Counts each board's requests as the spider yields them (start requests included) and as
    their callbacks finish (with everything they yielded counted first), dropped duplicates, and
    errbacks (JsonApiSpider.on_error). A board whose `pending` is 0 at the end was read in full,
    even in a crawl that stopped early; with JOBDIR, a resumed crawl answers requests an earlier
    part yielded, so `pending` may go below 0 there."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.stats = crawler.stats
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoardProgressMiddleware:
        return cls(crawler)

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        if board := board_of(request):
            self.stats.inc_value(board_key(board, "pending"))
        return request

    def process_spider_output(self, response: Response | None, result: Any) -> Any:
        try:
            yield from super().process_spider_output(response, result)
        finally:
            if response is not None:
                record_board_answer(self.stats, response.request)

    async def process_spider_output_async(self, response: Response | None, result: Any) -> Any:
        try:
            async for item_or_request in super().process_spider_output_async(response, result):
                yield item_or_request
        finally:
            if response is not None:
                record_board_answer(self.stats, response.request)

    def request_dropped(self, request: Request, spider: Any) -> None:
        record_board_answer(self.stats, request)  # a duplicate the scheduler refused
