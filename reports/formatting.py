"""Number formats, the text sparkline and the notes, shared by the Markdown and HTML renderers.

Everything here returns plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from datetime import date

DASH = "–"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
TEXT_SPARKLINE_PERIODS = 52  # the Markdown line stays readable; the JSON, CSV and SVG carry every period
PERIOD_ADJECTIVE = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}
# Bidirectional controls (embeddings, overrides, isolates, marks): text from postings could use
# them to make a report line read differently from what it says ("Trojan Source").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """Text without bidirectional control characters."""
    return _BIDI.sub("", text)


def percent(share: float | None) -> str:
    return DASH if share is None else f"{share * 100:.1f}%"


def interval(low: float | None, high: float | None) -> str:
    return DASH if low is None or high is None else f"{low * 100:.1f}–{high * 100:.1f}%"


def points(change: float | None) -> str:
    return DASH if change is None else f"{change:+.1f}"


def signed(number: int) -> str:
    return f"{number:+d}"


def change_percent(pct: float | None) -> str:
    return DASH if pct is None else f"{pct:+.0f}%"


def rate(per_period: float | None) -> str:
    return DASH if per_period is None else f"{per_period:.1f}"


def ratio(value: float | None) -> str:
    return DASH if value is None else f"×{value:.2f}"


def money(value: float | None) -> str:
    return DASH if value is None else f"{value:,.0f}"


def probability(value: float | None) -> str:
    if value is None:
        return DASH
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def p_text(value: float | None, name: str = "p") -> str:
    if value is None:
        return f"{name} {DASH}"
    return f"{name} < 0.001" if value < 0.001 else f"{name} = {value:.3f}"


def text_sparkline(values: list[int]) -> str:
    """▁▂▃▄▅▆▇█ scaled from 0 to the series maximum (zero periods stay at the floor)."""
    if not values:
        return ""
    top = max(values)
    if top == 0:
        return SPARK_BLOCKS[0] * len(values)
    return "".join(SPARK_BLOCKS[round(v / top * (len(SPARK_BLOCKS) - 1))] for v in values)


def series_counts(volume: dict, last: int | None = None) -> list[int]:
    counts = [point["postings"] for point in volume["series"]]
    return counts[-last:] if last else counts


def noun(summary: dict) -> str:
    return summary["period"]["kind"]


def title(summary: dict) -> str:
    return f"jobpulse {PERIOD_ADJECTIVE[noun(summary)]} trend report — {summary['period']['label']}"


def period_span(summary: dict) -> str:
    start, end = date.fromisoformat(summary["period"]["start"]), date.fromisoformat(summary["period"]["end"])
    return f"{start:%a %d %b %Y} – {end:%a %d %b %Y}"


def empty_message(summary: dict) -> str | None:
    """Why there is nothing to report, if there is nothing to report."""
    if summary["data"]["empty"]:
        return "The warehouse holds no postings yet, so there is nothing to report. Run an ingest or `jobpulse demo` first."
    if summary["data"]["report_period_empty"]:
        return f"No postings fall in {summary['period']['label']}; the figures below are all zero for that {noun(summary)}."
    return None


def has_postings(section: dict) -> bool:
    """Anything in the periods the report looks at; sections without it shrink to one line."""
    volume = section["postings"]
    return volume["recent_total"] + volume["baseline_total"] + volume["previous"] > 0


NO_POSTINGS = "No postings in the periods compared."


def verdict_sentence(volume: dict, rules: dict) -> str:
    if volume["p_value"] is None:
        return "steady (no baseline data to compare with)"
    if volume["verdict"] == "steady" and volume["recent_total"] < rules["min_recent_postings"]:
        return f"steady (fewer than {rules['min_recent_postings']} postings in the recent window)"
    return f"{volume['verdict']} (rate test {p_text(volume['p_value'])})"


def notes(summary: dict) -> list[str]:
    """The report's notes section: what the periods are, the rules behind every call, data gaps."""
    w, rules, data, kind = summary["windows"], summary["rules"], summary["data"], noun(summary)
    alpha, min_mentions, min_postings = rules["alpha"], rules["min_mentions"], rules["min_recent_postings"]
    recent, baseline, report = w["recent"], w["baseline"], w["report_period"]
    rare, common = rules["emerging_max_baseline_share"] * 100, rules["emerging_min_recent_share"] * 100
    calendar = "Monday–Sunday, ISO weeks" if kind == "week" else f"calendar {kind}s"
    return [
        f"Report {kind}: {summary['period']['label']} ({report['start']} to {report['end']}, {calendar}). "
        f"Previous {kind}: {w['previous_period']['first']}.",
        f"A posting belongs to the {kind} of its published date (posted_at); when the source gave none, to the "
        f"{kind} we first saw it.",
        f"Recent window: the {recent['periods']} {kind}(s) {recent['first']} to {recent['last']} (it ends with the report "
        f"{kind}). Baseline window: the {baseline['periods']} {kind}s before it, {baseline['first']} to {baseline['last']}; "
        f"{baseline['periods_with_data']} of them are on or after the warehouse's first {kind} of data (earlier ones are "
        "unknown, not zero, and are not averaged in).",
        "Duplicates: postings that normalization grouped into one cluster (the same job on several boards, or "
        "reposted) count once everywhere, as the cluster's earliest posting; a posting without a cluster is its own.",
        "Multi-role posts: a post listed under several roles (common on Hacker News) counts once in each of them; "
        "'All ML roles' counts it once, so the role counts can add up to more than the overview.",
        f"Volume verdict: recent vs baseline postings per {kind}, exact conditional (binomial) test of equal Poisson "
        f"rates; growing or shrinking only when p < {alpha} and the recent window has at least {min_postings} "
        "postings, otherwise steady.",
        "Skill share = postings of the section that mention the skill / postings of the section, in the same period. "
        f"Intervals are 95% Wilson score intervals. Top skills are ranked by their share in the report {kind}; "
        f"their change is against the previous {kind}.",
        "Rising/falling skills: recent vs baseline share, pooled two-proportion z-test, Benjamini–Hochberg across "
        f"the section's skills. A skill is rising or falling only if q < {alpha}, it has at least {min_mentions} "
        "mentions in the recent and baseline windows together, and its share moved by at least "
        f"{rules['min_change_pts']:g} percentage points. Skills under {min_mentions} mentions are not tested and "
        "left out of the BH family.",
        f"Growth categories: rapidly growing = rising and the recent share is at least ×{rules['rapid_ratio']:g} the "
        "baseline share (or the baseline share was 0); growing = any other rising skill; declining = falling; "
        f"stable = tested and not called; too few to tell = under {min_mentions} mentions.",
        f"Emerging skills: at most {rare:g}% of baseline postings and at least {common:g}% of recent postings, with "
        f"at least {min_mentions} recent mentions. Dropped skills: at least {common:g}% of baseline postings (and "
        f"{min_mentions} mentions), at most {rare:g}% of recent ones. Both need {min_postings} postings in each window.",
        "Title variants: the title with level words (senior, staff, II, …) and everything after the first separator "
        "(' - ', ',', '(', ' at ', …) removed; each variant's share of the section is tested like a skill.",
        "Seniority, remote share and pay cover the recent window (pay: annual midpoint of the stated range; "
        "hourly or monthly pay without an annual figure is left out; currencies are never mixed).",
        "The 'All ML roles' shares pool every ML posting, so a shift in the mix of roles moves them too; the role "
        "sections are the like-for-like comparison. 'All postings' adds the postings of no ML role.",
        f"Postings of role 'other' are left out of the role sections: {data['postings_other_role']}. Left out as well: "
        f"{data['postings_without_role']} without a role, {data['postings_unknown_role']} with an unknown role id, "
        f"{data['postings_without_date']} without any date. Postings in the warehouse: {data['postings_total']}, "
        f"counted once per cluster: {data['postings_counted']}.",
        f"Data covers {data['first_period'] or DASH} to {data['last_period'] or DASH}; report made as of {summary['as_of']}.",
    ]
