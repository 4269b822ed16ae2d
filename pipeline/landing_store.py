"""Landing files as the raw store: compressed once loaded, read back in whichever form they are in.

A landing file keeps its name as its identity: `<run id>.jsonl` is what `loaded_files`, `runs`,
`rejects` and `board_crawls` record, whether the bytes on disk are `<run id>.jsonl` or, once
loaded, `<run id>.jsonl.zst`. Its content hash is the hash of the JSON Lines text, so a compressed
file is recognised as the one loaded and a replay skips it. Its sidecars stay as they are.

zstd at level 3, measured on this machine (2 cores) on real-text landing files, single-threaded:
98 MB of HN posts compress 7.8× at 255 MB/s and read back at ~1,200 MB/s; gzip -6 gave 6.1× at
36 MB/s (read back 340 MB/s), gzip -1 5.0× at 126 MB/s, zstd -9 10.9× at 60 MB/s. Compression runs in
the ingest after each file, so its speed counts; DuckDB reads `.jsonl.zst` natively
(`read_json('landing/*/*.jsonl.zst')`), the `zstd` tool reads it for anyone else.

Compression is crash-safe: the compressed copy is written as `.zst.part`, fsynced, renamed, and
only then is the plain file removed. Killed at any point, the plain file is still whole (beside a
`.part` nothing reads, or beside the finished copy), or it is gone and the copy is complete; the file
is listed once either way, and the next compression (any later ingest skipping it) finishes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

PLAIN = ".jsonl"
COMPRESSED = ".jsonl.zst"
ZSTD_LEVEL = 3
_BLOCK = 1 << 20

log = logging.getLogger(__name__)


def logical_path(path: Path) -> Path:
    """The landing file's name, whatever form it is stored in (`x.jsonl.zst` → `x.jsonl`)."""
    path = Path(path)
    return path.with_name(path.name[: -len(".zst")]) if path.name.endswith(COMPRESSED) else path


def compressed_path(path: Path) -> Path:
    return logical_path(path).with_name(logical_path(path).name + ".zst")


def stored_path(path: Path) -> Path:
    """Where the landing file's bytes are: the plain file while it exists (it is whole: a crash
    after compressing leaves both), else the compressed one. FileNotFoundError if neither."""
    plain = logical_path(path)
    for candidate in (plain, compressed_path(plain)):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no landing file {plain} (nor {compressed_path(plain).name})")


def exists(path: Path) -> bool:
    """Whether a landing file is on disk in either form: its name still names it once compressed."""
    try:
        stored_path(path)
    except FileNotFoundError:
        return False
    return True


def is_compressed(path: Path) -> bool:
    return Path(path).name.endswith(COMPRESSED)


def open_binary(path: Path) -> IO[bytes]:
    """The landing file's JSON Lines bytes, decompressed if it is stored compressed."""
    stored = stored_path(path)
    if not is_compressed(stored):
        return open(stored, "rb")
    import zstandard  # noqa: PLC0415 — only reading a compressed file needs it

    return zstandard.open(stored, "rb")


def open_text(path: Path) -> IO[str]:
    """The landing file as text lines (UTF-8, undecodable bytes replaced, as ingest always read it)."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8", errors="replace")


def read_lines(path: Path, line_nos: Iterable[int]) -> dict[int, str]:
    """Lines of a landing file by number (from 1, counted as ingest counts them: reading it as text,
    where a lone carriage return ends a line too), in one pass; a number past the end is absent.
    How a posting's raw record is read back where the warehouse keeps only its line number."""
    wanted = set(line_nos)
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    with open_text(path) as lines:
        for line_no, line in enumerate(lines, start=1):
            if line_no in wanted:
                found[line_no] = line.rstrip("\r\n")
            if line_no >= last:
                break
    return found


def plain_copy(path: Path, directory: Path) -> Path:
    """A plain file of the landing file's text, for readers that seek by byte offset: the file
    itself while it is plain, else its text decompressed into `directory` (the caller's to remove)."""
    stored = stored_path(path)
    if not is_compressed(stored):
        return stored
    target = Path(directory) / logical_path(stored).name
    with open_binary(stored) as src, open(target, "wb") as dst:
        for block in iter(lambda: src.read(_BLOCK), b""):
            dst.write(block)
    return target


def content_sha256(path: Path) -> str:
    """Hash of the JSON Lines text: the same for the plain and the compressed form."""
    digest = hashlib.sha256()
    with open_binary(path) as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def content_size(path: Path) -> int:
    """Bytes of JSON Lines text: the file's size, or what its zstd frame header records."""
    stored = stored_path(path)
    if not is_compressed(stored):
        return stored.stat().st_size
    import zstandard  # noqa: PLC0415

    with open(stored, "rb") as handle:
        size = zstandard.frame_content_size(handle.read(18))
    if size < 0:  # a frame written without its size (not by compress()): count it
        with open_binary(stored) as handle:
            return sum(len(block) for block in iter(lambda: handle.read(_BLOCK), b""))
    return size


def compress(path: Path) -> Path:
    """Store a landing file compressed: `.zst.part` written and fsynced, renamed, then the plain
    file removed. Already compressed: nothing to do. Returns the compressed file's path."""
    import zstandard  # noqa: PLC0415

    plain, target = logical_path(path), compressed_path(path)
    if not plain.is_file():
        stored_path(plain)  # FileNotFoundError when neither form exists
        return target
    partial = target.with_name(target.name + ".part")
    stat = plain.stat()
    with open(plain, "rb") as src, open(partial, "wb") as dst:
        zstandard.ZstdCompressor(level=ZSTD_LEVEL).copy_stream(src, dst, size=stat.st_size)
        dst.flush()
        os.fsync(dst.fileno())
    # The crawl time orders landing files when no sidecar says it (pipeline/ingest.landing_files).
    os.utime(partial, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(partial, target)
    _fsync_dir(target.parent)  # the rename is on disk before the only other copy goes
    os.unlink(plain)
    return target


def compress_loaded(path: Path) -> Path | None:
    """Compress a file whose load has committed; an OS error (a full disk, a read-only landing
    folder) leaves it plain, logged, for a later ingest to compress: it never fails the load."""
    try:
        return compress(path)
    except OSError as exc:
        log.warning("landing file %s left uncompressed: %s", logical_path(path), exc)
        return None


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def landing_files(root: Path) -> Iterator[Path]:
    """Every landing file under a directory, once each, by its name (`x.jsonl`), in either form."""
    root = Path(root)
    seen: set[Path] = set()
    for pattern in (f"*{PLAIN}", f"*{COMPRESSED}"):
        for found in root.rglob(pattern):
            name = logical_path(found)
            if name not in seen:
                seen.add(name)
                yield name
