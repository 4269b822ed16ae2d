"""`scrapy crawl lever -a boards=palantir,jumpcloud [-a base_url=http://127.0.0.1:PORT]`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crawlers.extractors import lever
from crawlers.spiders.base import BoardSpider


class LeverSpider(BoardSpider):
    """All postings of each Lever company, `page_size` at a time until a short page."""

    name = "lever"
    default_base_url = "https://api.lever.co"
    page_size = 100

    def initial_requests(self) -> list[Any]:
        if not self.boards:
            self.logger.warning("no boards given (use -a boards=a,b,c): nothing to crawl")
        return [self.board_request(board, skip=0, seen=set()) for board in self.boards]

    def board_path(self, board: str, *, skip: int = 0, **page: Any) -> str:
        return f"/v0/postings/{board}?mode=json&skip={skip}&limit={self.page_size}"

    def parse_payload(
        self, payload: Any, board: str, *, skip: int = 0, seen: set[str] | None = None, **page: Any
    ) -> Iterable[Any]:
        if not isinstance(payload, list):
            self.logger.error("board %s: expected a JSON array of postings", board)
            return
        seen = set() if seen is None else seen
        new_ids = {str(posting.get("id")) for posting in payload if isinstance(posting, dict)} - seen
        yield from lever.extract([p for p in payload if isinstance(p, dict)], board)
        # A full page means there may be more. A server that ignores `skip` would send the same
        # page forever, so a page with nothing new also ends the board.
        if len(payload) >= self.page_size and new_ids:
            seen |= new_ids
            yield self.board_request(board, skip=skip + self.page_size, seen=seen)
