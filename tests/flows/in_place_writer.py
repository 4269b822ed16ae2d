"""The writer process of test_publish_in_place.py: one-shot writes through publish_after.

python in_place_writer.py DB pause SIGNALS   one write of three committed batches ('w1'…'w3'); then it
                                             touches SIGNALS/midway and waits for SIGNALS/go (or a kill)
                                             before its last row ('w4') and its publish
python in_place_writer.py DB repeat N        N writes of BATCH rows each, in two commits; prints how many
                                             went in place (the file's inode unchanged) and how many to a copy
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from pipeline.publish import publish_after

BATCH = 50


def paused_write(db: Path, signals: Path, *, checkpoint: bool = False) -> None:
    def load(con):
        for note in ("w1", "w2", "w3"):  # committed one by one, as ingest commits its batches
            con.execute("BEGIN")
            con.execute("INSERT INTO notes VALUES (?)", [note])
            con.execute("COMMIT")
        if checkpoint:
            con.execute("CHECKPOINT")  # as a user may type into `sql --write`: w1…w3 reach the file
        (signals / "midway").touch()
        while not (signals / "go").exists():
            time.sleep(0.02)
        con.execute("INSERT INTO notes VALUES ('w4')")

    publish_after(db, load)


def slow_checkpoint_write(db: Path, signals: Path) -> None:
    def load(con):
        con.execute("INSERT INTO notes SELECT 'slow-' || i FROM range(1000) t(i)")
        # DuckDB's own debug setting: sleep once a table's new row groups are written, before they
        # are installed and the header points at them (the window to kill the write in).
        con.execute("SET debug_checkpoint_scan_sleep_ms = 300")
        (signals / "checkpointing").touch()

    publish_after(db, load)


def repeated_writes(db: Path, writes: int) -> None:
    in_place = 0
    for write in range(writes):
        before = os.stat(db).st_ino

        def load(con, write=write):
            for half in range(2):  # a reader must never see one half without the other
                con.execute("BEGIN")
                con.execute(
                    "INSERT INTO notes SELECT ? || '-' || i FROM range(?) t(i)", [f"{write}-{half}", BATCH // 2]
                )
                con.execute("COMMIT")

        publish_after(db, load)
        in_place += os.stat(db).st_ino == before
    print(f"in place {in_place} copied {writes - in_place}", flush=True)


if __name__ == "__main__":
    db, mode = Path(sys.argv[1]), sys.argv[2]
    if mode in ("pause", "pause-checkpoint"):
        paused_write(db, Path(sys.argv[3]), checkpoint=mode == "pause-checkpoint")
    elif mode == "slow-checkpoint":
        slow_checkpoint_write(db, Path(sys.argv[3]))
    else:
        repeated_writes(db, int(sys.argv[3]))
