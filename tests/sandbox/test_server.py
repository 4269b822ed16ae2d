"""The sandbox board over HTTP: routes, errors, paging, the clock, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from jobpulse.sandbox import BoardRouter, SandboxBoard, generate_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_corpus():
    """A quicker corpus for tests that run their own board."""
    return generate_corpus(seed=11, end=dt.date(2026, 6, 28), weeks=26, n_postings=3000)


def test_start_returns_a_local_base_url_and_stop_frees_it(small_corpus):
    board = SandboxBoard(small_corpus)
    base_url = board.start()
    try:
        assert base_url.startswith("http://127.0.0.1:") and not base_url.endswith(":0")
        assert urllib.request.urlopen(base_url + "/robots.txt").status == 200
    finally:
        board.stop()
    with pytest.raises(RuntimeError):
        _ = board.base_url  # a stopped board has no address


def test_every_route_answers_json(board, fetch):
    corpus = board.corpus
    thread = corpus.hn_threads()[0]
    for path in (
        f"/v1/boards/{corpus.boards('greenhouse')[0]}/jobs?content=true",
        f"/v0/postings/{corpus.boards('lever')[0]}?mode=json",
        f"/posting-api/job-board/{corpus.boards('ashby')[0]}?includeCompensation=true",
        "/api/v1/search_by_date?query=hiring&tags=story,author_whoishiring&page=0",
        f"/api/v1/items/{thread.id}",
        "/_sandbox/boards",
    ):
        status, kind, _ = fetch(path)
        assert (status, kind) == (200, "application/json; charset=utf-8"), path


def test_robots_txt_allows_everything(fetch):
    status, kind, body = fetch("/robots.txt")
    assert status == 200 and kind.startswith("text/plain")
    assert "User-agent: *" in body and "Disallow: /" not in body


def test_the_board_list_tells_the_demo_what_to_crawl(board, fetch):
    _, _, body = fetch("/_sandbox/boards")
    corpus = board.corpus
    assert {ats: body[ats] for ats in ("greenhouse", "lever", "ashby")} == {
        ats: corpus.boards(ats) for ats in ("greenhouse", "lever", "ashby")
    }
    assert body["hn"] == {"threads": len(corpus.hn_threads())}
    served = 0
    for token in body["lever"]:
        served += len(fetch(f"/v0/postings/{token}?mode=json")[2])
    assert served == sum(p.company.ats == "lever" for p in corpus.postings)


@pytest.mark.parametrize(
    "path, error",
    [
        ("/v1/boards/no-such-board/jobs?content=true", {"status": 404, "error": "Job not found"}),
        ("/v0/postings/no-such-company?mode=json", {"ok": False, "error": "Document not found"}),
        ("/posting-api/job-board/no-such-org", {"success": False, "error": "Job board not found"}),
        ("/api/v1/items/1", {"status": 404, "error": "Not Found"}),
        ("/somewhere/else", {"status": 404, "error": "Not Found"}),
    ],
)
def test_unknown_things_are_404_json(fetch, path, error):
    assert fetch(path) == (404, "application/json; charset=utf-8", error)


def test_lever_pages_with_skip_and_limit(board, fetch):
    token = max(
        board.corpus.boards("lever"), key=lambda t: len(board.corpus.postings_on(board.corpus.company("lever", t)))
    )
    everything = fetch(f"/v0/postings/{token}?mode=json")[2]
    assert len(everything) > 100
    pages, skip = [], 0
    while page := fetch(f"/v0/postings/{token}?mode=json&skip={skip}&limit=50")[2]:
        pages += page
        skip += 50
    assert [p["id"] for p in pages] == [p["id"] for p in everything]


def test_algolia_pages_newest_first_until_an_empty_page(board, fetch):
    search = "/api/v1/search_by_date?query=hiring&tags=story,(author__whoishiring,author_whoishiring)"
    first = fetch(search + "&hitsPerPage=4&page=0")[2]
    assert first["nbPages"] == -(-first["nbHits"] // 4) and first["hitsPerPage"] == 4
    hits, page = [], 0
    while body := fetch(f"{search}&hitsPerPage=4&page={page}")[2]["hits"]:
        hits += body
        page += 1
    assert page == first["nbPages"] and len(hits) == first["nbHits"] == len(board.corpus.hn_stories)
    times = [h["created_at_i"] for h in hits]
    assert times == sorted(times, reverse=True)
    assert fetch(search + "&page=0")[2]["hitsPerPage"] == 20


def test_algolia_tag_filters(fetch):
    assert fetch("/api/v1/search_by_date?query=hiring&tags=comment")[2]["nbHits"] == 0
    assert fetch("/api/v1/search_by_date?query=hiring&tags=story,author_pg")[2]["nbHits"] == 0
    assert fetch("/api/v1/search_by_date?query=hiring&tags=story,author_whoishiring")[2]["nbHits"] > 0


def test_the_clock_hides_what_was_not_yet_published(small_corpus):
    corpus = small_corpus
    earlier = corpus.end - dt.timedelta(weeks=10)
    router = BoardRouter(corpus)
    token = corpus.boards("ashby")[0]
    path = f"/posting-api/job-board/{token}"

    def ids_at(clock):
        return {j["id"] for j in json.loads(router.handle(path, clock).body)["jobs"]}

    now, then = ids_at(corpus.end), ids_at(earlier)
    assert then < now
    published = {p.id: p.posted_on for p in corpus.postings_on(corpus.company("ashby", token))}
    assert all(published[i] <= earlier for i in then)
    assert now - then == {i for i, day in published.items() if day > earlier}

    search = json.loads(router.handle("/api/v1/search_by_date?query=hiring", earlier).body)
    assert search["nbHits"] < len(corpus.hn_stories)
    newest = corpus.hn_stories[-1]
    assert router.handle(f"/api/v1/items/{newest.id}", earlier).status == 404
    assert router.handle(f"/api/v1/items/{newest.id}", corpus.end).status == 200


def test_moving_the_clock_of_a_running_board(small_corpus):
    with SandboxBoard(small_corpus, clock=small_corpus.end - dt.timedelta(weeks=4)) as board:
        url = f"{board.base_url}/v1/boards/{small_corpus.boards('greenhouse')[0]}/jobs"
        before = json.load(urllib.request.urlopen(url))["meta"]["total"]
        board.clock = small_corpus.end
        after = json.load(urllib.request.urlopen(url))["meta"]["total"]
    assert after > before


def test_the_same_seed_serves_the_same_bytes_a_different_seed_does_not(small_corpus):
    twin = generate_corpus(seed=11, end=dt.date(2026, 6, 28), weeks=26, n_postings=3000)
    other = generate_corpus(seed=12, end=dt.date(2026, 6, 28), weeks=26, n_postings=3000)
    path = f"/v1/boards/{small_corpus.boards('greenhouse')[0]}/jobs?content=true"
    body = BoardRouter(small_corpus).handle(path, small_corpus.end).body
    assert BoardRouter(twin).handle(path, twin.end).body == body
    assert BoardRouter(other).handle(path, other.end).body != body


def test_requests_are_not_logged(fetch, capfd):
    fetch("/robots.txt")
    fetch("/nowhere")
    assert capfd.readouterr().err == ""


def test_python_dash_m_runs_it_and_prints_the_base_url():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jobpulse.sandbox",
            "--port",
            "0",
            "--seed",
            "5",
            "--end",
            "2026-03-29",
            "--postings",
            "3000",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        boards = json.load(urllib.request.urlopen(base_url + "/_sandbox/boards", timeout=10))
        assert boards["clock"] == "2026-03-29" and len(boards["greenhouse"]) > 10
    finally:
        process.terminate()
        process.wait(timeout=10)
