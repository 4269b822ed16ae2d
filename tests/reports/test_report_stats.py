"""The small statistics behind the calls, checked against hand computations and brute force."""

import math

import pytest

from reports.stats import (
    Z_95,
    benjamini_hochberg,
    poisson_rate_test,
    two_proportion_z,
    two_sided_normal_p,
    wilson_interval,
)


def test_two_sided_normal_p_matches_known_quantiles():
    assert two_sided_normal_p(1.959963984540054) == pytest.approx(0.05, rel=1e-9)
    assert two_sided_normal_p(-2.5758293035489) == pytest.approx(0.01, rel=1e-9)
    assert two_sided_normal_p(0.0) == 1.0


def test_two_proportion_z_uses_the_pooled_share():
    # 60/100 vs 40/100: pooled 0.5, se = sqrt(0.25 * 0.02)
    assert two_proportion_z(60, 100, 40, 100) == pytest.approx(0.2 / math.sqrt(0.005))
    assert two_proportion_z(5, 10, 0, 0) is None  # nothing to compare with
    assert two_proportion_z(10, 10, 20, 20) == 0.0  # both 100%: no 0/0


def test_benjamini_hochberg_matches_the_textbook_example():
    p = [0.01, 0.04, 0.03, 0.005]
    # sorted 0.005, 0.01, 0.03, 0.04 → ×4/1, ×4/2, ×4/3, ×4/4 = .02, .02, .04, .04 (monotone)
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.9, 0.8]) == pytest.approx([0.9, 0.9])


def _brute_force_rate_p(recent: int, baseline: int, recent_weeks: int, baseline_weeks: int) -> float:
    n, p = recent + baseline, recent_weeks / (recent_weeks + baseline_weeks)
    pmf = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    lower, upper = sum(pmf[: recent + 1]), sum(pmf[recent:])
    return min(1.0, 2 * min(lower, upper))


@pytest.mark.parametrize(("recent", "baseline"), [(0, 0), (10, 20), (40, 20), (3, 40), (160, 40), (25, 0), (0, 30)])
def test_poisson_rate_test_matches_brute_force_binomial(recent, baseline):
    expected = _brute_force_rate_p(recent, baseline, 4, 8)
    assert poisson_rate_test(recent, 4, baseline, 8) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_poisson_rate_test_is_fast_and_sane_for_a_million_postings():
    assert poisson_rate_test(333_333, 4, 666_667, 8) > 0.5
    assert poisson_rate_test(350_000, 4, 650_000, 8) < 1e-100


@pytest.mark.parametrize(("hits", "total"), [(1, 10), (5, 10), (24, 32), (300, 1000), (3, 100_000)])
def test_wilson_bounds_are_where_the_score_test_is_exactly_at_95_percent(hits, total):
    share = hits / total
    low, high = wilson_interval(hits, total)
    assert low < share < high
    for bound in (low, high):  # (p̂ − p)² = z² p (1 − p) / n at both ends
        assert (share - bound) ** 2 == pytest.approx(Z_95**2 * bound * (1 - bound) / total, rel=1e-9)


def test_wilson_interval_stays_inside_zero_and_one_at_the_edges():
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(Z_95**2 / (10 + Z_95**2))  # the score bound at p̂ = 0
    assert wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 0) is None
