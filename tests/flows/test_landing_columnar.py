"""The columnar reader of landing lines gives, line for line, what the per-line path gives: the
same rows (every field, the stored raw record) and the same rejects with the same reasons — on
hand-made awkward lines, on every fault the per-line path knows, and on real postings."""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from pathlib import Path

import polars as pl

from flows.landing import InvalidRecord, read_batches, read_record
from flows.landing_columnar import PY_WHITESPACE, parse_lines
from flows.normalize.pipeline import ROW_SCHEMA
from tests.flows.landing_files import AI_ENGINEER
from tests.flows.test_record_faults import MALFORMED
from tests.realdata import realdata_path


def variant(**change) -> str:
    return json.dumps({**AI_ENGINEER, "source_id": "v", **change}, ensure_ascii=False)


AWKWARD = [
    variant(source_id=101), variant(source_id=-0), variant(source_id=12345678901234567890), variant(source_id=1.5),
    variant(title="  padded  "), variant(title="\x1cfile separator\x1f"), variant(title="\u3000ideographic\u3000"),
    variant(title="   "), variant(title=None), variant(company=None), variant(company=""),
    variant(remote="Remote"), variant(remote="REMOTE "), variant(remote="moon"), variant(remote="ＲＥＭＯＴＥ"),
    variant(salary_min=100000, salary_max=150000), variant(salary_min=1.5e5, salary_max="160000"),
    variant(salary_min=-0, salary_max=0), variant(salary_min=True), variant(salary_min=200, salary_max=100),
    variant(salary_min=12345678901234567890123), variant(salary_min=""),
    '{"source":"greenhouse","source_id":"n1","title":"AI Engineer","salary_min":NaN}',
    '{"source":"greenhouse","source_id":"n2","title":"AI Engineer","salary_max":1e400}',
    variant(posted_at="2026-10-01"), variant(posted_at="2026-10-01T12:30:00Z"), variant(posted_at="2026-10-01T12:30:00.123+05:30"),
    variant(posted_at=" 2026-10-01 "), variant(posted_at="20261001"), variant(posted_at="yesterday"), variant(posted_at=20261001),
    variant(posted_at="9999-12-31T23:00:00-05:00"), variant(updated_at=""),
    variant(raw={"n": 1.0, "big": 12345678901234567890123, "f": 0.1, "s": "é ☃ 𝄞", "nested": [{"a": None}]}),
    variant(raw=None), variant(raw="just text"), variant(raw={"a": 1, "a": 2}),
    '{"source":"greenhouse","source_id":"d1","title":"AI Engineer","raw":{"a":1,"a":2}}',
    '{"source":"greenhouse","source_id":"d2","title":"First","title":"Second"}',
    '{"source":"greenhouse","source_id":"t1","title":"AI Engineer",}',
    '\ufeff{"source":"greenhouse","source_id":"b1","title":"AI Engineer"}',
    '{"source":"greenhouse","source_id":"z1","title":"AI\\u0000Engineer"}',
    '{"source":"greenhouse","source_id":"u1","title":"AI \\ud83e\\udd16 Engineer"}',
    json.dumps({"_reject": "no board in the url", "source": "tracker"}),
    "[1, 2]", '"a string"', "null", "{", "not json", '{"source": "greenhouse"} trailing',
    variant(description_html="<p>" + "deep " * 2000 + "</p>"), variant(extra_field={"ignored": True}),
    *(line for line, _ in MALFORMED),
]


def per_line(lines: list[str]) -> tuple[pl.DataFrame, list[tuple[int, str | None, str]]]:
    """What the per-line path makes of these lines (line numbers from 1)."""
    rows, rejects = [], []
    for line_no, line in enumerate(lines, start=1):
        try:
            rows.append({"line_no": line_no, **read_record(line + "\n")})  # as read from the file
        except InvalidRecord as exc:
            rejects.append((line_no, exc.source, str(exc)))
    return pl.DataFrame(rows, schema=ROW_SCHEMA), rejects


def assert_same_as_per_line(lines: list[str], tmp_path: Path, batch_size: int = 20_000) -> None:
    path = tmp_path / "landing.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    batches = list(read_batches(path, batch_size))
    frame = pl.concat([b.frame for b in batches])
    rejects = [(r.line_no, r.source, r.reason) for b in batches for r in b.rejects]
    expected_rows, expected_rejects = per_line(lines)
    assert frame.to_dicts() == expected_rows.to_dicts()
    assert sorted(rejects) == expected_rejects


def test_awkward_lines_read_as_the_per_line_path_reads_them(tmp_path):
    assert_same_as_per_line(AWKWARD, tmp_path, batch_size=7)


def test_the_whitespace_stripped_is_what_python_strips():
    assert PY_WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def test_plain_records_never_take_the_slow_path():
    lines = [variant(source_id=str(i), salary_min=1000 * i, salary_max=2000 * i, remote="hybrid",
                     posted_at=f"2026-10-{1 + i % 28:02d}T08:00:00Z") for i in range(50)]
    rows, refused = parse_lines(pl.DataFrame({"line_no": range(1, 51), "line": lines}))
    assert (rows.height, refused) == (50, [])


def test_real_postings_from_hn_and_ats_fixtures(tmp_path):
    lines = []
    with gzip.open(realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz"), "rt") as records:
        for record in itertools.islice(map(json.loads, records), 1500):
            lines.append(json.dumps({"source": "hn", "source_id": record["comment_id"], "title": record["full_html"][:60],
                                     "description_html": record["full_html"], "location": record.get("location"),
                                     "posted_at": record["file_committed_at"], "raw": record}, ensure_ascii=False))
    for fixture in sorted(realdata_path("ats_fixtures").rglob("*.json"))[:40]:
        data = json.loads(fixture.read_text())
        jobs = data.get("jobs") if isinstance(data, dict) else data
        for job in (jobs if isinstance(jobs, list) else [])[:20]:
            if isinstance(job, dict):
                lines.append(json.dumps({"source": fixture.parent.name, "source_id": job.get("id"), "title": job.get("title"),
                                         "description_html": job.get("content") or job.get("description"),
                                         "posted_at": job.get("updated_at") or job.get("publishedAt"), "raw": job}))
    assert len(lines) > 1500
    assert_same_as_per_line(lines, tmp_path, batch_size=500)
