"""What a weekly run shows in the Prefect UI's Artifacts tab: the report's headline, and the counts.

Two artifacts per run, under stable keys so the UI groups them week after week:

- `weekly-headline` (markdown): the report's "What moved" section, as the Markdown report writes
  it, with the paths of the report files — what a reader of the run wants first;
- `weekly-counts` (table): one row per source — crawl status, items, postings loaded, rejects,
  crawl errors — the numbers that say whether the run read what it should have.

The text functions are pure (tested without a server); `publish_run_artifacts` is the task.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task

HEADLINE_KEY = "weekly-headline"
COUNTS_KEY = "weekly-counts"
HEADLINE_HEADING = "## What moved"


def headline_markdown(report: dict[str, Any] | None, run: dict[str, Any]) -> str:
    """The markdown artifact: run status, the report's headline section, and where the report is."""
    lines = [
        f"# jobpulse run: {run['status']}",
        "",
        f"{run['items']:,} items, {run['loaded']:,} postings loaded, {run['rejected']:,} rejected; "
        f"quality flags: {len(run.get('flags') or []) or 'none'}",
        "",
    ]
    if report is None:
        return "\n".join(lines + ["No report was written by this run (--no-report).", ""])
    lines += [
        f"Report for **{report['week']}**:",
        "",
        *(f"- {kind}: `{report[kind]}`" for kind in ("markdown", "html", "json") if report.get(kind)),
        "",
    ]
    section = headline_section(Path(report["markdown"]).read_text(encoding="utf-8"))
    lines += [section] if section else ["The report has no headline (no data for the period).", ""]
    return "\n".join(lines)


def headline_section(markdown: str) -> str:
    """The "What moved" section of a Markdown report: from its heading to the next `## ` heading."""
    start = markdown.find(HEADLINE_HEADING + "\n")
    if start < 0:
        return ""
    end = markdown.find("\n## ", start + len(HEADLINE_HEADING))
    return markdown[start : end if end >= 0 else len(markdown)].strip() + "\n"


def counts_table(run: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per source of the run, in the order crawled, and a total row."""
    rows = [
        {
            "source": source,
            "status": s["status"],
            "items": s["items"],
            "loaded": s["loaded"],
            "rejected": s["rejected"],
            "crawl_errors": s.get("crawl_errors", 0),
        }
        for source, s in (run.get("sources") or {}).items()
    ]
    rows.append(
        {
            "source": "total",
            "status": run["status"],
            "items": run["items"],
            "loaded": run["loaded"],
            "rejected": run["rejected"],
            "crawl_errors": sum(r["crawl_errors"] for r in rows),
        }
    )
    return rows


@task(task_run_name="publish-artifacts")
def publish_run_artifacts(run: dict[str, Any], report: dict[str, Any] | None) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        headline_markdown(report, run),
        key=HEADLINE_KEY,
        description=f"What moved{' in ' + report['week'] if report else ''}, and where the report is",
    )
    create_table_artifact(
        counts_table(run), key=COUNTS_KEY, description="Items, postings loaded and rejects per source"
    )
    get_run_logger().info("published artifacts %s and %s", HEADLINE_KEY, COUNTS_KEY)
