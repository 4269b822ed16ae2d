"""Weekly trend report: warehouse (read-only) → Polars → Markdown, HTML and JSON.

Entry point: `reports.build.build_report(db_path, out_dir, *, as_of=None, week=None)`. Import it from
there, not from this package, so importing `reports` stays cheap (no Polars) for the CLI.
"""
