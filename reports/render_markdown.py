"""The report as GitHub-flavoured Markdown: headings and pipe tables, text sparklines for history."""

from __future__ import annotations

from reports import formatting as fmt
from reports.history import history_lines
from reports.long_render import headline_markdown, long_markdown
from reports.long_text import long_notes
from reports.markdown_text import md_text
from reports.model import ArticleRow, Breakdown, MixShare, Report, Section, SkillTrend, Volume
from reports.regions import region_markdown
from reports.riser_companies import riser_companies_markdown
from reports.taxonomy import ML_ROLES

TEXT_COLUMNS = {
    "Skill",
    "Section",
    "Specialism",
    "Focus",
    "Trend",
    "Category",
    "Verdict",
    "History",
    "Title variant",
    "Seniority",
    "Work mode",
    "Currency",
    "Source",
    "Reason",
    "Last crawl",
    "Status",
    "Responses",
    "Window",
    "Gaps (no data)",
    "Partly covered",
}


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table; numeric columns (all but TEXT_COLUMNS) are right-aligned."""
    alignment = ["---" if h in TEXT_COLUMNS else "---:" for h in headers]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(alignment) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def spark(volume: Volume) -> str:
    return fmt.text_sparkline(fmt.series_counts(volume, fmt.TEXT_SPARKLINE_PERIODS)) or fmt.DASH


def overview_lines(report: Report) -> list[str]:
    entries = []
    for role in ML_ROLES:
        section = report.roles[role]
        entries.append((md_text(section.name), section))
        entries += [(f"↳ {md_text(s.name)}", s) for s in section.subsections.values()]
    entries += [
        (f"**{md_text(report.overview.name)}**", report.overview),
        (md_text(report.all_postings.name), report.all_postings),
    ]
    rows = [
        [
            name,
            fmt.count(v.current),
            fmt.count(v.previous),
            f"{fmt.signed(v.change)} ({fmt.change_percent(v.change_pct)})",
            fmt.rate(v.recent_per_period),
            fmt.rate(v.baseline_per_period),
            fmt.ratio(v.ratio),
            v.verdict,
            f"`{spark(v)}`",
        ]
        for name, v in ((name, s.postings) for name, s in entries)
    ]
    kind = fmt.noun(report)
    return table(
        [
            "Section",
            f"This {kind}",
            "Previous",
            "Change",
            f"Recent/{kind}",
            f"Baseline/{kind}",
            "Ratio",
            "Verdict",
            "History",
        ],
        rows,
    )


def volume_lines(section: Section, report: Report) -> list[str]:
    v, kind = section.postings, fmt.noun(report)
    return [
        f"- **This {kind}:** {fmt.count(v.current)} new postings "
        f"(previous {kind} {fmt.count(v.previous)}, {fmt.signed(v.change)}, "
        f"{fmt.change_percent(v.change_pct)})",
        f"- **Recent vs baseline:** {fmt.rate(v.recent_per_period)} vs {fmt.rate(v.baseline_per_period)} postings per "
        f"{kind} ({fmt.ratio(v.ratio)}) — **{fmt.verdict_sentence(v, report.rules)}**",
        f"- **{fmt.active_sentence(v, kind)}**",
        f"- **History** (new postings per {kind}, up to the last {fmt.TEXT_SPARKLINE_PERIODS}; · = no data): "
        f"`{spark(v)}`",
        "",
    ]


def breakdown_lines(breakdown: dict[str, Breakdown], h: str) -> list[str]:
    if not breakdown:
        return []
    kind = next(iter(breakdown.values())).kind.title()
    rows = [
        [md_text(b.name), *(fmt.count(c) for c in (b.current, b.previous, b.recent, b.baseline))]
        for b in breakdown.values()
    ]
    return [f"{h} By {kind.lower()}", "", *table([kind, "This period", "Previous", "Recent", "Baseline"], rows)]


def skill_lines(section: Section, h: str) -> list[str]:
    out = [f"{h} Top skills", ""]
    if not section.top_skills:
        return [*out, "_No skill mentions in the report period._", ""]
    rows = [
        [
            str(i),
            md_text(s.name),
            share_text(s.share, s.current_postings),
            fmt.interval(s.ci_low, s.ci_high),
            str(s.mentions),
            share_text(s.previous_share, s.previous_postings),
            fmt.percent(s.baseline_share),
            fmt.percent(s.recent_share),
            fmt.points(s.trend_change_pts),
            fmt.probability(s.q),
            s.category,
        ]
        for i, s in enumerate(section.top_skills, 1)
    ]
    headers = [
        "#",
        "Skill",
        "Share",
        "95% interval",
        "Mentions",
        "Previous",
        "Baseline",
        "Recent",
        "Change (pts, recent vs baseline)",
        "q",
        "Trend",
    ]
    note = (
        "_Share, interval, mentions and previous: this period. Baseline, recent, change, q and trend: recent vs "
        "baseline window, the comparison the trend call rests on._"
    )
    return [*out, *table(headers, rows), note, ""]


def share_text(share: float | None, base: int | None) -> str:
    """A share; in italics with its count when fewer than MIN_SHARE_BASE postings stand behind it."""
    return f"_{fmt.percent(share)} (n={base})_" if share is not None and fmt.thin(base) else fmt.percent(share)


def move_lines(section: Section, h: str) -> list[str]:
    moves = section.risers + section.fallers
    out = [f"{h} Rising and falling skills", ""]
    if not moves:
        return [*out, "_None passed the rule in this report._", ""]
    rows = [
        [
            t.category,
            md_text(t.name),
            share_text(t.baseline_share, section.postings.baseline_total),
            share_text(t.recent_share, section.postings.recent_total),
            fmt.points(t.change_pts),
            f"{t.recent_mentions} / {t.baseline_mentions}",
            fmt.probability(t.q),
        ]
        for t in moves
    ]
    return [
        *out,
        *table(["Category", "Skill", "Baseline", "Recent", "Change (pts)", "Mentions (recent / baseline)", "q"], rows),
    ]


def growth_lines(section: Section, h: str) -> list[str]:
    names = {t.skill_id: t.name for t in section.trends}

    def listed(trends: list[SkillTrend]) -> str:
        return (
            ", ".join(
                f"{md_text(t.name)} ({fmt.percent(t.baseline_share)} → {fmt.percent(t.recent_share)})" for t in trends
            )
            or fmt.DASH
        )

    lines = [f"{h} Growth categories, emerging and dropped skills", ""]
    for name, skills in section.categories.items():
        shown = ", ".join(md_text(names.get(s, s)) for s in skills[:25]) + (" …" if len(skills) > 25 else "")
        lines.append(f"- **{name}** ({len(skills)}): {shown or fmt.DASH}")
    lines += [f"- **Emerging:** {listed(section.emerging)}", f"- **Dropped:** {listed(section.dropped)}", ""]
    history = section.skill_history
    if history.skills and history.periods:
        lines += ["Share history (per period, scaled to each skill's peak):", ""]
        periods = fmt.TEXT_SPARKLINE_PERIODS
        lines += [
            f"- {md_text(s.name)}: "
            f"`{fmt.text_sparkline([None if x is None else round(x * 1000) for x in s.shares[-periods:]])}`"
            for s in history.skills
        ]
        lines.append("")
    return lines


def title_lines(section: Section, h: str) -> list[str]:
    titles = section.titles
    if not titles.top:
        return []
    base = section.postings
    rows = [
        [
            md_text(t.title),
            fmt.count(t.current),
            str(t.recent_mentions),
            share_text(t.baseline_share, base.baseline_total),
            share_text(t.recent_share, base.recent_total),
            fmt.points(t.change_pts),
            t.category,
        ]
        for t in titles.top
    ]
    growing = ", ".join(md_text(t.title) for t in titles.growing) or fmt.DASH
    headers = ["Title variant", "This period", "Recent", "Baseline share", "Recent share", "Change (pts)", "Trend"]
    return [f"{h} Title variants", "", *table(headers, rows), f"**Growing variants:** {growing}", ""]


def mix_lines(title: str, entries: list[MixShare], h: str, extra: list[str] = ()) -> list[str]:
    if not entries:
        return []
    recent_base, baseline_base = fmt.mix_bases(entries)
    rows = [
        [
            md_text(e.value),
            fmt.count(e.current),
            fmt.count(e.recent),
            share_text(e.baseline_share, baseline_base),
            share_text(e.recent_share, recent_base),
            fmt.points(e.change_pts),
        ]
        for e in entries
    ]
    return [
        f"{h} {title}",
        "",
        *extra,
        *table([title, "This period", "Recent", "Baseline share", "Recent share", "Change (pts)"], rows),
    ]


def pay_lines(section: Section, h: str) -> list[str]:
    pay = section.salary
    if not pay.disclosure:
        return []
    disclosed = ", ".join(f"{md_text(d.seniority)} {fmt.percent(d.share)} of {d.postings}" for d in pay.disclosure)
    rows = [
        [
            md_text(r.seniority),
            md_text(r.currency),
            str(r.disclosed),
            fmt.money(r.median),
            f"{fmt.money(r.p25)} – {fmt.money(r.p75)}",
            f"{fmt.money(r.min)} – {fmt.money(r.max)}",
        ]
        for r in pay.by_seniority
    ]
    none = f"_No seniority has {fmt.MIN_PAY_POSTINGS} or more postings stating annual pay._"
    body = (
        table(["Seniority", "Currency", "Postings with pay", "Median", "Middle half", "Range"], rows)
        if rows
        else [none, ""]
    )
    return [f"{h} Pay (recent window)", "", f"Share of postings that state pay: {disclosed}.", "", *body]


def article_lines(section: Section, h: str) -> list[str]:
    if not section.article_check:
        return []

    def rows(items: list[ArticleRow]) -> list[list[str]]:
        return [
            [md_text(c.name), fmt.percent(c.recent_share), str(c.recent_rank or fmt.DASH), c.category] for c in items
        ]

    headers = ["Skill", "Recent share", "Rank", "Trend"]
    unlisted = table(headers, rows(section.article_unlisted)) if section.article_unlisted else ["_None._", ""]
    claims = (
        f"_Each row is one claim of the article “{md_text(fmt.ARTICLE)}”: that this role uses the skill; beside it "
        "the skill's share, rank and trend in the recent window._"
    )
    return [
        f"{h} Article check: what “{md_text(fmt.ARTICLE)}” says this role uses",
        "",
        claims,
        "",
        *table(headers, rows(section.article_check)),
        f"{h} Ranked high by the data, not in the article",
        "",
        *unlisted,
    ]


def section_lines(heading: str, section: Section, report: Report, h: str) -> list[str]:
    if not fmt.has_postings(section):
        return [heading, "", f"_{fmt.NO_POSTINGS}_", ""]
    remote = section.remote
    remote_line = [
        f"Remote share (recent window): **{fmt.percent(remote.remote_share)}** "
        f"(95% {fmt.interval(*(remote.remote_ci or (None, None)))}).",
        "",
    ]
    companies = "; ".join(f"{md_text(c.label)} ({c.postings})" for c in section.top_companies)
    return [
        heading,
        "",
        f"{h} Volume",
        "",
        *volume_lines(section, report),
        *breakdown_lines(section.specialisms, h),
        *skill_lines(section, h),
        *move_lines(section, h),
        *growth_lines(section, h),
        *long_markdown(section, h, md_text),
        *title_lines(section, h),
        *mix_lines("Seniority", section.seniority, h),
        *mix_lines("Work mode", remote.values, h, remote_line),
        *pay_lines(section, h),
        *article_lines(section, h),
        *([f"**Top companies this period:** {companies}", ""] if companies else []),
    ]


def quality_lines(report: Report) -> list[str]:
    q = report.quality
    c = q.postings
    rows = [[md_text(cell) for cell in fmt.source_cells(s)] for s in q.sources]
    rejects = [[md_text(r.source or fmt.DASH), md_text(r.reason), str(r.rejects)] for r in q.rejects.by_reason]
    return [
        "## Data quality",
        "",
        f"Postings in the warehouse: {c.raw}; counted once per duplicate cluster: {c.counted} ({c.duplicates} "
        f"duplicates); listed under more than one role: {c.multi_role}.",
        "",
        "### Coverage of the compared windows",
        "",
        *table(fmt.COVERAGE_HEADERS, fmt.coverage_rows(report)),
        "### Sources and boards crawled",
        "",
        *table(fmt.SOURCE_HEADERS, rows),
        f"### Rejects ({q.rejects.total})",
        "",
        *(table(["Source", "Reason", "Records"], rejects) if rejects else ["_None._", ""]),
        "### Flagged",
        "",
        *([f"- {md_text(f)}" for f in q.flags] or ["_Nothing flagged._"]),
        "",
    ]


def render_markdown(report: Report) -> str:
    lines = [
        f"# {fmt.title(report)}",
        "",
        f"_{fmt.period_span(report)} · as of {report.as_of} · [all reports](index.md) · [explorer](explore.html)_",
        "",
    ]
    if message := fmt.empty_message(report):
        lines += [f"> **{message}**", ""]
    lines += headline_markdown(report, md_text)
    other, kind = report.overview.other, fmt.noun(report)
    lines += [
        "## Overview",
        "",
        *overview_lines(report),
        f"Postings of other (non-ML) roles: {other['current']} this {kind}, {other['previous']} the {kind} before "
        "(not in any role section).",
        "",
    ]
    lines += section_lines("### All ML roles together", report.overview, report, "####")
    for role in ML_ROLES:
        section = report.roles[role]
        lines += section_lines(f"## {md_text(section.name)}", section, report, "###")
        for sub in section.subsections.values():
            lines += section_lines(f"### {md_text(section.name)} — {md_text(sub.name)}", sub, report, "####")
    lines += section_lines(f"## {md_text(report.all_postings.name)}", report.all_postings, report, "###")
    lines += history_lines(report.history, report.survivors)
    lines += region_markdown(report)
    lines += riser_companies_markdown(report)
    lines += quality_lines(report)
    lines += ["## Notes", "", *(f"- {md_text(note)}" for note in [*fmt.notes(report), *long_notes(report)]), ""]
    return "\n".join(lines)
