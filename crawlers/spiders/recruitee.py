"""`scrapy crawl recruitee -a boards=aikidosecurity,bunq [-a base_url=http://127.0.0.1:PORT]`.

Board tokens are careers-site subdomains: `https://<company>.recruitee.com/api/offers/`. Every
company has its own host, so a sandbox (`-a base_url=`) serves them under one host instead, at
`<base_url>/recruitee/<company>/api/offers/` (jobpulse/sandbox/server.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import scrapy

from crawlers.extractors import recruitee
from crawlers.spiders.base import BoardSpider

COMPANY_HOST = "https://{board}.recruitee.com"
_SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)


class RecruiteeSpider(BoardSpider):
    """All published offers of each Recruitee company, full text and salary, in one request."""

    name = "recruitee"
    default_base_url = ""  # none: the host is per company, unless a sandbox base_url is given
    allowed_domains = ["recruitee.com"]  # every company's subdomain, and nothing else
    # Each company is its own host (its own Scrapy download slot), but all are one service:
    # few requests in flight overall, one per company host, a second apart.
    custom_settings = {"CONCURRENT_REQUESTS": 4, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 1.0}

    def initial_requests(self) -> list[scrapy.Request]:
        valid = []
        for board in self.boards:
            if _SUBDOMAIN.fullmatch(board):
                valid.append(board)
            else:  # it would become part of a host name; refuse it instead of crawling elsewhere
                self.logger.error("board %r is not a Recruitee subdomain: skipped", board)
                self._count("jobpulse/bad_board")
        self.boards = valid
        return super().initial_requests()

    def board_path(self, board: str, **page: Any) -> str:
        if self.base_url:
            return f"/recruitee/{board}/api/offers/"
        return COMPANY_HOST.format(board=board.lower()) + "/api/offers/"

    def url(self, path: str) -> str:
        return path if "://" in path else super().url(path)

    def parse_payload(self, payload: Any, board: str, **page: Any) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("board %s: expected a JSON object with 'offers'", board)
            return []
        return recruitee.extract(payload, board)
