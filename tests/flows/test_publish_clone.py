"""The staging copy is a reflink clone where the filesystem has one (XFS, Btrfs) and a byte copy
elsewhere (ext4, tmpfs); either way the copy is the run's own (pipeline/publish.py)."""

from __future__ import annotations

import errno

import pipeline.publish as publish


def test_the_staging_copy_is_the_runs_own_whichever_way_it_was_made(tmp_path):
    source = tmp_path / "published.bin"
    source.write_bytes(bytes(range(256)) * 4096)
    target = tmp_path / "staging.bin"
    made = publish.clone_or_copy(source, target)
    assert made in ("clone", "copy")
    assert target.read_bytes() == source.read_bytes()
    with open(target, "r+b") as staging:  # a clone shares blocks until written: the write must not show
        staging.write(b"run")
    assert source.read_bytes() == bytes(range(256)) * 4096


def test_a_filesystem_without_reflinks_gets_a_byte_copy(tmp_path, monkeypatch):
    def refuse(fd, request, arg):
        raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    monkeypatch.setattr(publish.fcntl, "ioctl", refuse)
    source = tmp_path / "published.bin"
    source.write_bytes(b"the published warehouse")
    assert publish.clone_or_copy(source, tmp_path / "staging.bin") == "copy"
    assert (tmp_path / "staging.bin").read_bytes() == b"the published warehouse"
