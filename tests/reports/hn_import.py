"""Build a warehouse from the real HN "Who is hiring?" posts 2013-08 … 2018-04 the way a user would:
`jobpulse import --format hn` on Firebase items (JSON Lines).

The shared file keeps each post's Firebase `text` as `full_html` and its month as `thread_month` (the
item's own `time` was not kept), so each record is written back as the Firebase item it came from,
timed at the first day of its thread's month. The text stays in ../shared/realdata; the item file is
written to a temporary folder.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

from jobpulse.cli import main
from tests.realdata import realdata_path

HN_POSTS = ("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz")


def firebase_item(post: dict) -> dict:
    month = datetime.strptime(post["thread_month"], "%Y-%m").replace(tzinfo=UTC)
    return {
        "id": post["comment_id"],
        "type": "comment",
        "by": post.get("user"),
        "parent": post["thread_id"],
        "time": int(month.timestamp()),
        "text": post["full_html"],
    }


def import_hn_history(folder: Path) -> Path:
    """The warehouse file, after `jobpulse import --db <it> --format hn <items.jsonl>` exited 0."""
    items = folder / "hn-items.jsonl"
    with (
        gzip.open(realdata_path(*HN_POSTS), "rt", encoding="utf-8") as posts,
        open(items, "w", encoding="utf-8") as out,
    ):
        for line in posts:
            out.write(json.dumps(firebase_item(json.loads(line))) + "\n")
    db = folder / "warehouse.duckdb"
    assert main(["import", "--db", str(db), "--format", "hn", str(items)]) == 0
    return db
