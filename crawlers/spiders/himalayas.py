"""`scrapy crawl himalayas [-a max_pages=N] [-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from crawlers.extractors import himalayas
from crawlers.spiders.feed import FeedSpider, polite

# Himalayas answers at most 20 jobs per request whatever `limit` asks for.
PAGE_SIZE = 20


class HimalayasSpider(FeedSpider):
    """Himalayas' remote jobs, newest first, `?offset=&limit=20` until `totalCount` is reached."""

    name = "himalayas"
    default_base_url = "https://himalayas.app"
    path = "/jobs/api"
    # Himalayas rate-limits its public API (HTTP 429 with Retry-After, which the retry
    # middleware honours). Pages one at a time, a few seconds apart; max_pages (100 pages = the
    # 2,000 newest jobs) keeps a weekly run to a few minutes.
    custom_settings: ClassVar[dict[str, Any]] = polite("himalayas.app", 3.0)

    def first_query(self) -> list[tuple[str, Any]]:
        return [("offset", 0), ("limit", PAGE_SIZE)]

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("himalayas: expected a JSON object with 'jobs'")
            return
        jobs = payload.get("jobs") or []
        yield from himalayas.extract(payload, board)
        offset = int(payload.get("offset") or number * PAGE_SIZE) + len(jobs)
        total = payload.get("totalCount")
        if jobs and (not isinstance(total, int) or offset < total):
            request = self.next_page(number, [("offset", offset), ("limit", PAGE_SIZE)])
            if request is not None:
                yield request
