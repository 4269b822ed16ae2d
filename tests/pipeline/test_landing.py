"""Landing records are validated one by one: a bad one is refused with a reason, never fatal."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipeline.landing import InvalidRecord, posting_id, read_batches, validate
from tests.pipeline.landing_files import AI_ENGINEER, write_landing


def test_a_valid_item_becomes_a_typed_row():
    row = validate(AI_ENGINEER)
    assert row["posting_id"] == posting_id("greenhouse", "101")
    assert row["posted_at"] == datetime(2026, 11, 2, 9, 0)  # 'Z' → naive UTC
    assert "raw" not in row  # the landing line keeps the source's record; the row points to it


def test_offsets_are_converted_to_utc():
    row = validate({**AI_ENGINEER, "posted_at": "2026-11-02T09:00:00-05:00"})
    assert row["posted_at"] == datetime(2026, 11, 2, 14, 0)


def test_numeric_ids_are_kept_as_text():
    assert validate({**AI_ENGINEER, "source_id": 4242})["source_id"] == "4242"


def test_posting_id_is_stable_and_source_scoped():
    assert posting_id("lever", "1") == posting_id("lever", "1")
    assert posting_id("lever", "1") != posting_id("greenhouse", "1")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"title": None}, "missing required field: title"),
        ({"source_id": "  "}, "missing required field: source_id"),
        ({"posted_at": "last Tuesday"}, "posted_at is not an ISO date"),
        ({"salary_min": "lots"}, "salary_min is not a number"),
        ({"salary_min": 200_000, "salary_max": 100_000}, "salary_min 200000.0 is above salary_max"),
        ({"remote": "sometimes"}, "remote must be one of"),
        ({"company": ["a", "b"]}, "company is a list, not text"),
        ({"_reject": "HN item is not a job post"}, "HN item is not a job post"),
    ],
)
def test_invalid_records_are_refused_with_a_reason(change, reason):
    with pytest.raises(InvalidRecord, match=reason):
        validate({**AI_ENGINEER, **change})


def test_bad_lines_become_rejects_and_the_rest_is_read(tmp_path):
    path = write_landing(
        tmp_path, "mixed", [AI_ENGINEER, "{not json", [1, 2], {**AI_ENGINEER, "source_id": "7", "title": ""}]
    )
    (batch,) = list(read_batches(path))
    assert [r["source_id"] for r in batch.rows] == ["101"]
    assert [(r.line_no, r.reason.split(":")[0]) for r in batch.rejects] == [
        (2, "invalid JSON"),
        (3, "record is a JSON list, not an object"),
        (4, "missing required field"),
    ]
    assert batch.rejects[0].raw == "{not json\n"


def test_batches_bound_memory_whatever_the_file_size(tmp_path):
    records = [{**AI_ENGINEER, "source_id": str(i)} for i in range(25)]
    sizes = [len(b) for b in read_batches(write_landing(tmp_path, "many", records), batch_size=10)]
    assert sizes == [10, 10, 5]
