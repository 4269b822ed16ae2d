"""The headline ("what moved") and each section's "moves over years", in Markdown and in HTML.

The renderers call `headline_markdown` / `headline_html` first thing and `long_markdown` /
`long_html` in every section. Text from postings is escaped by the caller's escaper (md_text, esc).
"""

from __future__ import annotations

from collections.abc import Callable

from reports import formatting as fmt
from reports import long_text as text
from reports.long_charts import quarterly_count_chart, quarterly_share_chart
from reports.svg_charts import esc
from reports.model import Report

TABLE_ROWS = 12  # moved skills listed per section (the JSON has every tested one)


def _moved(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e.direction in ("rising", "falling")]


def _headline_items(role: dict) -> list[tuple[str, str]]:
    """(label, plain-text line) for one role's moves, long-horizon first."""
    items = [("over years", text.move_line(m, text.long_evidence(m))) for m in role.long]
    items += [("short term", text.move_line(m, text.short_evidence(m))) for m in role.short]
    if not items:
        items = [("", "no skill called rising or falling, over years or short term")]
    return items


ARROWS = {"rising": "▲", "falling": "▼", "stable": "·"}


def grid_cell_text(cell: dict | None) -> str:
    """▲ +7.2 (q 0.003) for a move, · +1.0 for a tested skill that did not move, – for one not tested."""
    if not cell:
        return fmt.DASH
    change = fmt.points(cell.change_pts)
    if cell.direction in ("rising", "falling"):
        return f"{ARROWS[cell.direction]} {change} ({fmt.p_text(cell.q, 'q')})"
    return f"{ARROWS['stable']} {change}"


GRID_NOTE = ("Recent vs baseline window, change in points of share; ▲ rising, ▼ falling (q < the report's alpha and a "
             "move of at least the minimum change), · tested and not called, – too few mentions to test.")


def grid_markdown(headline: dict, md_text: Callable[[object], str]) -> list[str]:
    grid = headline.grid
    if not grid.skills:
        return []
    skills = grid.skills
    lines = ["### Which skills moved for which role", "", f"_{md_text(GRID_NOTE)}_", "",
             "| Role | " + " | ".join(md_text(s.name) for s in skills) + " |", "|---|" + "---|" * len(skills)]
    lines += ["| " + md_text(row.name) + " | " + " | ".join(grid_cell_text(row.cells.get(s.skill_id)) for s in skills) + " |"
              for row in grid.roles]  # fmt: skip
    return [*lines, ""]


def _grid_cell_html(cell: dict | None) -> str:
    """The cell's text on two short lines (arrow and change, then q), so the grid stays narrow."""
    if not cell or cell.direction not in ("rising", "falling"):
        return esc(grid_cell_text(cell))
    return f"{esc(ARROWS[cell.direction])} {esc(fmt.points(cell.change_pts))}<br><small>{esc(fmt.p_text(cell.q, 'q'))}</small>"


def grid_html(headline: dict) -> str:
    grid = headline.grid
    if not grid.skills:
        return '<p class="muted">No skill was called rising or falling in any role.</p>'
    skills = grid.skills
    head = "<th>Role</th>" + "".join(f'<th scope="col">{esc(s.name)}</th>' for s in skills)
    body = []
    for row in grid.roles:
        cells = []
        for s in skills:
            cell = row.cells.get(s.skill_id)
            css = cell.direction if cell else "too_few"
            cells.append(f'<td class="{esc(css)}" data-skill="{esc(s.skill_id)}">{_grid_cell_html(cell)}</td>')
        body.append(f'<tr data-role="{esc(row.id)}"><th scope="row">{esc(row.name)}</th>{"".join(cells)}</tr>')
    return (f'<div class="scroll"><table class="grid" data-grid="role-skill"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div><p class="muted legend">{esc(GRID_NOTE)}</p>')


def headline_markdown(report: Report, md_text: Callable[[object], str]) -> list[str]:
    headline = report.headline
    if not headline:
        return []
    lines = ["## What moved", "", f"**All postings (the market)** — {md_text(text.volume_line(headline.market))}", "",
             *grid_markdown(headline, md_text)]
    for role in headline.roles:
        lines += [f"**{md_text(role.name)}** — {md_text(text.volume_line(role.volume))}", ""]
        lines += [f"- {label + ': ' if label else ''}{md_text(line)}" for label, line in _headline_items(role)]
        lines.append("")
    gaps = headline.gaps or ["none found in the data"]
    lines += ["**Gaps that limit what can be said:**", "", *(f"- {md_text(g)}" for g in gaps), ""]
    return lines


