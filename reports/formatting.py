"""Number formats, the text sparkline and the notes, shared by the Markdown and HTML renderers.

Everything here returns plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

from datetime import date

from reports.periods import BASELINE_WEEKS, RECENT_WEEKS

DASH = "–"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
TEXT_SPARKLINE_WEEKS = 52  # the Markdown line stays readable; the JSON and SVG carry every week


def percent(share: float | None) -> str:
    return DASH if share is None else f"{share * 100:.1f}%"


def points(change: float | None) -> str:
    return DASH if change is None else f"{change:+.1f}"


def signed(number: int) -> str:
    return f"{number:+d}"


def change_percent(pct: float | None) -> str:
    return DASH if pct is None else f"{pct:+.0f}%"


def rate(per_week: float | None) -> str:
    return DASH if per_week is None else f"{per_week:.1f}"


def ratio(value: float | None) -> str:
    return DASH if value is None else f"×{value:.2f}"


def probability(value: float | None) -> str:
    if value is None:
        return DASH
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def p_text(value: float | None, name: str = "p") -> str:
    if value is None:
        return f"{name} {DASH}"
    return f"{name} < 0.001" if value < 0.001 else f"{name} = {value:.3f}"


def text_sparkline(values: list[int]) -> str:
    """▁▂▃▄▅▆▇█ scaled from 0 to the series maximum (zero weeks stay at the floor)."""
    if not values:
        return ""
    top = max(values)
    if top == 0:
        return SPARK_BLOCKS[0] * len(values)
    return "".join(SPARK_BLOCKS[round(v / top * (len(SPARK_BLOCKS) - 1))] for v in values)


def series_counts(volume: dict, last: int | None = None) -> list[int]:
    counts = [point["postings"] for point in volume["series"]]
    return counts[-last:] if last else counts


def week_span(summary: dict) -> str:
    window = summary["windows"]["report_week"]
    start, end = date.fromisoformat(window["start"]), date.fromisoformat(window["end"])
    return f"{start:%a %d %b %Y} – {end:%a %d %b %Y}"


def empty_message(summary: dict) -> str | None:
    """Why there is nothing to report, if there is nothing to report."""
    if summary["data"]["empty"]:
        return "The warehouse holds no postings yet, so there is nothing to report. Run an ingest or `jobpulse demo` first."
    if summary["data"]["report_week_empty"]:
        return f"No postings fall in {summary['week']}; the figures below are all zero for that week."
    return None


def has_postings(section: dict) -> bool:
    """Anything in the weeks the report looks at; sections without it shrink to one line."""
    volume = section["postings"]
    return volume["recent_total"] + volume["baseline_total"] + volume["previous_week"] > 0


NO_POSTINGS = "No postings of this role in the weeks compared."


def verdict_sentence(volume: dict, rules: dict) -> str:
    if volume["p_value"] is None:
        return "steady (no baseline data to compare with)"
    if volume["verdict"] == "steady" and volume["recent_total"] < rules["min_recent_postings"]:
        return f"steady (fewer than {rules['min_recent_postings']} postings in the recent window)"
    return f"{volume['verdict']} (rate test {p_text(volume['p_value'])})"


def notes(summary: dict) -> list[str]:
    """The report's notes section: what the periods are, the rules behind every call, data gaps."""
    w, rules, data = summary["windows"], summary["rules"], summary["data"]
    alpha, min_mentions, min_postings = rules["alpha"], rules["min_mentions"], rules["min_recent_postings"]
    recent, baseline, week = w["recent"], w["baseline"], w["report_week"]
    return [
        f"Report week: {summary['week']} ({week['start']} to {week['end']}, Monday–Sunday, ISO weeks). "
        f"Previous week: {w['previous_week']['first_week']}.",
        "A posting belongs to the week of its published date (posted_at); "
        "when the source gave none, to the week we first saw it.",
        f"Recent window: the {RECENT_WEEKS} weeks {recent['first_week']} to {recent['last_week']} "
        f"(it ends with the report week). Baseline window: the {BASELINE_WEEKS} weeks before it, "
        f"{baseline['first_week']} to {baseline['last_week']}; {baseline['weeks_with_data']} of them are on or after "
        "the warehouse's first week of data (earlier weeks are unknown, not zero, and are not averaged in).",
        "Volume verdict: recent vs baseline postings per week, exact conditional (binomial) test of equal Poisson "
        f"rates; growing or shrinking only when p < {alpha} and the recent window has at least {min_postings} "
        "postings, otherwise steady.",
        "Skill share = postings of the role that mention the skill / postings of the role, in the same period.",
        "Rising/falling skills: recent vs baseline share, pooled two-proportion z-test, Benjamini–Hochberg across "
        f"the role's skills. A skill is rising or falling only if q < {alpha}, it has at least {min_mentions} "
        "mentions in the recent and baseline windows together, and its share moved by at least "
        f"{rules['min_change_pts']:g} percentage points. Skills under {min_mentions} mentions are 'too few' "
        "(not tested, and left out of the BH family); every other skill is 'stable'.",
        "The 'All ML roles' shares pool every ML posting, so a shift in the mix of roles moves them too; "
        "the role sections are the like-for-like comparison.",
        f"Postings of role 'other' are left out of the role sections: {data['postings_other_role']} in the "
        f"warehouse. Left out as well: {data['postings_without_role']} without a role, "
        f"{data['postings_unknown_role']} with an unknown role id, {data['postings_without_date']} without any "
        f"date. Total postings: {data['postings_total']}.",
        f"Data covers {data['first_week'] or DASH} to {data['last_week'] or DASH}; report made as of {summary['as_of']}.",
    ]
