"""One report section (a role, a specialism, all ML roles…) as HTML blocks: tables and inline SVG charts.

Every string that can come from postings or the warehouse goes through `esc()` (html.escape).
"""

from __future__ import annotations

from reports import formatting as fmt
from reports import svg_charts as charts
from reports.long_render import long_html
from reports.html_page import html, macro
from reports.svg_charts import esc
from reports.model import Report, Section

CATEGORY_CLASS = {"rapidly growing": "rising", "growing": "rising", "declining": "falling", "stable": "stable",
                  "too few to tell": "too_few"}  # fmt: skip


def html_table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """The `table` macro of templates/macros.html.j2; cells are HTML already (callers escape text)."""
    # str, not Markup: the Python helpers concatenate it with HTML strings they escaped themselves
    return str(macro("macros.html.j2", "table")(headers, [[html(cell) for cell in row] for row in rows], numeric))


def tag(css: str, text: object) -> str:
    return f'<span class="{esc(css)}">{esc(text)}</span>'


def category(name: str) -> str:
    return tag(CATEGORY_CLASS.get(name, "stable"), name)


def heading(level: int, text: str) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def muted(text: str) -> str:
    return f'<p class="muted">{esc(text)}</p>'


def volume_block(section: dict, report: Report, h: int) -> str:
    v, kind, w = section.postings, fmt.noun(report), report.windows
    verdict = tag(v.verdict, fmt.verdict_sentence(v, report.rules))
    chart = charts.volume_chart(v.series, w.recent.start, w.baseline.start, section.name)
    return (
        f"{heading(h, 'Volume')}<div class=\"kpi\">"
        f"<div>This {esc(kind)}<b>{fmt.count(v.current)}</b></div><div>Previous {esc(kind)}<b>{fmt.count(v.previous)}</b></div>"
        f"<div>Change<b>{esc(fmt.signed(v.change))} ({esc(fmt.change_percent(v.change_pct))})</b></div>"
        f"<div>Recent vs baseline per {esc(kind)}<b>{fmt.rate(v.recent_per_period)} vs {fmt.rate(v.baseline_per_period)}</b></div>"
        f"</div><p>Volume (new postings): {verdict}</p><p>{esc(fmt.active_sentence(v, kind))}</p>{chart}"
        f'<p class="muted legend">Bars: new postings per {esc(kind)}, whole history; dark = recent window, light blue = baseline; '
        f"hatched = no data (no coverage).</p>"
    )


def breakdown_block(breakdown: dict, h: int) -> str:
    if not breakdown:
        return ""
    kind = next(iter(breakdown.values())).kind
    rows = [[esc(b.name), *(fmt.count(c) for c in (b.current, b.previous, b.recent, b.baseline))] for b in breakdown.values()]
    return heading(h, f"By {kind}") + html_table([kind.title(), "This period", "Previous", "Recent", "Baseline"], rows, {1, 2, 3, 4})


def share_cell(share: float | None, base: int | None) -> str:
    """A share, greyed (with the count it rests on) when fewer than MIN_SHARE_BASE postings stand behind it."""
    if share is None or not fmt.thin(base):
        return fmt.percent(share)
    return f'<span class="thin" title="{esc(f"from {base} postings (under {fmt.MIN_SHARE_BASE})")}">{fmt.percent(share)}</span>'


def top_skills_block(section: dict, h: int) -> str:
    skills = section.top_skills
    if not skills:
        return heading(h, "Top skills") + muted("No skill mentions in the report period.")
    rows = [
        [str(i), esc(s.name), share_cell(s.share, s.current_postings), esc(fmt.interval(s.ci_low, s.ci_high)),
         str(s.mentions), share_cell(s.previous_share, s.previous_postings), fmt.percent(s.baseline_share),
         fmt.percent(s.recent_share), esc(fmt.points(s.trend_change_pts)), esc(fmt.probability(s.q)),
         category(s.category)]
        for i, s in enumerate(skills, 1)
    ]  # fmt: skip
    headers = ["#", "Skill", "Share", "95% interval", "Mentions", "Previous", "Baseline", "Recent", "Change (pts, recent vs baseline)",
               "q", "Trend (recent vs baseline)"]  # fmt: skip
    note = muted("Share, interval, mentions and previous: this period. Baseline, recent, change, q and trend: the "
                 "recent window against the baseline window, the one comparison the trend call rests on.")
    return heading(h, "Top skills") + charts.interval_chart(skills, section.name) + html_table(headers, rows, {0, 2, 4, 5, 6, 7, 8, 9}) + note


