"""Which periods the data covers, and what the report may say about windows of them.

The warehouse's `period_coverage()` macro says, per period, the share of each source's boards whose
data covers it (warehouse/SCHEMA.md, "Coverage"). A period with share 0 is a gap: unknown, never
zero. Volume and shares are counted over covered periods only, a window's rate is per covered
period, and a window without a covered period gets no verdict. Partial periods (some boards not
covered) are counted but flagged, and a volume verdict needs the compared windows' coverage to
agree within `MAX_COVERAGE_GAP_PTS` points: more postings from more boards is not growth.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

import polars as pl

from reports.periods import ReportWindows, parse_period_label, period_label, shift

MAX_COVERAGE_GAP_PTS = 20.0
NO_DATA = "no data"  # the verdict of a window without coverage
UNEVEN = "coverage differs"  # the verdict when the windows' coverage differs by more than the rule allows


@dataclass(frozen=True)
class Coverage:
    """period_start → share of boards covered (0 < share ≤ 1) for the covered periods only.

    `recorded` is False for a warehouse that holds no coverage (older than the coverage views, or
    written without crawls or imports): then a period counts as covered when it has postings.
    """

    shares: dict[date, float]
    recorded: bool

    def covered(self, start: date) -> bool:
        return start in self.shares

    def share(self, start: date) -> float:
        return self.shares.get(start, 0.0)

    def window(self, windows: ReportWindows, start: date, end: date) -> dict:
        """How a window [start, end) is covered: periods, covered periods, their mean share, gaps."""
        starts, day = [], start
        while day < end:
            starts.append(day)
            day = shift(windows.kind, day, 1)
        covered = [s for s in starts if self.covered(s)]
        return {
            "periods": len(starts),
            "covered_periods": len(covered),
            "share": sum(self.share(s) for s in covered) / len(covered) if covered else None,
            "gaps": [period_label(windows.kind, s) for s in starts if not self.covered(s)],
            "partial": [period_label(windows.kind, s) for s in covered if self.share(s) < 1.0],
        }


def read_coverage(frame: pl.DataFrame, kind: str, data_periods: list[date]) -> Coverage:
    """From the warehouse's period_coverage rows (kind, period_start, share) of one period kind
    ('week', 'month', 'quarter'); `data_periods` (that kind's periods with postings) stand in when
    the warehouse records no coverage (see `Coverage.recorded`)."""
    if frame.height:
        rows = frame.filter(pl.col("kind") == kind, pl.col("share") > 0).select("period_start", "share").iter_rows()
        return Coverage({start: float(share) for start, share in rows}, recorded=True)
    return Coverage({start: 1.0 for start in data_periods}, recorded=False)


def only_covered(tables: object, coverage: Coverage) -> object:
    """The aggregates with every per-period row of an uncovered period dropped (dataclass in, same out)."""
    keep = pl.col("period_start").is_in(list(coverage.shares)) if coverage.shares else pl.lit(False)
    changed = {}
    for field in fields(tables):  # type: ignore[arg-type]
        frame = getattr(tables, field.name)
        if field.name != "sources" and isinstance(frame, pl.DataFrame) and "period_start" in frame.columns:
            changed[field.name] = frame.filter(keep & pl.col("period_start").is_not_null())
    return replace(tables, **changed)  # type: ignore[type-var]


def volume_gate(recent: dict, baseline: dict) -> str | None:
    """Why no volume verdict may be given for these windows (None: a verdict may be given)."""
    if not recent["covered_periods"] or not baseline["covered_periods"]:
        return NO_DATA
    if abs(recent["share"] - baseline["share"]) * 100 > MAX_COVERAGE_GAP_PTS:
        return UNEVEN
    return None


def coverage_flags(coverage: Coverage, windows: ReportWindows, first: date | None) -> list[str]:
    """Data-quality sentences: the gaps and partly covered periods from the first data period to the report period."""
    if first is None:
        return []
    whole = (
        coverage.window(windows, first, windows.end)
        if first < windows.end
        else coverage.window(windows, windows.start, windows.end)
    )
    out = []
    if whole["gaps"]:
        shown = ", ".join(whole["gaps"][:12]) + (" …" if len(whole["gaps"]) > 12 else "")
        out.append(
            f"{len(whole['gaps'])} period(s) have no coverage ({shown}): no source covered them, so they are "
            "unknown (shown as gaps, never as zero) and left out of every count, share and baseline."
        )
    if whole["partial"]:
        shown = ", ".join(
            f"{label} ({coverage.share(parse_period_label(windows.kind, label)):.0%})"
            for label in whole["partial"][:12]
        )
        out.append(
            f"{len(whole['partial'])} period(s) are only partly covered (share of boards covered): {shown}"
            + (" …" if len(whole["partial"]) > 12 else "")
            + "."
        )
    return out
