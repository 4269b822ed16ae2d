"""Progress of long commands, on stderr so piped output stays clean.

Three modes, chosen once per command (`mode_for`): `bars` — rich progress bars, when both stdout
and stderr are a terminal; `lines` — a plain line every LINE_INTERVAL seconds (and one at the
end), for logs and CI; `quiet` — nothing (`-q`).

- Crawls (`crawl`, `run`, `demo`, the HN backfill): boards done of the total asked for, items,
  items/s and an ETA, read from the landing files as the spiders write them (`CrawlWatcher`): the
  spiders run in processes of their own, and their `.jsonl.part` files are what they have done.
- Loads (`ingest`, `import`, `reprocess`): records and records/s, from the loaders' progress
  messages ("<file>: N records read", "N postings re-derived").
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

LINE_INTERVAL = 10.0  # seconds between plain progress lines
POLL = 0.5  # seconds between looks at the landing files
COUNT = re.compile(r"([\d,]+) (records read|postings re-derived)")


def mode_for(quiet: bool, stdout: TextIO | None = None, stderr: TextIO | None = None) -> str:
    if quiet:
        return "quiet"
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    return "bars" if stdout.isatty() and stderr.isatty() else "lines"


def eta_text(seconds: float | None) -> str:
    if seconds is None:
        return "ETA ?"
    seconds = int(round(seconds))
    return f"ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def crawl_line(done: int, total: int, items: int, elapsed: float) -> str:
    """One plain progress line of a crawl: boards, items, rate, ETA (from the boards' pace)."""
    rate = items / elapsed if elapsed > 0 else 0.0
    if not total or not done:
        eta = None  # no total (a source of unknown size) or no pace yet
    else:
        eta = elapsed / done * (total - done) if done < total else 0.0
    boards = f"{done}/{total} boards" if total else f"{done} boards"
    return f"crawl: {boards}, {items:,} items, {rate:,.0f} items/s, {eta_text(eta)}"


def records_line(label: str, records: int, elapsed: float) -> str:
    rate = records / elapsed if elapsed > 0 else 0.0
    return f"{label}: {records:,} records, {rate:,.0f} records/s"


class Reporter:
    """One progress display (a bar or plain lines) of one kind of work."""

    def __init__(
        self,
        mode: str,
        label: str,
        unit: str,
        total: int | None = None,
        stream: TextIO | None = None,
        interval: float = LINE_INTERVAL,
    ):
        self.mode, self.label, self.unit, self.total = mode, label, unit, total
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar: Any = None
        self._task: Any = None
        self.line = ""

    def __enter__(self) -> Reporter:
        if self.mode == "bars":
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TextColumn(
                    "{task.completed:,.0f}/{task.total:,.0f} " + self.unit
                    if self.total
                    else "{task.completed:,.0f} " + self.unit
                ),
                TextColumn("{task.fields[extra]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, extra="")
        return self

    def update(self, completed: int, line: str, extra: str = "") -> None:
        self.line = line
        if self.mode == "bars":
            self._bar.update(self._task, completed=completed, extra=extra)
        elif self.mode == "lines" and time.monotonic() - self._last_line >= self.interval:
            self._last_line = time.monotonic()
            print(line, file=self.stream, flush=True)

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.mode == "lines" and self.line:
            print(self.line, file=self.stream, flush=True)  # where it ended


class RecordsProgress(Reporter):
    """Records loaded, from the loaders' messages; call the instance as their `progress`."""

    def __init__(self, mode: str, label: str, **kwargs: Any):
        super().__init__(mode, label, "records", **kwargs)
        self._per_file: dict[str, int] = {}

    def __call__(self, message: str) -> None:
        found = COUNT.search(message)
        if not found:
            return
        key = message.split(": ", 1)[0] if ": " in message else ""
        self._per_file[key] = int(found.group(1).replace(",", ""))  # each file's count is cumulative
        records, elapsed = sum(self._per_file.values()), time.monotonic() - self.started
        line = records_line(self.label, records, elapsed)
        self.update(records, line, extra=f"{records / elapsed if elapsed else 0:,.0f} records/s")


def boards_expected(specs: list[Any], today: datetime | None = None) -> int:
    """Boards a crawl will read: the boards named, or for HN one thread a month since `since`."""
    today = today or datetime.now(UTC)
    total = 0
    for spec in specs:
        if spec.boards:
            total += len(spec.boards)
        elif spec.source == "hn" and re.fullmatch(r"\d{4}-\d\d", str(spec.args.get("since", ""))):
            year, month = map(int, spec.args["since"].split("-"))
            total += (today.year - year) * 12 + today.month - month + 1
    return total


class CrawlWatcher(Reporter):
    """Watches the landing files of a crawl in a thread: boards done, items, items/s, ETA."""

    def __init__(self, mode: str, specs: list[Any], landing_dir: Path, **kwargs: Any):
        super().__init__(mode, "crawl", "boards", total=boards_expected(specs) or None, **kwargs)
        self.sources = [s.source for s in specs]
        self.landing_dir = Path(landing_dir)
        self.since = time.time() - 1
        self._offsets: dict[Path, int] = {}
        self._boards: dict[str, set[str]] = {s: set() for s in self.sources}
        self.items = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="crawl-progress", daemon=True)

    def __enter__(self) -> CrawlWatcher:
        super().__enter__()
        if self.mode != "quiet":
            self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
            self.poll(final=True)
        super().__exit__(*exc)

    def _watch(self) -> None:
        while not self._stop.wait(POLL):
            self.poll()

    def poll(self, final: bool = False) -> None:
        finished = 0
        for source in dict.fromkeys(self.sources):
            folder = self.landing_dir / source
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name.endswith((".jsonl", ".jsonl.part")) and path.stat().st_mtime >= self.since:
                    self._read_new(source, path)
                    finished += path.name.endswith(".jsonl")
        done = sum(len(b) for b in self._boards.values())
        total = self.total or 0
        if final or (total and finished >= len(self.sources)):
            done = max(done, total)  # every source ended: its boards are done, items or none
        self.update(
            done, crawl_line(done, total, self.items, time.monotonic() - self.started), extra=f"{self.items:,} items"
        )

    def _read_new(self, source: str, path: Path) -> None:
        key = path.with_suffix("") if path.name.endswith(".part") else path  # a part renamed is the same file
        try:
            with open(path, "rb") as f:
                f.seek(self._offsets.get(key, 0))
                chunk = f.read()
        except FileNotFoundError:  # renamed between listing and reading: read it next time
            return
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self._offsets[key] = self._offsets.get(key, 0) + len(complete)
        for line in complete.splitlines():
            self.items += 1
            try:
                board = json.loads(line).get("board")
            except ValueError:
                continue
            if board:
                self._boards[source].add(str(board))
