"""HN thread discovery: every monthly thread, page by page, in date windows past Algolia's hit cap.

The spider's callbacks are driven without Scrapy's reactor: each request is answered from the
recorded Algolia search pages (real data) or from the sandbox board's router, and the requests the
callbacks yield are followed until none are left. Thread requests are collected, not fetched.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy.http import Request, TextResponse

from crawlers.spiders.hn import HackerNewsSpider
from jobpulse.sandbox.corpus import generate_corpus
from jobpulse.sandbox.server import BoardRouter
from tests.realdata import realdata_path

BASE = "http://hn.test"


def discover(spider: HackerNewsSpider, answer) -> tuple[list[Request], list[Request]]:
    """(search requests made, thread requests yielded), following search pages to the end."""
    searches, threads, queue = [], [], list(spider.initial_requests())
    while queue:
        request = queue.pop(0)
        if request.callback == spider.parse_thread:
            threads.append(request)
            continue
        searches.append(request)
        status, body = answer(request)
        response = TextResponse(request.url, status=status, body=body, request=request)
        queue.extend(request.callback(response, **request.cb_kwargs) or [])
    return searches, threads


def query(request: Request) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(request.url).query).items()}


def recorded_page(request: Request) -> tuple[int, bytes]:
    """The recorded search page the request asks for (the recording ignores other parameters)."""
    name = f"algolia_search_by_date_whoishiring_page{query(request)['page']}.json"
    return 200, realdata_path("hn_whoishiring", "wire_format", name).read_bytes()


def sandbox(router: BoardRouter, clock):
    def answer(request: Request) -> tuple[int, bytes]:
        parts = urlsplit(request.url)
        reply = router.handle(f"{parts.path}?{parts.query}", clock)
        return reply.status, reply.body

    return answer


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(n_postings=200)  # seven monthly threads (April–November 2026) and one other story


def months(threads: list[Request], corpus) -> list[str]:
    by_id = {str(s.id): s for s in corpus.hn_threads()}
    return sorted(by_id[r.cb_kwargs["thread_id"]].created_at.strftime("%Y-%m") for r in threads)


# --- the recorded Algolia pages: 152 hits on 8 pages ---------------------------------------------


def test_recorded_search_pages_yield_every_monthly_thread_once():
    searches, threads = discover(HackerNewsSpider(base_url=BASE), recorded_page)
    pages = [json.loads(recorded_page(r)[1]) for r in searches]
    assert [query(r)["page"] for r in searches] == [str(n) for n in range(8)]  # page 8 is never asked for
    assert sum(len(p["hits"]) for p in pages) == 152
    # 152 hits minus the one-off "Who is hiring right now?", a "Show HN" and a meta question
    ids = [r.cb_kwargs["thread_id"] for r in threads]
    assert len(ids) == len(set(ids)) == 149
    assert ids[0] == "37351667" and ids[-1] == "2396027"  # September 2023 … April 2011
    assert {r.meta["jobpulse_board"] for r in threads} == set(ids)  # each thread is a board
    assert {r.meta["jobpulse_board"] for r in searches} == {"search"}


def test_a_backfill_from_2011_asks_for_nothing_older():
    searches, threads = discover(HackerNewsSpider(base_url=BASE, since="2011-01"), recorded_page)
    assert len(threads) == 149 and len(searches) == 8
    bound = int(datetime(2010, 12, 29, tzinfo=UTC).timestamp())  # 2011-01 less three days of slack
    assert {query(r)["numericFilters"] for r in searches} == {f"created_at_i>={bound}"}


# --- the sandbox board: windows past the hit cap ---------------------------------------------------


def test_past_the_hit_cap_discovery_continues_in_older_windows(corpus):
    spider = HackerNewsSpider(base_url=BASE)
    spider.hits_per_page, spider.hit_cap = 2, 4  # a cap of 4 hits: 8 stories need several windows
    searches, threads = discover(spider, sandbox(BoardRouter(corpus), corpus.end))
    assert months(threads, corpus) == [f"2026-{m:02d}" for m in range(4, 12)]
    assert len({r.cb_kwargs["thread_id"] for r in threads}) == len(threads)
    windows = [query(r).get("numericFilters") for r in searches if query(r)["page"] == "0"]
    assert windows[0] is None and len(windows) >= 3
    assert all(w.startswith("created_at_i<") for w in windows[1:])
    assert all(int(query(r)["page"]) * 2 < 4 for r in searches)  # never a page past the cap


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2026-09", None, ["2026-09", "2026-10", "2026-11"]),
        ("2026-05", "2026-06", ["2026-05", "2026-06"]),
        (None, "2026-04", ["2026-04"]),
        ("2026-12", None, []),
    ],
)
def test_since_and_until_bound_the_search_itself(corpus, since, until, expected):
    spider = HackerNewsSpider(base_url=BASE, since=since, until=until)
    searches, threads = discover(spider, sandbox(BoardRouter(corpus), corpus.end))
    assert months(threads, corpus) == expected
    filters = query(searches[0])["numericFilters"]
    assert ("created_at_i>=" in filters) == (since is not None)
    assert ("created_at_i<" in filters) == (until is not None)


def test_an_incremental_run_before_the_month_turns_finds_no_new_thread(corpus):
    october_31 = corpus.end.replace(month=10, day=31)  # November's thread is posted on the 1st
    _, threads = discover(HackerNewsSpider(base_url=BASE, since="2026-10"), sandbox(BoardRouter(corpus), october_31))
    assert months(threads, corpus) == ["2026-10"]
