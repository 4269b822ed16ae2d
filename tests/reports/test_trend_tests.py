"""The long-horizon trend tests (reports/trend_tests.py) against published figures and their definitions."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.trend_tests import adjusted_for_dispersion, hit_sums, period_sums, trend_statistics, two_sided_p


def statistics(hits: list[int], totals: list[float], scores: list[float] | None = None, kind: str = "share") -> dict:
    scores = scores if scores is not None else [float(t) for t in range(len(hits))]
    frame = pl.DataFrame(
        {"item": ["x"] * len(hits), "t": scores, "hits": hits, "n": totals},
        schema={"item": pl.String, "t": pl.Float64, "hits": pl.Int64, "n": pl.Float64},
    )
    sums = frame.group_by("item").agg(*period_sums("n"), *hit_sums("hits", "n"))
    return sums.with_columns(trend_statistics(kind)).with_columns(adjusted_for_dispersion("item")).row(0, named=True)


def test_cochran_armitage_matches_the_published_alcohol_and_malformation_example():
    # Agresti, Categorical Data Analysis, table 3.7 (alcohol per day vs congenital malformation);
    # R's prop.trend.test on it gives X-squared = 6.5701, p-value = 0.01037, and the table's
    # Pearson X² of independence is 12.1 on 4 df: 6.57 of it is trend, the rest departure.
    malformed = [48, 38, 5, 1, 1]
    mothers = [17066 + 48, 14464 + 38, 788 + 5, 126 + 1, 37 + 1]
    result = statistics(malformed, mothers, scores=[0.0, 0.5, 1.5, 4.0, 7.0])
    assert result["z"] ** 2 == pytest.approx(6.5701, abs=1e-4)
    assert two_sided_p(result["z"]) == pytest.approx(0.01037, abs=1e-5)
    assert result["z"] ** 2 + 3 * result["departure"] == pytest.approx(12.08, abs=0.01)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 30)), min_size=3, max_size=8))
def test_the_trend_statistic_is_n_times_the_squared_correlation_of_score_and_outcome(groups):
    # The Cochran–Armitage χ² equals N·r², r the Pearson correlation between each posting's
    # period index and whether it mentions the skill: the definition, checked posting by posting.
    hits = [min(h, n) for h, n in groups]
    totals = [n for _, n in groups]
    result = statistics(hits, totals)
    scores = [t for t, n in enumerate(totals) for _ in range(n)]
    outcome = [1 if i < h else 0 for h, n in zip(hits, totals) for i in range(n)]
    mean_s, mean_o = sum(scores) / len(scores), sum(outcome) / len(outcome)
    cov = sum((s - mean_s) * (o - mean_o) for s, o in zip(scores, outcome))
    var_s, var_o = sum((s - mean_s) ** 2 for s in scores), sum((o - mean_o) ** 2 for o in outcome)
    if var_s == 0 or var_o == 0:
        assert result["z"] is None
        return
    assert result["z"] ** 2 == pytest.approx(len(scores) * cov**2 / (var_s * var_o), rel=1e-9)
    if abs(cov) > 1e-9:  # z has the sign of the correlation (rising shares: z > 0)
        assert (result["z"] > 0) == (cov > 0)


def test_a_perfectly_linear_share_has_no_departure_and_keeps_its_full_z():
    totals = [100.0] * 6
    hits = [10, 12, 14, 16, 18, 20]
    result = statistics(hits, totals)
    assert result["departure"] == pytest.approx(0.0, abs=1e-9)
    assert result["dispersion"] == 1.0 and result["z_adjusted"] == result["z"] > 0


def test_scatter_around_the_trend_beyond_binomial_noise_shrinks_z():
    # The same upward drift, but zig-zagging far more than 100-posting samples would.
    result = statistics([5, 30, 8, 35, 12, 40], [100.0] * 6)
    assert result["dispersion"] > 5
    assert result["z_adjusted"] == pytest.approx(result["z"] / math.sqrt(result["dispersion"]))
    assert two_sided_p(result["z_adjusted"]) > two_sided_p(result["z"])


def test_the_poisson_trend_test_weighs_a_partial_quarter_by_the_part_seen():
    # 100 postings a quarter throughout; the last quarter was seen for a third of it (33 postings).
    steady = statistics([100, 100, 100, 33], [1.0, 1.0, 1.0, 1 / 3], kind="count")
    assert abs(steady["z"]) < 0.1
    read_as_whole = statistics([100, 100, 100, 33], [1.0] * 4, kind="count")
    assert read_as_whole["z"] < -4  # what ignoring the exposure would claim: a collapse


def test_a_constant_share_of_zero_has_no_z():
    assert statistics([0, 0, 0], [10.0, 10.0, 10.0])["z"] is None
    assert two_sided_p(None) is None