def headline_html(report: Report) -> str:
    headline = report.headline
    if not headline:
        return ""
    blocks = []
    for role in headline.roles:
        items = "".join(f"<li>{f'<b>{esc(label)}:</b> ' if label else ''}{esc(line)}</li>" for label, line in _headline_items(role))
        blocks.append(f'<div class="moved" data-role="{esc(role.id)}"><h3>{esc(role.name)}</h3>'
                      f'<p class="muted">{esc(text.volume_line(role.volume))}</p><ul>{items}</ul></div>')  # fmt: skip
    gaps = "".join(f"<li>{esc(g)}</li>" for g in headline.gaps) or "<li>none found in the data</li>"
    market = f'<p class="muted"><b>All postings (the market):</b> {esc(text.volume_line(headline.market))}</p>'
    grid = '<h3 id="role-skill-grid">Which skills moved for which role</h3>' + grid_html(headline)
    return ('<section id="what-moved"><h2>What moved</h2>' + market + grid + "".join(blocks)
            + f'<h3>Gaps that limit what can be said</h3><ul class="flags">{gaps}</ul></section>')  # fmt: skip


def _status(section: dict) -> str | None:
    horizon = section.long_horizon
    if horizon.status == "too_few":
        return (f"Too few quarters to tell: {horizon.covered_quarters} of {len(horizon.quarters)} quarters have data "
                f"and postings here (at least {horizon.rules.min_covered} needed).")  # fmt: skip
    return None


def _volume_text(section: dict) -> str:
    volume = section.long_volume_trend
    if not volume:
        return "Volume over years: no postings in the quarters covered."
    if volume.measure == "postings_per_quarter":
        line = text.count_sparkline(volume.counts)
        return f"Volume over years (postings per quarter): {volume.direction} {line} ({fmt.p_text(volume.q, 'q')})."
    return (f"Volume over years (share of all postings): {volume.direction} {text.share_sparkline(volume.shares)} "
            f"({fmt.percent(volume.yoy['year_before_share'])} → {fmt.percent(volume.yoy['last_year_share'])} year over year, "
            f"{fmt.p_text(volume.q, 'q')}).")  # fmt: skip


def _summary_line(section: dict) -> str:
    tested = section.long_trends
    moved = _moved(tested)
    rising = sum(e.direction == "rising" for e in moved)
    return (f"{len(tested)} skills tested, {rising} rising, {len(moved) - rising} falling, "
            f"{sum(e.direction == 'flat' for e in tested)} flat.")  # fmt: skip


def _titles_text(section: dict) -> str:
    moved = _moved(section.long_title_trends)
    listed = ", ".join(f"{t.title} ({t.direction}, {fmt.p_text(t.q, 'q')})" for t in moved[:8])
    return f"Title variants that moved over years: {listed or fmt.DASH}."


def long_markdown(section: dict, h: str, md_text: Callable[[object], str]) -> list[str]:
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
        out += ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i < 3 else "---:" for i in range(len(headers))) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in rows] + [""]
    return [*out, md_text(_titles_text(section)), ""]


def long_html(section: dict, level: int, table: Callable[..., str], tag: Callable[[str, object], str]) -> str:
    horizon = section.long_horizon
    if not horizon:
        return ""
    head = f"<h{level}>Moves over years ({esc(horizon.quarters[0])} – {esc(horizon.quarters[-1])})</h{level}>"
    if status := _status(section):
        return head + f'<p class="muted">{esc(status)}</p>'
    name, quarters = section.name, horizon.quarters
    volume = section.long_volume_trend
    chart = ""
    if volume:
        chart = quarterly_count_chart(volume, quarters, name) if volume.measure == "postings_per_quarter" else quarterly_share_chart(
            volume, quarters, volume.totals, name, label="share of all postings")
    moved = _moved(section.long_trends)
    rows = [[tag(cells[0], cells[0]), *(esc(c) for c in cells[1:])] for cells in map(text.long_trend_row, moved[:TABLE_ROWS])]
    charts = "".join(quarterly_share_chart(e, quarters, horizon.postings, name) for e in moved[: horizon.rules.chart_items])
    return (
        head + f"<p>{esc(_volume_text(section))}</p>{chart}<p>{esc(_summary_line(section))}</p>"
        + (table(text.LONG_TREND_HEADERS, rows, {3, 4, 5, 6, 7, 8, 9}) if rows else "")
        + (f'<div class="small-multiples">{charts}</div>' if charts else "")
        + f"<p>{esc(_titles_text(section))}</p>"
        + '<p class="muted legend">Dots: share per quarter with its 95% Wilson interval; shaded dashed columns: quarters '
        "without data (unknown, not zero).</p>"
    )  # fmt: skip
