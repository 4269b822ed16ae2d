"""The report's region section: where the ML postings are (top countries) and where the work is
done (remote, hybrid, on-site), each as its share of ML postings in the recent window against the
baseline, tested like skill shares: a two-proportion z test, Benjamini–Hochberg across the rows, and
the report's minimum counts and minimum move (TrendRules).

Counted with the warehouse's documented view `role_postings` (a duplicate cluster once, a post for
several roles once among the ML roles, a posting dated by posted_at else first_seen).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from reports.markdown_text import md_text
from reports.model import Regions, RegionShare, Report
from reports.periods import ReportWindows
from reports.skills import RULES, TrendRules
from reports.stats import benjamini_hochberg, two_proportion_z, two_sided_normal_p
from reports.taxonomy import ML_ROLES
from warehouse.db import connect

TOP_COUNTRIES = 8
WORKPLACES = ("remote", "hybrid", "onsite")

_COUNTS = """
WITH ml AS (
    SELECT DISTINCT cluster_id, posted_on >= ?::DATE AS recent, country, remote
    FROM role_postings
    WHERE role IN (SELECT unnest(?)) AND posted_on >= ?::DATE AND posted_on < ?::DATE
)
SELECT 'total' AS kind, '' AS value, recent, count(DISTINCT cluster_id) AS postings FROM ml GROUP BY recent
UNION ALL
SELECT 'country', country, recent, count(DISTINCT cluster_id) FROM ml WHERE country IS NOT NULL GROUP BY country, recent
UNION ALL
SELECT 'workplace', remote, recent, count(DISTINCT cluster_id) FROM ml WHERE remote IS NOT NULL GROUP BY remote, recent
"""


def region_section(db_path: str | Path, windows: ReportWindows, rules: TrendRules = RULES) -> dict | None:
    """None for a warehouse older than its countries (schema v1: no region to report); else {recent,
    baseline: {start, end, postings}, countries: [row], workplaces: [row]}; a row is
    value, recent, baseline (postings), recent_share, baseline_share, change_pts, p_value, q_value, verdict."""
    con = connect(db_path, read_only=True)
    try:
        rows = con.execute(
            _COUNTS, [windows.recent_start, list(ML_ROLES), windows.baseline_start, windows.end]
        ).fetchall()
    except (duckdb.CatalogException, duckdb.BinderException):  # the file predates role_postings' country column
        return None
    finally:
        con.close()
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for kind, value, recent, postings in rows:
        counts.setdefault((kind, value), {"recent": 0, "baseline": 0})["recent" if recent else "baseline"] = postings
    total = counts.get(("total", ""), {"recent": 0, "baseline": 0})
    countries = sorted((v for k, v in counts if k == "country"), key=lambda c: (-sum(counts["country", c].values()), c))
    picked = [("country", c) for c in countries[:TOP_COUNTRIES]] + [
        ("workplace", w) for w in WORKPLACES if ("workplace", w) in counts
    ]
    table = [_row(value, counts[kind, value], total, rules) | {"kind": kind} for kind, value in picked]
    tested = [row for row in table if row["p_value"] is not None]
    for row, q in zip(tested, benjamini_hochberg([row["p_value"] for row in tested])):
        row["q_value"] = q
        if q < rules.alpha and abs(row["change_pts"]) >= rules.min_change_pts:
            row["verdict"] = "rising" if row["change_pts"] > 0 else "falling"
    return {
        "recent": {
            "start": windows.recent_start.isoformat(),
            "end": windows.end.isoformat(),
            "postings": total["recent"],
        },
        "baseline": {
            "start": windows.baseline_start.isoformat(),
            "end": windows.recent_start.isoformat(),
            "postings": total["baseline"],
        },
        "countries": [row for row in table if row["kind"] == "country"],
        "workplaces": [row for row in table if row["kind"] == "workplace"],
    }


def _row(value: str, count: dict[str, int], total: dict[str, int], rules: TrendRules) -> dict:
    recent_share = count["recent"] / total["recent"] if total["recent"] else None
    baseline_share = count["baseline"] / total["baseline"] if total["baseline"] else None
    enough = count["recent"] + count["baseline"] >= rules.min_mentions and total["recent"] >= rules.min_recent_postings
    z = two_proportion_z(count["recent"], total["recent"], count["baseline"], total["baseline"]) if enough else None
    return {
        "value": value,
        "recent": count["recent"],
        "baseline": count["baseline"],
        "recent_share": recent_share,
        "baseline_share": baseline_share,
        "change_pts": (recent_share - baseline_share) * 100
        if recent_share is not None and baseline_share is not None
        else None,
        "p_value": two_sided_normal_p(z) if z is not None else None,
        "q_value": None,
        "verdict": "stable" if z is not None else "too few to tell",
    }


def region_cells(row: RegionShare) -> list[str]:
    def pct(share: float | None) -> str:
        return "–" if share is None else f"{share * 100:.1f}%"

    change = "–" if row.change_pts is None else f"{row.change_pts:+.1f} pts"
    return [
        row.value,
        f"{row.recent} ({pct(row.recent_share)})",
        f"{row.baseline} ({pct(row.baseline_share)})",
        change,
        row.verdict,
    ]


REGION_HEADERS = ["", "Recent window (share of ML postings)", "Baseline", "Change", "Call"]


def region_markdown(report: Report) -> list[str]:
    """The section as Markdown lines ([] when the report has none)."""
    section = report.regions
    if not section:
        return []
    lines = ["## Regions", "", region_intro(section), ""]
    for title, rows in (("Top countries", section.countries), ("Where the work is done", section.workplaces)):
        if rows:
            lines += [f"### {title}", "", "| " + " | ".join(REGION_HEADERS) + " |", "|---|---:|---:|---:|---|"]
            lines += ["| " + " | ".join(md_text(c) for c in region_cells(row)) + " |" for row in rows] + [""]
    return lines


def region_intro(section: Regions) -> str:
    r, b = section.recent, section.baseline
    return (
        f"ML postings {r.start} to {r.end} (recent, {r.postings}) against {b.start} to {b.end} "
        f"(baseline, {b.postings}); postings with no known country or work place are left out of those rows."
    )
