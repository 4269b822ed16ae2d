"""Hold a speed change to "the same normalized output": snapshot, then compare.

    python benchmarks/normalized_snapshot.py write DIR    # before the change
    python benchmarks/normalized_snapshot.py check DIR    # after it: exit 1 and say where they differ

Normalizes whole corpora the way ingest does (landing file → `read_batches` → `normalize_frame`)
and keeps the three frames of each as Parquet: the real Hacker News "Who is hiring?" posts
2013–2018 and 2026 and the Glassdoor postings from ../shared/realdata (when present), and the
sandbox corpus the demo serves (always). `check` normalizes them again and compares every column
of every row, the roles code's included (its titles keep the text's order, so a post's primary role is
the same in every run; before that, ~60 of 28,237 HN posts changed primary role between two runs of
one commit). Slow on purpose (all ~30,000 real posts): it
is run by hand around an optimisation, not by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import REALDATA  # noqa: E402
from pipeline.import_files import write_landing  # noqa: E402
from pipeline.landing import read_batches  # noqa: E402
from pipeline.normalize.batch import normalize_frame, unique_rows  # noqa: E402

FRAMES = ("postings", "posting_skills", "posting_roles")


def _glassdoor_postings(target: Path) -> Path | None:
    source = REALDATA / "glassdoor_ds_2020" / "glassdoor_jobs.csv.gz"
    if not source.exists():
        return None
    with gzip.open(source, "rt", encoding="utf-8", newline="") as rows, open(target, "w", encoding="utf-8") as out:
        for i, row in enumerate(csv.DictReader(rows)):
            record = {
                "source": "glassdoor",
                "source_id": str(i),
                "title": row["Job Title"],
                "company": row["Company Name"],
                "location": row["Location"],
                "description": row["Job Description"],
            }
            out.write(json.dumps(record) + "\n")
    return target


def _sandbox_postings(target: Path) -> Path:
    from jobpulse.sandbox.corpus import generate_corpus

    with open(target, "w", encoding="utf-8") as out:
        for p in generate_corpus(seed=3).postings:
            body = "".join(
                f"<h3>{s.heading or ''}</h3>"
                + "".join(f"<p>{t}</p>" for t in s.paragraphs)
                + "<ul>"
                + "".join(f"<li>{b}</li>" for b in s.bullets)
                + "</ul>"
                for s in p.sections
            )
            record = {
                "source": p.company.ats,
                "source_id": p.id,
                "title": p.title,
                "company": p.company.name,
                "location": p.location,
                "description": body,
                "posted_at": p.posted_at.isoformat(),
            }
            out.write(json.dumps(record) + "\n")
    return target


def corpora(work: Path) -> Iterator[tuple[str, str, Path]]:
    """(name, import format, input file) of every corpus present."""
    for name in ("hn_whoishiring_2013-08_2018-04", "hn_whoishiring_2026-01_2026-05"):
        path = REALDATA / "hn_whoishiring" / f"{name}.jsonl.gz"
        if path.exists():
            yield name, "hn", path
    glassdoor = _glassdoor_postings(work / "glassdoor.jsonl")
    if glassdoor:
        yield "glassdoor", "postings", glassdoor
    yield "sandbox", "postings", _sandbox_postings(work / "sandbox.jsonl")


def normalized(fmt: str, source: Path, work: Path) -> dict[str, pl.DataFrame]:
    landing = work / f"{source.name}.landing.jsonl"
    write_landing(fmt, source, landing)
    parts = [normalize_frame(unique_rows(b.frame)) for b in read_batches(landing, 20_000) if b.frame.height]
    return {name: pl.concat([getattr(p, name) for p in parts]) for name in FRAMES}


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("write", "check"))
    parser.add_argument("snapshot", type=Path)
    args = parser.parse_args(argv)
    args.snapshot.mkdir(parents=True, exist_ok=True)
    differ = 0
    with tempfile.TemporaryDirectory(prefix="jobpulse-snapshot-") as tmp:
        for name, fmt, source in corpora(Path(tmp)):
            frames = normalized(fmt, source, Path(tmp))
            for frame_name, frame in frames.items():
                stored = args.snapshot / f"{name}.{frame_name}.parquet"
                if args.mode == "write":
                    _sorted(frame).write_parquet(stored)
                    print(f"{name} {frame_name}: {frame.height:,} rows written")
                    continue
                before, after = pl.read_parquet(stored), _sorted(frame)
                # A column added or dropped on purpose (a schema change) is named, and the rest compared.
                common = [c for c in before.columns if c in after.columns]
                if common != before.columns or len(common) != len(after.columns):
                    dropped = [c for c in before.columns if c not in common]
                    added = [c for c in after.columns if c not in common]
                    print(f"{name} {frame_name}: columns dropped {dropped}, added {added}; the others compared")
                    before, after = before.select(common), after.select(common)
                same = before.equals(after, null_equal=True)
                print(f"{name} {frame_name}: {after.height:,} rows, {'same' if same else 'DIFFERENT'}")
                if not same:
                    differ += 1
                    _say_where(before, after)
    return 1 if differ else 0


def _say_where(before: pl.DataFrame, after: pl.DataFrame) -> None:
    if before.columns != after.columns or before.height != after.height:
        print(f"  columns {before.columns} → {after.columns}; rows {before.height:,} → {after.height:,}")
        return
    for column in before.columns:
        changed = (before[column].ne_missing(after[column])).sum()
        if changed:
            print(f"  {column}: {changed:,} rows differ")


if __name__ == "__main__":
    sys.exit(main())
