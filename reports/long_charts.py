"""Inline SVG for the long-horizon view: a share per quarter with its 95% interval, gaps shaded.

Same conventions as svg_charts.py: `<svg class="chart" data-chart="<kind>" role="img">` with a
<title>, no scripts, every label through `esc()`. A quarter without data is a shaded, dashed column
marked "no data", so a gap never reads as a zero.
"""

from __future__ import annotations

from reports.model import LongTitleTrend, LongTrend, LongVolumeTrend
from reports.stats import wilson_interval
from reports.svg_charts import BLUE, DARK, GREEN, GREY, LIGHT, RED, _open, _pct, _text, esc

COLOURS = {"rising": GREEN, "falling": RED}
GAP_FILL = "#eaeef2"  # a shaded, dashed column: no pattern ids, so many charts can share one page


def _frame(
    kind: str, title: str, quarters: list[str], width: int, height: int
) -> tuple[list[str], float, float, int, int]:
    left, bottom, top_pad = 40, 22, 18  # the label sits above the plot
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    step = plot_w / max(len(quarters), 1)
    parts = [
        _open(kind, width, height, title),
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="{LIGHT}"/>',
    ]
    if quarters:
        parts += [_text(left, height - 6, quarters[0]), _text(left + plot_w, height - 6, quarters[-1], "end")]
    return parts, step, plot_h, left, top_pad


def _gap(x: float, step: float, top: int, plot_h: float, quarter: str) -> str:
    return (
        f'<rect class="gap" x="{x:.1f}" y="{top}" width="{max(step - 2, 1):.1f}" height="{plot_h:.1f}" '
        f'fill="{GAP_FILL}" '
        f'stroke="{LIGHT}" stroke-dasharray="3 2">'
        f"<title>{esc(quarter)}: no data</title></rect>"
    )


def quarterly_share_chart(
    entry: LongTrend | LongTitleTrend | LongVolumeTrend,
    quarters: list[str],
    totals: list[int | None],
    name: str,
    width: int = 300,
    height: int = 128,
    label: str | None = None,
) -> str:
    """One item's share per quarter (entry counts / `totals`): a dot on its 95% Wilson interval;
    shaded where the data has nothing; `label` names the item (default: the skill's name or the title variant)."""
    label = label or getattr(entry, "name", None) or getattr(entry, "title", None) or entry.measure
    title = f"{name}: {label}, share per quarter with 95% intervals ({entry.direction})"
    shares = entry.shares
    intervals = [wilson_interval(c, n) if c is not None and n else None for c, n in zip(entry.counts, totals)]
    top_value = max((i[1] for i in intervals if i), default=0.0) or 1.0
    parts, step, plot_h, left, top = _frame("long-share", title, quarters, width, height)
    colour = COLOURS.get(entry.direction, BLUE)
    parts += [
        _text(left - 4, top + 4, _pct(top_value), "end"),
        _text(left - 4, top + plot_h, "0%", "end"),
        _text(left + step * len(quarters), 11, f"{label} ({entry.direction})", "end", DARK),
    ]
    for i, (quarter, share, interval) in enumerate(zip(quarters, shares, intervals)):
        x = left + i * step
        if entry.counts[i] is None:
            parts.append(_gap(x + 1, step, top, plot_h, quarter))
            continue
        if share is None:  # covered, but the section had no posting: nothing to draw, and not a gap
            continue
        cx = x + step / 2

        def y(value: float) -> float:
            return top + plot_h - value / top_value * plot_h

        if interval:
            parts.append(
                f'<line x1="{cx:.1f}" y1="{y(interval[0]):.1f}" x2="{cx:.1f}" y2="{y(interval[1]):.1f}" '
                f'stroke="{GREY}"/>'
            )
        low, high = interval or (share, share)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{y(share):.1f}" r="3" fill="{colour}"><title>{esc(quarter)}: {_pct(share)} '
            f"({_pct(low)}–{_pct(high)}), {entry.counts[i]}</title></circle>"
        )
    return "".join(parts) + "</svg>"


def quarterly_count_chart(
    entry: LongVolumeTrend, quarters: list[str], name: str, width: int = 300, height: int = 120
) -> str:
    """Postings per quarter as bars; shaded where the data has nothing."""
    counts = entry.counts
    title = f"{name}: postings per quarter ({entry.direction})"
    top_value = max((c for c in counts if c is not None), default=0) or 1
    parts, step, plot_h, left, top = _frame("long-count", title, quarters, width, height)
    parts += [_text(left - 4, top + 4, top_value, "end"), _text(left - 4, top + plot_h, 0, "end")]
    for i, (quarter, count) in enumerate(zip(quarters, counts)):
        x = left + i * step + 1
        if count is None:
            parts.append(_gap(x, step, top, plot_h, quarter))
            continue
        h = count / top_value * plot_h
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
            f'fill="{DARK if i == len(counts) - 1 else BLUE}">'
            f"<title>{esc(quarter)}: {count}</title></rect>"
        )
    return "".join(parts) + "</svg>"
