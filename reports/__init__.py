"""Trend report: warehouse (read-only) → Polars → Markdown, HTML with charts, JSON, CSV/Parquet, index.

Entry point: `reports.build.build_report(db_path, out_dir, *, as_of=None, week=None, period="week",
period_label=None)`. Import it from there, not from this package, so importing `reports` stays cheap
(no Polars) for the CLI.
"""
