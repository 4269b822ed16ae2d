"""Skill extraction measured on real postings labelled by hand (tests/devsets/skills.csv).

The labels follow tests/devsets/SKILL_LABELLING.md (DESIGN.md's definition of a skill mention).
Only references are stored; the text is read from ../shared/realdata at test time and goes
through the pipeline's own steps: `html_to_text`, the title + description text, the employer's
name, `match_skills`. Scores are micro precision and recall over (posting, skill) pairs.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from crawlers.extractors.hn import parse_header
from pipeline.normalize.skills import match_skills, skill_text
from pipeline.normalize.text import html_to_text
from tests.realdata import realdata_path
from warehouse.taxonomy import skills_frame

LABELS = Path(__file__).resolve().parents[1] / "devsets" / "skills.csv"
MIN_PRECISION, MIN_RECALL = 0.95, 0.93

# Where each record's company, title and description live, per dataset.
_ATS_ID_KEYS = ("id", "slug", "guid", "shortcode")
_ATS_TITLE_KEYS = ("title", "name", "text", "position", "jobTitle")
_ATS_COMPANY_KEYS = ("company_name", "companyName", "company")
_ATS_DESCRIPTION_KEYS = ("contents", "descriptionPlain", "description", "content", "jobDescription", "descriptionHtml")

Record = tuple[str | None, str | None, str | None]  # company, title, description (HTML or text)


@cache
def _glassdoor() -> dict[str, Record]:
    with gzip.open(realdata_path("glassdoor_ds_2020", "glassdoor_jobs.csv.gz"), "rt", encoding="utf-8") as rows:
        # "Company Name" carries the rating on a second line ("Acme\n3.8").
        return {
            row[""]: (row["Company Name"].split("\n")[0], row["Job Title"], row["Job Description"])
            for row in csv.DictReader(rows)
        }


def _hn_records(file: str, key: str, text: str) -> dict[str, Record]:
    """HN posts as our HN extractor reads them: company and title from the first line."""
    with gzip.open(realdata_path("hn_whoishiring", file), "rt", encoding="utf-8") as lines:
        posts = [json.loads(line) for line in lines]
    headers = {str(post[key]): (parse_header(post.get(text)), post.get(text)) for post in posts if post.get(text)}
    return {post_id: (header.company, header.title, html) for post_id, (header, html) in headers.items()}


@cache
def _hn_2013() -> dict[str, Record]:
    return _hn_records("hn_whoishiring_2013-08_2018-04.jsonl.gz", "comment_id", "full_html")


@cache
def _hn_2026() -> dict[str, Record]:
    return _hn_records("hn_whoishiring_2026-01_2026-05.jsonl.gz", "id", "text")


def _first(job: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = job.get(key)
        value = value.get("name") if isinstance(value, dict) else value
        if isinstance(value, (str, int)) and value != "":
            return str(value)
    return None


@cache
def _ats_file(file: str) -> dict[str, Record]:
    payload = json.loads(realdata_path("ats_fixtures", *file.split("/")).read_text(encoding="utf-8"))
    lists = [payload[k] for k in ("jobs", "data", "results", "offers") if isinstance(payload, dict) and k in payload]
    jobs = lists[0] if lists else payload
    return {
        _first(job, _ATS_ID_KEYS): (
            _first(job, _ATS_COMPANY_KEYS),
            _first(job, _ATS_TITLE_KEYS),
            _first(job, _ATS_DESCRIPTION_KEYS),
        )
        for job in jobs
        if isinstance(job, dict) and _first(job, _ATS_ID_KEYS)
    }


def _record(dataset: str, key: str) -> Record:
    if dataset == "ats":
        file, job_id = key.split("#", 1)
        return _ats_file(file)[job_id]
    return {"glassdoor": _glassdoor, "hn_2013": _hn_2013, "hn_2026": _hn_2026}[dataset]()[key]


@pytest.fixture(scope="module")
def labelled() -> pl.DataFrame:
    """One row per labelled posting: posting_id ("dataset:key"), company, title, description, truth."""
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = [_record(row["dataset"], row["key"]) for row in rows]
    return pl.DataFrame(
        {
            "posting_id": [f"{row['dataset']}:{row['key']}" for row in rows],
            "company": [company for company, _, _ in records],
            "title": [title for _, title, _ in records],
            "description_html": [description for _, _, description in records],
            "truth": [row["skill_ids"].split() for row in rows],
        },
        schema_overrides={"truth": pl.List(pl.String)},
    )


@pytest.fixture(scope="module")
def predicted(labelled) -> pl.DataFrame:
    """The pipeline's skills for the labelled postings: posting_id, skill_id."""
    docs = labelled.with_columns(description_text=html_to_text(pl.col("description_html"))).select(
        "posting_id", "company", text=skill_text(pl.col("title"), pl.col("description_text"))
    )
    return match_skills(docs)


def _pairs(frame: pl.DataFrame) -> set[tuple[str, str]]:
    return set(frame.select("posting_id", "skill_id").iter_rows())


def _error_table(missed: set, extra: set) -> str:
    by_skill = Counter(skill for _, skill in missed) + Counter(skill for _, skill in extra)
    lines = [f"{'skill':<24} {'missed':>6} {'extra':>6}  postings"]
    for skill, _ in by_skill.most_common():
        postings = sorted([f"-{p}" for p, s in missed if s == skill] + [f"+{p}" for p, s in extra if s == skill])
        lines.append(
            f"{skill:<24} {sum(s == skill for _, s in missed):>6} {sum(s == skill for _, s in extra):>6}  "
            + " ".join(postings)
        )
    return "\n".join(lines)


def test_the_devset_is_large_mixed_and_within_the_taxonomy(labelled):
    assert labelled.height >= 100 and labelled["posting_id"].is_unique().all()
    datasets = Counter(posting.split(":", 1)[0] for posting in labelled["posting_id"])
    assert len(datasets) >= 4 and min(datasets.values()) >= 15, datasets
    unknown = set(labelled["truth"].explode().drop_nulls()) - set(skills_frame()["skill_id"])
    assert not unknown, f"labels name skills the taxonomy lacks: {sorted(unknown)}"
    assert labelled["description_html"].is_not_null().all()


def test_precision_and_recall_on_the_labelled_postings(labelled, predicted):
    truth = _pairs(labelled.select("posting_id", skill_id="truth").explode("skill_id").drop_nulls())
    found = _pairs(predicted)
    missed, extra = truth - found, found - truth
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    report = (
        f"precision {precision:.3f} (min {MIN_PRECISION}), recall {recall:.3f} (min {MIN_RECALL}) over "
        f"{len(truth)} labelled pairs; -missed +extra per skill:\n{_error_table(missed, extra)}"
    )
    print(report)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, report
