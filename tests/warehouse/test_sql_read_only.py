"""`jobpulse sql` without --write is read-only for real: no statement reaches another file, another
database or an extension, and none can switch that back on. A warehouse another process holds
open for writing gives one line naming the holder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jobpulse.cli import main
from warehouse.db import connect


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    con.execute("INSERT INTO roles VALUES ('ai_engineer', 'AI Engineer', 'role', NULL)")
    con.close()
    return path


def roles(db) -> list[str]:
    con = connect(db, read_only=True)
    try:
        return [r for (r,) in con.execute("SELECT role_id FROM roles").fetchall()]
    finally:
        con.close()


def escapes(tmp_path, db) -> dict[str, str]:
    link = tmp_path / "link.duckdb"
    os.link(db, link)  # a second name for the same file: attaching it would be a writable door
    other = tmp_path / "other.duckdb"
    connect(other).close()
    return {
        "attach a hard link read-write": f"ATTACH '{link}' AS w2 (READ_WRITE); DELETE FROM w2.roles",
        "attach another database": f"ATTACH '{other}' AS o; CREATE TABLE o.t AS SELECT 1",
        "copy to a file": f"COPY roles TO '{tmp_path / 'out.csv'}'",
        "export the database": f"EXPORT DATABASE '{tmp_path / 'dump'}'",
        "read a local file": "SELECT * FROM read_csv('/etc/passwd')",
        "read a file as text": "SELECT * FROM read_text('/etc/hostname')",
        "list files": "SELECT * FROM glob('/etc/*')",
        "install an extension": "INSTALL httpfs",
        "load an extension": "LOAD httpfs",
        "turn external access back on": "SET enable_external_access = true; SELECT * FROM glob('/etc/*')",
        "reset the setting": "RESET enable_external_access; SELECT * FROM glob('/etc/*')",
    }


@pytest.mark.parametrize(
    "name",
    [
        "attach a hard link read-write",
        "attach another database",
        "copy to a file",
        "export the database",
        "read a local file",
        "read a file as text",
        "list files",
        "install an extension",
        "load an extension",
        "turn external access back on",
        "reset the setting",
    ],
)
def test_each_escape_is_refused_in_one_line(tmp_path, db, capsys, name):
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["sql", "--db", str(db), escapes(tmp_path, db)[name]]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("jobpulse sql: ") and captured.err.count("\n") == 1, captured.err
    assert "/etc" not in captured.out and "root" not in captured.out
    assert roles(db) == ["ai_engineer"]  # the warehouse is unchanged
    created = sorted(p.name for p in tmp_path.iterdir())
    assert set(created) - set(before) <= {"link.duckdb", "other.duckdb"}  # nothing written by the statement


def test_ordinary_queries_still_work(db, capsys):
    assert main(["sql", "--db", str(db), "--format", "csv", "SELECT role_id, now() IS NOT NULL AS t FROM roles"]) == 0
    assert capsys.readouterr().out == "role_id,t\nai_engineer,True\n"


def test_write_mode_keeps_its_powers(tmp_path, db, capsys):
    out = tmp_path / "roles.csv"
    assert main(["sql", "--db", str(db), "--write", f"COPY roles TO '{out}'"]) == 0
    assert out.read_text().startswith("role_id")


def test_connections_never_fetch_extensions(db):
    con = connect(db, read_only=True)
    try:
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('autoinstall_known_extensions', 'autoload_known_extensions')"
            ).fetchall()
        )
    finally:
        con.close()
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


@pytest.fixture
def held_open(db):
    """Another process (an analyst's session) holding the warehouse open read-write."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    yield holder
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("argv", [["sql", "SELECT 1"], ["ingest"], ["report"], ["reprocess"]])
def test_a_file_held_open_for_writing_gives_one_line_naming_the_holder(tmp_path, db, held_open, capsys, argv):
    landing = tmp_path / "empty-landing"
    landing.mkdir()
    extra = {"ingest": [str(landing)], "report": ["--out", str(tmp_path / "out")]}.get(argv[0], [])
    assert main([argv[0], "--db", str(db), *argv[1:], *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"(PID {held_open.pid})" in err and "try again" in err, err
