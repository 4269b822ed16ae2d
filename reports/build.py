"""Entry point: warehouse file in, `report-YYYY-Www.{md,html,json}` out."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from reports.load import load_warehouse
from reports.periods import choose_report_week
from reports.render_html import render_html
from reports.render_markdown import render_markdown
from reports.summary import build_summary
from warehouse.db import WarehouseMissing


@dataclass(frozen=True)
class ReportResult:
    week: str  # "2026-W47"
    markdown_path: Path
    html_path: Path
    json_path: Path
    summary: dict  # exactly what json_path holds


def build_report(
    db_path: str | Path, out_dir: str | Path, *, as_of: date | None = None, week: str | None = None
) -> ReportResult:
    """Write the weekly trend report for `week` (ISO 'YYYY-Www') or the latest complete week before `as_of`.

    as_of defaults to today (UTC). Re-running overwrites the three files of that week.
    """
    as_of = as_of or datetime.now(UTC).date()
    windows = choose_report_week(as_of, week)
    frames = load_warehouse(db_path)
    summary = build_summary(frames, windows, as_of)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"report-{windows.label}"
    paths = {suffix: stem.with_suffix(suffix) for suffix in (".md", ".html", ".json")}
    _write_text(paths[".md"], render_markdown(summary))
    _write_text(paths[".html"], render_html(summary))
    _write_text(paths[".json"], json.dumps(summary, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return ReportResult(windows.label, paths[".md"], paths[".html"], paths[".json"], summary)


def _write_text(path: Path, text: str) -> None:
    # Write then rename, so a reader never sees half a report and a re-run replaces it whole.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    """`python -m reports.build DB OUT_DIR [--week 2026-W47 | --as-of 2026-11-25]`."""
    parser = argparse.ArgumentParser(prog="python -m reports.build", description=main.__doc__)
    parser.add_argument("db_path", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--week", help="ISO week, e.g. 2026-W47 (default: latest complete week before --as-of)")
    parser.add_argument("--as-of", type=date.fromisoformat, help="YYYY-MM-DD (default: today, UTC)")
    args = parser.parse_args(argv)
    try:
        result = build_report(args.db_path, args.out_dir, as_of=args.as_of, week=args.week)
    except (ValueError, WarehouseMissing) as exc:  # a bad --week, or no/foreign warehouse file
        parser.error(str(exc))
    print(f"{result.week}: {result.markdown_path} {result.html_path} {result.json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
