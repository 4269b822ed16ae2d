"""The careers spider: what it follows, and that it never leaves the domains it was given —
neither through a link nor through a redirect — in a real `scrapy crawl` of our fixture site."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from crawlers.spiders.careers import CareersSpider, scope_of
from tests.crawlers.sandbox_crawls import run_together, scrapy_command

FIXTURES = Path(__file__).parent / "fixtures" / "careers"


class FixtureSite(BaseHTTPRequestHandler):
    """`/careers/…` from fixtures/careers ({{OFFSITE}} filled in), `/careers/moved` → a redirect
    off the site, and a JobPosting page at any "secret" path — which only an off-site request
    (Host: localhost) could reach. Records (host, path) of every request."""

    offsite = ""
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.seen.append((self.headers.get("Host", "").split(":")[0], self.path))
        path = self.path.split("?")[0]
        if path == "/careers/moved":
            return self.reply(302, b"", location=f"{self.offsite}/careers/jobs/secret-redirected.html")
        if "secret" in path:
            posting = {"@type": "JobPosting", "title": "Secret", "identifier": path}
            return self.reply(200, f'<script type="application/ld+json">{json.dumps(posting)}</script>'.encode())
        file = FIXTURES / (path.removeprefix("/careers/") or "index.html")
        if path.startswith("/careers/") and file.is_file():
            return self.reply(200, file.read_text().replace("{{OFFSITE}}", self.offsite).encode())
        return self.reply(404, b"<h1>Not found</h1>")

    def reply(self, status, body, location=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureSite)
    port = server.server_address[1]
    FixtureSite.offsite, FixtureSite.seen = f"http://localhost:{port}", []  # the same server, another host
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def test_a_crawl_reads_every_posting_and_never_leaves_its_domain(site, tmp_path):
    command = scrapy_command(
        "careers", tmp_path / "site.jsonl", tmp_path / "site.stats.json", "-a", f"urls={site}/careers/"
    )
    crawl = run_together({"site": command}, tmp_path)["site"]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert sorted(crawl.ids()) == [
        "Harbourlight Instruments:HL-0142",
        "Harbourlight Instruments:HL-0150",
        "Harbourlight Instruments:HL-0161",
        "https://harbourlight.example/careers/jobs/research-scientist",
    ]
    assert {item["board"] for item in crawl.items} == {f"{site}/careers/"}
    paths = {path for _, path in FixtureSite.seen}
    assert {"/careers/index-2.html", "/careers/team.html", "/careers/moved"} <= paths  # in-site links followed
    # The off-site link and the off-site redirect both point at this very server (as localhost):
    # had either been followed, it would have been answered. Neither was.
    assert {host for host, _ in FixtureSite.seen} == {"127.0.0.1"}
    assert not any("secret" in path for path in paths)
    assert crawl.stats.get("jobpulse/failed") is None  # a refused redirect is not a site failing


@pytest.mark.parametrize(
    "url, scope",
    [
        ("https://acme.example/careers/", "/careers/"),
        ("https://acme.example/careers", "/careers/"),
        ("https://acme.example/careers/index.html", "/careers/"),
        ("https://acme.example/", "/"),
        ("https://acme.example", "/"),
    ],
)
def test_scope_is_the_listing_pages_folder(url, scope):
    assert scope_of(url) == scope


def test_allowed_domains_are_the_hosts_of_the_urls_and_sitemaps():
    spider = CareersSpider(
        urls="https://jobs.acme.example/open/, /careers/",
        sitemaps="https://beta.example/jobs.xml",
        base_url="http://127.0.0.1:8000",
    )
    assert spider.allowed_domains == ["127.0.0.1", "beta.example", "jobs.acme.example"]
    assert list(spider.page_urls) == ["https://jobs.acme.example/open/", "http://127.0.0.1:8000/careers/"]
    assert list(spider.page_urls.values()) == ["https://jobs.acme.example/open/", "/careers/"]  # boards: as given


def test_boards_are_read_as_more_urls_and_a_non_url_is_refused():
    assert list(CareersSpider(boards="https://acme.example/jobs").page_urls) == ["https://acme.example/jobs"]
    with pytest.raises(ValueError, match="not an http"):
        CareersSpider(urls="acme.example/jobs")


def test_listing_links_stay_in_the_jobs_section_of_the_site():
    spider = CareersSpider(urls="https://acme.example/careers/")
    body = b"""<html><head><link rel="next" href="/careers/?page=2"></head><body>
      <a href="/careers/jobs/1">in the folder</a> <a href="/jobs/2">a job-ish path elsewhere</a>
      <a href="/about">not about jobs</a> <a href="https://other.example/careers/jobs/3">another site</a>
      <a href="https://eu.acme.example/careers/jobs/4">a subdomain</a> <a href="/careers/brochure.pdf">a file</a>
    </body></html>"""
    response = HtmlResponse(
        "https://acme.example/careers/", body=body, request=Request("https://acme.example/careers/")
    )
    assert spider._listing_links(response, "/careers/") == [
        "https://acme.example/careers/jobs/1",
        "https://acme.example/jobs/2",
        "https://eu.acme.example/careers/jobs/4",
        "https://acme.example/careers/?page=2",
    ]


def test_max_pages_bounds_how_many_pages_one_run_asks_for():
    spider = CareersSpider(urls="https://acme.example/careers/", max_pages="3")

    async def starts():
        return [request async for request in spider.start()]

    (start,) = asyncio.run(starts())
    links = "".join(f'<a href="/careers/jobs/{n}">job {n}</a>' for n in range(5))
    response = HtmlResponse(start.url, body=links.encode(), request=start)
    followed = list(start.callback(response, **start.cb_kwargs))
    assert [r.url for r in followed] == ["https://acme.example/careers/jobs/0", "https://acme.example/careers/jobs/1"]
