"""`jobpulse import`: saved postings or saved source payloads → a landing file → the usual ingest.

Converting to the landing format first means imported data takes exactly the path crawled data
takes (same validation, normalization and rejects). An input record that cannot be converted is
written as a refused record, so ingest stores it in `rejects` with the converter's reason.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from contract.posting import FIELDS, new_item
from crawlers.extractors import extractor

Converted = Iterator[dict[str, Any]]  # landing records (items, or refusals with `_reject`)

GENERIC_FIELDS = ("source", "source_id", "title", "company", "location", "description", "posted_at", "url")


class ImportFormatError(ValueError):
    pass


def refusal(reason: str, original: Any) -> dict[str, Any]:
    """A landing record that ingest will turn into a reject with this reason."""
    return {"_reject": reason, "_original": original}


def _generic_item(record: dict[str, Any]) -> dict[str, Any]:
    fields = {k: record.get(k) for k in FIELDS if k in record and k != "raw"}
    if "description" in record and "description_html" not in record:
        fields["description_html"] = record["description"]
    for key in ("source_id",):
        if isinstance(fields.get(key), int):
            fields[key] = str(fields[key])
    return new_item(**fields, raw=record)


def convert_postings(path: Path) -> Converted:
    """Generic JSON Lines: one posting per line with the GENERIC_FIELDS (optional ones may be absent)."""
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield refusal(f"invalid JSON: {exc.msg} at column {exc.colno}", line.rstrip("\n"))
                continue
            except RecursionError:
                yield refusal("invalid JSON: nested too deeply", line[:1000])
                continue
            yield _generic_item(record) if isinstance(record, dict) else refusal("record is not a JSON object", record)


def convert_csv(path: Path) -> Converted:
    """Generic CSV with a header row naming the GENERIC_FIELDS."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "title" not in reader.fieldnames:
            raise ImportFormatError(f"{path}: a postings CSV needs a header row with at least 'title'")
        for row in reader:
            yield _generic_item({k: (v if v != "" else None) for k, v in row.items() if k is not None})


def _read_text(path: Path) -> str:
    """A saved file as text, gunzipped when it is gzip (archives of HN posts usually are)."""
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    if gzipped:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8", errors="replace")


def _as_firebase_item(record: dict[str, Any]) -> dict[str, Any]:
    """Archived HN posts in the Firebase item's shape.

    Two common archive shapes: monthly dumps with `comment_id`, `full_html` and `thread_month` (no
    post time: the post is dated the 1st of its thread's month, where it was listed), and item
    dumps with Firebase's own `id`, `text`, `time` plus the `thread_id` they were read from.
    """
    if "full_html" in record and "text" not in record:
        month = str(record.get("thread_month") or "")
        item = {
            "id": record.get("comment_id"),
            "text": record["full_html"],
            "type": "comment",
            "parent": record.get("thread_id"),
            "by": record.get("user"),
        }
        if len(month) == 7:
            item["_posted_at"] = f"{month}-01T00:00:00+00:00"
        return item
    return record


def convert_hn(path: Path) -> Converted:
    """HN items: an Algolia `items/<id>` thread (one JSON document) or Firebase items as JSON Lines
    (plain or gzip; archived monthly dumps too, see `_as_firebase_item`)."""
    text = _read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
    if isinstance(document, dict) and "children" in document:
        yield from extractor("hn").extract(document)
        return
    for line in text.split("\n"):  # not splitlines(): posts hold U+2028 and other line separators
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield refusal(f"invalid JSON: {exc.msg} at column {exc.colno}", line)
            continue
        if not isinstance(record, dict):
            yield refusal("HN item is not a JSON object", record)
            continue
        item_record = _as_firebase_item(record)
        thread = item_record.get("thread_id") or item_record.get("parent")
        items = extractor("hn").extract(item_record, str(thread) if thread is not None else None)
        item = items[0] if items else None
        if item is not None and item_record.get("_posted_at") and not item.get("posted_at"):
            item["posted_at"] = item_record["_posted_at"]
            item["raw"] = record
        yield (
            item if item is not None else refusal("HN item is not a job post (deleted, dead or not a comment)", record)
        )


def _payload_converter(extract: Callable[[Any, str], list[dict[str, Any]]]) -> Callable[[Path], Converted]:
    def convert(path: Path) -> Converted:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"{path}: not a saved API response (invalid JSON: {exc.msg})") from None
        board = path.stem  # a saved response is named after its board: stripe.json → board 'stripe'
        yield from extract(payload, board)

    return convert


def _feed_converter(extract: Callable[[Any], list[dict[str, Any]]]) -> Callable[[Path], Converted]:
    """A saved aggregator response (one feed page): its items are filed under the aggregator."""
    return _payload_converter(lambda payload, _file_stem: extract(payload))


CONVERTERS: dict[str, Callable[[Path], Converted]] = {
    "postings": convert_postings,
    "csv": convert_csv,
    "hn": convert_hn,
    "greenhouse": _payload_converter(extractor("greenhouse").extract),
    "lever": _payload_converter(extractor("lever").extract),
    "ashby": _payload_converter(extractor("ashby").extract),
    "smartrecruiters": _payload_converter(extractor("smartrecruiters").extract),  # list page or a detail
    "workable": _payload_converter(extractor("workable").extract),  # widget {name, jobs} or v3 {total, …}
    "recruitee": _payload_converter(extractor("recruitee").extract),
    "remoteok": _feed_converter(extractor("remoteok").extract),  # the /api array (legal notice skipped)
    "remotive": _feed_converter(extractor("remotive").extract),
    "arbeitnow": _feed_converter(extractor("arbeitnow").extract),  # one ?page=N response
    "himalayas": _feed_converter(extractor("himalayas").extract),
    "themuse": _feed_converter(extractor("themuse").extract),  # an API page, or saved results under "jobs"
}


def write_landing(fmt: str, source_file: Path, target: Path) -> int:
    """Convert one input file into a landing file; returns records written."""
    if fmt not in CONVERTERS:
        raise ImportFormatError(f"unknown format {fmt!r} (known: {', '.join(CONVERTERS)})")
    if not source_file.is_file():
        raise ImportFormatError(f"no such file: {source_file}")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under `.part` and renamed when whole: a killed import leaves no landing file that
    # ingest could mistake for a complete one (it reads `*.jsonl` only).
    partial = target.with_name(target.name + ".part")
    count = 0
    with open(partial, "w", encoding="utf-8") as out:
        for record in CONVERTERS[fmt](source_file):
            out.write(_landing_line(record))
            count += 1
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return count


def _landing_line(record: dict[str, Any]) -> str:
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: refused here, kept (escaped) for the reject
        line = (
            json.dumps(
                refusal("text is not valid Unicode (a lone UTF-16 surrogate)", json.dumps(record, default=str)),
                ensure_ascii=True,
            )
            + "\n"
        )
    return line
