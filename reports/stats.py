"""Small, dependency-free tests used by the report (run on per-skill tables of a few hundred rows)."""

from __future__ import annotations

import math
from collections.abc import Sequence

_SQRT2 = math.sqrt(2.0)
# Relative size below which a further tail term cannot change a float sum.
_NEGLIGIBLE = 1e-17


def two_sided_normal_p(z: float) -> float:
    """P(|Z| ≥ |z|) for a standard normal Z; erfc keeps precision far out in the tail."""
    return math.erfc(abs(z) / _SQRT2)


def two_proportion_z(hits_a: int, total_a: int, hits_b: int, total_b: int) -> float | None:
    """Pooled two-proportion z statistic for hits_a/total_a vs hits_b/total_b.

    None when either side has no postings (nothing to compare). When the pooled share is 0 or 1
    both shares are equal, so z is 0 rather than 0/0.
    """
    if total_a <= 0 or total_b <= 0:
        return None
    pooled = (hits_a + hits_b) / (total_a + total_b)
    variance = pooled * (1.0 - pooled) * (1.0 / total_a + 1.0 / total_b)
    if variance <= 0.0:
        return 0.0
    return (hits_a / total_a - hits_b / total_b) / math.sqrt(variance)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """BH-adjusted q-values, in the order given (step-up: q_(i) = min_{j≥i} p_(j)·m/j, ≤ 1)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q_values = [1.0] * m
    running_min = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running_min = min(running_min, p_values[index] * m / rank)
        q_values[index] = running_min
    return q_values


def _binomial_log_pmf(k: int, n: int, p: float) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def _far_tail(k: int, n: int, p: float, step: int) -> float:
    """Sum the binomial pmf from k outwards (away from the mean), stopping once terms vanish.

    Terms shrink monotonically away from the mode, so the sum stops after a few standard
    deviations instead of walking all n terms (n can be a million postings).
    """
    total = 0.0
    i = k
    while 0 <= i <= n:
        term = math.exp(_binomial_log_pmf(i, n, p))
        total += term
        if term <= total * _NEGLIGIBLE:
            break
        i += step
    return total


def poisson_rate_test(recent_count: int, recent_weeks: float, baseline_count: int, baseline_weeks: float) -> float:
    """Two-sided p-value that two Poisson counts share one weekly rate (exact conditional test).

    Given recent + baseline = n, equal rates make the recent count Binomial(n, w_r / (w_r + w_b))
    with w the window lengths; the p-value doubles the smaller tail (capped at 1).
    """
    n = recent_count + baseline_count
    if n == 0 or recent_weeks <= 0 or baseline_weeks <= 0:
        return 1.0
    p = recent_weeks / (recent_weeks + baseline_weeks)
    if recent_count < n * p:
        tail = _far_tail(recent_count, n, p, step=-1)
    else:
        tail = _far_tail(recent_count, n, p, step=+1)
    return min(1.0, 2.0 * tail)


Z_95 = 1.959963984540054  # two-sided 95% normal quantile


def wilson_interval(hits: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for hits/total (95% by default); None when total is 0.

    Unlike the normal approximation it stays inside [0, 1] and is sensible for shares near 0 or 1
    and for small totals, which is most of what a weekly role report shows.
    """
    if total <= 0:
        return None
    share = hits / total
    z2 = z * z
    centre = (share + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    # Clamp float dust so the interval always contains the share it was built around.
    return max(0.0, min(centre - half, share)), min(1.0, max(centre + half, share))
