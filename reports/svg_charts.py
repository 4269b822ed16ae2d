"""Hand-written inline SVG charts: no scripts, no fonts or files to fetch, so the HTML renders offline.

Every chart is `<svg class="chart" data-chart="<kind>" role="img">` with a <title> that says
what it shows (screen readers, tooltips, tests). Every label goes through `esc()`.
"""

from __future__ import annotations

import html

from reports.formatting import MIN_SHARE_BASE, strip_bidi, thin
from reports.model import MixShare, PayRange, SeriesPoint, SkillHistory, SkillTrend, TopSkill

BLUE, DARK, LIGHT, GREY, RED, GREEN = "#0969da", "#1f2328", "#d0d7de", "#59636e", "#cf222e", "#1a7f37"
WINDOW_FILL = {"recent": "#0969da", "baseline": "#8cb8ec", None: "#c9d1d9"}
THIN = "#afb8c1"  # a share from fewer than MIN_SHARE_BASE postings: drawn grey
GAP_FILL = "#f6f8fa"  # a period without coverage: a pale full-height slot, unlike a zero bar (no bar at all)
LINE_COLOURS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83")
FONT = 'font-family="system-ui,sans-serif" font-size="11"'


def esc(value: object) -> str:
    return html.escape(strip_bidi(str(value)), quote=True)


def _open(kind: str, width: int, height: int, title: str) -> str:
    return (
        f'<svg class="chart" data-chart="{esc(kind)}" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" aria-label="{esc(title)}">'
        f"<title>{esc(title)}</title>"
    )


def _text(x: float, y: float, text: object, anchor: str = "start", fill: str = GREY) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" {FONT}>{esc(text)}</text>'


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def legend(items: list[tuple[str, str, str]], x: float, y: float, gap: float = 14) -> str:
    """One legend row inside a chart: (mark, colour, text) with mark one of dot, open, tick, line, box, gap."""
    parts = []
    for mark, colour, text in items:
        swatch = {
            "dot": f'<circle cx="{x + 5:.1f}" cy="{y - 4:.1f}" r="4" fill="{colour}"/>',
            "open": f'<circle cx="{x + 5:.1f}" cy="{y - 4:.1f}" r="3.5" fill="#fff" stroke="{colour}"/>',
            "tick": (
                f'<line x1="{x + 5:.1f}" y1="{y - 10:.1f}" x2="{x + 5:.1f}" y2="{y + 2:.1f}" '
                f'stroke="{colour}" stroke-width="2"/>'
            ),
            "line": (
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 10:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="2"/>'
            ),
            "box": f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>',
            "gap": (
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{GAP_FILL}" '
                f'stroke="{LIGHT}" stroke-dasharray="2 2"/>'
            ),
        }[mark]
        parts.append(f'<g class="legend">{swatch}{_text(x + 14, y, text, "start", DARK)}</g>')
        x += 14 + 6.2 * len(text) + gap  # ~6.2 px per character at 11 px
    return "".join(parts)


