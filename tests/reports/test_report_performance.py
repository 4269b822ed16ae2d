"""The report is built whole on a big warehouse (design target: 1M postings in ≤ 5 s on 2 cores,
measured by benchmarks/ rather than asserted here)."""

from datetime import date

import pytest
from report_warehouse import synthetic_frames, write_warehouse

from reports.build import build_report


@pytest.mark.slow
def test_a_200k_posting_warehouse_is_reported_whole(tmp_path):
    db = write_warehouse(tmp_path / "big.duckdb", synthetic_frames(200_000, weeks=104))
    result = build_report(db, tmp_path / "out", as_of=date(2026, 11, 25))
    assert result.summary["data"]["postings_total"] == 200_000
