"""Per ML role, the companies behind its biggest risers: for each of the role's top rising skills,
the companies whose postings of that role name it most in the recent window, with their count in
the baseline beside it (is the rise broad, or one employer hiring?).

Counted with the warehouse's documented view `role_postings` (a duplicate cluster once).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from reports.markdown_text import md_text
from reports.model import Report
from reports.periods import ReportWindows
from reports.taxonomy import ML_ROLES
from warehouse.db import connect

RISERS_PER_ROLE = 3
COMPANIES_PER_RISER = 5

# One row per employer: a board slug and its display name (`lanternwicksecurity`, `Lanternwick Security`)
# share a key and are counted together, shown under the written name (the spelling that is not a bare slug).
_COMPANIES = """
WITH named AS (
    SELECT DISTINCT r.cluster_id, r.company, r.posted_on >= ?::DATE AS recent,
           coalesce(nullif(lower(regexp_replace(r.company, '[^\\p{L}\\p{N}]', '', 'g')), ''), r.company) AS company_key
    FROM role_postings r JOIN posting_skills s USING (posting_id)
    WHERE r.role = ? AND s.skill_id = ? AND r.company IS NOT NULL AND r.posted_on >= ?::DATE AND r.posted_on < ?::DATE
)
SELECT first(company ORDER BY company = lower(regexp_replace(company, '\\s', '', 'g')), company) AS company,
       count(DISTINCT cluster_id) FILTER (WHERE recent) AS recent,
       count(DISTINCT cluster_id) FILTER (WHERE NOT recent) AS baseline
FROM named GROUP BY company_key HAVING count(*) FILTER (WHERE recent) > 0
ORDER BY recent DESC, baseline DESC, company LIMIT ?
"""


def riser_companies(db_path: str | Path, windows: ReportWindows, report: Report) -> dict | None:
    """{role_id: [{skill_id, name, change_pts, companies: [{company, recent, baseline}]}]}, for the
    first RISERS_PER_ROLE risers of each ML role in `report`; None for a warehouse without the view."""
    con = connect(db_path, read_only=True)
    try:
        found = {}
        for role in ML_ROLES:
            risers = report.roles[role].risers[:RISERS_PER_ROLE] if role in report.roles else []
            found[role] = [
                {
                    "skill_id": r.skill_id,
                    "name": r.name,
                    "change_pts": r.change_pts,
                    "companies": [
                        {"company": c, "recent": n, "baseline": b}
                        for c, n, b in con.execute(
                            _COMPANIES,
                            [
                                windows.recent_start,
                                role,
                                r.skill_id,
                                windows.baseline_start,
                                windows.end,
                                COMPANIES_PER_RISER,
                            ],
                        ).fetchall()
                    ],
                }
                for r in risers
            ]
    except (duckdb.CatalogException, duckdb.BinderException):  # a file older than role_postings
        return None
    finally:
        con.close()
    return found


def riser_rows(report: Report) -> list[tuple[str, str, str]]:
    """(role name, riser text, companies text) per riser."""
    out = []
    for role, risers in (report.riser_companies or {}).items():
        name = report.roles[role].name
        for r in risers:
            companies = ", ".join(f"{c.company} ({c.recent}, baseline {c.baseline})" for c in r.companies) or "–"
            out.append((name, f"{r.name} ({r.change_pts:+.1f} pts)", companies))
    return out


def riser_companies_markdown(report: Report) -> list[str]:
    rows = riser_rows(report)
    if not rows:
        return []
    lines = [
        "## Companies behind the risers",
        "",
        "Postings of the role naming the skill in the recent window, per company (baseline in brackets).",
        "",
        "| Role | Rising skill | Companies |",
        "|---|---|---|",
    ]
    lines += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]
