"""What the job-board spiders share: `-a boards=…`/`-a base_url=…`, 404 handling, JSON decoding,
and per-board accounting.

Spiders stay thin: they build requests, follow pages and hand each JSON payload to a pure
extractor from `crawlers.extractors`. Every request names its board (`board_request` does it), so
`crawlers.middlewares.BoardStatsMiddleware` counts requests, responses and items per board, and a
board that fails (404, 5xx after retries, an off-domain redirect, a payload that is not JSON)
records its reason under `jobpulse/board/<board>/failure` while the crawl goes on.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.extractors.common import refused
from crawlers.middlewares import BOARD_META, board_of, record_board_answer, record_board_failure


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """ "a, b,,c" (or a list) → ["a", "b", "c"], order kept, duplicates dropped."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return list(dict.fromkeys(part.strip() for part in parts if part and part.strip()))


def failure_reason(failure: Failure) -> str:
    """One line saying why a request failed for good: "HTTP 500 after 3 retries", "not found
    (404)", "redirect off-domain to …", "forbidden by robots.txt", "TimeoutError: … after 3 retries"."""
    request = getattr(failure, "request", None)
    retries = request.meta.get("retry_times", 0) if request is not None else 0
    after = f" after {retries} retries" if retries else ""
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return "not found (404)" if status == 404 else f"HTTP {status}{after}"
    if isinstance(error, IgnoreRequest):
        message = str(error) or type(error).__name__
        return "forbidden by robots.txt" if "robots.txt" in message else message
    return f"{type(error).__name__}: {error}"[:200] + after


def refuse_unencodable(results: Iterable[Any]) -> Iterator[Any]:
    """Items holding text that is not valid Unicode (from a bad byte in the answer) become
    refusals: the landing file must stay UTF-8, and the rest of the board must still land."""
    for result in results:
        if isinstance(result, dict) and not _is_utf8(result):
            if "_reject" in result:  # already a refusal: keep its original, escaped
                result = {**result, "_original": json.dumps(result.get("_original"), default=str)}
            else:
                result = refused(
                    str(result.get("source") or ""),
                    result.get("board"),
                    "invalid UTF-8 in the source's answer",
                    json.dumps(result.get("raw") or {}, default=str),
                )
        yield result


def _is_utf8(record: dict[str, Any]) -> bool:
    try:
        json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class JsonApiSpider(scrapy.Spider):
    """A spider for a public JSON API whose host can be swapped (`-a base_url=`) for the sandbox."""

    default_base_url: ClassVar[str] = ""
    # 404s reach the callbacks (instead of being dropped by HttpErrorMiddleware) so a missing
    # board is reported once, by name, and the crawl goes on.
    handle_httpstatus_list: ClassVar[list[int]] = [404]

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        # Requests, redirects included, stay on the source's own host (and any domains the
        # spider class lists itself); with a sandbox base_url that host is the one allowed.
        host = urlsplit(self.base_url).hostname
        declared = list(getattr(type(self), "allowed_domains", None) or [])
        self.allowed_domains = list(dict.fromkeys([*declared, *([host] if host else [])]))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.initial_requests():
            yield request

    def initial_requests(self) -> list[scrapy.Request]:
        raise NotImplementedError

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def is_missing(self, response: Response, what: str) -> bool:
        """True (after one clear warning) when the API says `what` does not exist."""
        if response.status != 404:
            return False
        self.logger.warning("%s not found (404)", what)
        self._count("jobpulse/not_found")
        self.board_failed(board_of(response.request), "not found (404)")
        return True

    def json_payload(self, response: Response, what: str) -> Any | None:
        """The decoded JSON body, or None (logged) when the API sent something else.

        A body that is not valid UTF-8 is decoded byte-faithfully (each bad byte becomes a lone
        surrogate) so the bad byte costs the record it sits in (see `refuse_unencodable`), not the
        whole board."""
        try:
            try:
                return json.loads(response.body)
            except UnicodeDecodeError:
                self._count("jobpulse/invalid_utf8")
                return json.loads(response.body.decode("utf-8", errors="surrogateescape"))
        except (ValueError, RecursionError):
            self.logger.error("%s: response from %s is not JSON", what, response.url)
            self._count("jobpulse/bad_payload")
            self.board_failed(board_of(response.request), f"response is not JSON (HTTP {response.status})")
            return None

    def on_error(self, failure: Failure) -> None:
        """Errback: a board that keeps failing (5xx after retries, timeouts) is logged and skipped."""
        request = getattr(failure, "request", None)
        what = request.cb_kwargs.get("what") if request is not None else None
        reason = failure_reason(failure)
        self.logger.error("%s failed: %s", what or getattr(request, "url", "request"), reason)
        self._count("jobpulse/failed")
        self.board_failed(board_of(request), reason)
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            record_board_answer(crawler.stats, request)

    def board_failed(self, board: str | None, reason: str) -> None:
        """Mark a board as failed for this crawl (its postings will not be closed), with why."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            record_board_failure(crawler.stats, board, reason)

    def _count(self, key: str) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(key)


class BoardSpider(JsonApiSpider):
    """One (or a few paged) JSON documents per board: `scrapy crawl NAME -a boards=a,b,c`."""

    def __init__(self, *args: Any, boards: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.boards = split_list(boards)

    def initial_requests(self) -> list[scrapy.Request]:
        if not self.boards:
            self.logger.warning("no boards given (use -a boards=a,b,c): nothing to crawl")
        return [self.board_request(board) for board in self.boards]

    def board_path(self, board: str, **page: Any) -> str:
        raise NotImplementedError

    def board_request(self, board: str, **page: Any) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.board_path(quote(board, safe=""), **page)),
            callback=self.parse_board,
            errback=self.on_error,
            cb_kwargs={"board": board, "what": f"board {board}", **page},
            meta={BOARD_META: board},
        )

    def parse_board(self, response: Response, board: str, what: str, **page: Any) -> Iterable[Any]:
        if self.is_missing(response, what):
            return []
        payload = self.json_payload(response, what)
        if payload is None:
            return []
        if not isinstance(payload, dict | list):
            # Valid JSON but no board document: never let it pass for an empty board.
            self.logger.error("%s: expected a JSON object or array, got %s", what, type(payload).__name__)
            self.board_failed(board, f"unexpected payload ({type(payload).__name__})")
            return []
        self._count(f"jobpulse/board/{board}/listings")
        return refuse_unencodable(self.parse_payload(payload, board, **page))

    def declare_total(self, board: str, total: int | None) -> None:
        """Record how many jobs the board says it has: a crawl that parsed a different number (or
        nothing, with no total to back it) is suspect and closes none of the board's postings."""
        crawler = getattr(self, "crawler", None)
        if total is not None and crawler is not None and crawler.stats is not None:
            crawler.stats.set_value(f"jobpulse/board/{board}/declared_total", total)

    def parse_payload(self, payload: Any, board: str, **page: Any) -> Iterable[Any]:
        """Items (and follow-up requests) for one decoded board document."""
        raise NotImplementedError
