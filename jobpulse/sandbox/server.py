"""The sandbox board: a local HTTP server speaking Greenhouse, Lever, Ashby and HN Algolia.

URL paths are the real APIs' paths, so a spider crawls it by swapping only scheme/host/port.
Greenhouse, Lever and Ashby JSON is built in wire_greenhouse_lever_ashby.py; SmartRecruiters,
Workable and Recruitee too (wire_smartrecruiters_workable_recruitee.py); Recruitee has one host
per company (`<company>.recruitee.com/api/offers/`), served here at `/recruitee/<company>/api/offers/`.
The aggregators RemoteOK, Remotive, Arbeitnow, Himalayas and The Muse re-publish some of those
postings at their real API paths (wire_aggregators.py); a few companies also run a career site
with schema.org JobPosting pages and sitemaps under `/careers/` (careers.py).
`SandboxBoard.clock` says what "today" is: only postings (and HN items) published on or before
it are served, so a test can crawl, move the clock, and crawl again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import algolia, careers, wire_aggregators
from .corpus import ATS_NAMES, Corpus, generate_corpus
from .hn import HNComment, HNStory
from .wire_greenhouse_lever_ashby import ashby_job, end_of, greenhouse_job, lever_posting
from .wire_smartrecruiters_workable_recruitee import (
    recruitee_offer,
    smartrecruiters_detail,
    smartrecruiters_listing,
    smartrecruiters_page,
    workable_widget,
)

JSON_TYPE = "application/json; charset=utf-8"
ALGOLIA_PAGE_SIZE = 20


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = JSON_TYPE
    headers: tuple[tuple[str, str], ...] = ()  # extra response headers (a redirect's Location)


def _json(payload: object, status: int = 200) -> Reply:
    return Reply(status, json.dumps(payload).encode())


NOT_FOUND = _json({"status": 404, "error": "Not Found"}, 404)
# Faults a test can inject per board token (`SandboxBoard(faults={"acme": "server_error"})`), answered
# for any path with that token as a segment, before routing: a board gone, a board failing however
# often it is retried, and a board that moved to another domain (which a crawl must not follow).
OFFSITE_HOST = "http://offsite.example"
FAULTS = {
    "not_found": lambda path: NOT_FOUND,
    "server_error": lambda path: _json({"status": 500, "error": "Internal Server Error"}, 500),
    "offsite_redirect": lambda path: Reply(302, b"", "text/plain", (("Location", f"{OFFSITE_HOST}{path}"),)),
}


class BoardRouter:
    """Answers a request path from the corpus as of a clock; no sockets, so tests can call it."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._cache: dict[tuple, object] = {}
        self.faults: dict[str, str] = {}  # board token → a FAULTS name
        self._lock = threading.Lock()
        self._hn_nodes: dict[int, HNStory | HNComment] = {}
        self.origin = "http://127.0.0.1"  # absolute URLs in sitemaps; SandboxBoard.start() sets it
        for story in corpus.hn_stories:
            self._index(story)
        self._routes = (
            (re.compile(r"/v1/boards/([^/]+)/jobs/?"), self._greenhouse_board),
            (re.compile(r"/v1/boards/([^/]+)/jobs/(\d+)"), self._greenhouse_job),
            (re.compile(r"/v0/postings/([^/]+)/?"), self._lever),
            (re.compile(r"/posting-api/job-board/([^/]+)/?"), self._ashby),
            (re.compile(r"/v1/companies/([^/]+)/postings/?"), self._smartrecruiters_list),
            (re.compile(r"/v1/companies/([^/]+)/postings/([^/]+)"), self._smartrecruiters_detail),
            (re.compile(r"/api/v1/widget/accounts/([^/]+)/?"), self._workable),
            (re.compile(r"/recruitee/([^/]+)/api/offers/?"), self._recruitee),
            (re.compile(r"/api/v1/search(?:_by_date)?"), self._algolia_search),
            (re.compile(r"/api/v1/items/(\d+)"), self._algolia_item),
            *(
                (re.compile(re.escape(path) + "/?"), self._aggregator(name))
                for name, path in wire_aggregators.PATHS.items()
            ),
            (re.compile(r"/careers/(.*)"), self._careers),
            (
                re.compile(r"/robots\.txt"),
                lambda q, c: Reply(200, b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8"),
            ),
            (re.compile(r"/_sandbox/boards/?"), self._boards),
        )

    def _index(self, node: HNStory | HNComment) -> None:
        self._hn_nodes[node.id] = node
        for child in node.children:
            self._index(child)

    def handle(self, target: str, clock: dt.date) -> Reply:
        parts = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if self.faults and (fault := next((self.faults[s] for s in parts.path.split("/") if s in self.faults), None)):
            return FAULTS[fault](target)
        for pattern, route in self._routes:
            if match := pattern.fullmatch(parts.path):
                return route(query | {"_args": match.groups(), "_raw": parts.query}, clock)
        return NOT_FOUND

    def _cached(self, key: tuple, build):
        with self._lock:  # one builder per key; a full crawl renders each board once per clock
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]

    def _visible(self, ats: str, token: str, clock: dt.date):
        company = self.corpus.company(ats, token)
        if company is None:
            return None
        # Newest first, like the boards list them.
        return [
            p
            for p in reversed(self.corpus.postings_on(company))
            if p.posted_on <= clock and (p.closes_on is None or clock < p.closes_on)
        ]

    # --- ATS routes ---------------------------------------------------------------------------

    def _greenhouse_board(self, q: dict, clock: dt.date) -> Reply:
        token, content = q["_args"][0], q.get("content", "").lower() == "true"

        def build() -> Reply:
            postings = self._visible("greenhouse", token, clock)
            if postings is None:
                return _json({"status": 404, "error": "Job not found"}, 404)
            jobs = [greenhouse_job(p, content, clock) for p in postings]
            return _json({"jobs": jobs, "meta": {"total": len(jobs)}})

        return self._cached(("greenhouse", token, content, clock), build)

    def _greenhouse_job(self, q: dict, clock: dt.date) -> Reply:
        token, job_id = q["_args"]
        for p in self._visible("greenhouse", token, clock) or []:
            if p.id == job_id:
                return _json(greenhouse_job(p, True, clock))
        return _json({"status": 404, "error": "Job not found"}, 404)

    def _lever(self, q: dict, clock: dt.date) -> Reply:
        token = q["_args"][0]

        def build() -> list[str] | None:
            postings = self._visible("lever", token, clock)
            return None if postings is None else [json.dumps(lever_posting(p)) for p in postings]

        fragments = self._cached(("lever", token, clock), build)
        if fragments is None:
            return _json({"ok": False, "error": "Document not found"}, 404)
        if q.get("mode") != "json":  # the real endpoint answers HTML without mode=json
            return Reply(200, b"<html><body>Use ?mode=json</body></html>", "text/html; charset=utf-8")
        skip = int(q.get("skip") or 0)
        limit = int(q["limit"]) if q.get("limit") else len(fragments)
        return Reply(200, ("[" + ",".join(fragments[skip : skip + limit]) + "]").encode())

    def _ashby(self, q: dict, clock: dt.date) -> Reply:
        token, compensation = q["_args"][0], q.get("includeCompensation", "").lower() == "true"

        def build() -> Reply:
            postings = self._visible("ashby", token, clock)
            if postings is None:
                return _json({"success": False, "error": "Job board not found"}, 404)
            return _json({"apiVersion": "1", "jobs": [ashby_job(p, compensation) for p in postings]})

        return self._cached(("ashby", token, compensation, clock), build)

    def _smartrecruiters_list(self, q: dict, clock: dt.date) -> Reply:
        token = q["_args"][0]

        def build() -> list[dict] | None:
            postings = self._visible("smartrecruiters", token, clock)
            return None if postings is None else [smartrecruiters_listing(p) for p in postings]

        listings = self._cached(("smartrecruiters", token, clock), build)
        if listings is None:
            return _json({"code": "NOT_FOUND", "message": f"Company {token} not found"}, 404)
        offset = max(int(q.get("offset") or 0), 0)
        limit = min(max(int(q.get("limit") or 10), 1), 100)  # the API's default and maximum
        page = listings[offset : offset + limit]
        return _json(smartrecruiters_page(page, offset, limit, len(listings)))

    def _smartrecruiters_detail(self, q: dict, clock: dt.date) -> Reply:
        token, posting_id = q["_args"]
        by_id = self._cached(
            ("smartrecruiters-ids", token, clock),
            lambda: {p.id: p for p in self._visible("smartrecruiters", token, clock) or []},
        )
        if posting_id not in by_id:
            return _json({"code": "NOT_FOUND", "message": f"Posting {posting_id} not found"}, 404)
        return _json(smartrecruiters_detail(by_id[posting_id]))

    def _workable(self, q: dict, clock: dt.date) -> Reply:
        token, details = q["_args"][0], q.get("details", "").lower() == "true"

        def build() -> Reply:
            postings = self._visible("workable", token, clock)
            if postings is None:
                return _json({"error": "Not found"}, 404)
            company = self.corpus.company("workable", token)
            return _json(workable_widget(company, postings, details))

        return self._cached(("workable", token, details, clock), build)

    def _recruitee(self, q: dict, clock: dt.date) -> Reply:
        token = q["_args"][0]

        def build() -> Reply:
            postings = self._visible("recruitee", token, clock)
            if postings is None:
                return _json({"error": "Not found"}, 404)
            return _json({"offers": [recruitee_offer(p, clock) for p in postings]})

        return self._cached(("recruitee", token, clock), build)

    def _aggregator(self, name: str):
        """RemoteOK, Remotive, Arbeitnow, Himalayas or The Muse: a page of its feed (wire_aggregators)."""

        def route(q: dict, clock: dt.date) -> Reply:
            jobs = self._cached((name, clock), lambda: wire_aggregators.feed(name, self.corpus, clock))
            return _json(wire_aggregators.envelope(name, jobs, q, clock))

        return route

    def _careers(self, q: dict, clock: dt.date) -> Reply:
        page = careers.serve(self.corpus, q["_args"][0], q, clock, self.origin)
        return Reply(page.status, page.body.encode(), page.content_type, page.headers)

    def _boards(self, q: dict, clock: dt.date) -> Reply:
        limit = end_of(clock)
        return _json(
            {ats: self.corpus.boards(ats) for ats in ATS_NAMES}
            | {
                "hn": {"threads": sum(1 for s in self.corpus.hn_threads() if s.created_at <= limit)},
                "clock": clock.isoformat(),
            }
            | wire_aggregators.board_list()
            | careers.board_list(self.corpus, self.origin)
        )

    # --- HN Algolia routes --------------------------------------------------------------------

    def _algolia_search(self, q: dict, clock: dt.date) -> Reply:
        query = q.get("query", "")
        words = [w for w in re.findall(r"\w+", query.lower())]
        per_page = min(int(q.get("hitsPerPage") or ALGOLIA_PAGE_SIZE), 1000)
        page = int(q.get("page") or 0)
        limit = end_of(clock)
        stories = [
            s
            for s in reversed(self.corpus.hn_stories)
            if s.created_at <= limit
            and all(w in s.title.lower() for w in words)
            and _tags_match(q.get("tags", ""), s)
            and _numeric_match(q.get("numericFilters", ""), s)
        ]
        shown = stories[page * per_page : (page + 1) * per_page]
        hits = [algolia.search_hit(s, clock, words) for s in shown]
        return _json(algolia.search_page(hits, len(stories), page, per_page, query, q["_raw"]))

    def _algolia_item(self, q: dict, clock: dt.date) -> Reply:
        item_id = int(q["_args"][0])
        node = self._hn_nodes.get(item_id)
        if node is None or node.created_at > end_of(clock):
            return NOT_FOUND
        return self._cached(("item", item_id, clock), lambda: _json(algolia.item_tree(node, clock)))


