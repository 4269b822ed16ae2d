"""`jobpulse reprocess` re-derives roles and skills from stored postings, only where stale."""

from __future__ import annotations

import pytest

from jobpulse.cli import main
from pipeline.ingest import ingest_files
from pipeline.reprocess import reprocess
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER, write_landing
from warehouse.db import connect
from warehouse.taxonomy import TAXONOMY_VERSION


def derived(con):
    roles = con.execute("SELECT source_id, role, seniority, taxonomy_version FROM postings ORDER BY 1").fetchall()
    skills = con.execute("SELECT posting_id, skill_id FROM posting_skills ORDER BY ALL").fetchall()
    return roles, skills


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    ingest_files(con, [write_landing(tmp_path / "l", "run", [AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER])])
    yield con, db
    con.close()


def as_if_derived_by_an_older_taxonomy(con, source_id):
    con.execute(
        "UPDATE postings SET role = 'other', seniority = NULL, taxonomy_version = 'older' WHERE source_id = ?",
        [source_id],
    )
    con.execute(
        "DELETE FROM posting_skills WHERE posting_id IN (SELECT posting_id FROM postings WHERE source_id = ?)",
        [source_id],
    )


def test_postings_of_an_older_taxonomy_are_re_derived(loaded):
    con, _ = loaded
    expected = derived(con)
    as_if_derived_by_an_older_taxonomy(con, "101")
    result = reprocess(con)
    assert (result.postings, result.version) == (1, TAXONOMY_VERSION)
    assert derived(con) == expected


def test_postings_re_derived_in_several_batches_get_what_ingest_gave(loaded):
    con, _ = loaded
    expected = derived(con)
    for source_id in ("101", "102", "103"):
        as_if_derived_by_an_older_taxonomy(con, source_id)
    assert reprocess(con, batch_size=1).postings == 3
    assert derived(con) == expected


def test_current_postings_are_left_alone_unless_forced(loaded):
    con, _ = loaded
    con.execute("UPDATE postings SET role = 'other' WHERE source_id = '102'")  # same version: not stale
    assert reprocess(con).postings == 0
    assert con.execute("SELECT role FROM postings WHERE source_id = '102'").fetchall() == [("other",)]
    assert reprocess(con, force=True).postings == 3
    assert con.execute("SELECT role FROM postings WHERE source_id = '102'").fetchall() == [("data_scientist",)]


def test_the_command(loaded, capsys):
    con, db = loaded
    as_if_derived_by_an_older_taxonomy(con, "103")
    con.close()
    assert main(["reprocess", "--db", str(db)]) == 0
    assert "1 postings re-derived" in capsys.readouterr().out
    con2 = connect(db)
    try:
        assert con2.execute("SELECT role FROM postings WHERE source_id = '103'").fetchall() == [("ml_engineer",)]
    finally:
        con2.close()


def test_a_missing_warehouse_is_a_one_line_error(tmp_path, capsys):
    assert main(["reprocess", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err


def test_a_real_taxonomy_change_is_applied_without_re_crawling(tmp_path):
    """A new skill added to the seed files reaches stored postings through `jobpulse reprocess`."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import warehouse

    db = tmp_path / "w.duckdb"
    con = connect(db)
    ingest_files(
        con,
        [
            write_landing(
                tmp_path / "l",
                "run",
                [
                    {
                        **AI_ENGINEER,
                        "source_id": "301",
                        "description_html": "<p>Agents written in Quillscript and Python.</p>",
                    }
                ],
            )
        ],
    )
    con.close()
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(warehouse.__file__).with_name("seeds"), seeds)
    skills_file = seeds / "skills.toml"
    skills_file.write_text(
        skills_file.read_text().replace(
            "[tool]\n", '[tool]\nquillscript = { name = "Quillscript", aliases = ["quillscript"] }\n', 1
        )
    )

    jobpulse = Path(sys.executable).with_name("jobpulse")
    done = subprocess.run(
        [str(jobpulse), "reprocess", "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBPULSE_SEEDS_DIR": str(seeds)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1 postings re-derived" in done.stdout
    con = connect(db, read_only=True)
    try:
        skills = {s for (s,) in con.execute("SELECT skill_id FROM posting_skills").fetchall()}
        ((version,),) = con.execute("SELECT DISTINCT taxonomy_version FROM postings").fetchall()
        known = {s for (s,) in con.execute("SELECT skill_id FROM skills").fetchall()}
    finally:
        con.close()
    assert {"quillscript", "python"} <= skills and "quillscript" in known
    assert version != TAXONOMY_VERSION
