"""`jobpulse landing status|prune`: the landing store per source, and pruning only what is safe —
never a file whose content the warehouse has not loaded, never one inside the retention."""

from __future__ import annotations

from datetime import datetime

import pytest

from jobpulse.cli import main
from pipeline.ingest import ingest_files
from pipeline.landing_retention import (
    DEFAULT_KEEP_DAYS,
    KEEP_DAYS_ENV,
    RetentionError,
    keep_days,
    landing_status,
    prune_landing,
)
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER, write_landing
from warehouse.db import connect

NOW = datetime(2026, 12, 8, 2)
OLD = "2024-11-04T06:00:00+00:00"  # two years before NOW: past the default retention of 365 days
RECENT = "2026-11-30T06:00:00+00:00"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A landing directory and its warehouse: an old and a recent crawl loaded (the recent one sees
    the old one's posting again, so it holds the newest sighting), an old one never loaded."""
    monkeypatch.delenv(KEEP_DAYS_ENV, raising=False)  # the default retention
    landing, db = tmp_path / "landing", tmp_path / "warehouse.duckdb"
    files = {
        "old": write_landing(landing / "greenhouse", "old", [AI_ENGINEER], crawled_at=OLD),
        "recent": write_landing(landing / "greenhouse", "recent", [AI_ENGINEER, DATA_SCIENTIST], crawled_at=RECENT),
    }
    sizes = {name: path.stat().st_size for name, path in files.items()}  # before compression
    con = connect(db)
    try:
        ingest_files(con, list(files.values()))
    finally:
        con.close()
    files["never_loaded"] = write_landing(landing / "lever", "never", [ML_ENGINEER], crawled_at=OLD)
    sizes["never_loaded"] = files["never_loaded"].stat().st_size
    return {"landing": landing, "db": db, "written": sizes, **files}


def on_disk(store) -> list[str]:
    return sorted(p.relative_to(store["landing"]).as_posix() for p in store["landing"].rglob("*.jsonl*"))


def test_prune_removes_old_loaded_files_and_keeps_their_sidecars(store):
    plan, freed = prune_landing(store["landing"], store["db"], now=NOW)
    assert [f.path for f in plan.prune] == [store["old"]] and freed > 0
    assert on_disk(store) == ["greenhouse/recent.jsonl.zst", "lever/never.jsonl"]
    assert store["old"].with_name("old.meta.json").is_file()


def test_prune_never_removes_a_file_the_warehouse_has_not_loaded(store):
    plan, _ = prune_landing(store["landing"], store["db"], older_than=400, now=NOW)
    assert [f.path for f in plan.not_loaded] == [store["never_loaded"]]
    assert store["never_loaded"].is_file()


def test_prune_never_removes_a_file_whose_content_changed_since_its_load(store):
    store["old"].with_name("old.jsonl.zst").unlink()  # the same name now holds records never loaded
    write_landing(store["landing"] / "greenhouse", "old", [ML_ENGINEER], crawled_at=OLD)
    plan, _ = prune_landing(store["landing"], store["db"], now=NOW)
    assert plan.prune == [] and store["old"] in [f.path for f in plan.not_loaded] and store["old"].is_file()


def test_prune_never_removes_a_file_whose_load_failed(store):
    failed = write_landing(store["landing"] / "ashby", "failed", [ML_ENGINEER, DATA_SCIENTIST], crawled_at=OLD)
    failed.with_name("failed.meta.json").write_text("{not json")  # the load of this file fails
    con = connect(store["db"])
    try:
        (result,) = ingest_files(con, [failed])
    finally:
        con.close()
    assert result.status == "failed"
    plan, _ = prune_landing(store["landing"], store["db"], now=NOW)
    assert failed in [f.path for f in plan.not_loaded] and failed.is_file()


def test_prune_never_removes_the_file_holding_a_postings_raw_record(store):
    """The warehouse keeps a line number instead of the record (postings.landing_file, landing_line:
    schema v5), so that line's file is the record's only copy. Every posting points at its newest
    sighting (here the recent file); one is pointed at the old file too."""
    con = connect(store["db"])
    try:
        con.execute("ALTER TABLE postings ADD COLUMN IF NOT EXISTS landing_file VARCHAR")
        con.execute("UPDATE postings SET landing_file = ? WHERE source_id = '101'", [str(store["old"])])
    finally:
        con.close()
    plan, _ = prune_landing(store["landing"], store["db"], now=NOW)
    assert plan.prune == [] and sorted(f.path for f in plan.holds_raw) == [store["old"], store["recent"]]
    assert store["old"].with_name("old.jsonl.zst").is_file()


def test_prune_keeps_files_crawled_within_older_than(store):
    plan, _ = prune_landing(store["landing"], store["db"], older_than=800, now=NOW)  # OLD is 764 days back
    assert plan.prune == [] and [f.path.name for f in plan.too_young] == ["old.jsonl"]
    assert [f.path.name for f in plan.holds_raw] == ["recent.jsonl"]  # its postings' newest sighting
    assert on_disk(store) == ["greenhouse/old.jsonl.zst", "greenhouse/recent.jsonl.zst", "lever/never.jsonl"]


def test_prune_refuses_to_reach_inside_the_retention(store, monkeypatch):
    monkeypatch.setenv(KEEP_DAYS_ENV, "800")
    with pytest.raises(RetentionError, match="inside the retention of 800 days"):
        prune_landing(store["landing"], store["db"], older_than=400, now=NOW)
    assert len(on_disk(store)) == 3


def test_a_dry_run_removes_nothing(store):
    plan, freed = prune_landing(store["landing"], store["db"], dry_run=True, now=NOW)
    assert [f.path for f in plan.prune] == [store["old"]] and freed == 0 and len(on_disk(store)) == 3


def test_long_work_reports_progress_file_by_file(store):
    seen = []
    prune_landing(store["landing"], store["db"], dry_run=True, now=NOW, progress=lambda *done_of: seen.append(done_of))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_the_retention_is_365_days_unless_configured():
    assert keep_days({}) == DEFAULT_KEEP_DAYS == 365
    assert keep_days({KEEP_DAYS_ENV: "30"}) == 30
    with pytest.raises(RetentionError, match="whole number of days"):
        keep_days({KEEP_DAYS_ENV: "a year"})


def test_status_counts_files_bytes_and_crawl_days_per_source(store):
    greenhouse, lever = landing_status(store["landing"], store["db"])
    assert (greenhouse.source, greenhouse.files, greenhouse.loaded, greenhouse.compressed) == ("greenhouse", 2, 2, 2)
    assert greenhouse.raw_bytes == store["written"]["old"] + store["written"]["recent"]
    assert greenhouse.stored_bytes == sum(p.stat().st_size for p in store["landing"].glob("greenhouse/*.zst"))
    assert (greenhouse.oldest.date().isoformat(), greenhouse.newest.date().isoformat()) == ("2024-11-04", "2026-11-30")
    assert (lever.source, lever.files, lever.loaded, lever.compressed) == ("lever", 1, 0, 0)
    assert lever.raw_bytes == lever.stored_bytes == store["written"]["never_loaded"]


def test_status_command_prints_a_row_per_source(store, capsys):
    assert main(["-q", "landing", "status", "--db", str(store["db"]), "--landing", str(store["landing"])]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[2:4]}
    assert rows["greenhouse"][1:4] == ["2", "2", "2"] and rows["greenhouse"][-2:] == ["2024-11-04", "2026-11-30"]
    assert rows["lever"][1:4] == ["1", "0", "0"]


def test_prune_command_says_what_it_did_in_one_line(store, capsys):
    args = ["-q", "landing", "prune", "--db", str(store["db"]), "--landing", str(store["landing"])]
    assert main([*args, "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would prune 1 loaded files crawled over 365 days ago")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("pruned 1 ") and "kept 1 not loaded" in out


def test_prune_command_refusals_are_one_line_errors(store, tmp_path, capsys):
    base = ["landing", "prune", "--landing", str(store["landing"])]
    assert main([*base, "--db", str(store["db"]), "--older-than", "30"]) == 2
    assert "inside the retention of 365 days" in capsys.readouterr().err
    assert main([*base, "--db", str(tmp_path / "none.duckdb")]) == 2  # nothing is known loaded: nothing pruned
    assert "no warehouse at" in capsys.readouterr().err
    assert main(["landing", "status", "--landing", str(tmp_path / "nowhere"), "--db", str(store["db"])]) == 2
    assert "no landing directory at" in capsys.readouterr().err
    assert len(on_disk(store)) == 3
