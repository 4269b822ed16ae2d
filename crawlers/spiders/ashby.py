"""`scrapy crawl ashby -a boards=openai,ramp [-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crawlers.extractors import ashby
from crawlers.spiders.base import BoardSpider


class AshbySpider(BoardSpider):
    """All listed jobs of each Ashby job board, with compensation, in one request per board."""

    name = "ashby"
    default_base_url = "https://api.ashbyhq.com"

    def board_path(self, board: str, **page: Any) -> str:
        return f"/posting-api/job-board/{board}?includeCompensation=true"

    def parse_payload(self, payload: Any, board: str, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("board %s: expected a JSON object with 'jobs'", board)
            return []
        return ashby.extract(payload, board)
