"""Resolve development-set references (dataset, key) to the real titles and descriptions.

The CSVs in this folder hold only references and labels; the text stays in ../shared/realdata
and is read here at test time. Datasets and their keys:

- `ai_labs`: AI-lab ATS tracker, key `job_id` (titles only: the tracker keeps no description).
- `glassdoor`: Glassdoor data-science postings, key = the unnamed index column; full description.
- `hn_llm`: HN who-is-hiring titles extracted by the source repo's LLM, key `post_link_id`.
- `hn_2013`: HN who-is-hiring posts 2013-08…2018-04, key `comment_id`; title and description as
  for `hn_2026`.
- `hn_2026`: HN who-is-hiring posts Jan–May 2026, key = HN item id; the title is the one our HN
  extractor reads from the post's first line (`parse_header`), the description the post's text.
- `ats`: recorded ATS/board API responses, key `<file under ats_fixtures>#<job id>`.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from crawlers.extractors.hn import parse_header
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path

DEVSETS = Path(__file__).resolve().parent
Text = tuple[str, str | None]  # (title, description HTML or plain text)

_ID_KEYS = ("id", "slug", "guid", "shortcode", "url")
_TITLE_KEYS = ("title", "name", "text", "position", "jobTitle")
_DESCRIPTION_KEYS = ("contents", "descriptionPlain", "description", "content", "jobDescription", "descriptionHtml")


def read_labels(name: str) -> pl.DataFrame:
    """A devset CSV as strings; empty cells are nulls."""
    return pl.read_csv(DEVSETS / name, infer_schema_length=0)


def with_text(refs: pl.DataFrame) -> pl.DataFrame:
    """refs (dataset, key, …) + title and description_text resolved from the real data."""
    texts = [_text(dataset, key) for dataset, key in refs.select("dataset", "key").iter_rows()]
    resolved = pl.DataFrame(
        {"title": [title for title, _ in texts], "description_html": [description for _, description in texts]},
        schema={"title": pl.String, "description_html": pl.String},
    )
    return (
        pl.concat([refs, resolved], how="horizontal")
        .with_columns(description_text=html_to_text(pl.col("description_html")))
        .drop("description_html")
    )


def _text(dataset: str, key: str) -> Text:
    if dataset == "ats":
        file, key = key.split("#", 1)
        table = _ats_file(file)
    else:
        table = _TABLES[dataset]()
    if key not in table:
        raise KeyError(f"{dataset} has no record {key!r}: the reference is stale")
    return table[key]


@cache
def _ai_labs() -> dict[str, Text]:
    path = realdata_path("ai_labs_ats_tracker", "ai_lab_postings_2025-08_2026-08.csv.gz")
    return {row["job_id"]: (row["title"], None) for row in _csv_rows(path)}


@cache
def _glassdoor() -> dict[str, Text]:
    path = realdata_path("glassdoor_ds_2020", "glassdoor_jobs.csv.gz")
    return {row[""]: (row["Job Title"], row["Job Description"]) for row in _csv_rows(path)}


@cache
def _hn_llm() -> dict[str, Text]:
    path = realdata_path("hn_whoishiring", "hn_llm_extracted_jobs_2022-12_2025.csv.gz")
    return {row["post_link_id"]: (row["job_title"], None) for row in _csv_rows(path)}


@cache
def hn_posts(dataset: str) -> dict[str, str]:
    """Who-is-hiring posts of `hn_2013` or `hn_2026` (thread comments only): key → post HTML."""
    if dataset == "hn_2013":
        path, key, text = "hn_whoishiring_2013-08_2018-04.jsonl.gz", "comment_id", "full_html"
    else:
        path, key, text = "hn_whoishiring_2026-01_2026-05.jsonl.gz", "id", "text"
    with gzip.open(realdata_path("hn_whoishiring", path), "rt", encoding="utf-8") as lines:
        posts = [json.loads(line) for line in lines if line.strip()]
    return {
        str(post[key]): post[text]
        for post in posts
        if post.get(text) and post.get("source", "who_is_hiring") == "who_is_hiring"
    }


def _hn_2013() -> dict[str, Text]:
    return {key: (parse_header(text).title, text) for key, text in hn_posts("hn_2013").items()}


@cache
def _hn_2026() -> dict[str, Text]:
    path = realdata_path("hn_whoishiring", "hn_whoishiring_2026-01_2026-05.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        posts = [json.loads(line) for line in lines if line.strip()]
    return {str(post["id"]): (parse_header(post.get("text")).title, post.get("text")) for post in posts}


@cache
def _ats_file(file: str) -> dict[str, Text]:
    """Jobs of one recorded board response (any board's shape), by job id."""
    payload = json.loads(realdata_path("ats_fixtures", *file.split("/")).read_text(encoding="utf-8"))
    table = {}
    for job in _jobs(payload):
        job_id = next(str(job[k]) for k in _ID_KEYS if job.get(k) is not None)
        title = next(job[k] for k in _TITLE_KEYS if isinstance(job.get(k), str))
        description = next((job[k] for k in _DESCRIPTION_KEYS if isinstance(job.get(k), str)), None)
        table[job_id] = (title, description)
    return table


def _jobs(node: Any) -> Iterator[dict[str, Any]]:
    """Job-shaped objects (an id and a title) of any board's payload, outermost first."""
    if isinstance(node, dict):
        if any(node.get(k) is not None for k in _ID_KEYS) and any(isinstance(node.get(k), str) for k in _TITLE_KEYS):
            yield node
            return
        for value in node.values():
            yield from _jobs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _jobs(value)


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


_TABLES = {
    "ai_labs": _ai_labs,
    "glassdoor": _glassdoor,
    "hn_llm": _hn_llm,
    "hn_2013": cache(_hn_2013),
    "hn_2026": _hn_2026,
}