def volume_chart(
    series: list[SeriesPoint], recent_start: str, baseline_start: str, name: str, width: int = 640, height: int = 150
) -> str:
    """Postings per period over the whole history; the recent and baseline windows are shaded darker."""
    title = f"{name}: postings per period, {len(series)} periods"
    if not series:
        return _open("volume", width, 30, title) + _text(4, 18, "no dated postings yet") + "</svg>"
    left, bottom, top_pad = 36, 22, 24  # the legend sits above the plot
    plot_w, plot_h = width - left - 6, height - bottom - top_pad
    top = max((p.postings for p in series if p.postings is not None), default=0) or 1
    step = plot_w / len(series)
    bars = []
    for i, point in enumerate(series):  # ISO dates compare as text
        if point.postings is None:  # no coverage: a pale, dash-outlined full-height slot, never a zero bar
            bars.append(
                f'<rect class="gap" x="{left + i * step:.1f}" y="{top_pad}" width="{max(step - 1, 0.8):.1f}" '
                f'height="{plot_h}" fill="{GAP_FILL}" stroke="{LIGHT}" stroke-dasharray="2 2">'
                f"<title>{esc(point.period)}: no data (not covered)</title></rect>"
            )
            continue
        window = "recent" if point.start >= recent_start else "baseline" if point.start >= baseline_start else None
        h = point.postings / top * plot_h
        bars.append(
            f'<rect x="{left + i * step:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(step - 1, 0.8):.1f}" '
            f'height="{h:.1f}" '
            f'fill="{WINDOW_FILL[window]}"><title>{esc(point.period)}: {point.postings}</title></rect>'
        )
    axis = (
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 6}" y2="{top_pad + plot_h}" stroke="{LIGHT}"/>'
        f'<line x1="{left}" y1="{top_pad}" x2="{width - 6}" y2="{top_pad}" stroke="{LIGHT}" stroke-dasharray="3 3"/>'
        + _text(left - 4, top_pad + 4, top, "end")
        + _text(left - 4, top_pad + plot_h / 2 + 4, f"{top / 2:g}", "end")
        + _text(left - 4, top_pad + plot_h, 0, "end")
        + _text(left, height - 6, series[0].period)
        + _text(width - 6, height - 6, series[-1].period, "end")
        + (_text(left + plot_w / 2, height - 6, series[len(series) // 2].period, "middle") if len(series) > 4 else "")
        + legend(
            [
                ("box", WINDOW_FILL["recent"], "recent window"),
                ("box", WINDOW_FILL["baseline"], "baseline"),
                ("box", WINDOW_FILL[None], "earlier"),
                ("gap", GREY, "no data"),
            ],
            left,
            12,
        )
    )
    return _open("volume", width, height, title) + axis + "".join(bars) + "</svg>"


def interval_chart(skills: list[TopSkill], name: str, width: int = 560) -> str:
    """Each top skill's share as a dot on its 95% Wilson interval; a dark tick marks the previous period."""
    row, left, right = 20, 150, 50
    height = row * len(skills) + 44
    plot = width - left - right
    title = f"{name}: share of postings per skill this period, with 95% intervals"
    parts = [
        _open("top-skills", width, height, title),
        legend(
            [
                ("dot", BLUE, "this period"),
                ("line", BLUE, "95% interval"),
                ("tick", DARK, "previous period"),
                ("dot", THIN, f"from < {MIN_SHARE_BASE} postings"),
            ],
            4,
            height - 4,
        ),
    ]
    height -= 20  # the axis sits above the legend row
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * plot
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18}" stroke="{LIGHT}"/>')
        parts.append(_text(x, height - 4, _pct(tick), "middle"))
    for i, skill in enumerate(skills):
        y = 12 + i * row
        parts.append(_text(left - 6, y + 4, skill.name, "end", DARK))
        if skill.ci_low is not None:
            x1, x2 = left + skill.ci_low * plot, left + skill.ci_high * plot
            parts.append(f'<line x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" stroke="{BLUE}" stroke-width="2"/>')
        if skill.previous_share is not None:
            xp = left + skill.previous_share * plot
            parts.append(
                f'<line x1="{xp:.1f}" y1="{y - 6}" x2="{xp:.1f}" y2="{y + 6}" stroke="{DARK}" stroke-width="2"/>'
            )
        parts.append(
            f'<circle cx="{left + skill.share * plot:.1f}" cy="{y}" r="4" '
            f'fill="{THIN if thin(skill.current_postings) else BLUE}">'
            f"<title>{esc(skill.name)}: {_pct(skill.share)} "
            f"({_pct(skill.ci_low)}–{_pct(skill.ci_high)})</title></circle>"
        )
        parts.append(_text(width - right + 6, y + 4, _pct(skill.share)))
    return "".join(parts) + "</svg>"


def moves_chart(moves: list[SkillTrend], name: str, width: int = 560) -> str:
    """Baseline share → recent share for each rising or falling skill (green up, red down)."""
    row, left, right = 20, 150, 50
    height = row * len(moves) + 44
    plot = width - left - right
    parts = [
        _open("moves", width, height, f"{name}: baseline → recent share of the skills that moved"),
        legend(
            [
                ("open", GREY, "baseline window (open)"),
                ("dot", GREY, "recent window (filled)"),
                ("line", GREEN, "rising"),
                ("line", RED, "falling"),
            ],
            4,
            height - 4,
        ),
    ]
    height -= 20  # the axis sits above the legend row
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * plot
        parts.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18}" stroke="{LIGHT}"/>'
            + _text(x, height - 4, _pct(tick), "middle")
        )
    for i, move in enumerate(moves):
        y = 12 + i * row
        colour = GREEN if (move.change_pts or 0) > 0 else RED
        xb, xr = left + (move.baseline_share or 0) * plot, left + (move.recent_share or 0) * plot
        parts.append(_text(left - 6, y + 4, move.name, "end", DARK))
        parts.append(f'<line x1="{xb:.1f}" y1="{y}" x2="{xr:.1f}" y2="{y}" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<circle cx="{xb:.1f}" cy="{y}" r="3.5" fill="#fff" stroke="{colour}"/>')
        parts.append(f'<circle cx="{xr:.1f}" cy="{y}" r="4" fill="{colour}"/>')
        parts.append(_text(width - right + 6, y + 4, f"{move.change_pts:+.0f} pts"))
    return "".join(parts) + "</svg>"


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """(index, value) runs between the None gaps."""
    runs, run = [], []
    for j, value in enumerate([*values, None]):
        if value is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append((j, value))
    return runs


