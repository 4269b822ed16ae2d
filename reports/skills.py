"""Skill calls for one section: the trend test, growth categories, top skills, emerging/dropped,
the article check and the share history behind the charts. Plain Python over a few hundred rows."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from reports.stats import benjamini_hochberg, two_proportion_z, two_sided_normal_p, wilson_interval
from reports.taxonomy import ARTICLE_SKILLS


@dataclass(frozen=True)
class TrendRules:
    """The thresholds behind every call the report makes (written into its notes)."""

    alpha: float = 0.01  # on BH q for skills and titles, on the rate test's p for volume
    min_mentions: int = 10  # recent + baseline mentions before a skill is tested at all
    min_change_pts: float = 5.0  # share must move at least this many percentage points
    min_recent_postings: int = 20  # postings in a window before a volume verdict / emerging call
    rapid_ratio: float = 2.0  # a rising skill whose share at least doubled is 'rapidly growing'
    emerging_max_baseline_share: float = 0.01  # 'absent or rare in the baseline'
    emerging_min_recent_share: float = 0.05  # '… and now above this threshold'
    top_skills: int = 15
    top_moves: int = 10
    article_unlisted: int = 8  # high-ranked skills the article does not mention, at most this many
    history_skills: int = 6  # lines in a section's skill-history chart


RULES = TrendRules()

CATEGORIES = ("rapidly growing", "growing", "stable", "declining", "too few to tell")


def growth_category(trend: dict, rules: TrendRules) -> str:
    """rising → growing (rapidly when the share at least doubled, or rose from zero); falling → declining."""
    if trend["call"] == "too_few":
        return "too few to tell"
    if trend["call"] == "falling":
        return "declining"
    if trend["call"] != "rising":
        return "stable"
    baseline = trend["baseline_share"] or 0.0
    rapid = baseline == 0.0 or trend["recent_share"] >= rules.rapid_ratio * baseline
    return "rapidly growing" if rapid else "growing"


def call_skill_trends(rows: list[dict], rules: TrendRules) -> list[dict]:
    """Two-proportion z per skill, BH across the section's testable skills, then the call and category.

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
        trends_out.append(
            {
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
            }
        )
    family = [t for t in trends_out if t["call"] != "too_few"]
    for item, q in zip(family, benjamini_hochberg([t["p"] for t in family])):
        item["q"] = q
        if q < rules.alpha and abs(item["change_pts"]) >= rules.min_change_pts:
            item["call"] = "rising" if item["change_pts"] > 0 else "falling"
    for item in trends_out:
        item["category"] = growth_category(item, rules)
    trends_out.sort(key=lambda t: (t["change_pts"] is None, -(t["change_pts"] or 0.0), t["skill_id"]))
    return trends_out


def _interval(hits: int, total: int) -> tuple[float | None, float | None]:
    interval = wilson_interval(hits, total)
    return interval if interval else (None, None)


def _trend_fields(trend: dict) -> dict:
    return {
        "recent_share": trend.get("recent_share"),
        "baseline_share": trend.get("baseline_share"),
        "trend_change_pts": trend.get("change_pts"),
        "q": trend.get("q"),
        "call": trend.get("call", "too_few"),
        "category": trend.get("category", "too few to tell"),
    }


def top_skills(rows: list[dict], trends: list[dict], rules: TrendRules) -> list[dict]:
    """The report period's most-asked skills, with a 95% Wilson interval and the change on the previous period
    (`change_pts`), and their trend call with its recent-vs-baseline change (`trend_change_pts`)."""
    by_skill = {t["skill_id"]: t for t in trends}
    in_period = [r for r in rows if r["current"] > 0]
    in_period.sort(key=lambda r: (-r["current_share"], -r["current"], r["skill_id"]))
    out = []
    for r in in_period[: rules.top_skills]:
        low, high = _interval(int(r["current"]), int(r["current_postings"]))
        previous = r["previous_share"]
        out.append(
            {
                "skill_id": r["skill_id"],
                "name": r["name"],
                "share": r["current_share"],
                "ci_low": low,
                "ci_high": high,
                "mentions": int(r["current"]),
                "previous_share": previous,
                "previous_mentions": int(r["previous"]),
                "change_pts": None if previous is None else (r["current_share"] - previous) * 100,
                "current_postings": int(r["current_postings"]),
                "previous_postings": int(r["previous_postings"]),
                # The trend call and the change it rests on are the same comparison: recent vs baseline window.
                **_trend_fields(by_skill.get(r["skill_id"], {})),
            }
        )
    return out


