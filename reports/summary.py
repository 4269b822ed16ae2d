"""Turn the small trend tables into the report model (reports/model/), which the renderers read and the JSON is written from.

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
  headline{roles[{id, name, long, short, volume}], grid{skills, roles[{id, name, cells}]}, market, gaps} — "what moved"
  (reports/headline.py). The written JSON starts with schema_version, generated_at and jobpulse_version (reports/build.py).

The steps below build each section's rows as dicts (as the Polars tables hand them over); `from_json`
turns them into the typed blocks, refusing any key the model does not declare.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from reports import mix, trends
from reports.active import active_section_periods
from reports.coverage import Coverage, coverage_flags, only_covered, read_coverage, volume_gate
from reports.headline import headline
from reports.history import source_history, survivors
from reports.load import WarehouseFrames
from reports.long_trends import long_horizon
from reports.model import Data, Period, PostingCounts, Quality, Report, Section, Windows, from_json, to_json
from reports.periods import ReportWindows, period_label
from reports.quality import data_quality
from reports.quarters import aggregate_quarters
from reports.skills import (
    CATEGORIES, RULES, TrendRules, article_check, call_skill_trends, emerging_and_dropped, history_skills, top_skills,
)  # fmt: skip
from reports.stats import poisson_rate_test
from reports.taxonomy import ALL_ML, ALL_POSTINGS, BREAKDOWNS, DEFAULT_NAMES, ML_ROLES, OTHER_ROLE, SUBSECTIONS, UNSPECIFIED

__all__ = ["RULES", "TrendRules", "build_summary", "call_skill_trends", "compute_report"]


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
        "coverage": {window: coverage[window]["share"] for window in ("report_period", "previous_period", "recent", "baseline")},
        "active": active,
        "series": series,
    }


_WINDOW_KEYS = {"current": "report_period", "previous": "previous_period", "recent": "recent", "baseline": "baseline"}


def _blank_uncovered(section: dict, window_coverage: dict) -> None:
    """Counts of a window without coverage are unknown: None in the breakdown and mix tables, never 0."""
    unknown = [key for key, window in _WINDOW_KEYS.items() if not window_coverage[window]["covered_periods"]]
    if not unknown:
        return
    rows = [*section["specialisms"].values(), *section["titles"]["top"], *section["titles"]["growing"], *section["seniority"],
            *section["remote"]["values"]]  # fmt: skip
    for row in rows:
        row.update({key: None for key in unknown if key in row})


def _window_coverage(coverage: Coverage, windows: ReportWindows) -> dict[str, dict]:
    spans = {"report_period": (windows.start, windows.end), "previous_period": (windows.previous_start, windows.start),
             "recent": (windows.recent_start, windows.end), "baseline": (windows.baseline_start, windows.recent_start)}  # fmt: skip
    return {name: coverage.window(windows, start, end) for name, (start, end) in spans.items()}


def _active_block(active: pl.DataFrame | None, windows: ReportWindows, window_coverage: dict) -> dict:
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


def compute_report(
    frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES
) -> tuple[Report, dict[str, pl.DataFrame]]:
    """The report, and the whole-history tables too big for it (skill shares per period)."""
    everything = trends.aggregate(frames, windows)
    names = {**DEFAULT_NAMES, **dict(zip(everything.roles["role_id"], everything.roles["name"]))}
    names.update({key: DEFAULT_NAMES[key] for key in (ALL_ML, ALL_POSTINGS)})
    skill_names = dict(trends.skill_names(everything).iter_rows())
    dated = everything.section_periods.drop_nulls("period_start")
    first = dated["period_start"].min() if dated.height else None
    last = dated["period_start"].max() if dated.height else None
    # Counts and shares use covered periods only; `everything` keeps the rest for the quality counts.
    coverage_rows = frames.coverage.collect()
    coverage = read_coverage(coverage_rows, windows.kind.name, dated["period_start"].unique().to_list())
    aggregates = only_covered(everything, coverage)
    window_coverage = _window_coverage(coverage, windows)
    no_skill_verdict = not (window_coverage["recent"]["covered_periods"] and window_coverage["baseline"]["covered_periods"])
    listed = bool(frames.posting_roles.select(pl.len() > 0).collect().item())
    active = active_section_periods(frames, windows.kind.every, listed_roles=listed)
    active = active.filter(pl.col("period_start").is_in(list(coverage.shares)))
    active_by = _partition(active)

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
    # Moves over years (long_trends.py), over the months the sources cover.
    month_coverage = read_coverage(coverage_rows, "month", [])
    long = long_horizon(aggregate_quarters(frames, windows), skill_names,
                        month_shares=month_coverage.shares if month_coverage.recorded else None)

    def section(section_id: str) -> dict:
        part = series_by.get(section_id)
        seen = dict(active_by[section_id].select("period_start", "active").iter_rows()) if section_id in active_by else {}
        role_series = [
            {"period": period_label(windows.kind, r["period_start"]), "start": r["period_start"].isoformat(),
             "postings": int(r["postings"]) if coverage.covered(r["period_start"]) else None,
             "active": int(seen.get(r["period_start"], 0)) if coverage.covered(r["period_start"]) else None,
             "coverage": coverage.share(r["period_start"])}
            for r in (part.to_dicts() if part is not None else [])
        ]  # fmt: skip
        skill_rows = skill_by[section_id].to_dicts() if section_id in skill_by else []
        called = call_skill_trends(skill_rows, rules)
        if no_skill_verdict:  # a window without coverage: no data, never a call (skills and title variants alike)
            title_block = titles.get(section_id, {"top": [], "growing": []})
            for trend in [*called, *title_block["top"], *title_block["growing"]]:
                trend.update(call="no_data", p=None, q=None, category="too few to tell")
            title_block["growing"] = []
        top = top_skills(skill_rows, called, rules)
        c = counts[section_id]
        emerging, dropped = emerging_and_dropped(called, c["recent"], c["baseline"], rules)
        check = article_check(section_id, called, rules, skill_names)
        companies = companies_by.get(section_id)
        return {
            "id": section_id,
            "name": names.get(section_id, section_id),
            "postings": volume_summary(c, role_series, window_coverage, rules,
                                       _active_block(active_by.get(section_id), windows, window_coverage)),
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

    def finish(raw: dict, **extra) -> Section:
        _blank_uncovered(raw, window_coverage)
        return from_json(Section, {**raw, **extra})

    roles = {role: finish(section(role), subsections={sub: finish(section(sub)) for sub, parent in SUBSECTIONS.items() if parent == role})
             for role in ML_ROLES}  # fmt: skip
    overview = finish(section(ALL_ML), by_role={role: {p: int(counts[role][p]) for p in trends.PERIODS} for role in ML_ROLES},
                      other={p: int(counts[OTHER_ROLE][p]) for p in trends.PERIODS})  # fmt: skip
    quality = _quality_block(data_quality(everything, windows), coverage, window_coverage, windows, first)
    spans = _windows_block(windows, window_coverage, first)
    report = Report(
        week=windows.label, period=Period(kind=windows.kind.name, label=windows.label, start=spans.report_period.start,
                                          end=spans.report_period.end),
        as_of=as_of.isoformat(), windows=spans, rules=rules,
        data=_data_block(quality.postings, aggregates, windows, first, last, coverage, counts[ALL_POSTINGS]["current"] == 0),
        overview=overview, all_postings=finish(section(ALL_POSTINGS)), roles=roles, quality=quality,
        history=source_history(frames.postings), survivors=survivors(frames.postings),
    )  # fmt: skip
    report = replace(report, headline=headline(report))  # "what moved", read first by every renderer
    return report, {"skill_history": history, "period_series": series}


def _quality_block(quality: dict, coverage: Coverage, window_coverage: dict, windows: ReportWindows, first: date | None) -> Quality:
    """The data-quality counts, with the coverage gaps flagged first and each window's coverage."""
    history = coverage.window(windows, first, windows.end) if first and first < windows.end else None
    return from_json(Quality, {**quality, "flags": coverage_flags(coverage, windows, first) + quality["flags"],
                               "coverage": {"recorded": coverage.recorded, "windows": window_coverage, "history": history}})  # fmt: skip


