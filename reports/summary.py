"""Turn the small trend tables into the report's summary: plain dicts, the JSON the renderers read.

Shape (shares are fractions in [0, 1]; change_pts are percentage points; null where undefined):
  week, as_of, windows{report_week, previous_week, recent, baseline}, rules{…}, data{postings_* counts,
  first_week, last_week, empty, report_week_empty}, overview{<section>, by_role, other},
  roles{<role_id>: <section>}
  <section> = name, postings{week, previous_week, change, change_pct, recent_total, baseline_total,
  recent_per_week, baseline_per_week, ratio, p_value, verdict, series[{week, week_start, postings}]},
  specialisms{<id>: {name, kind, week, previous_week, recent, baseline}}, top_skills[…], trends[…],
  risers[…], fallers[…], top_titles[{label, postings}], top_companies[…], article_check[…]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import polars as pl

from reports import trends
from reports.load import WarehouseFrames
from reports.periods import RECENT_WEEKS, ReportWindows, iso_week_label
from reports.stats import benjamini_hochberg, poisson_rate_test, two_proportion_z, two_sided_normal_p
from reports.taxonomy import ALL_ML, ARTICLE_SKILLS, BREAKDOWNS, DEFAULT_NAMES, ML_ROLES, OTHER_ROLE, UNSPECIFIED


@dataclass(frozen=True)
class TrendRules:
    """The thresholds behind every call the report makes (written into its notes)."""

    alpha: float = 0.01  # on BH q for skills, on the rate test's p for volume
    min_mentions: int = 10  # recent + baseline mentions before a skill is tested at all
    min_change_pts: float = 5.0  # share must move at least this many percentage points
    min_recent_postings: int = 20  # postings in the recent window before a volume verdict
    top_skills: int = 15
    top_moves: int = 10


RULES = TrendRules()


def volume_summary(counts: dict, series: list[dict], baseline_weeks: int, rules: TrendRules) -> dict:
    week, previous, recent, baseline = (int(counts[p]) for p in trends.PERIODS)
    recent_per_week = recent / RECENT_WEEKS
    baseline_per_week = baseline / baseline_weeks if baseline_weeks else None
    p_value = poisson_rate_test(recent, RECENT_WEEKS, baseline, baseline_weeks) if baseline_weeks else None
    verdict = "steady"
    if p_value is not None and p_value < rules.alpha and recent >= rules.min_recent_postings:
        verdict = "growing" if recent_per_week > baseline_per_week else "shrinking"
    return {
        "week": week,
        "previous_week": previous,
        "change": week - previous,
        "change_pct": (week - previous) / previous * 100 if previous else None,
        "recent_total": recent,
        "baseline_total": baseline,
        "recent_per_week": recent_per_week,
        "baseline_per_week": baseline_per_week,
        "ratio": recent_per_week / baseline_per_week if baseline_per_week else None,
        "p_value": p_value,
        "verdict": verdict,
        "series": series,
    }


def call_skill_trends(rows: list[dict], rules: TrendRules) -> list[dict]:
    """Two-proportion z per skill, BH across the role's testable skills, then the call.

    Only skills with enough mentions enter the BH family: filtering on the total count does not
    depend on which way a skill moved, so it is valid and keeps rare skills from diluting q.
    """
    trends_out = []
    for row in rows:
        z = two_proportion_z(row["recent"], row["recent_postings"], row["baseline"], row["baseline_postings"])
        testable = z is not None and row["recent"] + row["baseline"] >= rules.min_mentions
        change = None
        if row["recent_share"] is not None and row["baseline_share"] is not None:
            change = (row["recent_share"] - row["baseline_share"]) * 100
        trends_out.append({
            "skill_id": row["skill_id"],
            "name": row["name"],
            "recent_share": row["recent_share"],
            "baseline_share": row["baseline_share"],
            "recent_mentions": int(row["recent"]),
            "baseline_mentions": int(row["baseline"]),
            "change_pts": change,
            "z": z,
            "p": two_sided_normal_p(z) if testable else None,
            "q": None,
            "call": "too_few" if not testable else "stable",
        })  # fmt: skip
    family = [t for t in trends_out if t["call"] != "too_few"]
    for item, q in zip(family, benjamini_hochberg([t["p"] for t in family])):
        item["q"] = q
        if q < rules.alpha and abs(item["change_pts"]) >= rules.min_change_pts:
            item["call"] = "rising" if item["change_pts"] > 0 else "falling"
    trends_out.sort(key=lambda t: (t["change_pts"] is None, -(t["change_pts"] or 0.0), t["skill_id"]))
    return trends_out


def top_skills(rows: list[dict], rules: TrendRules) -> list[dict]:
    in_week = [r for r in rows if r["week"] > 0]
    in_week.sort(key=lambda r: (-r["week_share"], -r["week"], r["skill_id"]))
    return [
        {
            "skill_id": r["skill_id"],
            "name": r["name"],
            "share": r["week_share"],
            "mentions": int(r["week"]),
            "previous_share": r["previous_week_share"],
            "previous_mentions": int(r["previous_week"]),
        }
        for r in in_week[: rules.top_skills]
    ]


def article_check(role: str, trend_rows: list[dict]) -> list[dict]:
    """The article's skills for the role, with what the recent window says about them."""
    by_skill = {t["skill_id"]: t for t in trend_rows}
    ranked = sorted(trend_rows, key=lambda t: (-(t["recent_share"] or 0), t["skill_id"]))
    rank = {t["skill_id"]: i + 1 for i, t in enumerate(ranked) if t["recent_mentions"] > 0}
    return [
        {
            "skill_id": skill,
            "recent_share": by_skill[skill]["recent_share"] if skill in by_skill else 0.0,
            "recent_rank": rank.get(skill),
            "call": by_skill[skill]["call"] if skill in by_skill else "too_few",
        }
        for skill in ARTICLE_SKILLS.get(role, ())
    ]