def emerging_and_dropped(
    trends: list[dict], recent_postings: int, baseline_postings: int, rules: TrendRules
) -> tuple[list, list]:
    """Emerging: rare or absent in the baseline, now common; dropped: common then, (nearly) gone now.

    Both windows must hold enough postings, or 'absent' only means 'not looked at'.
    """
    if min(recent_postings, baseline_postings) < rules.min_recent_postings:
        return [], []
    rare, common = rules.emerging_max_baseline_share, rules.emerging_min_recent_share
    emerging = [
        t
        for t in trends
        if (t["baseline_share"] or 0) <= rare
        and (t["recent_share"] or 0) >= common
        and t["recent_mentions"] >= rules.min_mentions
    ]
    dropped = [
        t
        for t in trends
        if (t["baseline_share"] or 0) >= common
        and (t["recent_share"] or 0) <= rare
        and t["baseline_mentions"] >= rules.min_mentions
    ]
    emerging.sort(key=lambda t: (-t["recent_share"], t["skill_id"]))
    dropped.sort(key=lambda t: (-t["baseline_share"], t["skill_id"]))
    return emerging, dropped


def _ranked(trends: list[dict]) -> list[dict]:
    return sorted(
        (t for t in trends if t["recent_mentions"] > 0), key=lambda t: (-(t["recent_share"] or 0), t["skill_id"])
    )


def article_check(section_id: str, trends: list[dict], rules: TrendRules, names: dict[str, str] | None = None) -> dict:
    """The article's skills for the role with the data's view of them, and what the data ranks high that it omits."""
    listed = ARTICLE_SKILLS.get(section_id, ())
    if not listed:
        return {"listed": [], "unlisted_high": []}
    by_skill = {t["skill_id"]: t for t in trends}
    ranked = _ranked(trends)
    rank = {t["skill_id"]: i for i, t in enumerate(ranked, 1)}

    def entry(skill: str) -> dict:
        trend = by_skill.get(skill, {})
        return {
            "skill_id": skill,
            "name": trend.get("name") or (names or {}).get(skill, skill),
            "recent_share": trend.get("recent_share") or 0.0,
            "recent_rank": rank.get(skill),
            "call": trend.get("call", "too_few"),
            "category": trend.get("category", "too few to tell"),
        }

    unlisted = [t["skill_id"] for t in ranked if t["skill_id"] not in listed][: rules.article_unlisted]
    return {"listed": [entry(s) for s in listed], "unlisted_high": [entry(s) for s in unlisted]}


def history_skills(top: list[dict], trends: list[dict], rules: TrendRules) -> list[str]:
    """Which skills the history chart draws: the risers and fallers first, then the most asked.

    Risers and fallers alternate (the largest moves first), so a falling skill is never crowded out by risers."""
    by_size = sorted(
        (t for t in trends if t["call"] in ("rising", "falling")), key=lambda t: (-abs(t["change_pts"]), t["skill_id"])
    )
    risers = [t["skill_id"] for t in by_size if t["call"] == "rising"]
    fallers = [t["skill_id"] for t in by_size if t["call"] == "falling"]
    moving = [skill for pair in zip_longest(risers, fallers) for skill in pair if skill is not None]
    ranked = [t["skill_id"] for t in _ranked(trends)] + [t["skill_id"] for t in top]
    chosen: list[str] = []
    for skill in moving[: rules.history_skills // 2] + ranked:
        if skill not in chosen:
            chosen.append(skill)
    return chosen[: rules.history_skills]
