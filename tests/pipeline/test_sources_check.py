"""`jobpulse sources check` asks every enabled board once and says which answer, and how.

Against the sandbox board with one board gone (404), one failing (500) and one moved to another
domain (302), plus a token the ATS never heard of: each gets its verdict, the healthy boards their
posting counts, and the exit status says something needs fixing.
"""

from __future__ import annotations

import http.server
import io
import threading
from contextlib import redirect_stdout

import pytest

from jobpulse.cli import main
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import OFFSITE_HOST, SandboxBoard
from pipeline.sources import SourceSpec
from pipeline.sources_check import _delay, _spider, check_sources


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=300, weeks=6)


@pytest.fixture(scope="module")
def boards(corpus):
    greenhouse = corpus.boards_with_postings("greenhouse")
    return {
        "healthy": greenhouse[:2],
        "gone": greenhouse[2],
        "broken": greenhouse[3],
        "moved": greenhouse[4],
        "ashby": corpus.boards("ashby")[:1],
        "lever": corpus.boards("lever")[:1],
    }


def served(corpus, ats, board):
    return sum(p.posted_on <= corpus.end for p in corpus.postings_on(corpus.company(ats, board)))


@pytest.fixture(scope="module")
def checked(tmp_path_factory, corpus, boards):
    sources = tmp_path_factory.mktemp("check") / "sources.toml"
    faults = {boards["gone"]: "not_found", boards["broken"]: "server_error", boards["moved"]: "offsite_redirect"}
    with SandboxBoard(corpus, faults=faults) as sandbox:
        greenhouse = [*boards["healthy"], boards["gone"], boards["broken"], boards["moved"]]
        sources.write_text(
            "\n".join(
                [
                    f'[greenhouse]\nbase_url = "{sandbox.base_url}"\nboards = {greenhouse}',
                    f'[ashby]\nbase_url = "{sandbox.base_url}"\nboards = {[*boards["ashby"], "no-such-company"]}',
                    f'[lever]\nbase_url = "{sandbox.base_url}"\nboards = {boards["lever"]}',
                    f'[hn]\nbase_url = "{sandbox.base_url}"',
                    f'[remoteok]\nbase_url = "{sandbox.base_url}"',
                    "[remotive]\nenabled = false",
                ]
            ).replace("'", '"')
            + "\n"
        )
        out = io.StringIO()
        with redirect_stdout(out):
            status = main(["sources", "check", "--sources", str(sources)])
    table = {}
    for line in out.getvalue().splitlines()[1:-1]:
        source, board, verdict, listed, *detail = line.split(maxsplit=4)
        table[(source, board)] = (verdict, listed, " ".join(detail))
    return status, table, out.getvalue().splitlines()[-1]


def test_healthy_boards_are_ok_with_the_postings_they_serve(checked, corpus, boards):
    _, table, _ = checked
    for ats, board in [
        *(("greenhouse", b) for b in boards["healthy"]),
        ("ashby", boards["ashby"][0]),
        ("lever", boards["lever"][0]),
    ]:
        assert table[(ats, board)][:2] == ("ok", str(served(corpus, ats, board)))


def test_gone_failing_and_moved_boards_each_get_their_verdict(checked, boards):
    _, table, _ = checked
    assert table[("greenhouse", boards["gone"])] == ("missing", "-", "not found (404)")
    assert table[("ashby", "no-such-company")] == ("missing", "-", "not found (404)")
    assert table[("greenhouse", boards["broken"])] == ("failing", "-", "HTTP 500")
    verdict, _, detail = table[("greenhouse", boards["moved"])]
    assert verdict == "moved" and detail.startswith("HTTP 302 → " + OFFSITE_HOST)  # reported, not followed


def test_feeds_and_hn_are_asked_once_too_and_disabled_sources_not_at_all(checked, corpus):
    status, table, totals = checked
    assert table[("remoteok", "remoteok")][0] == "ok" and int(table[("remoteok", "remoteok")][1]) > 0
    assert table[("hn", "search")][0] == "ok" and int(table[("hn", "search")][1]) >= 1  # threads listed
    assert not any(source == "remotive" for source, _ in table)
    assert totals == f"{len(table)} boards: {len(table) - 4} ok, 1 moved, 2 missing, 1 failing"
    assert status == 1  # something in the file needs fixing


class _NoCrawlers(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self):  # noqa: N802
        self.asked.append(self.path)
        body = b"User-agent: *\nDisallow: /\n" if self.path == "/robots.txt" else b'{"jobs": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_host_whose_robots_txt_forbids_crawling_is_not_asked():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NoCrawlers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        (check,) = check_sources([SourceSpec("greenhouse", ("acme",), base)])
    finally:
        server.shutdown()
        server.server_close()
    assert (check.status, check.detail) == ("failing", "forbidden by robots.txt")
    assert _NoCrawlers.asked == ["/robots.txt"]


def test_real_hosts_are_asked_no_faster_than_a_crawl_starts_and_loopback_without_delay():
    real = SourceSpec("workable", ("huggingface",))
    assert _delay(_spider(real)[0], real) >= 1.0  # Workable's own 1 s; AutoThrottle starts at 1 s too
    local = SourceSpec("workable", ("huggingface",), "http://127.0.0.1:9")
    assert _delay(_spider(local)[0], local) == 0.0
