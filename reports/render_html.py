"""The report as one self-contained HTML page: inline CSS, inline SVG, no scripts, no external files.

The page is templates/page.html.j2 (its sections: section.html.j2 and section_blocks.html.j2, the headline,
moves over years, data quality and the closing sections in their own templates); this module gathers the
values it shows. Templates escape every string (html_page.py); the SVG built here escapes with `esc()`.
"""

from __future__ import annotations

from dataclasses import replace

from reports import formatting as fmt
from reports.history import NOTE as HISTORY_NOTE
from reports.history import SURVIVORS_NOTE
from reports.html_page import markup, render
from reports.html_sections import section_html, tag
from reports.long_render import headline_html
from reports.long_text import long_notes
from reports.model import Report, Section
from reports.regions import REGION_HEADERS, region_cells, region_intro
from reports.riser_companies import riser_rows
from reports.svg_charts import esc
from reports.taxonomy import ML_ROLES

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;max-width:1100px;\
margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2.5rem}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}h4{font-size:1rem;margin:1.1rem 0 .3rem}.sub{color:#59636e;margin-top:0}
section.report-section section.report-section{border-left:3px solid #d0d7de;padding-left:1rem;margin:1.5rem 0}
nav a{margin-right:.8rem}table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.25rem .55rem;text-align:left;vertical-align:middle}th{background:#f6f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
.notice{background:#fff8c5;border:1px solid #d4a72c;padding:.7rem 1rem;border-radius:6px}
.growing,.rising{color:#1a7f37;font-weight:600}.shrinking,.falling{color:#cf222e;font-weight:600}.steady,.stable,.too_few{color:#59636e}
.kpi{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:center}.kpi div{min-width:8rem}\
.kpi b{display:block;font-size:1.3rem}
ul.labels{columns:2;padding-left:1.2rem}.muted{color:#59636e}svg{vertical-align:middle;max-width:100%;height:auto}
svg.chart{display:block;margin:.3rem 0}.small-multiples{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.small-multiples svg.chart{display:inline-block}.scroll{overflow-x:auto;max-width:100%}.scroll table{margin:.4rem 0}
body{overflow-wrap:anywhere}.thin{color:#8c959f}table.grid td{white-space:nowrap}\
table.grid th[scope=row]{white-space:nowrap}
details>summary{cursor:pointer}details>summary h2{display:inline-block;border:0;margin:2rem 0 .2rem}
details>summary:focus-visible{outline:2px solid #0969da;outline-offset:2px}.gist{display:block;margin-left:1.2rem}
details[open]>summary{border-bottom:1px solid #d0d7de;margin-bottom:.6rem}.moved h3{margin:.8rem 0 .1rem}\
.moved ul{margin:.2rem 0}.flags li{color:#9a6700}.failed{color:#cf222e;font-weight:600}.ok{color:#1a7f37}
"""


def sparkline(values: list[int | None], label: str, width: int = 160, height: int = 28) -> str:
    """Postings per period as a small polyline (the overview table); the last period is marked.

    A period without coverage breaks the line and is marked by a grey tick on the top edge, so a
    gap never reads as a zero."""
    known = [v for v in values if v is not None]
    if not known:
        return '<span class="muted">no data</span>'
    top = max(known) or 1
    step = width / max(len(values) - 1, 1)
    points = [None if v is None else (i * step, height - 3 - (v / top) * (height - 6)) for i, v in enumerate(values)]
    runs, run = [], []
    for point in [*points, None]:
        if point is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(point)
    lines = "".join(
        '<polyline fill="none" stroke="#0969da" stroke-width="1.5" '
        f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in r)}"/>'
        for r in runs
    )
    gaps = "".join(
        f'<line x1="{i * step:.1f}" y1="0" x2="{i * step:.1f}" y2="5" stroke="#afb8c1"/>'
        for i, v in enumerate(values)
        if v is None
    )
    last = fmt.count(values[-1])
    title = esc(
        f"{label}: postings per period, {len(values)} periods ({len(values) - len(known)} without coverage), "
        f"max {max(known)}, last {last}"
    )
    marker = f'<circle cx="{points[-1][0]:.1f}" cy="{points[-1][1]:.1f}" r="2.5" fill="#0969da"/>' if points[-1] else ""
    return (
        f'<svg class="sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{title}">'
        f"<title>{title}</title>{lines}{gaps}{marker}</svg>"
    )


def overview_entries(report: Report) -> list[tuple[str, str, Section]]:
    """(anchor, name, section) per row of the overview table: each role and its subsections, then the totals."""
    entries = []
    for role in ML_ROLES:
        section = report.roles[role]
        entries.append((f"role-{role}", section.name, section))
        entries += [(f"role-{role}-{sub}", f"↳ {s.name}", s) for sub, s in section.subsections.items()]
    return [
        *entries,
        ("overview-all", report.overview.name, report.overview),
        ("all-postings", report.all_postings.name, report.all_postings),
    ]


def quality_html(report: Report) -> str:
    q = report.quality
    source_rows = []
    for s in q.sources:
        row = fmt.source_cells(s)
        row[fmt.SOURCE_STATUS] = markup(tag((s.last_crawl or {}).get("status", "steady"), row[fmt.SOURCE_STATUS]))
        source_rows.append(row)
    reject_rows = [[r.source or fmt.DASH, r.reason, r.rejects] for r in q.rejects.by_reason]
    return render(
        "quality.html.j2",
        counts=q.postings,
        coverage_headers=fmt.COVERAGE_HEADERS,
        coverage_rows=fmt.coverage_rows(report),
        source_headers=fmt.SOURCE_HEADERS,
        source_rows=source_rows,
        rejects=q.rejects,
        reject_rows=reject_rows,
        flags=q.flags,
    )


def render_html(report: Report) -> str:
    """The page through templates/page.html.j2; sections, charts and the headline come in as HTML (Markup)."""
    overview = report.overview
    role_sections = []
    for role in ML_ROLES:
        section = report.roles[role]
        children = "".join(
            section_html(f"role-{role}-{sub}", s, report, level=3) for sub, s in section.subsections.items()
        )
        role_sections.append(section_html(f"role-{role}", section, report, level=2, children=children))
    sections = [
        section_html("overview-all", replace(overview, name="All ML roles together"), report),
        *role_sections,
        section_html("all-postings", report.all_postings, report),
    ]
    return str(
        render(
            "page.html.j2",
            report=report,
            css=markup(CSS),
            title=fmt.title(report),
            span=fmt.period_span(report),
            nav=[(role, report.roles[role].name) for role in ML_ROLES],
            message=fmt.empty_message(report),
            headline=markup(headline_html(report)),
            overview=overview_entries(report),
            other=overview.other,
            kind=fmt.noun(report),
            fmt=fmt,
            tag=lambda css, text: markup(tag(css, text)),
            sparkline=lambda *a: markup(sparkline(*a)),
            sections=[markup(part) for part in sections],
            history_note=HISTORY_NOTE,
            survivors_note=SURVIVORS_NOTE,
            region_intro=region_intro,
            region_headers=REGION_HEADERS,
            region_cells=region_cells,
            riser_rows=riser_rows(report),
            quality=markup(quality_html(report)),
            notes=[*fmt.notes(report), *long_notes(report)],
        )
    )
