"""The summary as one self-contained HTML page: inline CSS, inline SVG, no scripts, no external files.

Every string that can come from postings or the warehouse goes through `esc()` (html.escape).
"""

from __future__ import annotations

import html

from reports import formatting as fmt
from reports.taxonomy import ALL_ML, ML_ROLES

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2.5rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}.sub{color:#59636e;margin-top:0}
nav a{margin-right:.8rem}table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.25rem .55rem;text-align:left;vertical-align:middle}th{background:#f6f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}.notice{background:#fff8c5;border:1px solid #d4a72c;padding:.7rem 1rem;border-radius:6px}
.growing,.rising{color:#1a7f37;font-weight:600}.shrinking,.falling{color:#cf222e;font-weight:600}.steady,.stable,.too_few{color:#59636e}
.kpi{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:center}.kpi div{min-width:8rem}.kpi b{display:block;font-size:1.3rem}
ul.labels{columns:2;padding-left:1.2rem}.muted{color:#59636e}svg{vertical-align:middle}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def svg_sparkline(values: list[int], width: int = 260, height: int = 40, label: str = "") -> str:
    """Weekly counts as a polyline scaled to the series maximum, the last week marked with a dot."""
    if not values:
        return '<span class="muted">no data</span>'
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    points = [(i * step, height - 3 - (v / top) * (height - 6)) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    title = esc(f"{label}: weekly postings, {len(values)} weeks, max {max(values)}, last {values[-1]}")
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<polyline fill="none" stroke="#0969da" stroke-width="1.5" points="{path}"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="#0969da"/></svg>'
    )


def svg_share_bar(share: float | None, previous: float | None, width: int = 140) -> str:
    """Share as a bar, the previous period's share as a dark tick."""
    bar = 0 if share is None else share * width
    tick = ""
    if previous is not None:
        tick = f'<rect x="{min(previous * width, width - 2):.1f}" y="0" width="2" height="12" fill="#1f2328"/>'
    return (
        f'<svg width="{width}" height="12" viewBox="0 0 {width} 12" aria-hidden="true">'
        f'<rect width="{width}" height="12" fill="#eaeef2"/><rect width="{bar:.1f}" height="12" fill="#54aeff"/>{tick}</svg>'
    )


def html_table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """Cells are HTML already (callers escape text); `numeric` columns are right-aligned."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{cell}</td>' for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def overview_table(summary: dict) -> str:
    rows = []
    sections = [(role, summary["roles"][role]) for role in ML_ROLES] + [(ALL_ML, summary["overview"])]
    for role, section in sections:
        v = section["postings"]
        anchor = "overview-all" if role == ALL_ML else f"role-{role}"
        rows.append([
            f'<a href="#{esc(anchor)}">{esc(section["name"])}</a>', str(v["week"]), str(v["previous_week"]),
            esc(f"{fmt.signed(v['change'])} ({fmt.change_percent(v['change_pct'])})"), fmt.rate(v["recent_per_week"]),
            fmt.rate(v["baseline_per_week"]), esc(fmt.ratio(v["ratio"])),
            f'<span class="{esc(v["verdict"])}">{esc(v["verdict"])}</span>',
            svg_sparkline(fmt.series_counts(v), width=160, height=28, label=section["name"]),
        ])  # fmt: skip
    headers = ["Role", "This week", "Previous", "Change", "Recent/wk", "Baseline/wk", "Ratio", "Verdict", "Weekly postings"]
    return html_table(headers, rows, numeric={1, 2, 3, 4, 5, 6})


def volume_block(section: dict, rules: dict) -> str:
    v = section["postings"]
    verdict = f'<span class="{esc(v["verdict"])}">{esc(fmt.verdict_sentence(v, rules))}</span>'
    return (
        '<div class="kpi">'
        f"<div>This week<b>{v['week']}</b></div><div>Previous week<b>{v['previous_week']}</b></div>"
        f"<div>Change<b>{esc(fmt.signed(v['change']))} ({esc(fmt.change_percent(v['change_pct']))})</b></div>"
        f"<div>Recent vs baseline /wk<b>{fmt.rate(v['recent_per_week'])} vs {fmt.rate(v['baseline_per_week'])}</b></div>"
        f"<div>{svg_sparkline(fmt.series_counts(v), label=section['name'])}</div></div><p>Volume: {verdict}</p>"
    )


def breakdown_block(breakdown: dict) -> str:
    if not breakdown:
        return ""
    kind = next(iter(breakdown.values()))["kind"]
    rows = [[esc(b["name"]), *(str(b[p]) for p in ("week", "previous_week", "recent", "baseline"))] for b in breakdown.values()]
    table = html_table([kind.title(), "This week", "Previous week", "Recent", "Baseline"], rows, numeric={1, 2, 3, 4})
    return f"<h3>By {esc(kind)}</h3>{table}"


def top_skills_block(skills: list[dict]) -> str:
    if not skills:
        return '<h3>Top skills this week</h3><p class="muted">No skill mentions this week.</p>'
    rows = [
        [str(i), esc(s["name"]), svg_share_bar(s["share"], s["previous_share"]), fmt.percent(s["share"]),
         str(s["mentions"]), fmt.percent(s["previous_share"])]
        for i, s in enumerate(skills, 1)
    ]  # fmt: skip
    headers = ["#", "Skill", "Share (tick: previous week)", "Share", "Mentions", "Previous week"]
    table = html_table(headers, rows, numeric={0, 3, 4, 5})
    return f"<h3>Top skills this week</h3>{table}"


def moves_block(title: str, moves: list[dict]) -> str:
    if not moves:
        return f'<h3>{esc(title)}</h3><p class="muted">None passed the rule this week.</p>'
    rows = [
        [f'<span class="{esc(t["call"])}">{esc(t["name"])}</span>', fmt.percent(t["baseline_share"]),
         fmt.percent(t["recent_share"]), esc(fmt.points(t["change_pts"])),
         f"{t['recent_mentions']} / {t['baseline_mentions']}", esc(fmt.probability(t["q"]))]
        for t in moves
    ]  # fmt: skip
    headers = ["Skill", "Baseline share", "Recent share", "Change (pts)", "Mentions (recent / baseline)", "q"]
    return f"<h3>{esc(title)}</h3>{html_table(headers, rows, numeric={1, 2, 3, 4, 5})}"


def labels_block(title: str, labels: list[dict]) -> str:
    if not labels:
        return ""
    items = "".join(f"<li>{esc(item['label'])} <span class=muted>({item['postings']})</span></li>" for item in labels)
    return f'<h3>{esc(title)}</h3><ul class="labels">{items}</ul>'


def article_block(checks: list[dict]) -> str:
    if not checks:
        return ""
    rows = [[esc(c["skill_id"]), fmt.percent(c["recent_share"]), esc(c["recent_rank"] or fmt.DASH),
             f'<span class="{esc(c["call"])}">{esc(c["call"])}</span>'] for c in checks]  # fmt: skip
    return f"<h3>What the article says this role uses</h3>{html_table(['Skill', 'Recent share', 'Rank', 'Call'], rows, {1, 2})}"


def section_block(section_id: str, heading: str, section: dict, rules: dict) -> str:
    if not fmt.has_postings(section):
        return f'<section id="{esc(section_id)}"><h2>{esc(heading)}</h2><p class="muted">{esc(fmt.NO_POSTINGS)}</p></section>'
    return (
        f'<section id="{esc(section_id)}"><h2>{esc(heading)}</h2>{volume_block(section, rules)}'
        f"{breakdown_block(section.get('specialisms', {}))}{top_skills_block(section['top_skills'])}"
        f"{moves_block('Rising skills', section['risers'])}{moves_block('Falling skills', section['fallers'])}"
        f"{labels_block('Top titles this week', section['top_titles'])}"
        f"{labels_block('Top companies this week', section['top_companies'])}"
        f"{article_block(section.get('article_check', []))}</section>"
    )


def render_html(summary: dict) -> str:
    rules, overview = summary["rules"], summary["overview"]
    message = fmt.empty_message(summary)
    nav = "".join(f'<a href="#role-{esc(r)}">{esc(summary["roles"][r]["name"])}</a>' for r in ML_ROLES)
    other = overview["other"]
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>jobpulse weekly trend report {esc(summary['week'])}</title><style>{CSS}</style></head><body>",
        f"<header><h1>jobpulse weekly trend report — {esc(summary['week'])}</h1>"
        f'<p class="sub">{esc(fmt.week_span(summary))} · as of {esc(summary["as_of"])}</p>'
        f'<nav><a href="#overview">Overview</a>{nav}<a href="#notes">Notes</a></nav></header>',
        f'<p class="notice">{esc(message)}</p>' if message else "",
        f'<section id="overview"><h2>All ML roles</h2>{overview_table(summary)}'
        f"<p>Postings of other (non-ML) roles: {other['week']} this week, {other['previous_week']} the week before "
        f"(not in any role section).</p></section>",
        section_block("overview-all", "All ML roles together", overview, rules),
        *(section_block(f"role-{role}", summary["roles"][role]["name"], summary["roles"][role], rules) for role in ML_ROLES),
        '<section id="notes"><h2>Notes</h2><ul>' + "".join(f"<li>{esc(n)}</li>" for n in fmt.notes(summary)) + "</ul></section>",
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part)
