"""Long work shows progress: rich bars on a terminal, a plain line every 10 s (and at the end)
otherwise, nothing with -q. Crawl progress is read from the landing files the spiders write."""

from __future__ import annotations

import io
import json
import re
from types import SimpleNamespace

from jobpulse.cli import main
from jobpulse.progress import CrawlWatcher, RecordsProgress, boards_expected, crawl_line, mode_for, records_line


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_on_a_terminal_lines_when_piped_nothing_when_quiet():
    assert mode_for(False, Tty(), Tty()) == "bars"
    assert mode_for(False, io.StringIO(), Tty()) == "lines"
    assert mode_for(True, Tty(), Tty()) == "quiet"


def test_a_crawl_line_has_boards_items_rate_and_eta():
    assert crawl_line(5, 17, 1234, 10.0) == "crawl: 5/17 boards, 1,234 items, 123 items/s, ETA 0:00:24"
    assert crawl_line(0, 0, 0, 1.0) == "crawl: 0 boards, 0 items, 0 items/s, ETA ?"


def test_a_records_line_has_the_rate():
    assert records_line("ingest", 250_000, 5.0) == "ingest: 250,000 records, 50,000 records/s"


def test_the_hn_backfill_expects_a_thread_a_month():
    from datetime import UTC, datetime

    specs = [
        SimpleNamespace(source="greenhouse", boards=("a", "b"), args={}),
        SimpleNamespace(source="hn", boards=(), args={"since": "2026-01"}),
    ]
    assert boards_expected(specs, datetime(2026, 12, 7, tzinfo=UTC)) == 2 + 12


def test_records_progress_sums_the_files_and_prints_where_it_ended():
    out = io.StringIO()
    with RecordsProgress("lines", "ingest", stream=out, interval=3600) as progress:
        progress("a.jsonl: 1,000 records read, 2 rejected")
        progress("a.jsonl: 2,000 records read, 2 rejected")
        progress("b.jsonl: 500 records read, 0 rejected")
    assert re.fullmatch(r"ingest: 2,500 records, [\d,]+ records/s\n", out.getvalue())


def test_the_crawl_watcher_counts_boards_and_items_from_the_landing_files(tmp_path):
    specs = [SimpleNamespace(source="greenhouse", boards=("acme", "globex", "initech"), args={})]
    folder = tmp_path / "greenhouse"
    folder.mkdir()
    part = folder / "run1.jsonl.part"
    part.write_text(
        "".join(json.dumps({"board": b, "title": "x"}) + "\n" for b in ("acme", "acme", "globex")) + '{"board": "ini'
    )
    watcher = CrawlWatcher("lines", specs, tmp_path, stream=io.StringIO())
    watcher.poll()
    assert watcher.line.startswith("crawl: 2/3 boards, 3 items, ")
    part.rename(folder / "run1.jsonl")  # the spider ended: every board asked for is done
    watcher.poll()
    assert watcher.line.startswith("crawl: 3/3 boards, 3 items, ") and watcher.line.endswith("ETA 0:00:00")


def test_import_prints_progress_unless_quiet(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path / "data"))
    postings = tmp_path / "postings.jsonl"
    postings.write_text(
        "".join(json.dumps({"source": "acme", "source_id": str(i), "title": "ML Engineer"}) + "\n" for i in range(3))
    )
    assert main(["import", "--format", "postings", str(postings)]) == 0
    assert re.search(r"^import: 3 records, [\d,]+ records/s$", capsys.readouterr().err, re.M)
    postings.write_text(json.dumps({"source": "acme", "source_id": "9", "title": "Data Scientist"}) + "\n")
    assert main(["-q", "import", "--format", "postings", str(postings)]) == 0
    assert capsys.readouterr().err == ""