def history_chart(
    history: SkillHistory, name: str, calls: dict[str, str] | None = None, width: int = 300, height: int = 120
) -> str:
    """Share of postings per period, one small chart per skill, each on its own scale (a skill at 5% is
    not squashed flat under one at 90%); the recent window is shaded and rising/falling skills coloured."""
    periods, lines, calls = history.periods, history.skills, calls or {}
    recent = history.smoothing
    left, bottom, top_pad = 40, 22, 18
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    step = plot_w / max(len(periods) - 1, 1)
    charts = []
    for line in lines:
        call = calls.get(line.skill_id, "")
        colour = {"rising": GREEN, "falling": RED}.get(call, BLUE)
        top = max((s for s in line.shares if s is not None), default=0) or 0.01

        def tick(value: float, top: float = top) -> str:  # whole percent, or one decimal on a small skill's scale
            return f"{value * 100:.0f}%" if top >= 0.1 else f"{value * 100:.1f}%"

        label = f"{line.name} ({call})" if call in ("rising", "falling") else line.name
        parts = [
            _open("skill-history", width, height, f"{name}: share of postings mentioning {line.name}, per period"),
            f'<rect x="{left + (len(periods) - recent) * step:.1f}" y="{top_pad}" width="{(recent - 1) * step:.1f}" '
            f'height="{plot_h}" fill="#f6f8fa"><title>recent window</title></rect>',
            f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
            f'stroke="{LIGHT}"/>',
            _text(left - 4, top_pad + 4, tick(top), "end"),
            _text(left - 4, top_pad + plot_h / 2 + 4, tick(top / 2), "end"),
            _text(left - 4, top_pad + plot_h, "0%", "end"),
            _text(left, 11, label, "start", DARK),
        ]
        if periods:
            parts += [_text(left, height - 6, periods[0]), _text(left + plot_w, height - 6, periods[-1], "end")]
        # A period without coverage (None) breaks the line: the gap shows, it is not drawn as 0%.
        for run in _runs(line.shares):
            points = " ".join(f"{left + j * step:.1f},{top_pad + plot_h - s / top * plot_h:.1f}" for j, s in run)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="1.6" points="{points}">'
                f"<title>{esc(line.name)}</title></polyline>"
            )
        charts.append("".join(parts) + "</svg>")
    return "".join(charts)


