"""`scrapy crawl arbeitnow [-a max_pages=N] [-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from crawlers.extractors import arbeitnow
from crawlers.spiders.feed import FeedSpider, polite


class ArbeitnowSpider(FeedSpider):
    """The Arbeitnow job board, `?page=1, 2, …` until `links.next` is null (newest first)."""

    name = "arbeitnow"
    default_base_url = "https://www.arbeitnow.com"
    path = "/api/job-board-api"
    # Arbeitnow's terms (the `meta.terms` of every page): a free public API that must not be
    # abused. Pages one at a time, a couple of seconds apart.
    custom_settings: ClassVar[dict[str, Any]] = polite("www.arbeitnow.com", 2.0)

    def first_query(self) -> list[tuple[str, Any]]:
        return [("page", 1)]

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("arbeitnow: expected a JSON object with 'data'")
            return
        yield from arbeitnow.extract(payload, board)
        # `links.next` is an absolute URL on arbeitnow.com; only its page number is used, so the
        # crawl stays on the configured host (the sandbox, or a mirror).
        following = arbeitnow.next_page(payload)
        if payload.get("data") and following is not None and following > number + 1:
            request = self.next_page(number, [("page", following)])
            if request is not None:
                yield request
