"""The rows of one report section, as the trend tables hand them over: volume, breakdown, skill history.

Rows are plain dicts here; reports/summary.py turns each finished section into the typed `Section`
(reports/model/). A window without coverage has unknown counts: None, never 0.
"""

from __future__ import annotations

import polars as pl

from reports import trends
from reports.coverage import volume_gate
from reports.periods import ReportWindows
from reports.skills import TrendRules
from reports.stats import poisson_rate_test
from reports.taxonomy import BREAKDOWNS, UNSPECIFIED


def volume_summary(counts: dict, series: list[dict], coverage: dict, rules: TrendRules, active: dict) -> dict:
    """New postings in the compared windows, per covered period; `coverage` holds each window's coverage.

    An uncovered report (or previous) period has no count (None), never 0; a window's rate is per
    covered period; no verdict without coverage on both sides or with coverage that differs too much.
    """
    current, previous, recent, baseline = (int(counts[p]) for p in trends.PERIODS)
    current = current if coverage["report_period"]["covered_periods"] else None
    previous = previous if coverage["previous_period"]["covered_periods"] else None
    recent_n, baseline_n = coverage["recent"]["covered_periods"], coverage["baseline"]["covered_periods"]
    recent_per = recent / recent_n if recent_n else None
    baseline_per = baseline / baseline_n if baseline_n else None
    gate = volume_gate(coverage["recent"], coverage["baseline"])
    p_value = poisson_rate_test(recent, recent_n, baseline, baseline_n) if recent_n and baseline_n else None
    verdict = gate or "steady"
    if gate is None and p_value < rules.alpha and recent >= rules.min_recent_postings:
        verdict = "growing" if recent_per > baseline_per else "shrinking"
    both = current is not None and previous is not None
    return {
        "measure": "new postings",
        "current": current,
        "previous": previous,
        "week": current,  # aliases kept for readers of the weekly-era JSON
        "previous_week": previous,
        "change": current - previous if both else None,
        "change_pct": (current - previous) / previous * 100 if both and previous else None,
        "recent_total": recent,
        "baseline_total": baseline,
        "recent_per_period": recent_per,
        "baseline_per_period": baseline_per,
        "ratio": recent_per / baseline_per if recent_per is not None and baseline_per else None,
        "p_value": p_value,
        "verdict": verdict,
        "coverage": {
            window: coverage[window]["share"] for window in ("report_period", "previous_period", "recent", "baseline")
        },
        "active": active,
        "series": series,
    }


_WINDOW_KEYS = {"current": "report_period", "previous": "previous_period", "recent": "recent", "baseline": "baseline"}


def blank_uncovered(section: dict, window_coverage: dict) -> None:
    """Counts of a window without coverage are unknown: None in the breakdown and mix tables, never 0."""
    unknown = [key for key, window in _WINDOW_KEYS.items() if not window_coverage[window]["covered_periods"]]
    if not unknown:
        return
    rows = [
        *section["specialisms"].values(),
        *section["titles"]["top"],
        *section["titles"]["growing"],
        *section["seniority"],
        *section["remote"]["values"],
    ]
    for row in rows:
        row.update({key: None for key in unknown if key in row})


def active_block(active: pl.DataFrame | None, windows: ReportWindows, window_coverage: dict) -> dict:
    """Active postings (jobs seen open) in the report period and per covered period of each window."""
    sums = {p: 0 for p in trends.PERIODS}
    if active is not None and active.height:
        sums = active.select(trends.sums_by_period("active", windows)).row(0, named=True)
    per = {w: window_coverage[w]["covered_periods"] for w in ("recent", "baseline")}
    return {
        "measure": "active postings",
        "current": int(sums["current"]) if window_coverage["report_period"]["covered_periods"] else None,
        "recent_per_period": int(sums["recent"]) / per["recent"] if per["recent"] else None,
        "baseline_per_period": int(sums["baseline"]) / per["baseline"] if per["baseline"] else None,
    }


def breakdown(aggregates: trends.Aggregates, role: str, windows: ReportWindows, names: dict) -> dict:
    if role not in BREAKDOWNS:
        return {}
    column, values = BREAKDOWNS[role]
    counts = {r["value"]: r for r in trends.breakdown_period_counts(aggregates, role, windows).to_dicts()}
    result = {}
    for value in (*values, *sorted(v for v in counts if v not in values and v is not None), None):
        row = counts.get(value, {})
        key = value if value is not None else UNSPECIFIED
        result[key] = {"name": names.get(key, key), "kind": column, **{p: int(row.get(p, 0)) for p in trends.PERIODS}}
    return result


def skill_history_block(
    history: pl.DataFrame | None, skills: list[str], series: list[dict], smooth: int, names: dict
) -> dict:
    """Trailing `smooth`-period share of the chosen skills for every period of the series (zero-filled).

    Smoothed over the recent window's length so the chart shows the same kind of share the trend
    test compares, not the noise of a single thin week.
    """
    index = {point["start"]: i for i, point in enumerate(series)}
    mentions = {skill: [0] * len(series) for skill in skills}
    if history is not None and skills:
        for row in history.filter(pl.col("skill_id").is_in(skills)).iter_rows(named=True):
            position = index.get(row["period_start"].isoformat())
            if position is not None:
                mentions[row["skill_id"]][position] = int(row["mentions"])
    totals = [point["postings"] or 0 for point in series]
    gaps = [point["postings"] is None for point in series]

    def trailing(values: list[int]) -> list[float | None]:
        out = []
        for i in range(len(values)):
            window = slice(max(0, i - smooth + 1), i + 1)
            postings = sum(totals[window])
            # An uncovered period is a gap in the line (None), never a share of 0.
            out.append(None if gaps[i] else sum(values[window]) / postings if postings else 0.0)
        return out

    return {
        "periods": [point["period"] for point in series],
        "smoothing": smooth,
        "skills": [{"skill_id": s, "name": names.get(s, s), "shares": trailing(mentions[s])} for s in skills],
    }
