"""A bad record costs itself, never its file: malformed lines (a lone surrogate, JSON nested
200,000 deep, a year-1 timestamp with an offset, wrong types) become rejects with their reasons
through both `ingest` and `import`, and every good line around them loads."""

from __future__ import annotations

import json

from jobpulse.cli import main
from tests.pipeline.imports_support import query
from tests.pipeline.landing_files import AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER, write_landing

GOOD = [AI_ENGINEER, DATA_SCIENTIST, ML_ENGINEER]


def _variant(source_id: str, **change) -> dict:
    return {**AI_ENGINEER, "source_id": source_id, "raw": {"id": source_id}, **change}


# (the line as written, the reason its reject must give)
MALFORMED = [
    (
        json.dumps(_variant("201")).replace("Senior AI Engineer", "Senior \\ud800 Engineer"),
        "text is not valid Unicode (a lone UTF-16 surrogate)",
    ),
    ("[" * 200_000, "invalid JSON: nested too deeply"),
    (
        json.dumps(_variant("202", posted_at="0001-01-01T00:00:00+05:00")),
        "posted_at is out of range in UTC: '0001-01-01T00:00:00+05:00'",
    ),
    (json.dumps(_variant("203", title=["Senior AI Engineer"])), "title is a list, not text"),
    (json.dumps(_variant("204", salary_min={"amount": 1})), "salary_min is not a number: {'amount': 1}"),
    (json.dumps(_variant("205", company=12.5)), "company is a float, not text"),
]


def lines_with_faults() -> list[str]:
    good = [json.dumps(r) for r in GOOD]
    return [good[0], *(line for line, _ in MALFORMED[:3]), good[1], *(line for line, _ in MALFORMED[3:]), good[2]]


def test_ingest_rejects_each_malformed_line_and_loads_the_rest(tmp_path, data_dir):  # noqa: F811
    landing = write_landing(tmp_path / "landing" / "greenhouse", "faults", lines_with_faults())
    assert main(["ingest", str(landing)]) == 0
    db = data_dir / "warehouse.duckdb"
    assert sorted(r for (r,) in query(db, "SELECT source_id FROM postings")) == ["101", "102", "103"]
    assert [r for (r,) in query(db, "SELECT reason FROM rejects ORDER BY line_no")] == [r for _, r in MALFORMED]
    assert query(db, "SELECT status, rejected FROM runs WHERE kind = 'ingest'") == [("ok", len(MALFORMED))]


def test_import_rejects_the_same_lines_and_loads_the_rest(tmp_path, data_dir):  # noqa: F811
    source = tmp_path / "saved.jsonl"
    generic = [
        json.dumps({"source": "acme", "source_id": f"a{i}", "title": "ML Engineer", "description": "Python"})
        for i in range(3)
    ]
    source.write_text("\n".join([generic[0], *(line for line, _ in MALFORMED), generic[1], generic[2]]) + "\n")
    assert main(["import", "--format", "postings", str(source)]) == 0
    db = data_dir / "warehouse.duckdb"
    assert sorted(r for (r,) in query(db, "SELECT source_id FROM postings")) == ["a0", "a1", "a2"]
    reasons = [r for (r,) in query(db, "SELECT reason FROM rejects ORDER BY line_no")]
    # import converts each posting first; the same faults are refused there or at ingest
    assert reasons == [r for _, r in MALFORMED]


def test_a_record_that_breaks_normalization_is_refused_alone(tmp_path, data_dir, monkeypatch):  # noqa: F811
    import pipeline.partitions as partitions

    real = partitions.normalize_frame

    def fragile(rows):
        if (rows["source_id"] == "102").any():
            raise ValueError("cannot read this description")
        return real(rows)

    monkeypatch.setattr(partitions, "normalize_frame", fragile)
    landing = write_landing(tmp_path / "landing" / "greenhouse", "normalize", [json.dumps(r) for r in GOOD])
    assert main(["ingest", str(landing)]) == 0
    db = data_dir / "warehouse.duckdb"
    assert sorted(r for (r,) in query(db, "SELECT source_id FROM postings")) == ["101", "103"]
    assert query(db, "SELECT line_no, reason FROM rejects") == [
        (2, "cannot normalize: ValueError: cannot read this description")
    ]
