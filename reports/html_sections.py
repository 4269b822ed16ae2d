"""One report section (a role, a specialism, all ML roles…) in HTML: templates/section.html.j2 frames it,
templates/section_blocks.html.j2 lays out its blocks; the cells and tags here are shared with the page.

Every string that can come from postings or the warehouse is escaped: by the templates' autoescape, or
by `esc()` (html.escape, bidi controls stripped) in the helpers that build HTML in Python.
"""

from __future__ import annotations

from reports import formatting as fmt
from reports import svg_charts as charts
from reports.html_page import Charts, macro, markup, render
from reports.long_render import long_html
from reports.model import Report, Section
from reports.svg_charts import esc

CHARTS = Charts(charts)  # the SVG charts, as Markup for the templates
CATEGORY_CLASS = {
    "rapidly growing": "rising",
    "growing": "rising",
    "declining": "falling",
    "stable": "stable",
    "too few to tell": "too_few",
}


def tag(css: str, text: object) -> str:
    return f'<span class="{esc(css)}">{esc(text)}</span>'


def category(name: str) -> str:
    return tag(CATEGORY_CLASS.get(name, "stable"), name)


def share_cell(share: float | None, base: int | None) -> str:
    """A share, greyed (with the count it rests on) when fewer than MIN_SHARE_BASE postings stand behind it."""
    if share is None or not fmt.thin(base):
        return fmt.percent(share)
    title = esc(f"from {base} postings (under {fmt.MIN_SHARE_BASE})")
    return f'<span class="thin" title="{title}">{fmt.percent(share)}</span>'


def section_blocks(section: Section, report: Report, h: int) -> str:
    """The section's content under its heading (templates/section_blocks.html.j2), block headings at level `h`."""
    return str(
        render(
            "section_blocks.html.j2",
            s=section,
            report=report,
            h=h,
            fmt=fmt,
            charts=CHARTS,
            cell=lambda *a: markup(share_cell(*a)),
            category=lambda name: markup(category(name)),
            tag=lambda css, text: markup(tag(css, text)),
            skill_names={t.skill_id: t.name for t in section.trends},
            calls={t.skill_id: t.call for t in section.trends},
            long=markup(long_html(section, h, tag)),
        )
    )


def section_html(section_id: str, section: Section, report: Report, level: int = 2, children: str = "") -> str:
    """The section through templates/section.html.j2: a top-level one (level 2) folds away with its gist in view."""
    v = section.postings
    gist = (
        f"{fmt.count(v.current)} postings this period · volume {v.verdict} · "
        f"{len(section.risers)} rising, {len(section.fallers)} falling skills"
    )
    empty = None if fmt.has_postings(section) else fmt.NO_POSTINGS
    blocks = "" if empty else section_blocks(section, report, level + 1)
    return str(
        macro("section.html.j2", "section")(section_id, section, level, markup(blocks), markup(children), gist, empty)
    )
