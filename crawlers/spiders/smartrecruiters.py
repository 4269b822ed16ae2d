"""`scrapy crawl smartrecruiters -a boards=Visa,BoschGroup [-a base_url=http://127.0.0.1:PORT]`.

Board tokens are company identifiers as in `jobs.smartrecruiters.com/<identifier>` (case matters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.extractors.smartrecruiters import listing_page, posting_item
from crawlers.spiders.base import BoardSpider, refuse_unencodable


class SmartRecruitersSpider(BoardSpider):
    """Each company's list pages (`page_size` at a time), then one detail request per posting for
    its job ad. A detail that has gone (404) or keeps failing still lands the listing, without
    description."""

    name = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"
    page_size = 100  # the API's maximum `limit`
    # One list page per 100 postings but a detail call for every posting: this source makes the
    # most requests per board, so it keeps to two in flight and a steady delay on the API host.
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_DELAY": 0.5}

    def __init__(self, *args: Any, page_size: int | str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if page_size:  # `-a page_size=25`: smaller pages, e.g. to exercise paging on a sandbox
            self.page_size = min(int(page_size), 100)

    def initial_requests(self) -> list[Any]:
        if not self.boards:
            self.logger.warning("no boards given (use -a boards=a,b,c): nothing to crawl")
        return [self.board_request(board, offset=0, seen=set()) for board in self.boards]

    def board_path(self, board: str, *, offset: int = 0, **page: Any) -> str:
        return f"/v1/companies/{board}/postings?offset={offset}&limit={self.page_size}"

    def parse_payload(
        self, payload: Any, board: str, *, offset: int = 0, seen: set[str] | None = None, **page: Any
    ) -> Iterable[Any]:
        if not isinstance(payload, dict):
            self.logger.error("board %s: expected a JSON object with 'content'", board)
            return
        listings, total = listing_page(payload)
        seen = set() if seen is None else seen
        fresh = [listing for listing in listings if str(listing["id"]) not in seen]
        if offset == 0 and total == 0:
            # The API answers an unknown company with an empty list, not a 404: say so once.
            self.logger.warning("board %s has no postings (unknown company identifier?)", board)
        for listing in fresh:
            seen.add(str(listing["id"]))
            yield self.detail_request(board, listing)
        # More pages while the total says so; a page with nothing new (a server ignoring
        # `offset`) ends the board instead of looping.
        next_offset = offset + len(listings)
        if fresh and next_offset < total:
            yield self.board_request(board, offset=next_offset, seen=seen)

    def detail_request(self, board: str, listing: dict[str, Any]) -> scrapy.Request:
        path = f"/v1/companies/{quote(board, safe='')}/postings/{quote(str(listing['id']), safe='')}"
        return scrapy.Request(
            self.url(path),
            callback=self.parse_detail,
            errback=self.on_detail_error,
            cb_kwargs={"board": board, "listing": listing, "what": f"posting {listing['id']} of board {board}"},
        )

    def parse_detail(self, response: Response, board: str, listing: dict[str, Any], what: str) -> Iterable[Any]:
        if response.status == 404:
            self.logger.warning("%s has gone (404): landed from its listing, without job ad", what)
            self._count("jobpulse/detail_gone")
            return [posting_item(listing, None, board)]
        detail = self.json_payload(response, what)  # not JSON: logged, and the listing still lands
        return refuse_unencodable([posting_item(listing, detail if isinstance(detail, dict) else None, board)])

    def on_detail_error(self, failure: Failure) -> Iterable[Any]:
        """A detail that keeps failing is logged, and its listing lands without the job ad: the
        posting was listed, so it must count as seen (or the run would close it)."""
        self.on_error(failure)
        kwargs = failure.request.cb_kwargs
        return [posting_item(kwargs["listing"], None, kwargs["board"])]