def moves_block(section: dict, h: int) -> str:
    moves = section.risers + section.fallers
    if not moves:
        return heading(h, "Rising and falling skills") + muted("None passed the rule in this report.")
    rows = [
        [category(t.category), esc(t.name), share_cell(t.baseline_share, section.postings.baseline_total),
         share_cell(t.recent_share, section.postings.recent_total),
         esc(fmt.points(t.change_pts)), f"{t.recent_mentions} / {t.baseline_mentions}", esc(fmt.probability(t.q))]
        for t in moves
    ]  # fmt: skip
    headers = ["Category", "Skill", "Baseline", "Recent", "Change (pts)", "Mentions (recent / baseline)", "q"]
    return heading(h, "Rising and falling skills") + charts.moves_chart(moves, section.name) + html_table(headers, rows, {2, 3, 4, 5, 6})


def categories_block(section: dict, h: int) -> str:
    names = {t.skill_id: t.name for t in section.trends}
    items = []
    for name, skills in section.categories.items():
        listed = ", ".join(esc(names.get(s, s)) for s in skills[:25]) + (" …" if len(skills) > 25 else "")
        items.append(f"<li>{category(name)} ({len(skills)}): {listed or fmt.DASH}</li>")
    return heading(h, "Every skill by growth category") + f'<ul class="cats">{"".join(items)}</ul>'


def emerging_block(section: dict, h: int) -> str:
    def lines(trends: list[dict]) -> str:
        return ", ".join(f"{esc(t.name)} ({fmt.percent(t.baseline_share)} → {fmt.percent(t.recent_share)})" for t in trends) or fmt.DASH

    return heading(h, "Emerging and dropped skills") + f"<p><b>Emerging:</b> {lines(section.emerging)}</p><p><b>Dropped:</b> {lines(section.dropped)}</p>"


def history_block(section: dict, h: int) -> str:
    history = section.skill_history
    if not history.skills or not history.periods:
        return ""
    smoothing = f" (each point: share over the trailing {history.smoothing} periods)" if history.smoothing > 1 else ""
    calls = {t.skill_id: t.call for t in section.trends}
    return (heading(h, "Skill shares over the whole history")
            + f'<div class="small-multiples">{charts.history_chart(history, section.name, calls)}</div>'
            + muted(f"Share of postings mentioning each skill{smoothing}, each chart on its own scale (read the axis): "
                    "risers (green) and fallers (red) first, then the most asked (blue); the shaded band is the recent "
                    "window; a break in a line is a period without data."))  # fmt: skip


def titles_block(section: dict, h: int) -> str:
    titles, base = section.titles, section.postings
    if not titles.top:
        return ""
    rows = [
        [esc(t.title), fmt.count(t.current), str(t.recent_mentions), share_cell(t.baseline_share, base.baseline_total),
         share_cell(t.recent_share, base.recent_total), esc(fmt.points(t.change_pts)), category(t.category)]
        for t in titles.top
    ]  # fmt: skip
    growing = ", ".join(esc(t.title) for t in titles.growing) or fmt.DASH
    headers = ["Title variant", "This period", "Recent", "Baseline share", "Recent share", "Change (pts)", "Trend"]
    return heading(h, "Title variants") + html_table(headers, rows, {1, 2, 3, 4, 5}) + f"<p><b>Growing variants:</b> {growing}</p>"


def mix_block(kind: str, title: str, entries: list[dict], section: dict, h: int, extra: str = "") -> str:
    if not entries:
        return ""
    recent_base, baseline_base = fmt.mix_bases(entries)
    rows = [[esc(e.value), fmt.count(e.current), fmt.count(e.recent), share_cell(e.baseline_share, baseline_base),
             share_cell(e.recent_share, recent_base), esc(fmt.points(e.change_pts))] for e in entries]  # fmt: skip
    table = html_table([title, "This period", "Recent", "Baseline share", "Recent share", "Change (pts)"], rows, {1, 2, 3, 4, 5})
    return heading(h, title) + extra + charts.mix_chart(kind, entries, section.name) + table


