"""Trend tests over ordered periods, as Polars expressions on per-item sums (one row per skill, title…).

Why these tests (long-horizon trends, reports/long_trends.py):
- Shares (a skill's mentions among a section's postings, a role's postings among all postings) use
  the Cochran–Armitage test for trend: the score test of the slope in a logistic (or linear)
  model of the share against the period index. It uses every period's count, not two windows,
  so a move spread over years adds up instead of being diluted by the baseline.
- Counts (all postings per quarter) use the Poisson analogue: the score test of the slope of a
  log-linear model, each period weighted by its exposure (the part of the quarter the report sees).
- Real postings scatter more from period to period than binomial or Poisson noise (a few big
  employers post in bursts), and a plain score test then calls small wobbles "trends". Both tests
  are therefore divided by √φ, an overdispersion factor: the Pearson χ² left around the fitted
  trend per degree of freedom (Armitage's partition of the homogeneity χ² into trend and
  departure), pooled over the family as a quasi-likelihood scale (see adjusted_for_dispersion). A
  trend must stand out from the scatter of such series, not only from sampling noise.

Each item's row carries the sums the statistics need (t = period index, n = section postings, x =
item count, e = exposure for counts):
  hits = Σx, hits_t = Σx·t, hits_sq = Σx²/n, total = Σn, total_t = Σn·t, total_tt = Σn·t², periods = k.
Every sum runs over the same periods (periods without data left out of all of them).
"""

from __future__ import annotations

import math

import polars as pl

SUM_COLUMNS = ("hits", "hits_t", "hits_sq", "total", "total_t", "total_tt", "periods")


def period_sums(weights: str, index: str = "t") -> list[pl.Expr]:
    """Aggregations of the denominator column (`n` or exposure) over an item's periods."""
    n, t = pl.col(weights), pl.col(index)
    return [
        n.sum().alias("total"),
        (n * t).sum().alias("total_t"),
        (n * t * t).sum().alias("total_tt"),
        pl.len().alias("periods"),
    ]


def hit_sums(hits: str, weights: str, index: str = "t") -> list[pl.Expr]:
    """Aggregations of the item's counts over its periods (periods with zero hits may be absent)."""
    x, n, t = pl.col(hits), pl.col(weights), pl.col(index)
    return [x.sum().alias("hits"), (x * t).sum().alias("hits_t"), (x * x / n).sum().alias("hits_sq")]


def trend_statistics(kind: str = "share") -> list[pl.Expr]:
    """z (the score statistic) and departure (the Pearson χ² around the fitted trend per degree of
    freedom) from the SUM_COLUMNS.

    kind 'share': Cochran–Armitage (binomial variance p̄(1 − p̄)); kind 'count': Poisson score test
    (variance λ̂, `total` being the exposure). z is null when it is undefined (no variance: a share
    of 0 or 1 throughout, or a single period).
    """
    hits, total = pl.col("hits"), pl.col("total")
    rate = hits / total
    spread = rate * (1 - rate) if kind == "share" else rate
    score = pl.col("hits_t") - rate * pl.col("total_t")
    leverage = pl.col("total_tt") - pl.col("total_t") ** 2 / total
    variance = spread * leverage
    z = pl.when(variance > 0).then(score / variance.sqrt())
    homogeneity = pl.when(spread > 0).then((pl.col("hits_sq") - hits**2 / total) / spread)
    departure = pl.when(pl.col("periods") > 2).then(
        pl.max_horizontal(homogeneity - z**2, pl.lit(0.0)) / (pl.col("periods") - 2)
    )
    return [z.alias("z"), departure.alias("departure")]


def adjusted_for_dispersion(family: str | pl.Expr) -> list[pl.Expr]:
    """dispersion φ = max(1, median departure over the family) and z_adjusted = z / √φ.

    One φ per family (a section's skills): how much more its postings scatter from quarter to
    quarter than sampling noise explains is a property of the section (a few employers posting in
    bursts), estimated from all its items. The median keeps the few items that truly move in a
    non-linear way (a launch: zero, then a step up) from inflating it, and an item's own estimate
    (≈ 10 degrees of freedom) would be too noisy and would penalise exactly such steps.
    """
    dispersion = pl.max_horizontal(pl.col("departure").median().over(family).fill_null(1.0), pl.lit(1.0))
    return [dispersion.alias("dispersion"), (pl.col("z") / dispersion.sqrt()).alias("z_adjusted")]


def two_sided_p(z: float | None) -> float | None:
    """P(|Z| ≥ |z|) for a standard normal Z (erfc keeps precision far out in the tail)."""
    return None if z is None or math.isnan(z) else math.erfc(abs(z) / math.sqrt(2.0))
