"""The headline ("what moved") and each section's "moves over years", in Markdown and in HTML.

The renderers call `headline_markdown` / `headline_html` first thing and `long_markdown` /
`long_html` in every section. Markdown text from postings goes through the caller's md_text; the HTML comes
from templates/headline.html.j2 and long.html.j2 (autoescaped).
"""

from __future__ import annotations

from collections.abc import Callable

from reports import formatting as fmt
from reports import long_text as text
from reports.html_page import markup, render
from reports.long_charts import quarterly_count_chart, quarterly_share_chart
from reports.model import GridCell, Headline, HeadlineRole, LongTitleTrend, LongTrend, Report, Section

TABLE_ROWS = 12  # moved skills listed per section (the JSON has every tested one)


def _moved(entries: list[LongTrend] | list[LongTitleTrend]) -> list:
    return [e for e in entries if e.direction in ("rising", "falling")]


def _headline_items(role: HeadlineRole) -> list[tuple[str, str]]:
    """(label, plain-text line) for one role's moves, long-horizon first."""
    items = [("over years", text.move_line(m, text.long_evidence(m))) for m in role.long]
    items += [("short term", text.move_line(m, text.short_evidence(m))) for m in role.short]
    if not items:
        items = [("", "no skill called rising or falling, over years or short term")]
    return items


ARROWS = {"rising": "▲", "falling": "▼", "stable": "·"}


def grid_cell_text(cell: GridCell | None) -> str:
    """▲ +7.2 (q 0.003) for a move, · +1.0 for a tested skill that did not move, – for one not tested."""
    if not cell:
        return fmt.DASH
    change = fmt.points(cell.change_pts)
    if cell.direction in ("rising", "falling"):
        return f"{ARROWS[cell.direction]} {change} ({fmt.p_text(cell.q, 'q')})"
    return f"{ARROWS['stable']} {change}"


GRID_NOTE = (
    "Recent vs baseline window, change in points of share; ▲ rising, ▼ falling (q < the report's alpha and a "
    "move of at least the minimum change), · tested and not called, – too few mentions to test."
)


def grid_markdown(headline: Headline, md_text: Callable[[object], str]) -> list[str]:
    grid = headline.grid
    if not grid.skills:
        return []
    skills = grid.skills
    lines = [
        "### Which skills moved for which role",
        "",
        f"_{md_text(GRID_NOTE)}_",
        "",
        "| Role | " + " | ".join(md_text(s.name) for s in skills) + " |",
        "|---|" + "---|" * len(skills),
    ]
    lines += [
        "| " + md_text(row.name) + " | " + " | ".join(grid_cell_text(row.cells.get(s.skill_id)) for s in skills) + " |"
        for row in grid.roles
    ]
    return [*lines, ""]


def headline_markdown(report: Report, md_text: Callable[[object], str]) -> list[str]:
    headline = report.headline
    if not headline:
        return []
    lines = [
        "## What moved",
        "",
        f"**All postings (the market)** — {md_text(text.volume_line(headline.market))}",
        "",
        *grid_markdown(headline, md_text),
    ]
    for role in headline.roles:
        lines += [f"**{md_text(role.name)}** — {md_text(text.volume_line(role.volume))}", ""]
        lines += [f"- {label + ': ' if label else ''}{md_text(line)}" for label, line in _headline_items(role)]
        lines.append("")
    gaps = headline.gaps or ["none found in the data"]
    lines += ["**Gaps that limit what can be said:**", "", *(f"- {md_text(g)}" for g in gaps), ""]
    return lines


def headline_html(report: Report) -> str:
    """The headline through templates/headline.html.j2."""
    if not report.headline:
        return ""
    return str(
        render(
            "headline.html.j2",
            h=report.headline,
            fmt=fmt,
            arrows=ARROWS,
            grid_note=GRID_NOTE,
            grid_cell_text=grid_cell_text,
            volume_line=text.volume_line,
            items=_headline_items,
        )
    )


