"""Each pipeline run is recorded in `runs` with per-source counts, and data-quality checks flag a
source or board whose count fell by more than half, a field whose completeness dropped, and a
source that yielded nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from contract.posting import new_item
from pipeline.ingest import ingest_files
from pipeline.run_quality import check_quality, pipeline_status, record_pipeline_run
from tests.pipeline.landing_files import write_landing
from warehouse.db import connect


def source(items=100, *, status="ok", boards=None, postings=None, error=None, **completeness):
    return {
        "status": status,
        "items": items,
        "boards": boards or {},
        "postings": items if postings is None else postings,
        "error": error,
        "completeness": completeness,
    }


def checks(current, previous):
    return [(f["check"], f["source"], f["board"], f["field"]) for f in check_quality(current, previous)]


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        pytest.param({"gh": source(100)}, {"gh": source(120)}, [], id="a small dip is not flagged"),
        pytest.param({"gh": source(50)}, {"gh": source(100)}, [], id="exactly half is not more than half"),
        pytest.param(
            {"gh": source(49)}, {"gh": source(100)}, [("count_drop", "gh", None, None)], id="source count halved"
        ),
        pytest.param(
            {"gh": source(90, boards={"acme": 80, "globex": 10})},
            {"gh": source(100, boards={"acme": 70, "globex": 30})},
            [("count_drop", "gh", "globex", None)],
            id="one board halved while the source held",
        ),
        pytest.param(
            {"gh": source(90, boards={"acme": 90})},
            {"gh": source(100, boards={"acme": 70, "globex": 30})},
            [("count_drop", "gh", "globex", None)],
            id="a board that vanished",
        ),
        pytest.param(
            {"gh": source(100, salary=0.1, location=0.9)},
            {"gh": source(100, salary=0.6, location=0.95)},
            [("completeness_drop", "gh", None, "salary")],
            id="salary completeness fell 50 points",
        ),
        pytest.param(
            {"gh": source(5, postings=5, salary=0.0)},
            {"gh": source(8, postings=8, salary=1.0)},
            [],
            id="completeness of a handful of postings is noise",
        ),
        pytest.param({"gh": source(0)}, {"gh": source(100)}, [("zero_postings", "gh", None, None)], id="zero postings"),
        pytest.param(
            {"hn": source(0, status="failed", error="HTTP 503")},
            {},
            [("zero_postings", "hn", None, None)],
            id="a failed source yields zero postings",
        ),
        pytest.param({"new": source(3)}, {}, [], id="nothing to compare a new source with"),
    ],
)
def test_quality_checks(current, previous, expected):
    assert checks(current, previous) == expected


@pytest.mark.parametrize(
    ("crawls", "ingest_statuses", "expected"),
    [
        ([], [], "ok"),
        (["ok", "ok"], ["ok", "skipped"], "ok"),
        (["ok", "failed"], ["ok"], "partial"),
        (["ok"], ["failed"], "partial"),
        (["failed", "failed"], [], "failed"),
    ],
)
def test_pipeline_status(crawls, ingest_statuses, expected):
    assert pipeline_status([{"status": s} for s in crawls], [{"status": s} for s in ingest_statuses]) == expected


def job(source_id: str, board: str, location: str | None) -> dict:
    return new_item(
        source="greenhouse",
        source_id=source_id,
        board=board,
        company=board.title(),
        title="Data Scientist",
        description_html="<p>SQL and statistics.</p>",
        location=location,
        posted_at="2026-11-02T09:00:00Z",
    )


def land(tmp_path, run_id: str, postings: list[dict], crawled_at: str):
    path = write_landing(tmp_path / "landing", run_id, postings, crawled_at=crawled_at)
    meta = json.loads(path.with_suffix(".meta.json").read_text())
    path.with_suffix(".meta.json").write_text(json.dumps({**meta, "run_id": run_id}))
    return {"source": "greenhouse", "status": "ok", "items": len(postings), "run_id": run_id, "landing_file": str(path)}


def a_run(db, crawl) -> dict:
    con = connect(db)
    try:
        ingested = [r.__dict__ for r in ingest_files(con, [crawl["landing_file"]])]
    finally:
        con.close()
    return record_pipeline_run(db, datetime(2026, 11, 9, 6), [crawl], ingested, None)


def test_a_pipeline_run_is_recorded_and_compared_with_the_previous_one(tmp_path):
    db = tmp_path / "w.duckdb"
    week1 = [job(f"a{i}", "acme", "Berlin") for i in range(12)] + [job(f"g{i}", "globex", "Paris") for i in range(12)]
    week2 = [job(f"a{i}", "acme", None) for i in range(12)] + [job("g0", "globex", "Paris")]  # globex shrank
    first = a_run(db, land(tmp_path, "crawl-1", week1, "2026-11-02T06:00:00Z"))
    second = a_run(db, land(tmp_path, "crawl-2", week2, "2026-11-09T06:00:00Z"))

    assert first["flags"] == []
    assert first["sources"]["greenhouse"]["boards"] == {"acme": 12, "globex": 12}
    assert first["sources"]["greenhouse"]["completeness"]["location"] == 1.0
    # 24 → 13 items is not "more than half" for the source; globex alone fell from 12 to 1.
    assert [(f["check"], f["board"], f["field"]) for f in second["flags"]] == [
        ("count_drop", "globex", None),
        ("completeness_drop", None, "location"),
    ]
    con = connect(db, read_only=True)
    try:
        recorded = con.execute(
            "SELECT status, items, loaded, flags FROM pipeline_runs ORDER BY started_at, flags"
        ).fetchall()
        flags = con.execute(
            'SELECT "check", board, field, previous, current FROM quality_flags ORDER BY ALL'
        ).fetchall()
    finally:
        con.close()
    assert recorded == [("ok", 24, 24, 0), ("ok", 13, 13, 2)]
    assert flags == [
        ("completeness_drop", None, "location", 1.0, round(1 / 13, 4)),
        ("count_drop", "globex", None, 12.0, 1.0),
    ]
