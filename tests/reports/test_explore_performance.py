"""The explorer stays small and quick on a big warehouse shaped like real postings (goal at 1M
postings: ≤ 5 MB and ≤ 5 s). 200k here keeps the suite short; the 1M figures are in the README."""

import pytest
from explore_scale import realistic_frames
from report_warehouse import write_warehouse

from reports.explore import build_explorer


@pytest.mark.slow
def test_200k_realistic_postings_make_a_small_file(tmp_path):
    db = write_warehouse(tmp_path / "big.duckdb", realistic_frames(200_000))
    result = build_explorer(db, tmp_path / "out")
    assert result.bytes < 5_000_000, f"{result.bytes / 1e6:.1f} MB"
    # Its build time is measured by benchmarks/explore.py beside a DuckDB yardstick, not asserted here.
