"""`scrapy crawl hn [-a since=YYYY-MM] [-a until=YYYY-MM] [-a threads=id1,id2] [-a base_url=…]`.

Finds the monthly "Ask HN: Who is hiring?" threads through Algolia's search (newest first,
page by page), then fetches each thread's whole comment tree in one `items/<id>` request.
`-a threads=` skips discovery and fetches the given threads. `boards` is accepted and ignored so
every spider can be started with the same arguments.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import scrapy
from scrapy.http import Response

from crawlers.extractors.hn import extract_search_page, extract_thread
from crawlers.spiders.base import JsonApiSpider, split_list

SEARCH_PATH = (
    "/api/v1/search_by_date?query=hiring&tags=story,(author__whoishiring,author_whoishiring)&page={page}"
)
ITEM_PATH = "/api/v1/items/{thread_id}"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month_arg(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _MONTH.match(value):
        raise ValueError(f"-a {name}= must look like YYYY-MM, got {value!r}")
    return value


class HackerNewsSpider(JsonApiSpider):
    """Job posts (top-level comments) of the monthly who-is-hiring threads."""

    name = "hn"
    default_base_url = "https://hn.algolia.com"

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

    def initial_requests(self) -> list[scrapy.Request]:
        if self.threads:
            return [self.thread_request(thread_id) for thread_id in self.threads]
        return [self.search_request(0)]

    def search_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(SEARCH_PATH.format(page=page)),
            callback=self.parse_search_page,
            errback=self.on_error,
            cb_kwargs={"page": page, "what": f"thread search page {page}"},
        )

    def thread_request(self, thread_id: str) -> scrapy.Request:
        return scrapy.Request(
            self.url(ITEM_PATH.format(thread_id=thread_id)),
            callback=self.parse_thread,
            errback=self.on_error,
            cb_kwargs={"thread_id": thread_id, "what": f"thread {thread_id}"},
        )

    def wanted(self, month: str | None) -> bool:
        """Whether a thread for `month` ("YYYY-MM") falls inside -a since/until (inclusive)."""
        if month is None:
            return self.since is None and self.until is None
        return (self.since is None or month >= self.since) and (self.until is None or month <= self.until)

    def parse_search_page(self, response: Response, page: int, what: str) -> Iterable[Any]:
        if self.is_missing(response, what):
            return
        payload = self.json_payload(response, what)
        if not isinstance(payload, dict):
            return
        threads, nb_pages = extract_search_page(payload)
        for thread in threads:
            if self.wanted(thread["month"]):
                yield self.thread_request(thread["id"])
        # Results come newest first: once a page reaches back before `since`, later pages
        # hold only older threads.
        reached_since = self.since is not None and any(
            thread["month"] is not None and thread["month"] < self.since for thread in threads
        )
        if payload.get("hits") and page + 1 < nb_pages and not reached_since:
            yield self.search_request(page + 1)

    def parse_thread(self, response: Response, thread_id: str, what: str) -> Iterable[Any]:
        if self.is_missing(response, what):
            return []
        payload = self.json_payload(response, what)
        if not isinstance(payload, dict) or "id" not in payload:
            return []
        return extract_thread(payload)