def breakdown(weekly_postings: pl.DataFrame, role: str, windows: ReportWindows, names: dict) -> dict:
    if role not in BREAKDOWNS:
        return {}
    column, values = BREAKDOWNS[role]
    counts = {r["value"]: r for r in trends.breakdown_period_counts(weekly_postings, role, column, windows).to_dicts()}
    result = {}
    for value in (*values, *sorted(v for v in counts if v not in values and v is not None), None):
        row = counts.get(value, {})
        key = value if value is not None else UNSPECIFIED
        result[key] = {"name": names.get(key, key), "kind": column, **{p: int(row.get(p, 0)) for p in trends.PERIODS}}
    return result


def labels(frame: pl.DataFrame, role: str, column: str) -> list[dict]:
    return [{"label": r[column], "postings": int(r["postings"])} for r in frame.filter(pl.col("role") == role).to_dicts()]


def build_summary(frames: WarehouseFrames, windows: ReportWindows, as_of: date, rules: TrendRules = RULES) -> dict:
    aggregates = trends.aggregate(frames, windows)
    names = {**DEFAULT_NAMES, **dict(zip(aggregates.roles["role_id"], aggregates.roles["name"]))}
    names[ALL_ML] = DEFAULT_NAMES[ALL_ML]
    quality = trends.data_quality(aggregates.weekly_postings)
    dated = aggregates.weekly_postings.drop_nulls("week_start")
    first_week = dated["week_start"].min() if dated.height else None
    last_week = dated["week_start"].max() if dated.height else None
    baseline_weeks = windows.baseline_weeks_with_data(first_week)

    role_counts = trends.role_period_counts(aggregates.weekly_postings, windows)
    counts_by_role = {r["role"]: r for r in role_counts.to_dicts()}
    series = trends.weekly_series(aggregates.weekly_postings, first_week, windows.week_start)
    skill_table = trends.skill_period_table(aggregates, role_counts, windows)
    titles = trends.top_labels(aggregates.week_titles, "title")
    companies = trends.top_labels(aggregates.week_companies, "company")

    def section(role: str) -> dict:
        role_series = [
            {"week": iso_week_label(r["week_start"]), "week_start": r["week_start"].isoformat(), "postings": int(r["postings"])}
            for r in series.filter(pl.col("role") == role).to_dicts()
        ]
        skill_rows = skill_table.filter(pl.col("role") == role).to_dicts()
        called = call_skill_trends(skill_rows, rules)
        risers = [t for t in called if t["call"] == "rising"][: rules.top_moves]
        fallers = sorted((t for t in called if t["call"] == "falling"), key=lambda t: t["change_pts"])[: rules.top_moves]
        return {
            "name": names.get(role, role),
            "postings": volume_summary(counts_by_role[role], role_series, baseline_weeks, rules),
            "specialisms": breakdown(aggregates.weekly_postings, role, windows, names),
            "top_skills": top_skills(skill_rows, rules),
            "trends": called,
            "risers": risers,
            "fallers": fallers,
            "top_titles": labels(titles, role, "title"),
            "top_companies": labels(companies, role, "company"),
            "article_check": article_check(role, called),
        }

    overview = section(ALL_ML)
    overview["by_role"] = {role: {p: int(counts_by_role[role][p]) for p in trends.PERIODS} for role in ML_ROLES}
    overview["other"] = {p: int(counts_by_role[OTHER_ROLE][p]) for p in trends.PERIODS}
    return {
        "week": windows.label,
        "as_of": as_of.isoformat(),
        "windows": windows.to_dict(first_week),
        "rules": asdict(rules),
        "data": {
            **{f"postings_{key}": value for key, value in quality.items()},
            "first_week": iso_week_label(first_week) if first_week else None,
            "last_week": iso_week_label(last_week) if last_week else None,
            "empty": quality["total"] == 0,
            "report_week_empty": counts_by_role[ALL_ML]["week"] + counts_by_role[OTHER_ROLE]["week"] == 0,
        },
        "overview": overview,
        "roles": {role: section(role) for role in ML_ROLES},
    }
