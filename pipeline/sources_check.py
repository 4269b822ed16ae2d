"""`jobpulse sources check`: ask every enabled board once whether it answers, and how.

Each source's own spider builds the requests (the first request per board: the same URL a crawl
starts with) and parses the answers, so what counts as a posting is what a crawl would land. The
requests are made here, one at a time per host, as politely as a crawl: robots.txt is obeyed, the
User-Agent names the crawler's contact, and requests to a host are spaced by the delay a crawl
starts with (the spider's DOWNLOAD_DELAY or AutoThrottle's start delay, whichever is longer;
none on loopback, like a crawl of the sandbox). Redirects are not followed but reported: a board
that redirects has moved, and a crawl would not follow it off the source's host.

Verdicts: `ok` (answered; with the postings listed in that first answer), `moved` (a redirect, and
where to), `missing` (404: the token is wrong or the company left the ATS), `failing` (any other
answer, a network error, a payload the spider could not read, or robots.txt forbids it).
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from pipeline.sources import SourceSpec
from pipeline.spider_process import is_local

HOSTS_AT_ONCE = 4  # different hosts are asked side by side; one host never sees two requests at once
TIMEOUT_SECONDS = 30.0
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BoardCheck:
    source: str
    board: str
    status: str  # 'ok' | 'moved' | 'missing' | 'failing'
    postings: int | None  # what the first answer lists (for HN: threads); None unless ok
    detail: str | None  # where it moved, why it fails, "more pages not asked", …
    url: str


class _Stats:
    """What a spider's callbacks record while parsing (a board's failure reason among them)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] = self.values.get(key, start) + count


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx surfaces as an HTTPError: a moved board is reported, not followed


_OPENER = urllib.request.build_opener(_NoRedirects)


def _spider(spec: SourceSpec):
    """The source's spider, built as `scrapy crawl` would with this spec's arguments."""
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    cls = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["crawlers.spiders"]})).load(spec.source)
    args = dict(spec.args)  # HN: its newest threads (or those of `since`), one search page
    if spec.boards:
        args["boards"] = ",".join(spec.boards)
    if spec.base_url:
        args["base_url"] = spec.base_url
    spider = cls(**args)
    stats = _Stats()
    spider.crawler = SimpleNamespace(stats=stats, settings=_settings(spec))
    return spider, stats


def _settings(spec: SourceSpec):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.setdict(spec.settings, priority="cmdline")
    return settings


def _delay(spider: Any, spec: SourceSpec) -> float:
    """Seconds between two requests to one host: where a crawl of this source starts."""
    if is_local(spec.base_url):
        return 0.0
    settings = _settings(spec)
    settings.setdict(getattr(type(spider), "custom_settings", None) or {}, priority="spider")
    settings.setdict(spec.settings, priority="cmdline")
    delay = settings.getfloat("DOWNLOAD_DELAY")
    if settings.getbool("AUTOTHROTTLE_ENABLED"):
        delay = max(delay, settings.getfloat("AUTOTHROTTLE_START_DELAY"))
    return delay


class _Robots:
    """robots.txt per host, read once with the crawler's User-Agent (Scrapy's rules: unreadable → allowed)."""

    def __init__(self) -> None:
        self.parsers: dict[str, RobotFileParser | None] = {}
        self.lock = threading.Lock()

    def allowed(self, url: str, user_agent: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self.lock:
            if origin not in self.parsers:
                self.parsers[origin] = self._read(origin + "/robots.txt", user_agent)
        parser = self.parsers[origin]
        return parser is None or parser.can_fetch(user_agent, url)

    @staticmethod
    def _read(url: str, user_agent: str) -> RobotFileParser | None:
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, headers={"User-Agent": user_agent}), timeout=TIMEOUT_SECONDS
            ) as answer:
                text = answer.read().decode("utf-8", errors="replace")
        except (urllib.error.URLError, OSError, ValueError):
            return None
        parser = RobotFileParser(url)
        parser.parse(text.splitlines())
        return parser


def _headers(request: Any, user_agent: str) -> dict[str, str]:
    headers = {k.decode(): b", ".join(v).decode() for k, v in request.headers.items()}
    return {**headers, "User-Agent": user_agent}


