"""`scrapy crawl hn [-a since=YYYY-MM] [-a until=YYYY-MM] [-a threads=id1,id2] [-a base_url=…]`.

Finds the monthly "Ask HN: Who is hiring?" threads through Algolia's search (newest first,
`hits_per_page` at a time), then fetches each thread's whole comment tree in one `items/<id>`
request; every top-level comment is one posting. Algolia stops paging after ~1,000 hits, so when a
query has more, discovery goes on in a new window of older stories
(`numericFilters=created_at_i<oldest seen`). `since`/`until` become `created_at_i` bounds too, so
an incremental run asks only for the months it wants. Without `since` every thread back to 2011
is fetched (the full backfill; `jobpulse crawl --source hn` picks an incremental `since` itself).
`-a threads=` skips discovery and fetches the given threads. `boards` is accepted and ignored so
every spider can be started with the same arguments. A thread is a "board" in the crawl's
per-board stats; discovery requests count under the board "search".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawlers.extractors import hn
from crawlers.middlewares import BOARD_META
from crawlers.spiders.base import JsonApiSpider, refuse_unencodable, split_list

SEARCH_PATH = "/api/v1/search_by_date?query=hiring&tags=story,(author__whoishiring,author_whoishiring)"
ITEM_PATH = "/api/v1/items/{thread_id}"
SEARCH_BOARD = "search"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# A month's thread is posted on its 1st (UTC, US morning); the slack keeps a thread posted a
# little early or late inside its month's window. Titles decide the month in the end.
_WINDOW_SLACK = timedelta(days=3)


def _month_arg(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _MONTH.match(value):
        raise ValueError(f"-a {name}= must look like YYYY-MM, got {value!r}")
    return value


def _month_start(month: str, months_later: int = 0) -> datetime:
    year, number = divmod(int(month[:4]) * 12 + int(month[5:7]) - 1 + months_later, 12)
    return datetime(year, number + 1, 1, tzinfo=UTC)


class HackerNewsSpider(JsonApiSpider):
    """Job posts (top-level comments) of the monthly who-is-hiring threads."""

    name = "hn"
    default_base_url = "https://hn.algolia.com"
    # Algolia's HN API asks for at most 10,000 requests an hour; a backfill makes ~200, one at a time.
    custom_settings: ClassVar[dict[str, Any]] = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 1.0}
    hits_per_page = 100  # Algolia allows up to 1,000; 100 keeps each page small
    hit_cap = 1000  # Algolia's pagination limit: hits past it are only reachable in a new window

    def __init__(
        self,
        *args: Any,
        since: str | None = None,
        until: str | None = None,
        threads: str | None = None,
        boards: str | None = None,  # noqa: ARG002 - accepted for a uniform command line
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.since = _month_arg("since", since)
        self.until = _month_arg("until", until)
        self.threads = split_list(threads)
        self.requested_threads: set[str] = set()

    def initial_requests(self) -> list[scrapy.Request]:
        if self.threads:
            return [self.thread_request(thread_id) for thread_id in self.threads]
        return [self.search_request(0)]

    def window_filters(self, before: int | None = None) -> str:
        """Algolia `numericFilters` for since/until and the current window's upper bound."""
        filters = []
        if self.since:
            filters.append(f"created_at_i>={int((_month_start(self.since) - _WINDOW_SLACK).timestamp())}")
        upper = int((_month_start(self.until, 1) + _WINDOW_SLACK).timestamp()) if self.until else None
        if before is not None:
            upper = before if upper is None else min(upper, before)
        if upper is not None:
            filters.append(f"created_at_i<{upper}")
        return ",".join(filters)

    def search_request(self, page: int, before: int | None = None) -> scrapy.Request:
        url = f"{SEARCH_PATH}&hitsPerPage={self.hits_per_page}&page={page}"
        if filters := self.window_filters(before):
            url += f"&numericFilters={quote(filters, safe=',')}"
        window = f" before {before}" if before is not None else ""
        return scrapy.Request(
            self.url(url),
            callback=self.parse_search_page,
            errback=self.on_error,
            cb_kwargs={"page": page, "before": before, "what": f"thread search page {page}{window}"},
            meta={BOARD_META: SEARCH_BOARD},
        )

    def thread_request(self, thread_id: str) -> scrapy.Request:
        self.requested_threads.add(thread_id)
        return scrapy.Request(
            self.url(ITEM_PATH.format(thread_id=thread_id)),
            callback=self.parse_thread,
            errback=self.on_error,
            cb_kwargs={"thread_id": thread_id, "what": f"thread {thread_id}"},
            meta={BOARD_META: thread_id},
        )

    def wanted(self, month: str | None) -> bool:
        """Whether a thread for `month` ("YYYY-MM") falls inside -a since/until (inclusive)."""
        if month is None:
            return self.since is None and self.until is None
        return (self.since is None or month >= self.since) and (self.until is None or month <= self.until)

    def parse_search_page(self, response: Response, page: int, what: str, before: int | None = None) -> Iterable[Any]:
        if self.is_missing(response, what):
            return
        payload = self.json_payload(response, what)
        if not isinstance(payload, dict):
            return
        hits = [hit for hit in payload.get("hits") or [] if isinstance(hit, dict)]
        threads, nb_pages = hn.hiring_threads(payload)
        self._count_by("jobpulse/hn/search_hits", len(hits))
        for thread in threads:
            if self.wanted(thread["month"]) and thread["id"] not in self.requested_threads:
                self._count("jobpulse/hn/threads_found")
                yield self.thread_request(thread["id"])
        # Results come newest first: once a page reaches back before `since`, later pages
        # hold only older threads.
        reached_since = self.since is not None and any(
            thread["month"] is not None and thread["month"] < self.since for thread in threads
        )
        if not hits or reached_since:
            return
        per_page = int(payload.get("hitsPerPage") or len(hits))
        shown = (page + 1) * per_page  # hits this window has listed so far, this page included
        if page + 1 < nb_pages and shown < self.hit_cap:
            yield self.search_request(page + 1, before)
        elif int(payload.get("nbHits") or 0) > shown:
            # Past the pagination cap: the rest are older than the oldest hit seen so far.
            oldest = min(int(hit.get("created_at_i") or 0) for hit in hits)
            if oldest > 0 and (before is None or oldest < before):
                yield self.search_request(0, oldest)

    def parse_thread(self, response: Response, thread_id: str, what: str) -> Iterable[Any]:
        if self.is_missing(response, what):
            return []
        payload = self.json_payload(response, what)
        if not isinstance(payload, dict) or "id" not in payload:
            self.board_failed(thread_id, "unexpected payload (no item tree)")
            return []
        return refuse_unencodable(hn.extract(payload))

    def _count_by(self, key: str, count: int) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(key, count)
