"""A zero is a claim that needs evidence. Greenhouse boards on a local test server answer, crawl
after crawl, with the faults a real ATS has: an empty board, a body without the declared total, a
job without an id, one bad UTF-8 byte among good jobs, a board that suddenly lists a quarter of its
jobs. Each is recorded with its reason, every good job lands, a refused job is a reject, and none
of them closes a posting; a board that declares 0 jobs on two crawls in a row really closes."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.ingest import ingest_files
from pipeline.run_quality import record_pipeline_run
from pipeline.spider_process import run_spider
from warehouse.db import connect

BOARDS = ("emptied", "no-total", "no-id", "bad-byte", "shrunk")


def job(board: str, n: int, title: str = "Machine Learning Engineer") -> dict:
    return {
        "id": int(f"{BOARDS.index(board) + 1}{n:03d}"),
        "title": title,
        "updated_at": "2026-11-02T09:00:00Z",
        "absolute_url": f"https://jobs.example/{board}/{n}",
        "location": {"name": "Berlin"},
        "content": "&lt;p&gt;Python&lt;/p&gt;",
        "company_name": board,
    }


def listing(jobs: list[dict], total: int | None = -1) -> bytes:
    body = {"jobs": jobs} | ({} if total is None else {"meta": {"total": len(jobs) if total == -1 else total}})
    return json.dumps(body).encode()


FULL = {board: listing([job(board, n) for n in range(4)]) for board in BOARDS}
FAULTY = {
    "emptied": listing([], 0),
    "no-total": listing([], None),
    # four jobs declared, one of them without an id
    "no-id": listing([job("no-id", 0), job("no-id", 1), job("no-id", 2), {**job("no-id", 3), "id": None}], 4),
    # one byte that is not UTF-8 inside the second job's title
    "bad-byte": listing(
        [job("bad-byte", n, "Machine Learning Engineer" if n != 1 else "ML BADBYTE") for n in range(4)]
    ).replace(b"BADBYTE", b"Engin\xffeer"),
    "shrunk": listing([job("shrunk", 0)]),
}


class Boards(BaseHTTPRequestHandler):
    answers: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802
        board = self.path.split("/")[3] if self.path.startswith("/v1/boards/") else None
        body = self.answers.get(board)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body or b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Boards)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def crawls(server, tmp_path_factory):
    """Three crawls: every board full, then every board faulty, then faulty again; each ingested."""
    work = tmp_path_factory.mktemp("evidence")
    db = work / "w.duckdb"
    after = []
    for answers in (FULL, FAULTY, FAULTY):
        Boards.answers = answers
        result = run_spider("greenhouse", work / "landing", boards=list(BOARDS), base_url=server)
        con = connect(db)
        try:
            (loaded,) = ingest_files(con, [result.landing_file])
            assert loaded.status == "ok", loaded.error
            after.append(
                {
                    "summary": result.boards,
                    "board_crawls": dict(
                        con.execute(
                            "SELECT board, status FROM board_crawls WHERE run_id = ?", [result.run_id]
                        ).fetchall()
                    ),
                    "open": dict(
                        con.execute(
                            "SELECT board, count(*) FILTER (WHERE closed_at IS NULL) FROM postings GROUP BY board"
                        ).fetchall()
                    ),
                    "rejects": con.execute(
                        "SELECT reason FROM rejects WHERE landing_file = ? ORDER BY reason", [str(result.landing_file)]
                    ).fetchall(),
                    "landed": {
                        r
                        for (r,) in con.execute(
                            "SELECT source_id FROM sightings JOIN postings USING (posting_id) WHERE run_id = ?",
                            [result.run_id],
                        ).fetchall()
                    },
                }
            )
        finally:
            con.close()
        run = record_pipeline_run(
            db,
            datetime(2026, 11, 9),
            [result.summary() | {"landing_file": str(result.landing_file)}],
            [loaded.__dict__],
            None,
        )
        after[-1]["run"] = (run["status"], [f["message"] for f in run["flags"] if f["check"] == "boards_not_read"])
    return after


def test_a_healthy_crawl_is_ok_everywhere(crawls):
    first = crawls[0]
    assert set(first["board_crawls"].values()) == {"ok"}
    assert first["open"] == {board: 4 for board in BOARDS}


def test_each_fault_is_recorded_with_its_reason(crawls):
    summary = {board: (s["status"], s["reason"]) for board, s in crawls[1]["summary"].items()}
    assert summary == {
        "emptied": ("empty", "answered no jobs, declared total 0"),
        "no-total": ("suspect", "answered no jobs and declared no total"),
        "no-id": ("suspect", "declares 4 jobs, 3 parsed (1 refused: job has no id)"),
        "bad-byte": ("suspect", "declares 4 jobs, 3 parsed (1 refused: invalid UTF-8 in the source's answer)"),
        "shrunk": ("ok", None),  # the crawl alone cannot tell; the warehouse knows its history
    }
    assert crawls[1]["board_crawls"] == {
        "emptied": "empty",
        "no-total": "suspect",
        "no-id": "suspect",
        "bad-byte": "suspect",
        "shrunk": "suspect",
    }


def test_good_jobs_land_and_each_refused_job_is_a_reject(crawls):
    assert crawls[1]["landed"] == {"3000", "3001", "3002", "4000", "4002", "4003", "5000"}
    assert crawls[1]["rejects"] == [("invalid UTF-8 in the source's answer",), ("job has no id",)]


def test_no_fault_closes_a_posting(crawls):
    assert crawls[1]["open"] == {board: 4 for board in BOARDS}


def test_a_board_declaring_zero_twice_in_a_row_really_closes(crawls):
    third = crawls[2]
    assert third["board_crawls"]["emptied"] == "emptied"
    assert third["open"]["emptied"] == 0
    assert {b: third["open"][b] for b in ("no-total", "no-id", "bad-byte")} == {
        "no-total": 4,
        "no-id": 4,
        "bad-byte": 4,
    }


def test_a_shrink_confirmed_by_the_next_crawl_closes_what_is_gone(crawls):
    assert crawls[2]["board_crawls"]["shrunk"] == "ok"  # 1 job again: compared with 1, not with 4
    assert crawls[2]["open"]["shrunk"] == 1


def test_a_run_with_failed_or_suspect_boards_is_partial_and_names_them(crawls):
    assert crawls[0]["run"] == ("ok", [])
    status, (message,) = crawls[1]["run"]
    assert status == "partial"
    assert message.startswith("greenhouse: 4 boards not read in full: bad-byte (suspect: declares 4 jobs, 3 parsed")
    assert "no-total (suspect: answered no jobs and declared no total)" in message
    assert "emptied" not in message  # a declared 0 is evidence, not trouble: it waits for confirmation
    assert crawls[2]["run"][0] == "partial"  # no-total, no-id and bad-byte are still suspect
