"""Trend report: warehouse (read-only) → Polars → the typed report (reports/model/) → Markdown, HTML from
Jinja2 templates (reports/templates/) with SVG charts, JSON (`to_json` of the model), CSV/Parquet, index.

Entry point: `reports.build.build_report(db_path, out_dir, *, as_of=None, week=None, period="week",
period_label=None)`. Import it from there, not from this package, so importing `reports` stays cheap
(no Polars) for the CLI.
"""
