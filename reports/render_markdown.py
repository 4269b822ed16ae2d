"""The summary as GitHub-flavoured Markdown: headings and pipe tables, a text sparkline per role."""

from __future__ import annotations

import html
import re

from reports import formatting as fmt
from reports.taxonomy import ML_ROLES

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_text(value: object) -> str:
    """Text from postings, made inert: HTML entities (GitHub renders inline HTML) and escaped Markdown."""
    flat = " ".join(str(value).split())  # a newline would break a table row
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


TEXT_COLUMNS = {"Skill", "Role", "Specialism", "Focus", "Call", "Verdict", "Weekly postings"}


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table; numeric columns (all but TEXT_COLUMNS) are right-aligned."""
    alignment = ["---" if h in TEXT_COLUMNS else "---:" for h in headers]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(alignment) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def volume_rows(summary: dict) -> list[list[str]]:
    rows = []
    sections = [(md_text(summary["roles"][r]["name"]), summary["roles"][r]["postings"]) for r in ML_ROLES]
    sections.append((f"**{md_text(summary['overview']['name'])}**", summary["overview"]["postings"]))
    for name, v in sections:
        rows.append([
            name,
            str(v["week"]), str(v["previous_week"]), f"{fmt.signed(v['change'])} ({fmt.change_percent(v['change_pct'])})",
            fmt.rate(v["recent_per_week"]), fmt.rate(v["baseline_per_week"]), fmt.ratio(v["ratio"]), v["verdict"],
            fmt.text_sparkline(fmt.series_counts(v, fmt.TEXT_SPARKLINE_WEEKS)),
        ])  # fmt: skip
    return rows


def volume_lines(volume: dict, rules: dict) -> list[str]:
    spark = fmt.text_sparkline(fmt.series_counts(volume, fmt.TEXT_SPARKLINE_WEEKS))
    return [
        f"- **This week:** {volume['week']} postings (previous week {volume['previous_week']}, "
        f"{fmt.signed(volume['change'])}, {fmt.change_percent(volume['change_pct'])})",
        f"- **Recent vs baseline:** {fmt.rate(volume['recent_per_week'])} vs {fmt.rate(volume['baseline_per_week'])} "
        f"postings/week ({fmt.ratio(volume['ratio'])}) — **{fmt.verdict_sentence(volume, rules)}**",
        f"- **Weekly postings** (up to the last {fmt.TEXT_SPARKLINE_WEEKS} weeks): `{spark or fmt.DASH}`",
        "",
    ]


def breakdown_lines(breakdown: dict) -> list[str]:
    if not breakdown:
        return []
    kind = next(iter(breakdown.values()))["kind"].title()
    rows = [[md_text(b["name"]), *(str(b[p]) for p in ("week", "previous_week", "recent", "baseline"))] for b in breakdown.values()]
    return [f"#### By {kind.lower()}", "", *table([kind, "This week", "Previous week", "Recent", "Baseline"], rows)]


def top_skill_lines(skills: list[dict]) -> list[str]:
    if not skills:
        return ["_No skill mentions this week._", ""]
    rows = [
        [str(i), md_text(s["name"]), fmt.percent(s["share"]), str(s["mentions"]), fmt.percent(s["previous_share"])]
        for i, s in enumerate(skills, 1)
    ]
    return table(["#", "Skill", "Share", "Mentions", "Previous week"], rows)


def move_lines(title: str, moves: list[dict]) -> list[str]:
    if not moves:
        return [f"#### {title}", "", "_None passed the rule this week._", ""]
    rows = [
        [md_text(t["name"]), fmt.percent(t["baseline_share"]), fmt.percent(t["recent_share"]), fmt.points(t["change_pts"]),
         f"{t['recent_mentions']} / {t['baseline_mentions']}", fmt.probability(t["q"])]
        for t in moves
    ]  # fmt: skip
    return [f"#### {title}", "", *table(["Skill", "Baseline", "Recent", "Change (pts)", "Mentions (recent / baseline)", "q"], rows)]


def label_lines(title: str, labels: list[dict]) -> list[str]:
    if not labels:
        return []
    return [f"**{title}:** " + "; ".join(f"{md_text(item['label'])} ({item['postings']})" for item in labels), ""]


def article_lines(checks: list[dict]) -> list[str]:
    if not checks:
        return []
    rows = [[md_text(c["skill_id"]), fmt.percent(c["recent_share"]), str(c["recent_rank"] or fmt.DASH), c["call"]] for c in checks]
    return ["#### What the article says this role uses", "", *table(["Skill", "Recent share", "Rank", "Call"], rows)]


def section_lines(heading: str, section: dict, rules: dict) -> list[str]:
    if not fmt.has_postings(section):
        return [heading, "", f"_{fmt.NO_POSTINGS}_", ""]
    return [
        heading, "", "#### Volume", "", *volume_lines(section["postings"], rules),
        *breakdown_lines(section.get("specialisms", {})),
        "#### Top skills this week", "", *top_skill_lines(section["top_skills"]),
        *move_lines("Rising skills", section["risers"]), *move_lines("Falling skills", section["fallers"]),
        *label_lines("Top titles this week", section["top_titles"]),
        *label_lines("Top companies this week", section["top_companies"]),
        *article_lines(section.get("article_check", [])),
    ]  # fmt: skip


def render_markdown(summary: dict) -> str:
    rules = summary["rules"]
    lines = [f"# jobpulse weekly trend report — {summary['week']}", ""]
    lines += [f"_{fmt.week_span(summary)} · as of {summary['as_of']}_", ""]
    if message := fmt.empty_message(summary):
        lines += [f"> **{message}**", ""]
    overview = summary["overview"]
    other = overview["other"]
    lines += [
        "## All ML roles", "",
        *table(["Role", "This week", "Previous", "Change", "Recent/wk", "Baseline/wk", "Ratio", "Verdict", "Weekly postings"],
               volume_rows(summary)),
        f"Postings of other (non-ML) roles: {other['week']} this week, {other['previous_week']} the week before "
        "(not in any role section).", "",
    ]  # fmt: skip
    lines += section_lines("### All ML roles together", overview, rules)
    for role in ML_ROLES:
        lines += section_lines(f"## {md_text(summary['roles'][role]['name'])}", summary["roles"][role], rules)
    lines += ["## Notes", "", *(f"- {md_text(note)}" for note in fmt.notes(summary)), ""]
    return "\n".join(lines)
