""" "What moved": the report's first screen, built from the finished report (every section in it).

Per role (and all ML roles together): the strongest long-horizon moves (12-quarter trend), the
strongest short-term moves (recent vs baseline window) and both volume calls, each with the
evidence behind it (counts, a 95% Wilson interval, q). Then the gaps that limit what the report
can say. "Strongest" = smallest q among the skills called rising or falling, then the larger change. A
long-horizon move's change is the window's whole move (its first covered year against its last).
"""

from __future__ import annotations

from reports.model import (
    Grid,
    GridCell,
    GridRow,
    GridSkill,
    Headline,
    HeadlineRole,
    LongMove,
    LongVolume,
    Report,
    Section,
    ShortMove,
    ShortVolume,
    SkillTrend,
    VolumeMoves,
)
from reports.stats import wilson_interval
from reports.taxonomy import ALL_ML, ML_ROLES

MOVES_PER_ROLE = 3
GRID_SKILLS = 12  # columns of the role × skill grid: the skills called in the most roles, then the biggest moves


def _interval(hits: int, total: int) -> list[float] | None:
    interval = wilson_interval(hits, total)
    return list(interval) if interval else None


def long_moves(section: Section, limit: int = MOVES_PER_ROLE) -> list[LongMove]:
    moved = [t for t in section.long_trends or [] if t.direction in ("rising", "falling")]
    moved.sort(key=lambda t: (t.q, -abs(t.span.change_pts or 0.0), t.skill_id))
    return [
        LongMove(
            skill_id=t.skill_id,
            name=t.name,
            direction=t.direction,
            q=t.q,
            last_year_share=t.yoy.last_year_share,
            last_year_interval=t.yoy.last_year_interval,
            last_year_counts=t.yoy.last_year_counts,
            first_year_share=t.span.first_year_share,
            first_year_interval=t.span.first_year_interval,
            first_year_counts=t.span.first_year_counts,
            change_pts=t.span.change_pts,
            yoy_change_pts=t.yoy.change_pts,
        )
        for t in moved[:limit]
    ]


def short_moves(section: Section, limit: int = MOVES_PER_ROLE) -> list[ShortMove]:
    moved = [t for t in section.trends if t.call in ("rising", "falling")]
    moved.sort(key=lambda t: (t.q, -abs(t.change_pts or 0.0), t.skill_id))
    volume = section.postings
    return [
        ShortMove(
            skill_id=t.skill_id,
            name=t.name,
            direction=t.call,
            q=t.q,
            recent_share=t.recent_share,
            recent_interval=_interval(t.recent_mentions, volume.recent_total),
            recent_counts=[t.recent_mentions, volume.recent_total],
            baseline_share=t.baseline_share,
            baseline_counts=[t.baseline_mentions, volume.baseline_total],
            change_pts=t.change_pts,
        )
        for t in moved[:limit]
    ]


def volume_moves(section: Section) -> VolumeMoves:
    short, long = section.postings, section.long_volume_trend or None
    return VolumeMoves(
        short=ShortVolume(
            verdict=short.verdict,
            p=short.p_value,
            recent_total=short.recent_total,
            baseline_total=short.baseline_total,
            ratio=short.ratio,
        ),
        long=LongVolume(direction=long.direction, q=long.q, measure=long.measure, yoy=long.yoy)
        if long
        else LongVolume(direction="too_few", q=None, measure=None, yoy=None),
    )


def gaps(report: Report) -> list[str]:
    """What the data cannot say for this report: quarters and periods without data, thin windows, sections too young.

    Read from the report's own series (a period or quarter with no posting at all); when source
    coverage is recorded, this is the place to read it instead.
    """
    out = []
    horizon = report.all_postings.long_horizon
    kind = report.kind
    if horizon:
        missing = [q for q, covered in zip(horizon.quarters, horizon.covered) if not covered]
        if missing:
            out.append(
                f"{len(missing)} of the {len(horizon.quarters)} quarters of the long view have no data "
                f"({', '.join(missing)}); they are left out of the trend tests, not read as zero."
            )
        thin = [f"{q} ({part:.0%})" for q, part in zip(horizon.quarters[:-1], horizon.coverage[:-1]) if 0 < part < 1]
        if thin:
            out.append(
                f"Quarters with data for only part of them: {', '.join(thin)}; postings per quarter are "
                "weighted by the part covered, shares are unaffected."
            )
        if horizon.last_quarter_partial:
            out.append(f"The last quarter ({horizon.quarters[-1]}) is seen only through {horizon.through}.")
    empty = [point.period for point in report.all_postings.postings.series if not point.postings]
    if empty:
        shown = ", ".join(empty[:8]) + (" …" if len(empty) > 8 else "")
        out.append(f"{len(empty)} {kind}(s) inside the data's range have no postings ({shown}).")
    baseline = report.windows.baseline
    if baseline.periods_with_data < baseline.periods:
        out.append(f"The baseline window has data for {baseline.periods_with_data} of its {baseline.periods} {kind}s.")
    roles = [report.roles[r] for r in ML_ROLES]
    too_young = [s.name for s in roles if s.long_horizon and s.long_horizon.status == "too_few"]
    if too_young:
        out.append(f"Too few covered quarters with postings for a long-horizon trend: {', '.join(too_young)}.")
    if report.data.report_period_empty:
        out.append(f"The report {kind} itself has no postings.")
    return out


def change_grid(sections: list[tuple[str, Section]], limit: int = GRID_SKILLS) -> Grid:
    """Role × skill: which skills moved for which role (recent vs baseline window), with direction, change and q.

    Columns: skills called rising or falling in at least one role; cells hold every tested role's result
    (stable ones too, so a move in one role reads against the others); untested cells are absent."""
    moved: dict[str, list[SkillTrend]] = {}
    for _, section in sections:
        for t in section.trends:
            if t.call in ("rising", "falling"):
                moved.setdefault(t.skill_id, []).append(t)
    order = sorted(moved, key=lambda s: (-len(moved[s]), -max(abs(t.change_pts or 0) for t in moved[s]), s))[:limit]
    names = {s: moved[s][0].name for s in order}
    rows = []
    for section_id, section in sections:
        tested = {t.skill_id: t for t in section.trends if t.skill_id in names and t.call != "too_few"}
        rows.append(
            GridRow(
                id=section_id,
                name=section.name,
                cells={
                    s: GridCell(
                        direction=t.call,
                        change_pts=t.change_pts,
                        q=t.q,
                        recent_share=t.recent_share,
                        baseline_share=t.baseline_share,
                    )
                    for s, t in tested.items()
                },
            )
        )
    return Grid(skills=[GridSkill(skill_id=s, name=names[s]) for s in order], roles=rows)


def headline(report: Report) -> Headline:
    """Per section (all ML roles first, then each role) its moves and volume calls; the grid, the gaps, the market."""
    sections = [(ALL_ML, report.overview), *((role, report.roles[role]) for role in ML_ROLES)]
    roles = [
        HeadlineRole(
            id=section_id,
            name=section.name,
            long=long_moves(section),
            short=short_moves(section),
            volume=volume_moves(section),
        )
        for section_id, section in sections
    ]
    return Headline(
        roles=roles, grid=change_grid(sections), gaps=gaps(report), market=volume_moves(report.all_postings)
    )