def mix_chart(kind: str, entries: list[MixShare], name: str, width: int = 560) -> str:
    """Two 100% bars, baseline and recent window, split by value (seniority levels or remote/onsite)."""
    colours = ("#0969da", "#54aeff", "#1a7f37", "#4ac26b", "#8250df", "#bc4c00", "#bf8700", "#6e7781", "#afb8c1")
    left, bar_h = 70, 16
    plot = width - left - 10
    legend_rows = (len(entries) + 3) // 4
    axis = 2 * (bar_h + 8) + 10  # the tick labels' baseline, under both bars
    height = axis + 8 + legend_rows * 16
    parts = [_open(kind, width, height, f"{name}: {kind} mix, baseline vs recent window")]
    parts += [
        _text(left + tick * plot, axis, f"{tick:.0%}", "middle" if 0 < tick < 1 else "start" if tick == 0 else "end")
        for tick in (0, 0.5, 1)
    ]
    for row, window in enumerate(("baseline", "recent")):
        y, x = 4 + row * (bar_h + 8), float(left)
        parts.append(_text(left - 6, y + 12, window, "end", DARK))
        for i, entry in enumerate(entries):
            w = (getattr(entry, f"{window}_share") or 0) * plot
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colours[i % len(colours)]}">'
                    f"<title>{esc(entry.value)}: {_pct(getattr(entry, f'{window}_share'))}</title></rect>"
                )
            x += w
    for i, entry in enumerate(entries):
        x, y = left + (i % 4) * (plot / 4), axis + 16 + (i // 4) * 16
        parts.append(f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" fill="{colours[i % len(colours)]}"/>')
        parts.append(_text(x + 14, y, f"{entry.value} {_pct(entry.recent_share)}", "start", DARK))
    return "".join(parts) + "</svg>"


def salary_chart(rows: list[PayRange], name: str, width: int = 560) -> str:
    """Pay by seniority in one currency: min–max line, middle-half box, median tick."""
    row, left, right = 22, 80, 70
    height = row * len(rows) + 44  # rows, the axis labels, the legend
    low, high = min(r.min for r in rows), max(r.max for r in rows)
    span = (high - low) or 1.0
    plot = width - left - right

    def x(value: float) -> float:
        return left + (value - low) / span * plot

    currency = rows[0].currency
    parts = [
        _open("salary", width, height, f"{name}: annual pay by seniority ({currency}), range, middle half and median")
    ]
    axis_y = height - 24
    parts += [
        _text(left, axis_y, f"{low:,.0f}"),
        _text(left + plot, axis_y, f"{high:,.0f} {currency}", "end"),
        _text(left + plot / 2, axis_y, f"{(low + high) / 2:,.0f}", "middle"),
        legend(
            [("line", GREY, "range (min–max)"), ("box", "#8cb8ec", "middle half"), ("tick", DARK, "median")],
            4,
            height - 4,
        ),
    ]
    for i, r in enumerate(rows):
        y = 12 + i * row
        parts.append(_text(left - 6, y + 4, r.seniority, "end", DARK))
        parts.append(f'<line x1="{x(r.min):.1f}" y1="{y}" x2="{x(r.max):.1f}" y2="{y}" stroke="{GREY}"/>')
        parts.append(
            f'<rect x="{x(r.p25):.1f}" y="{y - 6}" width="{max(x(r.p75) - x(r.p25), 1):.1f}" height="12" '
            'fill="#8cb8ec"/>'
        )
        parts.append(
            f'<line x1="{x(r.median):.1f}" y1="{y - 7}" x2="{x(r.median):.1f}" y2="{y + 7}" '
            f'stroke="{DARK}" stroke-width="2">'
            f"<title>{esc(r.seniority)}: median {r.median:,.0f} {esc(currency)} ({r.disclosed} postings)</title></line>"
        )
        parts.append(_text(width - right + 6, y + 4, f"{r.median:,.0f}"))
    return "".join(parts) + "</svg>"
