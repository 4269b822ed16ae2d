"""`scrapy crawl workable -a boards=huggingface,vasion [-a base_url=http://127.0.0.1:PORT]`.

Board tokens are account slugs as in `apply.workable.com/<account>/`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crawlers.extractors import workable
from crawlers.spiders.base import BoardSpider


class WorkableSpider(BoardSpider):
    """All published jobs of each Workable account, descriptions included, in one widget request."""

    name = "workable"
    default_base_url = "https://apply.workable.com"
    # Workable answers bursts with 429s; one request at a time per host, a second apart, is
    # what a careers-page widget would cost it.
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 1.0}

    def board_path(self, board: str, **page: Any) -> str:
        return f"/api/v1/widget/accounts/{board}?details=true"

    def parse_payload(self, payload: Any, board: str, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("board %s: expected a JSON object with 'jobs'", board)
            return []
        return workable.extract(payload, board)