def _windows_block(windows: ReportWindows, window_coverage: dict, first: date | None) -> Windows:
    spans = windows.to_dict(first)
    for window in ("recent", "baseline", "report_period", "previous_period"):
        spans[window]["periods_with_data"] = window_coverage[window]["covered_periods"]  # covered periods, not merely later ones
        spans[window]["coverage"] = window_coverage[window]["share"]
    return from_json(Windows, spans)


def _data_block(counted: PostingCounts, aggregates: trends.Aggregates, windows: ReportWindows, first: date | None, last: date | None,
                coverage: Coverage, no_postings: bool) -> Data:
    """What the warehouse holds and what the sections leave out; whether the report period has data at all."""
    period_empty = no_postings or not coverage.covered(windows.start)
    return Data(
        postings_total=counted.raw, postings_counted=counted.counted, postings_ml_roles=_total(aggregates, ALL_ML),
        postings_other_role=counted.other_role, postings_without_role=counted.without_role,
        postings_unknown_role=counted.unknown_role, postings_without_date=counted.without_date,
        postings_duplicates=counted.duplicates, postings_multi_role=counted.multi_role,
        first_period=period_label(windows.kind, first) if first else None, last_period=period_label(windows.kind, last) if last else None,
        empty=counted.raw == 0, report_period_empty=period_empty, report_week_empty=period_empty,
        report_period_covered=coverage.covered(windows.start),
    )  # fmt: skip


def _total(aggregates: trends.Aggregates, section_id: str) -> int:
    return int(aggregates.section_periods.filter(pl.col("section") == section_id)["postings"].sum() or 0)


def build_summary(frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES) -> dict:
    """The report as its JSON document (for readers of the JSON, such as tests that compare keys)."""
    return to_json(compute_report(frames, windows, as_of, rules)[0])
