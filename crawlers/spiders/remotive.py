"""`scrapy crawl remotive [-a base_url=http://127.0.0.1:PORT]`: the Remotive feed, one request a run."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from crawlers.extractors import remotive
from crawlers.spiders.feed import FeedSpider, polite


class RemotiveSpider(FeedSpider):
    """Every job of `remotive.com/api/remote-jobs` (the endpoint answers all jobs at once)."""

    name = "remotive"
    default_base_url = "https://remotive.com"
    path = "/api/remote-jobs"
    default_max_pages = 1
    custom_settings: ClassVar[dict[str, Any]] = {
        # Remotive's legal notice (the "0-legal-notice" key of each response): there is no need to
        # call the API often — a couple of times a day, at most four — and excessive requests are
        # blocked. So: one request per run (schedule runs no more than four times a day), one
        # retry only, a minute's wait before it, and a long delay between any two requests to the
        # host (robots.txt included). Their terms also ask for a link back to the job's Remotive
        # URL and Remotive named as the source: items keep both.
        **polite("remotive.com", 15.0),
        "RETRY_TIMES": 1,
        "RETRY_BACKOFF_BASE": 60.0,
    }

    def __init__(self, *args: Any, max_pages: str | int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)  # max_pages is ignored: there is only ever one request
        self.max_pages = 1

    def parse_payload(self, payload: Any, board: str, *, number: int = 0, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("remotive: expected a JSON object with 'jobs'")
            return []
        return remotive.extract(payload, board)
