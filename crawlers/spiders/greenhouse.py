"""`scrapy crawl greenhouse -a boards=anthropic,stripe [-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crawlers.extractors import greenhouse
from crawlers.spiders.base import BoardSpider


class GreenhouseSpider(BoardSpider):
    """All jobs of each Greenhouse board, descriptions included, in one request per board."""

    name = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"

    def board_path(self, board: str, **page: Any) -> str:
        return f"/v1/boards/{board}/jobs?content=true"

    def parse_payload(self, payload: Any, board: str, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("board %s: expected a JSON object with 'jobs'", board)
            return []
        self.declare_total(board, greenhouse.declared_total(payload))
        return greenhouse.extract(payload, board)