def _ask(source: str, spider: Any, stats: _Stats, request: Any, user_agent: str, robots: _Robots) -> BoardCheck:
    from crawlers.middlewares import board_of

    board = board_of(request) or source
    url = request.url
    if not robots.allowed(url, user_agent):
        return BoardCheck(source, board, "failing", None, "forbidden by robots.txt", url)
    try:
        with _OPENER.open(
            urllib.request.Request(url, headers=_headers(request, user_agent)), timeout=TIMEOUT_SECONDS
        ) as answer:
            status, headers, body = answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            where = urljoin(url, error.headers.get("Location") or "")
            return BoardCheck(source, board, "moved", None, f"HTTP {error.code} → {where}", url)
        if error.code == 404:
            return BoardCheck(source, board, "missing", None, "not found (404)", url)
        return BoardCheck(source, board, "failing", None, f"HTTP {error.code}", url)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return BoardCheck(source, board, "failing", None, f"{type(error).__name__}: {reason}"[:160], url)
    return _parse(source, spider, stats, request, status, headers, body, board)


def _parse(
    source: str, spider: Any, stats: _Stats, request: Any, status: int, headers: dict[str, str], body: bytes, board: str
) -> BoardCheck:
    from scrapy.http import Request
    from scrapy.responsetypes import responsetypes

    from contract.crawl_identity import board_key

    cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
    response = cls(url=request.url, status=status, headers=headers, body=body, request=request)
    try:
        outputs = list(request.callback(response, **request.cb_kwargs) or [])
    except Exception as error:  # a payload the spider cannot read is this board's failure, not the check's
        return BoardCheck(
            source, board, "failing", None, f"unreadable answer: {type(error).__name__}: {error}"[:160], request.url
        )
    failure = stats.get_value(board_key(board, "failure"))
    if failure:
        return BoardCheck(source, board, "failing", None, str(failure), request.url)
    follow = [o for o in outputs if isinstance(o, Request)]
    items = len(outputs) - len(follow)
    # A list page may only name postings (or HN threads) to fetch next; those count as listed.
    listed = items or sum(r.callback != request.callback for r in follow)
    more = any(r.callback == request.callback for r in follow)
    return BoardCheck(source, board, "ok", listed, "more pages not asked" if more else None, request.url)


def check_sources(specs: Iterable[SourceSpec], progress: Progress | None = None) -> list[BoardCheck]:
    """Every enabled board of every source asked once; results in the order of the sources file."""
    from contract.crawl_identity import environment_user_agent

    robots = _Robots()
    plan: list[tuple[str, Any, _Stats, Any, str]] = []
    delays: dict[str, float] = {}
    for spec in specs:
        spider, stats = _spider(spec)
        user_agent = spec.settings.get("USER_AGENT") or environment_user_agent()
        for request in spider.initial_requests():
            host = urlsplit(request.url).netloc
            delays[host] = max(delays.get(host, 0.0), _delay(spider, spec))
            plan.append((spec.source, spider, stats, request, user_agent))
    by_host: dict[str, list[int]] = defaultdict(list)
    for index, (_, _, _, request, _) in enumerate(plan):
        by_host[urlsplit(request.url).netloc].append(index)
    results: list[BoardCheck | None] = [None] * len(plan)
    done = [0]
    lock = threading.Lock()

    def ask_host(host: str) -> None:
        for n, index in enumerate(by_host[host]):
            if n:
                time.sleep(delays[host])
            source, spider, stats, request, user_agent = plan[index]
            results[index] = _ask(source, spider, stats, request, user_agent, robots)
            with lock:
                done[0] += 1
                if progress and (done[0] % 25 == 0 or done[0] == len(plan)):
                    progress(f"{done[0]:,} of {len(plan):,} boards asked")

    with ThreadPoolExecutor(max_workers=HOSTS_AT_ONCE) as pool:
        list(pool.map(ask_host, list(by_host)))
    return [r for r in results if r is not None]


def format_checks(checks: list[BoardCheck]) -> list[str]:
    """The table `sources check` prints, then one line of totals."""
    width = max([len(c.board) for c in checks] + [5])
    lines = [f"{'source':<16}{'board':<{width + 2}}{'status':<9}{'listed':>7}  detail"]
    for c in checks:
        listed = f"{c.postings:,}" if c.postings is not None else "-"
        lines.append(f"{c.source:<16}{c.board:<{width + 2}}{c.status:<9}{listed:>7}  {c.detail or ''}".rstrip())
    totals = {status: sum(c.status == status for c in checks) for status in ("ok", "moved", "missing", "failing")}
    lines.append(f"{len(checks)} boards: " + ", ".join(f"{n} {status}" for status, n in totals.items()))
    return lines
