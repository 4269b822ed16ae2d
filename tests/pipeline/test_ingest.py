"""Ingest loads landing files into the warehouse: idempotent per file, bad records to `rejects`."""

from __future__ import annotations

import json

import pytest

from pipeline import landing_store
from pipeline.ingest import ingest_files
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER, posting, write_landing
from warehouse.db import connect

TABLES = ("postings", "posting_skills", "sightings", "rejects", "loaded_files", "skills", "roles")


@pytest.fixture
def warehouse(tmp_path):
    con = connect(tmp_path / "warehouse.duckdb")
    yield con
    con.close()


def snapshot(con) -> dict[str, list[tuple]]:
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def test_postings_land_with_role_and_skills(warehouse, tmp_path):
    (result,) = ingest_files(
        warehouse, [write_landing(tmp_path / "landing", "run1", [AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER])]
    )
    assert (result.status, result.items, result.loaded, result.rejected) == ("ok", 3, 3, 0)
    roles = dict(warehouse.execute("SELECT source_id, role FROM postings").fetchall())
    assert roles == {"101": "ai_engineer", "102": "data_scientist", "103": "ml_engineer"}
    skills = {
        s
        for (s,) in warehouse.execute(
            "SELECT skill_id FROM posting_skills JOIN postings USING (posting_id) WHERE source_id = '101'"
        ).fetchall()
    }
    assert {"rag", "llm", "python", "sql", "docker"} <= skills
    text = warehouse.execute("SELECT description_text FROM postings WHERE source_id = '101'").fetchall()[0][0]
    assert "<" not in text and "Build RAG pipelines" in text


def test_a_postings_raw_record_is_its_line_in_the_landing_file(warehouse, tmp_path):
    path = write_landing(tmp_path / "landing", "run1", ["{broken", AI_ENGINEER, DATA_SCIENTIST])
    ingest_files(warehouse, [path])
    stored = warehouse.execute(
        "SELECT source_id, raw, landing_file, landing_line FROM postings ORDER BY source_id"
    ).fetchall()
    assert [(s, raw, file) for s, raw, file, _ in stored] == [("101", None, str(path)), ("102", None, str(path))]
    lines = landing_store.read_lines(path, [line for *_, line in stored])  # the file is compressed once loaded
    records = [json.loads(lines[line]) for *_, line in stored]
    assert [r["raw"] for r in records] == [AI_ENGINEER["raw"], DATA_SCIENTIST["raw"]]


def test_ingesting_the_same_files_again_changes_nothing(warehouse, tmp_path):
    files = [
        write_landing(tmp_path / "landing", "run1", [AI_ENGINEER, DATA_SCIENTIST, "{broken"]),
        write_landing(tmp_path / "landing", "run2", [ML_ENGINEER], crawled_at="2026-11-16T06:00:00Z"),
    ]
    ingest_files(warehouse, files)
    before = snapshot(warehouse)
    again = ingest_files(warehouse, files)
    assert [r.status for r in again] == ["skipped", "skipped"]
    assert snapshot(warehouse) == before


def test_forced_reload_of_the_same_file_gives_the_same_tables(warehouse, tmp_path):
    files = [write_landing(tmp_path / "landing", "run1", [AI_ENGINEER, DATA_SCIENTIST])]
    ingest_files(warehouse, files)
    before = {t: v for t, v in snapshot(warehouse).items() if t != "loaded_files"}
    ingest_files(warehouse, files, force=True)
    after = {t: v for t, v in snapshot(warehouse).items() if t != "loaded_files"}
    assert after == before


def test_a_malformed_record_goes_to_rejects_and_the_rest_loads(warehouse, tmp_path):
    path = write_landing(
        tmp_path / "landing", "run1", [AI_ENGINEER, '{"source": "greenhouse", "title": "no id"}', DATA_SCIENTIST]
    )
    (result,) = ingest_files(warehouse, [path])
    assert (result.loaded, result.rejected) == (2, 1)
    reject = warehouse.execute("SELECT line_no, source, reason, raw FROM rejects").fetchall()
    assert reject == [
        (2, "greenhouse", "missing required field: source_id", '{"source": "greenhouse", "title": "no id"}\n')
    ]
    status = warehouse.execute(
        "SELECT status, items, loaded, rejected FROM runs WHERE run_id = ?", [result.run_id]
    ).fetchall()
    assert status == [("ok", 3, 2, 1)]


def test_sightings_widen_first_and_last_seen(warehouse, tmp_path):
    landing = tmp_path / "landing"
    week1 = write_landing(landing, "week1", [AI_ENGINEER], crawled_at="2026-11-02T06:00:00Z")
    week2 = write_landing(
        landing, "week2", [{**AI_ENGINEER, "title": "Staff AI Engineer"}], crawled_at="2026-11-09T06:00:00Z"
    )
    ingest_files(warehouse, [week2, week1])  # an old partition replayed after a newer one
    row = warehouse.execute(
        "SELECT title, first_seen::DATE::VARCHAR, last_seen::DATE::VARCHAR FROM postings"
    ).fetchall()
    assert row == [("Staff AI Engineer", "2026-11-02", "2026-11-09")]  # content from the newest sighting
    assert warehouse.execute("SELECT count(*) FROM sightings").fetchall() == [(2,)]


def test_a_posting_repeated_in_one_file_is_one_row(warehouse, tmp_path):
    path = write_landing(tmp_path / "landing", "dupes", [AI_ENGINEER, {**AI_ENGINEER, "title": "AI Engineer II"}])
    ingest_files(warehouse, [path])
    assert warehouse.execute("SELECT title FROM postings").fetchall() == [("AI Engineer II",)]


def test_lookup_tables_hold_the_taxonomy(warehouse, tmp_path):
    ingest_files(
        warehouse, [write_landing(tmp_path / "landing", "run1", [posting("9", "Research Scientist", "<p>PhD</p>")])]
    )
    skills = {s for (s,) in warehouse.execute("SELECT skill_id FROM skills").fetchall()}
    assert {"python", "cpp", "ci_cd", "ab_testing", "phd", "masters"} <= skills
    roles = {r for (r,) in warehouse.execute("SELECT role_id FROM roles").fetchall()}
    assert {
        "data_scientist",
        "ml_engineer",
        "ai_engineer",
        "research_scientist",
        "research_engineer",
        "other",
        "ml_platform",
        "ml_hardware",
        "ml_solutions_architect",
        "analytics",
        "modelling",
    } <= roles


def test_a_post_hiring_for_several_roles_counts_in_each(warehouse, tmp_path):
    multi = posting("201", "ML Engineer, Data Scientist", "<p>Python, PyTorch, A/B testing.</p>")
    ingest_files(warehouse, [write_landing(tmp_path / "landing", "run1", [multi, AI_ENGINEER])])
    rows = warehouse.execute(
        "SELECT p.source_id, r.role, r.title FROM posting_roles r JOIN postings p USING (posting_id) ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("101", "ai_engineer", "Senior AI Engineer"),
        ("201", "data_scientist", "Data Scientist"),
        ("201", "ml_engineer", "ML Engineer"),
    ]
    assert warehouse.execute("SELECT role FROM postings WHERE source_id = '201'").fetchall() == [("ml_engineer",)]