def _status(section: Section) -> str | None:
    horizon = section.long_horizon
    if horizon.status == "too_few":
        return (
            f"Too few quarters to tell: {horizon.covered_quarters} of {len(horizon.quarters)} quarters have data "
            f"and postings here (at least {horizon.rules.min_covered} needed)."
        )
    return None


def _volume_text(section: Section) -> str:
    volume = section.long_volume_trend
    if not volume:
        return "Volume over years: no postings in the quarters covered."
    if volume.measure == "postings_per_quarter":
        line = text.count_sparkline(volume.counts)
        return f"Volume over years (postings per quarter): {volume.direction} {line} ({fmt.p_text(volume.q, 'q')})."
    return (
        f"Volume over years (share of all postings): {volume.direction} {text.share_sparkline(volume.shares)} "
        f"({fmt.percent(volume.yoy['year_before_share'])} → {fmt.percent(volume.yoy['last_year_share'])} "
        "year over year, "
        f"{fmt.p_text(volume.q, 'q')})."
    )


def _summary_line(section: Section) -> str:
    tested = section.long_trends
    moved = _moved(tested)
    rising = sum(e.direction == "rising" for e in moved)
    return (
        f"{len(tested)} skills tested, {rising} rising, {len(moved) - rising} falling, "
        f"{sum(e.direction == 'flat' for e in tested)} flat."
    )


def _titles_text(section: Section) -> str:
    moved = _moved(section.long_title_trends)
    listed = ", ".join(f"{t.title} ({t.direction}, {fmt.p_text(t.q, 'q')})" for t in moved[:8])
    return f"Title variants that moved over years: {listed or fmt.DASH}."


def long_markdown(section: Section, h: str, md_text: Callable[[object], str]) -> list[str]:
    horizon = section.long_horizon
    if not horizon:
        return []
    out = [f"{h} Moves over years ({horizon.quarters[0]} – {horizon.quarters[-1]})", ""]
    if status := _status(section):
        return [*out, f"_{md_text(status)}_", ""]
    out += [md_text(_volume_text(section)), "", md_text(_summary_line(section)), ""]
    rows = [[md_text(cell) for cell in text.long_trend_row(e)] for e in _moved(section.long_trends)[:TABLE_ROWS]]
    if rows:
        headers = text.LONG_TREND_HEADERS
        out += [
            "| " + " | ".join(headers) + " |",
            "|" + "|".join("---" if i < 3 else "---:" for i in range(len(headers))) + "|",
        ]
        out += ["| " + " | ".join(row) + " |" for row in rows] + [""]
    return [*out, md_text(_titles_text(section)), ""]


def long_html(section: Section, level: int, tag: Callable[[str, object], str]) -> str:
    """The section's moves over years through templates/long.html.j2 ('' without quarters to look at)."""
    horizon = section.long_horizon
    if not horizon:
        return ""
    values = {"s": section, "h": level, "quarters": horizon.quarters, "status": _status(section)}
    if not values["status"]:
        name, quarters, volume = section.name, horizon.quarters, section.long_volume_trend
        chart = ""
        if volume:
            chart = (
                quarterly_count_chart(volume, quarters, name)
                if volume.measure == "postings_per_quarter"
                else quarterly_share_chart(volume, quarters, volume.totals, name, label="share of all postings")
            )
        moved = _moved(section.long_trends)
        charts = "".join(
            quarterly_share_chart(e, quarters, horizon.postings, name) for e in moved[: horizon.rules.chart_items]
        )
        values |= {
            "volume_text": _volume_text(section),
            "volume_chart": markup(chart),
            "summary_line": _summary_line(section),
            "headers": text.LONG_TREND_HEADERS,
            "rows": [text.long_trend_row(e) for e in moved[:TABLE_ROWS]],
            "charts": markup(charts),
            "titles_text": _titles_text(section),
            "tag": lambda css, label: markup(tag(css, label)),
        }
    return str(render("long.html.j2", **values))