def _tags_match(tags: str, story: HNStory) -> bool:
    """Algolia tag filters: commas AND, a parenthesised group ORs ("story,(author_a,author_b)")."""
    own = {"story", "author_whoishiring", f"story_{story.id}", "ask_hn"}
    for group in re.findall(r"\(([^)]*)\)|([^,()]+)", tags):
        alternatives = [t.strip() for t in (group[0] or group[1]).split(",") if t.strip()]
        if alternatives and not own.intersection(alternatives):
            return False
    return True


def _numeric_match(filters: str, story: HNStory) -> bool:
    """Only `created_at_i` comparisons (what incremental HN crawls use)."""
    value = int(story.created_at.timestamp())
    for field, op, number in re.findall(r"(\w+)\s*(>=|<=|>|<|=)\s*(\d+)", filters):
        if (
            field == "created_at_i"
            and not {
                ">": value > int(number),
                "<": value < int(number),
                ">=": value >= int(number),
                "<=": value <= int(number),
                "=": value == int(number),
            }[op]
        ):
            return False
    return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "jobpulse-sandbox/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        board: SandboxBoard = self.server.board  # type: ignore[attr-defined]
        reply = board.router.handle(self.path, board.clock)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: crawls make thousands
        pass


class _Server(ThreadingHTTPServer):
    # A crawl opens many connections at once; the default backlog of 5 stalls them for ~1 s.
    request_queue_size = 128
    daemon_threads = True


class SandboxBoard:
    """Context manager running the board on 127.0.0.1 in a daemon thread (port 0: a free one)."""

    def __init__(
        self,
        corpus: Corpus | None = None,
        clock: dt.date | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: dict[str, str] | None = None,
    ):
        self.corpus = corpus if corpus is not None else generate_corpus()
        self.clock: dt.date = clock or self.corpus.end
        self.router = BoardRouter(self.corpus)
        self.router.faults = dict(faults or {})
        self.host, self.port = host, port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox board is not running; call start() first")
        return f"http://{self.host}:{self._server.server_address[1]}"

    def start(self) -> str:
        if self._server is None:
            self._server = _Server((self.host, self.port), _Handler)
            self._server.board = self  # type: ignore[attr-defined]
            self.router.origin = self.base_url
            self._thread = threading.Thread(target=self._server.serve_forever, name="sandbox-board", daemon=True)
            self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SandboxBoard:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
