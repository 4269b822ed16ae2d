"""Number formats, the text sparkline and the notes, shared by the Markdown and HTML renderers.

Everything here returns plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from datetime import date

from reports.coverage import MAX_COVERAGE_GAP_PTS
from reports.model import MixShare, Report, Section, Volume
from reports.skills import TrendRules

DASH = "–"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_GAP = "·"  # a period without coverage: unknown, drawn apart from the zero floor
NO_DATA = "no data"
TEXT_SPARKLINE_PERIODS = 52  # the Markdown line stays readable; the JSON, CSV and SVG carry every period
PERIOD_ADJECTIVE = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}
# Bidirectional controls (embeddings, overrides, isolates, marks): text from postings could use
# them to make a report line read differently from what it says ("Trojan Source").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """Text without bidirectional control characters."""
    return _BIDI.sub("", text)


MIN_SHARE_BASE = 20  # a share of fewer postings than this is shown greyed (HTML) or in italics (Markdown), never bare
MIN_PAY_POSTINGS = 5  # the same rule as reports/mix.py's, for the notes (formatting imports no trend code)
ARTICLE = "Top Machine Learning Jobs and How to Prepare For Them"  # the seed article the article check tests


def thin(base: int | None) -> bool:
    """A share out of so few postings that one posting moves it by more than 5 points."""
    return base is not None and base < MIN_SHARE_BASE


def mix_bases(entries: list[MixShare]) -> tuple[int | None, int | None]:
    """The postings behind a mix's recent and baseline shares (the entries split one section's postings)."""

    def total(window: str) -> int | None:
        counts = [getattr(e, window) for e in entries]
        return None if any(c is None for c in counts) else sum(counts)

    return total("recent"), total("baseline")


def percent(share: float | None) -> str:
    return DASH if share is None else f"{share * 100:.1f}%"


def interval(low: float | None, high: float | None) -> str:
    return DASH if low is None or high is None else f"{low * 100:.1f}–{high * 100:.1f}%"


def points(change: float | None) -> str:
    return DASH if change is None else f"{change:+.1f}"


def signed(number: int | None) -> str:
    return DASH if number is None else f"{number:+d}"


def count(number: int | None) -> str:
    """A count, or 'no data' for a period without coverage (unknown is not zero)."""
    return NO_DATA if number is None else str(number)


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


def text_sparkline(values: list[int | None]) -> str:
    """▁▂▃▄▅▆▇█ scaled from 0 to the series maximum (zero periods stay at the floor, gaps are ·)."""
    if not values:
        return ""
    top = max((v for v in values if v is not None), default=0)
    if top == 0:
        return "".join(SPARK_GAP if v is None else SPARK_BLOCKS[0] for v in values)
    return "".join(SPARK_GAP if v is None else SPARK_BLOCKS[round(v / top * (len(SPARK_BLOCKS) - 1))] for v in values)


def series_counts(volume: Volume, last: int | None = None) -> list[int | None]:
    counts = [point.postings for point in volume.series]
    return counts[-last:] if last else counts


def noun(report: Report) -> str:
    return report.period.kind


def title(report: Report) -> str:
    return f"jobpulse {PERIOD_ADJECTIVE[noun(report)]} trend report — {report.period.label}"


def period_span(report: Report) -> str:
    start, end = date.fromisoformat(report.period.start), date.fromisoformat(report.period.end)
    return f"{start:%a %d %b %Y} – {end:%a %d %b %Y}"


def empty_message(report: Report) -> str | None:
    """Why there is nothing to report, if there is nothing to report."""
    if report.data.empty:
        return (
            "The warehouse holds no postings yet, so there is nothing to report. "
            "Run an ingest or `jobpulse demo` first."
        )
    if report.data.report_period_empty:
        return f"No postings fall in {report.period.label}; the figures below are all zero for that {noun(report)}."
    return None


def has_postings(section: Section) -> bool:
    """Anything in the periods the report looks at; sections without it shrink to one line."""
    volume = section.postings
    return volume.recent_total + volume.baseline_total + (volume.previous or 0) > 0


NO_POSTINGS = "No postings in the periods compared."


def verdict_sentence(volume: Volume, rules: TrendRules) -> str:
    if volume.verdict == "no data":
        return "no data (a compared window has no covered period)"
    if volume.verdict == "coverage differs":
        cov = volume.coverage
        return (
            f"no verdict: the windows' coverage differs ({percent(cov.get('recent'))} of boards recent, "
            f"{percent(cov.get('baseline'))} baseline)"
        )
    if volume.p_value is None:
        return "steady (no baseline data to compare with)"
    if volume.verdict == "steady" and volume.recent_total < rules.min_recent_postings:
        return f"steady (fewer than {rules.min_recent_postings} postings in the recent window)"
    return f"{volume.verdict} (rate test {p_text(volume.p_value)})"


SOURCE_HEADERS = [
    "Source",
    "This period",
    "Recent",
    "All time",
    "Boards",
    "Crawls",
    "Last crawl",
    "Status",
    "Requests",
    "Responses",
    "Items",
    "Errors",
]
SOURCE_STATUS = SOURCE_HEADERS.index("Status")


def source_cells(source) -> list:
    """One row of the sources table (SOURCE_HEADERS), values unescaped: each renderer escapes them
    its own way and may dress the status cell."""
    last = source.last_crawl or {}
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(last.get("responses_by_status", {}).items())) or DASH
    boards = len(last["boards"]) if last.get("boards") is not None else source.boards_seen
    return [
        source.source,
        source.current,
        source.recent,
        source.total,
        boards,
        source.crawl_runs,
        last.get("started_at") or DASH,
        last.get("status", "not crawled"),
        last.get("requests", DASH),
        statuses,
        last.get("items", DASH),
        last.get("errors", DASH),
    ]


COVERAGE_HEADERS = ["Window", "Periods", "Covered", "Coverage", "Gaps (no data)", "Partly covered"]


def coverage_rows(report: Report) -> list[list[str]]:
    """Per compared window: its periods, how many were covered, the mean share of boards covered, the gaps."""
    windows = report.quality.coverage.windows
    names = {
        "report_period": "Report period",
        "previous_period": "Previous period",
        "recent": "Recent window",
        "baseline": "Baseline window",
    }
    return [
        [
            name,
            str(w.periods),
            str(w.covered_periods),
            percent(w.share),
            ", ".join(w.gaps) or DASH,
            ", ".join(w.partial) or DASH,
        ]
        for key, name in names.items()
        if (w := windows.get(key))
    ]


def active_sentence(volume: Volume, kind: str) -> str:
    """The other measure, beside new postings: jobs seen open (reposts and long-listed jobs count each period)."""
    active = volume.active
    return (
        f"Active postings (jobs seen open): {count(active.current)} this {kind}; "
        f"{rate(active.recent_per_period)} vs {rate(active.baseline_per_period)} per covered {kind}, recent vs baseline"
    )


def notes(report: Report) -> list[str]:
    """The report's notes section: what the periods are, the rules behind every call, data gaps."""
    w, rules, data, kind = report.windows, report.rules, report.data, noun(report)
    alpha, min_mentions, min_postings = rules.alpha, rules.min_mentions, rules.min_recent_postings
    recent, baseline, span = w.recent, w.baseline, w.report_period
    rare, common = rules.emerging_max_baseline_share * 100, rules.emerging_min_recent_share * 100
    calendar = "Monday–Sunday, ISO weeks" if kind == "week" else f"calendar {kind}s"
    return [
        f"Report {kind}: {report.period.label} ({span.start} to {span.end}, {calendar}). "
        f"Previous {kind}: {w.previous_period.first}.",
        f"A posting belongs to the {kind} of its published date (posted_at); when the source gave none, to the "
        f"{kind} we first saw it.",
        f"Recent window: the {recent.periods} {kind}(s) {recent.first} to {recent.last} (it ends with the report "
        f"{kind}); {recent.periods_with_data} of them covered. Baseline window: the "
        f"{baseline.periods} {kind}s before it, {baseline.first} to {baseline.last}; "
        f"{baseline.periods_with_data} of them covered. Rates are per covered {kind}.",
        "What is counted: every volume table, chart and history counts new postings (a job counted once, "
        f"in the {kind} "
        "its earliest posting is dated); the volume block also gives active postings (a job counted in every "
        f"{kind} it was seen open: at its date and at every crawl that listed it; an HN post in its thread's month, "
        "so a "
        "monthly repost keeps the job active each month). Skill shares, title variants, seniority, work mode and pay "
        "count new postings.",
        f"Gaps: a {kind} is covered when a source's data covers it (a successful crawl of a board, a board's first "
        "crawl back to the oldest posting it listed, an HN thread for its month, or imported history over its dates); "
        "its coverage is the share of the boards expected then that covered it, averaged over sources. A "
        f"{kind} no source covered is unknown: shown as 'no data' and a gap (· in text sparklines, a hatched slot or a "
        "break in charts), never as zero, and left out of every count, share and baseline. A window without a covered "
        f"{kind} gets no verdict ('no data'); partly covered {kind}s are counted and listed under data quality, and no "
        f"volume verdict compares windows whose coverage differs by more than {MAX_COVERAGE_GAP_PTS:g} points.",
        "Duplicates: postings that normalization grouped into one cluster (the same job on several boards, or "
        "reposted) count once everywhere, as the cluster's earliest posting; a posting without a cluster is its own.",
        "Multi-role posts: a post listed under several roles (common on Hacker News) counts once in each of them; "
        "'All ML roles' counts it once, so the role counts can add up to more than the overview.",
        f"Volume verdict: recent vs baseline postings per {kind}, exact conditional (binomial) test of equal Poisson "
        f"rates over the covered {kind}s; growing or shrinking only when p < {alpha} and the recent window has at "
        f"least {min_postings} postings, otherwise steady.",
        "Skill share = postings of the section that mention the skill / postings of the section, in the same period. "
        f"Intervals are 95% Wilson score intervals. Top skills are ranked by their share in the report {kind}; "
        f"the chart's dark tick is the previous {kind}'s share.",
        "Rising/falling skills: recent vs baseline share, pooled two-proportion z-test, Benjamini–Hochberg across "
        f"the section's skills. A skill is rising or falling only if q < {alpha}, it has at least {min_mentions} "
        "mentions in the recent and baseline windows together, and its share moved by at least "
        f"{rules.min_change_pts:g} percentage points. Skills under {min_mentions} mentions are not tested and "
        "left out of the BH family.",
        f"Growth categories: rapidly growing = rising and the recent share is at least ×{rules.rapid_ratio:g} the "
        "baseline share (or the baseline share was 0); growing = any other rising skill; declining = falling; "
        f"stable = tested and not called; too few to tell = under {min_mentions} mentions.",
        f"Emerging skills: at most {rare:g}% of baseline postings and at least {common:g}% of recent postings, with "
        f"at least {min_mentions} recent mentions. Dropped skills: at least {common:g}% of baseline postings (and "
        f"{min_mentions} mentions), at most {rare:g}% of recent ones. "
        f"Both need {min_postings} postings in each window.",
        "Title variants: the title with level words (senior, staff, II, …) and everything after the first separator "
        "(' - ', ',', '(', ' at ', …) removed; each variant's share of the section is tested like a skill.",
        f"Small counts: a share out of fewer than {MIN_SHARE_BASE} postings is shown greyed (italic in Markdown), "
        "since one posting moves it by more than 5 points; read it as a count, not a rate. Pay rows need at least "
        f"{MIN_PAY_POSTINGS} postings that state pay.",
        f"Top-skills table: share, interval and mentions are the report {kind}'s; its change column and its trend are "
        "the same comparison (recent vs baseline window), so a change and the call beside it never disagree.",
        f'Article check: the skills "{ARTICLE}" (the seed article) says each role uses, one claim per row, with '
        "the data's share, rank and trend call for it in the recent window.",
        "Seniority, remote share and pay cover the recent window (pay: annual midpoint of the stated range; "
        "hourly or monthly pay without an annual figure is left out; currencies are never mixed).",
        "The 'All ML roles' shares pool every ML posting, so a shift in the mix of roles moves them too; the role "
        "sections are the like-for-like comparison. 'All postings' adds the postings of no ML role.",
        f"Postings of role 'other' are left out of the role sections: {data.postings_other_role}. Left out as well: "
        f"{data.postings_without_role} without a role, {data.postings_unknown_role} with an unknown role id, "
        f"{data.postings_without_date} without any date. Postings in the warehouse: {data.postings_total}, "
        f"counted once per cluster: {data.postings_counted}.",
        f"Data covers {data.first_period or DASH} to {data.last_period or DASH}; report made as of {report.as_of}.",
    ]
