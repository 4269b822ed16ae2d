"""`jobpulse import --format tracker`: a tracker's snapshot becomes postings with their history.

The AI-lab ATS tracker in ../shared/realdata is one CSV row per job with the first and last time
the tracker saw it open. Imported, each job is the posting a crawl of its board would have made,
seen on its first and last dates and every week between, and the tracker's span per board is
recorded as the import's coverage.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from datetime import datetime

import pytest

from jobpulse.cli import main
from tests.pipeline.imports_support import query
from tests.realdata import realdata_path

TRACKER = ("ai_labs_ats_tracker", "ai_lab_postings_2025-08_2026-08.csv.gz")


def run_import(db, *files):
    return main(["import", "--db", str(db), "--format", "tracker", *map(str, files)])


@pytest.fixture(scope="module")
def tracker_rows():
    with gzip.open(realdata_path(*TRACKER), "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(tmp_path_factory, tracker_rows):
    home = tmp_path_factory.mktemp("tracker")
    db = home / "w.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBPULSE_DATA_DIR", str(home / "data"))
        assert run_import(db, realdata_path(*TRACKER)) == 0
    return db


def _ts(text):
    return datetime.fromisoformat(text)


def test_every_job_of_the_file_is_one_posting_under_its_ats_and_board(imported, tracker_rows):
    expected = Counter((r["source"], r["job_url"].split("/")[3]) for r in tracker_rows)
    got = dict(((s, b), n) for s, b, n in query(imported, "SELECT source, board, count(*) FROM postings GROUP BY ALL"))
    assert got == dict(expected)
    assert query(imported, "SELECT count(*) FROM rejects") == [(0,)]
    kept = set(query(imported, "SELECT source_id, first_seen, last_seen FROM postings"))
    assert kept == {(r["external_id"], _ts(r["first_seen"]), _ts(r["last_seen"])) for r in tracker_rows}


@pytest.mark.parametrize("pick", ["first", "ashby", "longest", "active"])
def test_first_and_last_seen_are_the_trackers_and_sightings_are_weekly_between(imported, tracker_rows, pick):
    row = {
        "first": tracker_rows[0],
        "ashby": next(r for r in tracker_rows if r["source"] == "ashby"),
        "longest": max(tracker_rows, key=lambda r: _ts(r["last_seen"]) - _ts(r["first_seen"])),
        "active": next(r for r in tracker_rows if r["active_on_2026_08_22"] == "True"),
    }[pick]
    ((first, last, closed),) = query(
        imported,
        f"""SELECT first_seen, last_seen, closed_at FROM postings
                                      WHERE source = '{row["source"]}' AND source_id = '{row["external_id"]}'""",
    )
    assert (first, last) == (_ts(row["first_seen"]), _ts(row["last_seen"]))
    seen = [
        s
        for (s,) in query(
            imported,
            f"""SELECT seen_at FROM sightings JOIN postings USING (posting_id)
                                WHERE source_id = '{row["external_id"]}' ORDER BY seen_at""",
        )
    ]
    assert seen[0] == first and seen[-1] == last
    gaps = [(b - a).total_seconds() / 86400 for a, b in zip(seen, seen[1:])]
    assert all(0 <= g <= 7 for g in gaps) and len(seen) >= (last - first).days // 7 + 1
    if row["active_on_2026_08_22"] == "True":
        assert closed is None  # still listed when the tracker last looked
    elif row["tracker_status"] == "closed" and row["job_url"].split("/")[3] in ("anthropic", "openai"):
        assert closed is not None and last < closed <= last.replace(year=last.year + 1)


def test_jobs_the_tracker_saw_open_at_its_end_stay_open_and_the_others_close(imported, tracker_rows):
    still_listed = sum(r["active_on_2026_08_22"] == "True" for r in tracker_rows)
    open_at_end = query(
        imported,
        """SELECT count(*) FROM postings WHERE closed_at IS NULL
                                     AND last_seen >= TIMESTAMP '2026-08-22'""",
    )[0][0]
    assert open_at_end == still_listed


def test_the_trackers_span_per_board_is_the_imports_coverage(imported, tracker_rows):
    ((detail,),) = query(imported, "SELECT detail FROM runs WHERE kind = 'import'")
    coverage = json.loads(detail)["tracker"]["coverage"]
    spans = {}
    for r in tracker_rows:
        key = (r["source"], r["job_url"].split("/")[3])
        lo, hi = spans.get(key, (r["first_seen"], r["last_seen"]))
        spans[key] = (min(lo, r["first_seen"]), max(hi, r["last_seen"]))
    assert {(c["source"], c["board"]): (c["start"], c["end"]) for c in coverage} == {
        k: (_ts(lo).isoformat(), _ts(hi).isoformat()) for k, (lo, hi) in spans.items()
    }


def test_a_small_snapshot_gets_one_sighting_a_week_and_importing_it_again_changes_nothing(tmp_path, data_dir):
    record = {
        "id": 11,
        "title": "Research Engineer, Pretraining",
        "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/11",
        "first_published": "2026-01-02T10:00:00-05:00",
        "location": {"name": "Remote"},
        "company_name": "Acme",
    }
    snapshot = tmp_path / "tracker.csv"
    with open(snapshot, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["job_id", "source", "external_id", "job_url", "first_seen", "last_seen", "raw_record_json"])
        writer.writerow(
            [
                "gh_acme_11",
                "greenhouse",
                "11",
                record["absolute_url"],
                "2026-01-05T08:00:00",
                "2026-01-26T09:00:00",
                json.dumps(record),
            ]
        )
    db = tmp_path / "w.duckdb"
    assert run_import(db, snapshot) == 0
    sightings = query(db, "SELECT seen_at::VARCHAR FROM sightings ORDER BY 1")
    assert sightings == [
        ("2026-01-05 08:00:00",),
        ("2026-01-12 08:00:00",),
        ("2026-01-19 08:00:00",),
        ("2026-01-26 09:00:00",),
    ]  # the last sighting itself, not a weekly step that day
    assert query(
        db, "SELECT role, posted_at::DATE::VARCHAR, first_seen::VARCHAR, last_seen::VARCHAR FROM postings"
    ) == [("research_engineer", "2026-01-02", "2026-01-05 08:00:00", "2026-01-26 09:00:00")]
    assert run_import(db, snapshot) == 0
    assert query(db, "SELECT count(*) FROM sightings") == [(4,)]


def test_a_csv_without_the_tracker_columns_is_refused_in_one_line(tmp_path, data_dir, capsys):
    not_a_tracker = tmp_path / "other.csv"
    not_a_tracker.write_text("title,company\nML Engineer,Acme\n")
    assert run_import(tmp_path / "w.duckdb", not_a_tracker) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("jobpulse import:") and "missing columns: source, external_id" in err and "\n" not in err
