"""Entry point: warehouse file in, `explore.html` (one self-contained file) out, beside the reports."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reports.explore_data import build_data
from reports.explore_page import render_explorer
from reports.index_page import EXPLORER, write_index
from reports.load import NotAWarehouse
from warehouse.db import connect

REQUIRED = (
    "postings",
    "posting_skills",
    "posting_roles",
    "skills",
    "roles",
    "sightings",
    "board_crawls",
    "role_postings",
)


@dataclass(frozen=True)
class ExplorerResult:
    path: Path
    bytes: int
    seconds: float


def build_explorer(db_path: str | Path, out_dir: str | Path) -> ExplorerResult:
    """Aggregate the warehouse (read-only) and write `out_dir/explore.html`, replacing it whole."""
    started = time.perf_counter()
    con = connect(db_path, read_only=True)
    try:
        tables = {name for (name,) in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}
        missing = [t for t in REQUIRED if t not in tables]
        if missing:
            raise NotAWarehouse(
                f"{db_path} has no {', '.join(missing)}; is it a jobpulse warehouse? "
                "(an older one is upgraded by the next ingest, or `jobpulse sql --write 'SELECT 1'`)"
            )
        data = build_data(con)
    finally:
        con.close()
    stamp = datetime.now(UTC).strftime(", built %Y-%m-%d %H:%M UTC")
    page = render_explorer(data, generated=stamp)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / EXPLORER
    _write_text(path, page)  # written then renamed: a reader never sees half a page
    write_index(out, _write_text)  # the index links the explorer once it exists
    return ExplorerResult(path, path.stat().st_size, time.perf_counter() - started)


def _write_text(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
