"""Entry point: warehouse file in; `report-<period>.{md,html,json}`, its tables and the index out.

Weekly reports are `report-2026-W47.*`, monthly `report-2026-11.*`, quarterly `report-2026-Q4.*`,
all in one folder with `report-<period>-tables/` (CSV + Parquet) and `index.{html,md}` beside them.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from reports.index_page import write_index
from reports.load import load_warehouse
from reports.model import Regions, Report, RiserSkill, from_json, to_json
from reports.periods import KINDS, choose_report_period
from reports.regions import region_section
from reports.render_html import render_html
from reports.render_markdown import render_markdown
from reports.riser_companies import riser_companies
from reports.summary import compute_report
from reports.tables import report_tables, write_tables
from warehouse.db import WarehouseMissing

# Bumped when a key of the JSON summary is renamed, removed or changes meaning (adding keys is compatible).
SCHEMA_VERSION = 2


def tool_version() -> str:
    """The installed jobpulse version; a source tree that was never installed says so rather than guess."""
    try:
        return metadata.version("jobpulse")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def stamped(report: Report) -> Report:
    """The report with what a reader of the JSON needs first: its schema, when and by which jobpulse it was made."""
    return replace(
        report,
        schema_version=SCHEMA_VERSION,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        jobpulse_version=tool_version(),
    )


@dataclass(frozen=True)
class ReportResult:
    week: str  # the report period's label ("2026-W47", "2026-11", "2026-Q4"); named before months existed
    markdown_path: Path
    html_path: Path
    json_path: Path
    summary: dict  # exactly what json_path holds: to_json(report)
    period: str = "week"
    tables_dir: Path | None = None
    index_path: Path | None = None
    report: Report | None = None  # the typed report the files were rendered from

    @property
    def label(self) -> str:
        return self.week


def build_report(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    as_of: date | None = None,
    week: str | None = None,
    period: str = "week",
    period_label: str | None = None,
) -> ReportResult:
    """Write the trend report for one period: `period_label` (or `week`, an ISO 'YYYY-Www'), else the
    latest complete `period` ('week', 'month' or 'quarter') before `as_of` (default: today, UTC).

    Re-running overwrites that period's files and regenerates the index.
    """
    if week is not None:
        if period != "week" or (period_label is not None and period_label != week):
            raise ValueError(f"--week names an ISO week; it cannot be combined with --period {period} (use --as-of)")
        period_label = week
    as_of = as_of or datetime.now(UTC).date()
    windows = choose_report_period(as_of, period, period_label)
    frames = load_warehouse(db_path)
    report, extra = compute_report(frames, windows, as_of)
    report = replace(report, regions=from_json(Regions, region_section(db_path, windows)))  # reports/regions.py
    report = replace(
        report, riser_companies=from_json(dict[str, list[RiserSkill]], riser_companies(db_path, windows, report))
    )
    report = stamped(report)
    summary = to_json(report)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"report-{windows.label}"
    paths = {suffix: stem.with_name(stem.name + suffix) for suffix in (".md", ".html", ".json")}
    tables_dir = stem.with_name(stem.name + "-tables")
    write_tables(report_tables(summary, extra["skill_history"]), tables_dir)
    _write_text(paths[".md"], render_markdown(report))
    _write_text(paths[".html"], render_html(report))
    _write_text(paths[".json"], json.dumps(summary, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    index_html, _ = write_index(out_dir, _write_text)
    return ReportResult(
        windows.label,
        paths[".md"],
        paths[".html"],
        paths[".json"],
        summary,
        windows.kind.name,
        tables_dir,
        index_html,
        report,
    )


def _write_text(path: Path, text: str) -> None:
    # Write then rename, so a reader never sees half a report and a re-run replaces it whole.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    """`python -m reports.build DB OUT_DIR [--period month] [--week 2026-W47 | --label 2026-11]
    [--as-of 2026-11-25]`."""
    parser = argparse.ArgumentParser(prog="python -m reports.build", description=main.__doc__)
    parser.add_argument("db_path", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--period", choices=list(KINDS), default="week")
    parser.add_argument("--week", help="ISO week, e.g. 2026-W47 (default: latest complete week before --as-of)")
    parser.add_argument("--label", help="the period to report: 2026-W47, 2026-11 or 2026-Q4")
    parser.add_argument("--as-of", type=date.fromisoformat, help="YYYY-MM-DD (default: today, UTC)")
    args = parser.parse_args(argv)
    try:
        result = build_report(
            args.db_path, args.out_dir, as_of=args.as_of, week=args.week, period=args.period, period_label=args.label
        )
    except (ValueError, WarehouseMissing) as exc:  # a bad period label, or no/foreign warehouse file
        parser.error(str(exc))
    print(f"{result.week}: {result.markdown_path} {result.html_path} {result.json_path} {result.tables_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
