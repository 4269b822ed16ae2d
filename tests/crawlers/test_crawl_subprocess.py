"""Real `scrapy crawl` runs, in a subprocess, against a tiny local server with our own fixtures."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.sources import SPIDERS
from tests.realdata import realdata_path

REPO = Path(__file__).resolve().parents[2]
SANDBOX_SETTINGS = ["-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def greenhouse_board(company: str) -> dict:
    """A small board in the Greenhouse wire format, content entity-escaped as the API does."""
    content = "<h2>About the role</h2><p>Train &amp; ship models with PyTorch.</p>"
    return {
        "jobs": [
            {
                "id": 101,
                "title": "Machine Learning Engineer",
                "company_name": company,
                "absolute_url": f"https://boards.example/{company}/101",
                "location": {"name": "Remote - EU"},
                "first_published": "2026-03-02T09:00:00-05:00",
                "updated_at": "2026-03-05T10:00:00-05:00",
                "content": html.escape(content),
            },
            {
                "id": 102,
                "title": "Data Scientist",
                "company_name": company,
                "absolute_url": f"https://boards.example/{company}/102",
                "location": {"name": "Berlin"},
                "first_published": "2026-03-03T09:00:00+01:00",
                "updated_at": "2026-03-03T09:00:00+01:00",
                "content": html.escape("<p>SQL, A/B testing</p>"),
            },
        ],
        "meta": {"total": 2},
    }


class BoardServer(BaseHTTPRequestHandler):
    """Serves `routes` (path with query → JSON); anything else, robots.txt included, is a 404."""

    routes: dict[str, dict] = {}
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.seen.append(self.path)
        if "/flaky/" in self.path and self.seen.count(self.path) == 1:
            self.send_response(503)  # busy once: the crawl must back off and retry
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        payload = self.routes.get(self.path.replace("/flaky/", "/acme0/"))
        body = json.dumps(payload if payload is not None else {"status": 404, "error": "Not found"}).encode()
        self.send_response(200 if payload is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


class QuickServer(ThreadingHTTPServer):
    # http.server's default listen backlog of 5 overflows under Scrapy's bursts and each
    # overflow costs a 1 s SYN retry; a real backlog keeps a local crawl well under a second.
    request_queue_size = 128
    daemon_threads = True


@pytest.fixture
def board_server():
    boards = [f"acme{n}" for n in range(44)]
    BoardServer.routes = {f"/v1/boards/{b}/jobs?content=true": greenhouse_board(b.title()) for b in boards}
    BoardServer.seen = []
    server = QuickServer(("127.0.0.1", 0), BoardServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", boards
    server.shutdown()
    server.server_close()


def scrapy(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_crawl_lands_items_and_survives_a_missing_board(board_server, tmp_path):
    base_url, boards = board_server
    out = tmp_path / "landing.jsonl"
    # 46 boards: one missing, one answering 503 once
    all_boards = ",".join([*boards[:20], "ghost", *boards[20:], "flaky"])
    done = scrapy(
        "crawl",
        "greenhouse",
        "-a",
        f"boards={all_boards}",
        "-a",
        f"base_url={base_url}",
        "-O",
        str(out),
        *SANDBOX_SETTINGS,
        "-s",
        "RETRY_BACKOFF_BASE=0.2",
    )
    assert done.returncode == 0, done.stderr[-2000:]

    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 90  # 45 boards × 2 jobs; the ghost board only cost a warning
    assert {i["board"] for i in items} == {*boards, "flaky"}
    assert BoardServer.seen.count("/v1/boards/flaky/jobs?content=true") == 2  # retried after the 503
    first = next(i for i in items if i["board"] == "acme0" and i["source_id"] == "101")
    assert first["company"] == "Acme0" and first["title"] == "Machine Learning Engineer"
    assert first["description_html"] == "<h2>About the role</h2><p>Train &amp; ship models with PyTorch.</p>"
    assert first["remote"] == "remote" and first["posted_at"] == "2026-03-02T09:00:00-05:00"
    assert first["raw"]["id"] == 101

    assert done.stderr.count("board ghost not found (404)") == 1
    assert "/robots.txt" in BoardServer.seen  # robots.txt is asked for first
    assert "Deprecat" not in done.stderr


def test_scrapy_list_shows_every_source():
    done = scrapy("list", timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == sorted(SPIDERS)
    assert "Deprecat" not in done.stderr


def test_scrapy_check_runs_clean():
    done = scrapy("check", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "OK" in done.stderr


class AlgoliaServer(BaseHTTPRequestHandler):
    """The recorded Algolia search pages and one recorded thread; other threads are 404s."""

    wire_format: Path

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        file = None
        if url.path == "/api/v1/search_by_date":
            query = parse_qs(url.query)
            assert query["tags"] == ["story,(author__whoishiring,author_whoishiring)"], query
            file = self.wire_format / f"algolia_search_by_date_whoishiring_page{query['page'][0]}.json"
        elif url.path == "/api/v1/items/2396027":
            file = self.wire_format / "algolia_items_2396027.json"
        body = file.read_bytes() if file else b'{"error": "Not found"}'
        self.send_response(200 if file else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_hn_crawl_discovers_threads_and_lands_posts(tmp_path):
    AlgoliaServer.wire_format = realdata_path("hn_whoishiring", "wire_format")
    server = QuickServer(("127.0.0.1", 0), AlgoliaServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = tmp_path / "hn.jsonl"
    try:
        done = scrapy(
            "crawl",
            "hn",
            "-a",
            "since=2011-03",
            "-a",
            "until=2011-05",
            "-a",
            f"base_url=http://127.0.0.1:{server.server_address[1]}",
            "-O",
            str(out),
            *SANDBOX_SETTINGS,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr[-2000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # April 2011 is served (219 posts); May 2011 (2503204) is not, which is logged, not fatal
    assert len(items) == 219 and {i["board"] for i in items} == {"2396027"}
    assert "thread 2503204 not found (404)" in done.stderr
    assert "'downloader/request_count': 11" in done.stderr  # robots + 8 search pages + 2 threads
