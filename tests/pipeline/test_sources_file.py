"""The sources file a user edits: the curated default, what each key becomes, one-line errors, and
where an incremental HN run starts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobpulse.cli import main
from pipeline.sources import (
    DEFAULT_SOURCES_FILE,
    SourcesFileError,
    SourceSpec,
    hn_since,
    known_spiders,
    load_sources,
    with_incremental_since,
)
from warehouse.db import connect

ATS = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee")


@pytest.fixture
def sources_file(tmp_path):
    def write(text: str):
        path = tmp_path / "sources.toml"
        path.write_text(text)
        return path

    return write


def test_the_default_file_lists_at_least_100_companies_and_names_known_spiders():
    specs = load_sources(DEFAULT_SOURCES_FILE)
    boards = [(s.source, b) for s in specs if s.source in ATS for b in s.boards]
    assert len(boards) >= 100 and len(set(boards)) == len(boards)
    assert {s.source for s in specs} <= set(known_spiders())
    assert {"greenhouse", "lever", "ashby", "hn"} <= {s.source for s in specs}
    hn = next(s for s in specs if s.source == "hn")
    assert "since" not in hn.args  # incremental by default


def test_every_key_finds_its_place(sources_file):
    path = sources_file("""
[contact]
url = "https://example.org/crawler"
email = "ops@example.org"

[greenhouse]
boards = ["acme", " beta "]
settings = { DOWNLOAD_DELAY = 2, ROBOTSTXT_OBEY = true }

[lever]
enabled = false
boards = ["gone"]

[hn]
since = "2011-01"

[careers]
urls = ["https://a.example/jobs", "https://b.example/careers"]
max_pages = 50
""")
    greenhouse, hn, careers = load_sources(path)
    agent = "jobpulse/0.1 (+https://example.org/crawler; ops@example.org)"
    assert greenhouse == SourceSpec(
        "greenhouse", ("acme", "beta"), None, {}, {"USER_AGENT": agent, "DOWNLOAD_DELAY": "2", "ROBOTSTXT_OBEY": "True"}
    )
    assert hn.args == {"since": "2011-01"} and hn.settings == {"USER_AGENT": agent}
    assert careers.args == {"urls": "https://a.example/jobs,https://b.example/careers", "max_pages": "50"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[greenhouse\nboards = []", "is not valid TOML"),
        ("[monster]\nboards = ['x']", "unknown source [monster]"),
        ("greenhouse = 3", "greenhouse must be a table"),
        ("[greenhouse]\nboards = 'acme'", "[greenhouse] boards must be a list of board tokens"),
        ("[greenhouse]\nboards = ['acme', '']", "[greenhouse] boards must be a list of board tokens"),
        ("[greenhouse]\nenabled = 'yes'", "[greenhouse] enabled must be true or false"),
        ("[greenhouse]\nbase_url = 'ftp://x'", "[greenhouse] base_url must be an http(s) URL"),
        ("[greenhouse]\nsettings = 3", "[greenhouse] settings must be a table"),
        ("[hn]\nsince = '2011'", "[hn] since must look like YYYY-MM"),
        ("[hn]\nwhen = { a = 1 }", "[hn] when must be text, a number or a list"),
        ("[contact]\nurl = 'me'", "[contact] url must be an http(s) URL"),
        ("[contact]\nemail = 'nobody'", "[contact] email must be an e-mail address"),
        ("[contact]\nphone = '123'", "[contact] has unknown keys ['phone']"),
        ("contact = 'me'", "[contact] must be a table"),
    ],
)
def test_mistakes_are_one_line_naming_the_file(sources_file, text, message):
    path = sources_file(text)
    with pytest.raises(SourcesFileError) as raised:
        load_sources(path)
    assert message in str(raised.value) and str(path) in str(raised.value) and "\n" not in str(raised.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SourcesFileError, match="sources file not found"):
        load_sources(tmp_path / "absent.toml")


def test_jobpulse_run_reports_a_bad_file_in_one_line(sources_file, tmp_path, capsys):
    path = sources_file("[monster]\n")
    assert main(["run", "--sources", str(path), "--db", str(tmp_path / "w.duckdb")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("jobpulse run: ") and "unknown source [monster]" in err and "\n" not in err


# --- where an incremental HN run starts -----------------------------------------------------------


def hn_warehouse(path, threads: dict[str, str]):
    """A warehouse with one HN post per thread id, posted on the given day."""
    con = connect(path)
    for n, (thread, posted) in enumerate(threads.items()):
        con.execute(
            "INSERT INTO postings (posting_id, source, source_id, board, title, role, posted_at, first_seen, last_seen)"
            " VALUES (?, 'hn', ?, ?, 'ML engineer', 'ml_engineer', ?, now(), now())",
            [f"p{n}", str(n), thread, posted],
        )
    con.close()
    return path


@pytest.mark.parametrize(
    ("threads", "expected"),
    [
        ({"40000001": "2024-05-01 16:00", "41000002": "2024-08-02 09:00", "9000001": "2015-01-01 00:00"}, "2024-08"),
        ({"2396027": "2011-04-01 15:00"}, "2011-04"),
        ({}, "2026-11"),  # nothing yet: the current month
    ],
)
def test_incremental_hn_starts_at_the_newest_thread_in_the_warehouse(tmp_path, threads, expected):
    db = hn_warehouse(tmp_path / "w.duckdb", threads)
    assert hn_since(db, today=datetime(2026, 11, 26, tzinfo=UTC)) == expected


def test_without_a_warehouse_hn_starts_this_month(tmp_path):
    assert hn_since(tmp_path / "absent.duckdb", today=datetime(2026, 3, 9, tzinfo=UTC)) == "2026-03"


@pytest.mark.parametrize(
    ("spec", "gets_since"),
    [
        (SourceSpec("hn"), True),
        (SourceSpec("hn", args={"since": "2011-01"}), False),  # the backfill says so itself
        (SourceSpec("hn", args={"threads": "2396027"}), False),
        (SourceSpec("greenhouse", ("acme",)), False),
    ],
)
def test_only_an_hn_source_without_since_or_threads_is_made_incremental(tmp_path, spec, gets_since):
    resolved = with_incremental_since(spec, tmp_path / "absent.duckdb")
    assert ("since" in resolved.args and resolved.args != spec.args) == gets_since
