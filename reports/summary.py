"""Turn the small trend tables into the report model (reports/model/), which the renderers read and
the JSON is written from.

The report's shape is declared once, in reports/model/ (shares are fractions in [0, 1], change_pts
percentage points, None where undefined; field order is the JSON's key order). The written JSON starts
with schema_version, generated_at and jobpulse_version (reports/build.py).

The steps below build each section's rows as dicts (as the Polars tables hand them over); `from_json`
turns them into the typed blocks, refusing any key the model does not declare.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from contract.roles import OTHER_ROLE
from reports import mix, trends
from reports.active import active_section_periods
from reports.coverage import Coverage, coverage_flags, only_covered, read_coverage
from reports.headline import headline
from reports.history import source_history, survivors
from reports.load import WarehouseFrames
from reports.long_trends import long_horizon
from reports.model import Data, Period, PostingCounts, Quality, Report, Section, Windows, from_json, to_json
from reports.periods import ReportWindows, period_label
from reports.quality import data_quality
from reports.quarters import aggregate_quarters
from reports.section_rows import active_block, blank_uncovered, breakdown, skill_history_block, volume_summary
from reports.skills import (
    CATEGORIES,
    RULES,
    TrendRules,
    article_check,
    call_skill_trends,
    emerging_and_dropped,
    history_skills,
    top_skills,
)
from reports.taxonomy import ALL_ML, ALL_POSTINGS, DEFAULT_NAMES, ML_ROLES, SUBSECTIONS

__all__ = ["RULES", "TrendRules", "build_summary", "call_skill_trends", "compute_report"]


def _window_coverage(coverage: Coverage, windows: ReportWindows) -> dict[str, dict]:
    spans = {
        "report_period": (windows.start, windows.end),
        "previous_period": (windows.previous_start, windows.start),
        "recent": (windows.recent_start, windows.end),
        "baseline": (windows.baseline_start, windows.recent_start),
    }
    return {name: coverage.window(windows, start, end) for name, (start, end) in spans.items()}


def _partition(frame: pl.DataFrame, key: str = "section") -> dict[str, pl.DataFrame]:
    return {name: part for (name,), part in frame.partition_by(key, as_dict=True).items()} if frame.height else {}


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
    no_skill_verdict = not (
        window_coverage["recent"]["covered_periods"] and window_coverage["baseline"]["covered_periods"]
    )
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
    long = long_horizon(
        aggregate_quarters(frames, windows),
        skill_names,
        month_shares=month_coverage.shares if month_coverage.recorded else None,
    )

    def section(section_id: str) -> dict:
        part = series_by.get(section_id)
        seen = (
            dict(active_by[section_id].select("period_start", "active").iter_rows()) if section_id in active_by else {}
        )
        role_series = [
            {
                "period": period_label(windows.kind, r["period_start"]),
                "start": r["period_start"].isoformat(),
                "postings": int(r["postings"]) if coverage.covered(r["period_start"]) else None,
                "active": int(seen.get(r["period_start"], 0)) if coverage.covered(r["period_start"]) else None,
                "coverage": coverage.share(r["period_start"]),
            }
            for r in (part.to_dicts() if part is not None else [])
        ]
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
            "postings": volume_summary(
                c,
                role_series,
                window_coverage,
                rules,
                active_block(active_by.get(section_id), windows, window_coverage),
            ),
            "specialisms": breakdown(aggregates, section_id, windows, names),
            "top_skills": top,
            "trends": called,
            "risers": [t for t in called if t["call"] == "rising"][: rules.top_moves],
            "fallers": sorted((t for t in called if t["call"] == "falling"), key=lambda t: t["change_pts"])[
                : rules.top_moves
            ],
            "categories": {cat: [t["skill_id"] for t in called if t["category"] == cat] for cat in CATEGORIES},
            "emerging": emerging,
            "dropped": dropped,
            "skill_history": skill_history_block(
                history_by.get(section_id),
                history_skills(top, called, rules),
                role_series,
                windows.kind.recent,
                skill_names,
            ),
            "titles": titles.get(section_id, {"top": [], "growing": []}),
            "seniority": seniority.get(section_id, []),
            "remote": remote.get(
                section_id, {"values": [], "remote_share": None, "remote_ci": None, "known_share": None}
            ),
            "salary": salary.get(section_id, {"disclosure": [], "by_seniority": []}),
            "top_companies": [
                {"label": r["company"], "postings": int(r["postings"])}
                for r in (companies.to_dicts() if companies is not None else [])
            ],
            "article_check": check["listed"],
            "article_unlisted": check["unlisted_high"],
            **long.get(section_id, {}),
        }

    def finish(raw: dict, **extra) -> Section:
        blank_uncovered(raw, window_coverage)
        return from_json(Section, {**raw, **extra})

    roles = {
        role: finish(
            section(role),
            subsections={sub: finish(section(sub)) for sub, parent in SUBSECTIONS.items() if parent == role},
        )
        for role in ML_ROLES
    }
    overview = finish(
        section(ALL_ML),
        by_role={role: {p: int(counts[role][p]) for p in trends.PERIODS} for role in ML_ROLES},
        other={p: int(counts[OTHER_ROLE][p]) for p in trends.PERIODS},
    )
    quality = _quality_block(data_quality(everything, windows), coverage, window_coverage, windows, first)
    spans = _windows_block(windows, window_coverage, first)
    report = Report(
        week=windows.label,
        period=Period(
            kind=windows.kind.name, label=windows.label, start=spans.report_period.start, end=spans.report_period.end
        ),
        as_of=as_of.isoformat(),
        windows=spans,
        rules=rules,
        data=_data_block(
            quality.postings, aggregates, windows, first, last, coverage, counts[ALL_POSTINGS]["current"] == 0
        ),
        overview=overview,
        all_postings=finish(section(ALL_POSTINGS)),
        roles=roles,
        quality=quality,
        history=source_history(frames.postings),
        survivors=survivors(frames.postings),
    )
    report = replace(report, headline=headline(report))  # "what moved", read first by every renderer
    return report, {"skill_history": history, "period_series": series}


def _quality_block(
    quality: dict, coverage: Coverage, window_coverage: dict, windows: ReportWindows, first: date | None
) -> Quality:
    """The data-quality counts, with the coverage gaps flagged first and each window's coverage."""
    history = coverage.window(windows, first, windows.end) if first and first < windows.end else None
    return from_json(
        Quality,
        {
            **quality,
            "flags": coverage_flags(coverage, windows, first) + quality["flags"],
            "coverage": {"recorded": coverage.recorded, "windows": window_coverage, "history": history},
        },
    )


