"""`jobpulse import` loads saved data of every format through the same normalization as a crawl."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from jobpulse.cli import main
from tests.pipeline.imports_support import query
from tests.realdata import realdata_path


def run_import(db, fmt, *files):
    return main(["import", "--db", str(db), "--format", fmt, *map(str, files)])


def test_generic_postings_jsonl_with_optional_fields_missing(tmp_path, data_dir):
    saved = tmp_path / "saved.jsonl"
    saved.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "source": "mycsvdump",
                        "source_id": "a1",
                        "title": "ML Engineer",
                        "company": "Acme",
                        "description": "<p>PyTorch and Kubernetes</p>",
                        "posted_at": "2026-10-01",
                        "url": "https://example.org/a1",
                    }
                ),
                json.dumps(
                    {
                        "source": "mycsvdump",
                        "source_id": "a2",
                        "title": "Data Scientist",
                        "description": "SQL and Python, plain text",
                    }
                ),
                "not json at all",
            ]
        )
        + "\n"
    )
    db = tmp_path / "w.duckdb"
    assert run_import(db, "postings", saved) == 0
    rows = query(db, "SELECT source_id, role, posted_at::DATE::VARCHAR FROM postings ORDER BY 1")
    assert rows == [("a1", "ml_engineer", "2026-10-01"), ("a2", "data_scientist", None)]
    skills = query(
        db,
        "SELECT source_id, list_sort(list(skill_id)) FROM posting_skills JOIN postings USING (posting_id) "
        "GROUP BY 1 ORDER BY 1",
    )
    assert skills == [("a1", ["kubernetes", "machine_learning", "pytorch"]), ("a2", ["python", "sql"])]
    assert query(db, "SELECT line_no, reason FROM rejects") == [(3, "invalid JSON: Expecting value at column 1")]


def test_generic_csv(tmp_path, data_dir):
    saved = tmp_path / "saved.csv"
    saved.write_text("source,source_id,title,company,description\nboard,1,Research Engineer,Acme,JAX and PyTorch\n")
    db = tmp_path / "w.duckdb"
    assert run_import(db, "csv", saved) == 0
    assert query(db, "SELECT role, company FROM postings") == [("research_engineer", "Acme")]


def test_importing_the_same_file_twice_changes_nothing(tmp_path, data_dir):
    saved = tmp_path / "saved.jsonl"
    saved.write_text(json.dumps({"source": "x", "source_id": "1", "title": "AI Engineer", "description": "RAG"}) + "\n")
    db = tmp_path / "w.duckdb"
    run_import(db, "postings", saved)
    before = query(db, "SELECT * FROM postings")
    run_import(db, "postings", saved)
    assert query(db, "SELECT * FROM postings") == before
    assert query(db, "SELECT count(*) FROM runs WHERE kind = 'import'") == [(1,)]


def test_hn_algolia_thread(tmp_path, data_dir):
    thread = realdata_path("hn_whoishiring", "wire_format", "algolia_items_2396027.json")
    tree = json.loads(thread.read_text())
    posts = [c for c in tree["children"] if c.get("text")]
    db = tmp_path / "w.duckdb"
    assert run_import(db, "hn", thread) == 0
    assert query(db, "SELECT count(*), count(DISTINCT board) FROM postings WHERE source = 'hn'") == [(len(posts), 1)]
    assert query(db, "SELECT min(posted_at)::DATE::VARCHAR FROM postings") == [("2011-04-01",)]


def test_hn_firebase_items(tmp_path, data_dir):
    rows = []
    with gzip.open(realdata_path("hn_whoishiring", "hn_whoishiring_2026-01_2026-05.jsonl.gz"), "rt") as lines:
        for line in lines:
            record = json.loads(line)
            if record["source"] == "who_is_hiring" and record.get("text"):
                rows.append(
                    {
                        "id": record["id"],
                        "by": record["by"],
                        "time": record["time"],
                        "text": record["text"],
                        "parent": record["thread_id"],
                        "type": "comment",
                    }
                )
            if len(rows) == 40:
                break
    saved = tmp_path / "items.jsonl"
    saved.write_text("".join(json.dumps(r) + "\n" for r in rows + [{"id": 1, "type": "comment", "deleted": True}]))
    db = tmp_path / "w.duckdb"
    assert run_import(db, "hn", saved) == 0
    assert query(db, "SELECT count(*) FROM postings WHERE source = 'hn'") == [(40,)]
    assert query(db, "SELECT count(*) FROM rejects") == [(1,)]  # the deleted item, with its reason


@pytest.mark.parametrize(
    ("fmt", "fixture", "count_jobs"),
    [
        ("greenhouse", "greenhouse/greenhouse_jobs_stripe.json", lambda p: len(p["jobs"])),
        ("greenhouse", "greenhouse/greenhouse_jobs_honeycomb.json", lambda p: len(p["jobs"])),
        ("lever", "lever/lever_postings_palantir.json", len),
        ("lever", "lever/lever_postings_jumpcloud.json", len),
        (
            "ashby",
            "ashby/ashby_job_board_openai.json",
            lambda p: sum(j.get("isListed", True) is not False for j in p["jobs"]),
        ),
        (
            "ashby",
            "ashby/ashby_job_board_truelogic_full.json",
            lambda p: sum(j.get("isListed", True) is not False for j in p["jobs"]),
        ),
    ],
)
def test_saved_ats_responses(tmp_path, data_dir, fmt, fixture, count_jobs):
    recorded = realdata_path("ats_fixtures", fixture)
    saved = tmp_path / "someboard.json"
    shutil.copy(recorded, saved)
    db = tmp_path / "w.duckdb"
    assert run_import(db, fmt, saved) == 0
    expected = count_jobs(json.loads(recorded.read_text()))
    assert expected > 0
    assert query(db, f"SELECT count(*), min(board) FROM postings WHERE source = '{fmt}'") == [(expected, "someboard")]


def test_user_mistakes_are_one_line_errors(tmp_path, data_dir, capsys):
    assert run_import(tmp_path / "w.duckdb", "linkedin", tmp_path / "x.json") == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(
        "jobpulse import: unknown format 'linkedin' (known: postings, csv, hn, greenhouse, lever, ashby"
    )
    assert "\n" not in error
    assert run_import(tmp_path / "w.duckdb", "postings", tmp_path / "missing.jsonl") == 2
    assert "no such file" in capsys.readouterr().err


def test_hn_monthly_archive_gzipped(tmp_path, data_dir):
    """Archives of HN threads (one post a line: comment_id, full_html, thread_month, thread_id), gzipped;
    a post without its own time is dated the 1st of its thread's month, and a line separator inside
    a post (U+2028) does not split the line."""
    posts = [
        {
            "thread_month": "2014-03",
            "thread_id": 7001,
            "comment_id": 7002,
            "user": "a",
            "full_html": "Acme Robotics | Data Scientist | Remote<p>Python and SQL.\u2028Apply by email.</p>",
        },
        {
            "thread_month": "2014-04",
            "thread_id": 7101,
            "comment_id": 7102,
            "user": "b",
            "full_html": "Borealis Labs | ML Engineer | Berlin<p>PyTorch.</p>",
        },
    ]
    saved = tmp_path / "archive.jsonl.gz"
    with gzip.open(saved, "wt", encoding="utf-8") as out:
        out.write("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts))
    db = tmp_path / "w.duckdb"
    assert run_import(db, "hn", saved) == 0
    assert query(db, "SELECT source_id, board, posted_at::DATE::VARCHAR FROM postings ORDER BY source_id") == [
        ("7002", "7001", "2014-03-01"),
        ("7102", "7101", "2014-04-01"),
    ]
    assert query(db, "SELECT count(*) FROM rejects") == [(0,)]
