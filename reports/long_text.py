"""Plain-text pieces of the long-horizon view and the headline, shared by the Markdown and HTML renderers.

Everything returns plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

from reports import formatting as fmt
from reports.model import LongMove, LongTitleTrend, LongTrend, Report, ShortMove, VolumeMoves

GAP = "·"  # a quarter without data: visibly not a zero (▁)


def share_sparkline(shares: list[float | None]) -> str:
    """▁…█ from 0 to the largest share; a quarter without data is '·', never the floor."""
    known = [s for s in shares if s is not None]
    top = max(known, default=0.0)
    blocks = fmt.SPARK_BLOCKS
    return "".join(GAP if s is None else blocks[round(s / top * (len(blocks) - 1)) if top else 0] for s in shares)


def count_sparkline(counts: list[int | None]) -> str:
    """▁…█ from 0 to the largest count; a quarter without data is '·'."""
    top = max((c for c in counts if c is not None), default=0)
    blocks = fmt.SPARK_BLOCKS
    return "".join(GAP if c is None else blocks[round(c / top * (len(blocks) - 1)) if top else 0] for c in counts)


def counts_text(counts: list[int] | None) -> str:
    return fmt.DASH if not counts else f"{counts[0]:,} of {counts[1]:,}"


def long_evidence(move: LongMove) -> str:
    """'last 4 quarters 3.1% (95% 2.4–4.0%, 41 of 1,320) vs first 4 covered 0.2% (95% …, 3 of 1,480); q < 0.001'."""
    low, high = move.last_year_interval or (None, None)
    first_low, first_high = move.first_year_interval or (None, None)
    return (
        f"last 4 quarters {fmt.percent(move.last_year_share)} (95% {fmt.interval(low, high)}, "
        f"{counts_text(move.last_year_counts)}) vs first 4 covered {fmt.percent(move.first_year_share)} "
        f"(95% {fmt.interval(first_low, first_high)}, {counts_text(move.first_year_counts)}); "
        f"{fmt.p_text(move.q, 'q')}"
    )


def short_evidence(move: ShortMove) -> str:
    low, high = move.recent_interval or (None, None)
    return (
        f"recent window {fmt.percent(move.recent_share)} (95% {fmt.interval(low, high)}, "
        f"{counts_text(move.recent_counts)}) vs baseline {fmt.percent(move.baseline_share)} "
        f"({counts_text(move.baseline_counts)}); {fmt.p_text(move.q, 'q')}"
    )


def move_line(move: LongMove | ShortMove, evidence: str) -> str:
    return f"{move.name} {move.direction} ({fmt.points(move.change_pts)} pts): {evidence}"


def volume_line(volume: VolumeMoves) -> str:
    short, long = volume.short, volume.long
    text = (
        f"volume {short.verdict} short-term "
        f"({short.recent_total:,} recent vs {short.baseline_total:,} baseline postings"
    )
    text += f", {fmt.p_text(short.p)})" if short.p is not None else ", no rate test)"
    measure = "share of all postings" if long.measure == "share_of_all_postings" else "postings per quarter"
    if long.direction == "too_few":  # a call name is not a sentence
        return text + "; over 12 quarters: too few covered quarters to tell"
    text += f"; over 12 quarters {long.direction} ({measure}, {fmt.p_text(long.q, 'q')})"
    return text


def long_trend_row(entry: LongTrend | LongTitleTrend) -> list[str]:
    """Direction, name, sparkline, first covered year → year before → last year, both changes, counts, q."""
    yoy, span = entry.yoy, entry.span
    return [
        entry.direction,
        getattr(entry, "name", None) or getattr(entry, "title", ""),
        share_sparkline(entry.shares),
        fmt.percent(span.first_year_share),
        fmt.percent(yoy.year_before_share),
        fmt.percent(yoy.last_year_share),
        fmt.points(span.change_pts),
        fmt.points(yoy.change_pts),
        f"{entry.mentions_total:,} / {entry.postings_total:,}",
        fmt.probability(entry.q),
    ]


LONG_TREND_HEADERS = [
    "Direction",
    "Skill",
    "Quarterly share",
    "First year",
    "Year before",
    "Last year",
    "Change (pts)",
    "Year over year (pts)",
    "Mentions / postings",
    "q",
]


def long_notes(report: Report) -> list[str]:
    """How the long-horizon trends and the headline are made (appended to the report's notes)."""
    horizon = report.all_postings.long_horizon
    if not horizon:
        return []
    rules = horizon.rules
    return [
        f"Long-horizon trends: the 12 calendar quarters {horizon.quarters[0]} to {horizon.quarters[-1]} (the last "
        f"one through {horizon.through}). A skill's quarterly share = postings of the section mentioning it / postings "
        "of the section that quarter (new postings: a job counts in the quarter it first appeared, once per duplicate "
        "cluster).",
        f"Each skill or title variant with at least {rules.min_mentions} mentions over the covered quarters is tested "
        "with the Cochran–Armitage trend test (the score test of a linear trend in the share across quarters), its z "
        "divided by √φ, φ ≥ 1 being the section's median scatter around a fitted trend beyond binomial noise; "
        f"Benjamini–Hochberg across the section; rising or falling when q < {rules.alpha}, else flat.",
        f"A quarter without any posting from any source is unknown: left out of every sum, shown as '{GAP}' or a "
        f"shaded column, never as zero. A section with fewer than {rules.min_covered} covered quarters holding "
        "postings is 'too_few'.",
        "Role volume over years: the section's postings as a share of all postings per quarter (the count itself moves "
        "with how much the sources covered), same test; all postings: a Poisson log-linear trend test on postings per "
        "quarter (a partial last quarter weighted by the part seen). "
        "Year over year = the last 4 quarters against the 4 "
        "before, pooled; the change over the window = the last 4 quarters against the first 4 covered ones.",
        "Headline ('what moved'): per role, the long-horizon and short-term moves with the smallest q (then the "
        "largest change), each with its counts, 95% Wilson interval and q, and the data gaps that limit them.",
    ]
