"""`scrapy crawl themuse [-a category="Data Science,Software Engineering"] [-a max_pages=N]
[-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from crawlers.extractors import themuse
from crawlers.spiders.base import split_list
from crawlers.spiders.feed import FeedSpider, polite


class TheMuseSpider(FeedSpider):
    """The Muse's public jobs, `?page=0, 1, …` (pages count from 0) until `page_count`."""

    name = "themuse"
    default_base_url = "https://www.themuse.com"
    path = "/api/public/jobs"
    custom_settings: ClassVar[dict[str, Any]] = {
        # The Muse's API documentation: 500 requests per hour without an API key, i.e. one
        # request every 7.2 s. A fixed delay of 7.2 s (no jitter: Scrapy's default 0.5–1.5×
        # would dip below it), which AutoThrottle never goes under, keeps every hour in the limit.
        **polite("www.themuse.com", 7.2, jitter=0),
        "DOWNLOAD_DELAY_JITTER": 0,
        "AUTOTHROTTLE_START_DELAY": 7.2,
    }

    def __init__(self, *args: Any, category: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Several categories OR together (the API takes the parameter repeated).
        self.categories = split_list(category)

    def query(self, page: int) -> list[tuple[str, Any]]:
        return [("page", page), *(("category", name) for name in self.categories)]

    def first_query(self) -> list[tuple[str, Any]]:
        return self.query(0)

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("themuse: expected a JSON object with 'results'")
            return
        yield from themuse.extract(payload, board)
        page = payload.get("page") if isinstance(payload.get("page"), int) else number
        page_count = payload.get("page_count")
        if payload.get("results") and isinstance(page_count, int) and page + 1 < page_count:
            request = self.next_page(number, self.query(page + 1))
            if request is not None:
                yield request
