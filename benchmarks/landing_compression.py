"""How to store loaded landing files: codecs on a real-text landing file, beside DuckDB reading it.

    python benchmarks/landing_compression.py                  # 30,000 postings
    python benchmarks/landing_compression.py --postings 500   # a smoke run (CI)
    python benchmarks/landing_compression.py --file data/landing/hn/<run id>.jsonl

The landing file is what `jobpulse import --format postings` writes for the ingest benchmark's corpus
(benchmarks/ingest.py: real HN and Glassdoor texts from ../shared/realdata when present, the sandbox
generator's otherwise), or any landing file given. For each codec: the ratio, compressing file to
file, and reading the text back; the yardstick is DuckDB reading the same file into a table (the
ingest's floor), so the cost compression adds to an ingest reads as a share of it. Single-threaded.
Timings are for reading, never assertions.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402
import zstandard  # noqa: E402
from ingest import generated_descriptions, real_descriptions, write_corpus  # noqa: E402

from pipeline.import_files import write_landing  # noqa: E402


def landing_file(postings: int, work: Path) -> Path:
    corpus, landing = work / "corpus.jsonl", work / "landing.jsonl"
    texts = real_descriptions() or generated_descriptions()
    write_corpus(corpus, postings, texts, id_prefix="c-", start=date(2026, 11, 30))
    write_landing("postings", corpus, landing)
    return landing


def zstd_codec(level: int) -> tuple[Callable, Callable]:
    def write(src, dst):
        zstandard.ZstdCompressor(level=level).copy_stream(src, dst)

    return write, lambda path: zstandard.open(path, "rb")


def gzip_codec(level: int) -> tuple[Callable, Callable]:
    def write(src, dst):
        with gzip.GzipFile(fileobj=dst, mode="wb", compresslevel=level, mtime=0) as out:
            shutil.copyfileobj(src, out, 1 << 20)

    return write, lambda path: gzip.open(path, "rb")


CODECS = {
    "zstd -1": zstd_codec(1),
    "zstd -3 (chosen)": zstd_codec(3),
    "zstd -9": zstd_codec(9),
    "gzip -1": gzip_codec(1),
    "gzip -6": gzip_codec(6),
}


def duckdb_read_seconds(path: Path) -> float:
    started = time.perf_counter()
    duckdb.connect().execute("CREATE TABLE t AS SELECT * FROM read_json(?, format='newline_delimited')", [str(path)])
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=30_000)
    parser.add_argument("--file", type=Path, help="measure this landing file instead of building one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="landing-compression-") as tmp:
        work = Path(tmp)
        path = args.file or landing_file(args.postings, work)
        size = path.stat().st_size
        floor = duckdb_read_seconds(path)
        print(f"{path.name}: {size / 1e6:,.1f} MB; DuckDB reads it into a table in {floor:.2f} s (the floor)")
        print(f"{'codec':<18} {'ratio':>6} {'compress s':>11} {'MB/s':>6} {'of floor':>9} {'read s':>7} {'MB/s':>6}")
        for name, (write, open_compressed) in CODECS.items():
            target = work / "out"
            started = time.perf_counter()
            with open(path, "rb") as src, open(target, "wb") as dst:
                write(src, dst)
            compress = time.perf_counter() - started
            started = time.perf_counter()
            with open_compressed(target) as back:
                while back.read(1 << 20):
                    pass
            read = time.perf_counter() - started
            print(
                f"{name:<18} {size / target.stat().st_size:>6.2f} {compress:>11.2f} {size / 1e6 / compress:>6.0f}"
                f" {compress / floor:>8.0%} {read:>7.2f} {size / 1e6 / read:>6.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
