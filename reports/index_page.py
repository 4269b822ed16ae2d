"""index.html + index.md: every report in the output folder, newest first, grouped by period kind."""

from __future__ import annotations

import html
import json
from pathlib import Path

from reports.formatting import strip_bidi

KIND_ORDER = ("week", "month", "quarter")


def _entries(out_dir: Path) -> list[dict]:
    """One entry per readable report-*.json (a file that is not one of ours is skipped, not fatal)."""
    entries = []
    for path in sorted(out_dir.glob("report-*.json")):
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
            period = summary.get("period") or {"kind": "week", "label": summary["week"]}
            data = summary.get("data", {})
            entries.append(
                {
                    "stem": path.stem,
                    "kind": period["kind"],
                    "label": period["label"],
                    "as_of": summary.get("as_of"),
                    "postings": data.get("postings_counted", data.get("postings_total")),
                    "ml_postings": summary.get("overview", {}).get("postings", {}).get("current"),
                    "tables": (out_dir / f"{path.stem}-tables").is_dir(),
                }
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    entries.sort(key=lambda e: e["label"], reverse=True)
    entries.sort(key=lambda e: rank.get(e["kind"], len(rank)))
    return entries


EXPLORER = "explore.html"  # written by `jobpulse explore` (reports/explore.py) beside the reports
EXPLORER_LINK = "Explore any roles × skills over the whole history, by region and company"


def render_index_markdown(entries: list[dict], explorer: bool = False) -> str:
    lines = ["# jobpulse trend reports", ""] + ([f"[{EXPLORER_LINK}]({EXPLORER})", ""] if explorer else [])
    if not entries:
        return "\n".join([*lines, "_No reports yet._", ""])
    lines += ["| Period | Kind | As of | ML postings in the period | Files |", "|---|---|---|---:|---|"]
    for e in entries:
        files = f"[Markdown]({e['stem']}.md) · [HTML]({e['stem']}.html) · [JSON]({e['stem']}.json)"
        if e["tables"]:
            files += f" · [tables]({e['stem']}-tables/)"
        lines.append(
            f"| {e['label']} | {e['kind']} | {e['as_of']} | "
            f"{e['ml_postings'] if e['ml_postings'] is not None else 'no data'} | {files} |"
        )
    return "\n".join([*lines, ""])


def render_index_html(entries: list[dict], explorer: bool = False) -> str:
    def esc(value: object) -> str:
        return html.escape(strip_bidi(str(value)), quote=True)

    rows = "".join(
        f"<tr><td>{esc(e['label'])}</td><td>{esc(e['kind'])}</td><td>{esc(e['as_of'])}</td>"
        f"<td class=n>{esc(e['ml_postings'] if e['ml_postings'] is not None else 'no data')}</td>"
        f'<td><a href="{esc(e["stem"])}.html">HTML</a> · <a href="{esc(e["stem"])}.md">Markdown</a> · '
        f'<a href="{esc(e["stem"])}.json">JSON</a>'
        + (f' · <a href="{esc(e["stem"])}-tables/">tables</a>' if e["tables"] else "")
        + "</td></tr>"
        for e in entries
    )
    body = (
        "<table><thead><tr><th>Period</th><th>Kind</th><th>As of</th><th>ML postings in the period</th>"
        "<th>Files</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if entries
        else "<p>No reports yet.</p>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>jobpulse trend reports</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}"
        "td.n{text-align:right}</style></head>"
        "<body><h1>jobpulse trend reports</h1>"
        + (f'<p><a href="{EXPLORER}">{esc(EXPLORER_LINK)}</a></p>' if explorer else "")
        + f"{body}</body></html>\n"
    )


def write_index(out_dir: Path, write_text) -> tuple[Path, Path]:
    """Regenerate both index files from what is in `out_dir` now."""
    entries = _entries(out_dir)
    html_path, md_path = out_dir / "index.html", out_dir / "index.md"
    explorer = (out_dir / EXPLORER).exists()
    write_text(html_path, render_index_html(entries, explorer))
    write_text(md_path, render_index_markdown(entries, explorer))
    return html_path, md_path