def remote_block(section: dict, h: int) -> str:
    remote = section.remote
    line = (f"<p>Remote share (recent window): <b>{fmt.percent(remote.remote_share)}</b> "
            f"(95% {esc(fmt.interval(*(remote.remote_ci or (None, None))))}); work mode known for "
            f"{fmt.percent(remote.known_share)} of postings.</p>")  # fmt: skip
    return mix_block("remote", "Work mode", remote.values, section, h, line)


def salary_block(section: dict, h: int) -> str:
    pay = section.salary
    if not pay.disclosure:
        return ""
    disclosed = ", ".join(f"{esc(d.seniority)} {fmt.percent(d.share)} of {d.postings}" for d in pay.disclosure)
    out = heading(h, "Pay (recent window)") + f"<p>Share of postings that state pay: {disclosed}.</p>"
    if not pay.by_seniority:
        return out + muted(f"No seniority has {fmt.MIN_PAY_POSTINGS} or more postings stating an annual pay range in the recent window.")
    rows = [[esc(r.seniority), esc(r.currency), str(r.disclosed), fmt.money(r.median),
             f"{fmt.money(r.p25)} – {fmt.money(r.p75)}", f"{fmt.money(r.min)} – {fmt.money(r.max)}"]
            for r in pay.by_seniority]  # fmt: skip
    main = pay.by_seniority[0].currency  # the currency most postings of the whole section state
    chart = charts.salary_chart([r for r in pay.by_seniority if r.currency == main], section.name)
    headers = ["Seniority", "Currency", "Postings with pay", "Median", "Middle half", "Range"]
    return out + chart + html_table(headers, rows, {2, 3, 4, 5})


def article_block(section: dict, h: int) -> str:
    listed, unlisted = section.article_check, section.article_unlisted
    if not listed:
        return ""

    def rows(items: list[dict]) -> list[list[str]]:
        return [[esc(c.name), fmt.percent(c.recent_share), esc(c.recent_rank or fmt.DASH), category(c.category)] for c in items]

    headers = ["Skill", "Recent share", "Rank", "Trend"]
    return (
        heading(h, f"Article check: what “{fmt.ARTICLE}” says this role uses")
        + muted(f"Each row is one claim of the article “{fmt.ARTICLE}”: that this role uses the skill. Beside it, "
                "what the postings say: the skill's share and rank in the recent window and its trend.")
        + html_table(headers, rows(listed), {1, 2})
        + heading(h, "Ranked high by the data, not in the article") + (html_table(headers, rows(unlisted), {1, 2}) if unlisted else muted("None."))
    )  # fmt: skip


def companies_block(section: dict, h: int) -> str:
    if not section.top_companies:
        return ""
    items = "".join(f"<li>{esc(c.label)} <span class=muted>({c.postings})</span></li>" for c in section.top_companies)
    return heading(h, "Top companies this period") + f'<ul class="labels">{items}</ul>'


def section_blocks(section: Section, report: Report, h: int) -> str:
    """The section's content under its heading: volume, breakdown, skills, moves, history, mixes, pay, article, companies."""
    blocks = [
        volume_block(section, report, h), breakdown_block(section.specialisms, h), top_skills_block(section, h),
        moves_block(section, h), emerging_block(section, h), history_block(section, h), long_html(section, h, html_table, tag),
        categories_block(section, h),
        titles_block(section, h), mix_block("seniority", "Seniority", section.seniority, section, h), remote_block(section, h),
        salary_block(section, h), article_block(section, h), companies_block(section, h),
    ]  # fmt: skip
    return "".join(blocks)


def section_html(section_id: str, section: Section, report: Report, level: int = 2, children: str = "") -> str:
    """The section through templates/section.html.j2: a top-level one (level 2) folds away with its gist in view."""
    v = section.postings
    gist = f"{fmt.count(v.current)} postings this period · volume {v.verdict} · {len(section.risers)} rising, {len(section.fallers)} falling skills"
    empty = None if fmt.has_postings(section) else fmt.NO_POSTINGS
    blocks = "" if empty else section_blocks(section, report, level + 1)
    return str(macro("section.html.j2", "section")(section_id, section, level, html(blocks), html(children), gist, empty))
