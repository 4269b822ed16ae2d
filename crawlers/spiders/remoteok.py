"""`scrapy crawl remoteok [-a base_url=http://127.0.0.1:PORT]`: the whole RemoteOK feed, one request."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from crawlers.extractors import remoteok
from crawlers.spiders.feed import FeedSpider, polite


class RemoteOkSpider(FeedSpider):
    """Every job of `remoteok.com/api` (one JSON array; element 0 is the legal notice, skipped)."""

    name = "remoteok"
    default_base_url = "https://remoteok.com"
    path = "/api"
    default_max_pages = 1  # the API has no pages: one document holds the whole feed
    custom_settings: ClassVar[dict[str, Any]] = {
        # RemoteOK's API terms (the `legal` element of every response): link back to the job's
        # page on Remote OK and name Remote OK as the source — items keep `url` = that page and
        # `source` = "remoteok" — or API access is suspended. One request per run (the feed is
        # one document), a modest delay, and few retries.
        **polite("remoteok.com", 5.0),
        "RETRY_TIMES": 2,
    }

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, list):
            self.logger.error("remoteok: expected a JSON array of jobs")
            return []
        return remoteok.extract(payload, board)
