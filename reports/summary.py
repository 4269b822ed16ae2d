"""Turn the small trend tables into the report's summary: plain dicts, the JSON the renderers read.

Shape (shares are fractions in [0, 1]; change_pts are percentage points; null where undefined):
  week (the report period's label; the name predates months and quarters), period{kind, label, start,
  end}, as_of, windows{kind, report_period, previous_period, recent, baseline}, rules{…},
  data{postings_* counts, first_period, last_period, empty, report_period_empty},
  overview{<section>, by_role, other}, all_postings{<section>},
  roles{<role_id>: <section> + subsections{<specialism or focus id>: <section>}}, quality{…}
  <section> = id, name, postings{current, previous (aliases week, previous_week), change, change_pct,
  recent_total, baseline_total, recent_per_period, baseline_per_period, ratio, p_value, verdict,
  series[{period, start, postings}]}, specialisms{…}, top_skills[…], trends[…], risers, fallers,
  categories{<category>: [skill ids]}, emerging, dropped, skill_history{periods, skills[…]},
  titles{top, growing}, seniority[…], remote{…}, salary{disclosure, by_seniority}, top_companies,
  article_check[…], article_unlisted[…],
  long_horizon{quarters, postings, covered, coverage, status, …}, long_trends[{skill_id, direction, q, counts,
  shares, yoy, span, …}], long_title_trends[…], long_volume_trend{measure, direction, q, …} (reports/long_trends.py)
  headline{roles[{id, name, long, short, volume}], market, gaps} — "what moved" (reports/headline.py)
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import polars as pl

from reports import mix, trends
from reports.headline import headline
from reports.history import source_history, survivors
from reports.load import WarehouseFrames
from reports.long_trends import long_horizon
from reports.periods import PeriodKind, ReportWindows, period_label
from reports.quality import data_quality
from reports.quarters import aggregate_quarters
from reports.skills import (
    CATEGORIES, RULES, TrendRules, article_check, call_skill_trends, emerging_and_dropped, history_skills, top_skills,
)  # fmt: skip
from reports.stats import poisson_rate_test
from reports.taxonomy import ALL_ML, ALL_POSTINGS, BREAKDOWNS, DEFAULT_NAMES, ML_ROLES, OTHER_ROLE, SUBSECTIONS, UNSPECIFIED

__all__ = ["RULES", "TrendRules", "build_summary", "call_skill_trends", "compute_report"]


def volume_summary(counts: dict, series: list[dict], baseline_periods: int, kind: PeriodKind, rules: TrendRules) -> dict:
    current, previous, recent, baseline = (int(counts[p]) for p in trends.PERIODS)
    recent_per = recent / kind.recent
    baseline_per = baseline / baseline_periods if baseline_periods else None
    p_value = poisson_rate_test(recent, kind.recent, baseline, baseline_periods) if baseline_periods else None
    verdict = "steady"
    if p_value is not None and p_value < rules.alpha and recent >= rules.min_recent_postings:
        verdict = "growing" if recent_per > baseline_per else "shrinking"
    return {
        "current": current,
        "previous": previous,
        "week": current,  # aliases kept for readers of the weekly-era JSON
        "previous_week": previous,
        "change": current - previous,
        "change_pct": (current - previous) / previous * 100 if previous else None,
        "recent_total": recent,
        "baseline_total": baseline,
        "recent_per_period": recent_per,
        "baseline_per_period": baseline_per,
        "ratio": recent_per / baseline_per if baseline_per else None,
        "p_value": p_value,
        "verdict": verdict,
        "series": series,
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


def _partition(frame: pl.DataFrame, key: str = "section") -> dict[str, pl.DataFrame]:
    return {name: part for (name,), part in frame.partition_by(key, as_dict=True).items()} if frame.height else {}


def skill_history_block(history: pl.DataFrame | None, skills: list[str], series: list[dict], smooth: int, names: dict) -> dict:
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
    totals = [point["postings"] for point in series]

    def trailing(values: list[int]) -> list[float]:
        out = []
        for i in range(len(values)):
            window = slice(max(0, i - smooth + 1), i + 1)
            postings = sum(totals[window])
            out.append(sum(values[window]) / postings if postings else 0.0)
        return out

    return {
        "periods": [point["period"] for point in series],
        "smoothing": smooth,
        "skills": [{"skill_id": s, "name": names.get(s, s), "shares": trailing(mentions[s])} for s in skills],
    }


def compute_report(
    frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES
) -> tuple[dict, dict[str, pl.DataFrame]]:
    """The summary, and the whole-history tables too big for it (skill shares per period)."""
    aggregates = trends.aggregate(frames, windows)
    names = {**DEFAULT_NAMES, **dict(zip(aggregates.roles["role_id"], aggregates.roles["name"]))}
    names.update({key: DEFAULT_NAMES[key] for key in (ALL_ML, ALL_POSTINGS)})
    skill_names = dict(trends.skill_names(aggregates).iter_rows())
    dated = aggregates.section_periods.drop_nulls("period_start")
    first = dated["period_start"].min() if dated.height else None
    last = dated["period_start"].max() if dated.height else None
    baseline_periods = windows.baseline_periods_with_data(first)

    section_counts = trends.section_period_counts(aggregates, windows)
    counts = {r["section"]: r for r in section_counts.to_dicts()}
    series = trends.period_series(aggregates, windows, first)
    series_by = _partition(series)
    skill_by = _partition(trends.skill_period_table(aggregates, section_counts, windows))
    history = trends.skill_history(aggregates, series)
    history_by = _partition(history)
    companies_by = _partition(trends.top_companies(aggregates))
    titles = mix.title_variants(aggregates, windows, counts, rules)
    seniority = mix.seniority_mix(aggregates, windows, counts)
    remote = mix.remote_mix(aggregates, windows, counts)
    salary = mix.salary(aggregates)
    long = long_horizon(aggregate_quarters(frames, windows), skill_names)  # moves over years (long_trends.py)

    def section(section_id: str) -> dict:
        part = series_by.get(section_id)
        role_series = [
            {"period": period_label(windows.kind, r["period_start"]), "start": r["period_start"].isoformat(), "postings": int(r["postings"])}
            for r in (part.to_dicts() if part is not None else [])
        ]
        skill_rows = skill_by[section_id].to_dicts() if section_id in skill_by else []
        called = call_skill_trends(skill_rows, rules)
        top = top_skills(skill_rows, called, rules)
        c = counts[section_id]
        emerging, dropped = emerging_and_dropped(called, c["recent"], c["baseline"], rules)
        check = article_check(section_id, called, rules, skill_names)
        companies = companies_by.get(section_id)
        return {
            "id": section_id,
            "name": names.get(section_id, section_id),
            "postings": volume_summary(c, role_series, baseline_periods, windows.kind, rules),
            "specialisms": breakdown(aggregates, section_id, windows, names),
            "top_skills": top,
            "trends": called,
            "risers": [t for t in called if t["call"] == "rising"][: rules.top_moves],
            "fallers": sorted((t for t in called if t["call"] == "falling"), key=lambda t: t["change_pts"])[: rules.top_moves],
            "categories": {cat: [t["skill_id"] for t in called if t["category"] == cat] for cat in CATEGORIES},
            "emerging": emerging,
            "dropped": dropped,
            "skill_history": skill_history_block(
                history_by.get(section_id), history_skills(top, called, rules), role_series, windows.kind.recent, skill_names
            ),
            "titles": titles.get(section_id, {"top": [], "growing": []}),
            "seniority": seniority.get(section_id, []),
            "remote": remote.get(section_id, {"values": [], "remote_share": None, "remote_ci": None, "known_share": None}),
            "salary": salary.get(section_id, {"disclosure": [], "by_seniority": []}),
            "top_companies": [{"label": r["company"], "postings": int(r["postings"])} for r in (companies.to_dicts() if companies is not None else [])],
            "article_check": check["listed"],
            "article_unlisted": check["unlisted_high"],
            **long.get(section_id, {}),
        }

    whole_history = series_by[ALL_POSTINGS].to_dicts() if ALL_POSTINGS in series_by else []
    gaps = [period_label(windows.kind, point["period_start"]) for point in whole_history if not point["postings"]]
    quality = data_quality(aggregates, windows, gaps)
    overview = section(ALL_ML)
    overview["by_role"] = {role: {p: int(counts[role][p]) for p in trends.PERIODS} for role in ML_ROLES}
    overview["other"] = {p: int(counts[OTHER_ROLE][p]) for p in trends.PERIODS}
    roles = {}
    for role in ML_ROLES:
        roles[role] = section(role)
        roles[role]["subsections"] = {sub: section(sub) for sub, parent in SUBSECTIONS.items() if parent == role}
    posting_counts = quality["postings"]
    period_empty = counts[ALL_POSTINGS]["current"] == 0
    spans = windows.to_dict(first)
    summary = {
        "week": windows.label,
        "period": {"kind": windows.kind.name, "label": windows.label, "start": spans["report_period"]["start"],
                   "end": spans["report_period"]["end"]},
        "as_of": as_of.isoformat(),
        "windows": spans,
        "rules": asdict(rules),
        "data": {
            "postings_total": posting_counts["raw"],
            "postings_counted": posting_counts["counted"],
            "postings_ml_roles": _total(aggregates, ALL_ML),
            **{f"postings_{key}": posting_counts[key] for key in ("other_role", "without_role", "unknown_role", "without_date", "duplicates", "multi_role")},
            "first_period": period_label(windows.kind, first) if first else None,
            "last_period": period_label(windows.kind, last) if last else None,
            "empty": posting_counts["raw"] == 0,
            "report_period_empty": period_empty,
            "report_week_empty": period_empty,  # alias kept for readers of the weekly-era JSON
        },
        "overview": overview,
        "all_postings": section(ALL_POSTINGS),
        "roles": roles,
        "quality": quality,
    }
    summary["headline"] = headline(summary)  # "what moved", read first by every renderer
    summary["history"] = source_history(frames.postings)
    summary["survivors"] = survivors(frames.postings)
    return summary, {"skill_history": history, "period_series": series}


def _total(aggregates: trends.Aggregates, section_id: str) -> int:
    return int(aggregates.section_periods.filter(pl.col("section") == section_id)["postings"].sum() or 0)


def build_summary(frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES) -> dict:
    return compute_report(frames, windows, as_of, rules)[0]