def _windows_block(windows: ReportWindows, window_coverage: dict, first: date | None) -> Windows:
    spans = windows.to_dict(first)
    for window in ("recent", "baseline", "report_period", "previous_period"):
        spans[window]["periods_with_data"] = window_coverage[window][
            "covered_periods"
        ]  # covered periods, not merely later ones
        spans[window]["coverage"] = window_coverage[window]["share"]
    return from_json(Windows, spans)


def _data_block(
    counted: PostingCounts,
    aggregates: trends.Aggregates,
    windows: ReportWindows,
    first: date | None,
    last: date | None,
    coverage: Coverage,
    no_postings: bool,
) -> Data:
    """What the warehouse holds and what the sections leave out; whether the report period has data at all."""
    period_empty = no_postings or not coverage.covered(windows.start)
    return Data(
        postings_total=counted.raw,
        postings_counted=counted.counted,
        postings_ml_roles=_total(aggregates, ALL_ML),
        postings_other_role=counted.other_role,
        postings_without_role=counted.without_role,
        postings_unknown_role=counted.unknown_role,
        postings_without_date=counted.without_date,
        postings_duplicates=counted.duplicates,
        postings_multi_role=counted.multi_role,
        first_period=period_label(windows.kind, first) if first else None,
        last_period=period_label(windows.kind, last) if last else None,
        empty=counted.raw == 0,
        report_period_empty=period_empty,
        report_week_empty=period_empty,
        report_period_covered=coverage.covered(windows.start),
    )


def _total(aggregates: trends.Aggregates, section_id: str) -> int:
    return int(aggregates.section_periods.filter(pl.col("section") == section_id)["postings"].sum() or 0)


def build_summary(frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES) -> dict:
    """The report as its JSON document (for readers of the JSON, such as tests that compare keys)."""
    return to_json(compute_report(frames, windows, as_of, rules)[0])
