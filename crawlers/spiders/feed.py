"""What the aggregator spiders share: one API path on one host, read page after page.

An aggregator is one feed, not a list of boards: `scrapy crawl remoteok [-a base_url=…]
[-a max_pages=N]`. `boards` is accepted and ignored so every spider starts with the same arguments.
Pages are requested one after the other (each page says whether there is a next one), never in
parallel, and never more than `max_pages` of them: aggregators hold tens of thousands of jobs, and
a weekly run wants the newest ones, politely.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawlers.spiders.base import JsonApiSpider, refuse_unencodable


def polite(host: str, delay: float, **slot: Any) -> dict[str, Any]:
    """`custom_settings` for a spider that reads one API host: one request at a time, `delay` s apart.

    The host's DOWNLOAD_SLOTS entry is what Scrapy applies to that host (over DOWNLOAD_DELAY and
    any project-wide slot); DOWNLOAD_DELAY covers another `base_url` (a mirror, or the sandbox,
    whose tests turn it off with `-s DOWNLOAD_DELAY=0`).
    """
    return {
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_SLOTS": {host: {"concurrency": 1, "delay": delay, **slot}},
    }


class FeedSpider(JsonApiSpider):
    path: ClassVar[str] = ""
    default_max_pages: ClassVar[int] = 100

    def __init__(
        self,
        *args: Any,
        max_pages: str | int | None = None,
        boards: str | None = None,  # noqa: ARG002 - accepted for a uniform command line
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.max_pages = int(max_pages) if max_pages not in (None, "") else self.default_max_pages
        if self.max_pages < 1:
            raise ValueError(f"-a max_pages= must be at least 1, got {max_pages!r}")

    def initial_requests(self) -> list[scrapy.Request]:
        return [self.page_request(0, self.first_query())]

    def first_query(self) -> list[tuple[str, Any]]:
        """The query string of the first page (pairs, so a parameter may repeat)."""
        return []

    def page_request(self, number: int, query: list[tuple[str, Any]]) -> scrapy.Request:
        """Request the `number`-th page (0 = the first) with this query."""
        suffix = f"?{urlencode(query)}" if query else ""
        return scrapy.Request(
            self.url(self.path + suffix),
            callback=self.parse_feed_page,
            errback=self.on_error,
            # The whole feed is one board, named after the source (as its items are).
            cb_kwargs={"number": number, "what": f"{self.name} page {number + 1}", "board": self.name},
        )

    def next_page(self, number: int, query: list[tuple[str, Any]]) -> scrapy.Request | None:
        """The request for the page after `number`, unless that would pass `max_pages`."""
        if number + 1 >= self.max_pages:
            self.logger.info("%s: stopped after %d pages (-a max_pages=%d)", self.name, number + 1, self.max_pages)
            return None
        return self.page_request(number + 1, query)

    def parse_feed_page(self, response: Response, number: int, what: str, board: str) -> Iterable[Any]:
        if self.is_missing(response, what):
            return []
        payload = self.json_payload(response, what)
        if payload is None:
            return []
        return refuse_unencodable(self.parse_payload(payload, board, number=number))

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        """Items of one decoded page (the `number`-th; `board` is the feed, named after the source),
        and the request for the next page when there is one: BoardSpider's signature, so every
        spider hands a payload to its extractor the same way."""
        raise NotImplementedError
