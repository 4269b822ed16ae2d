"""Every board token in the bundled sources file has public evidence that the board exists.

pipeline/sources_evidence.csv holds, per token, the board or API URL as it was seen in public code,
documentation or recorded responses (`url_seen`), where (`where_seen`: `owner/repo@<commit>:<path>`,
a documentation page URL, or a `shared/realdata/...` path) and when. A token without a row is a
token written from memory: the test names it.
"""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

import pytest

from pipeline.sources import DEFAULT_SOURCES_FILE, load_sources
from tests.realdata import realdata_path

EVIDENCE_FILE = DEFAULT_SOURCES_FILE.with_name("sources_evidence.csv")
ATS_HOSTS = {  # the hosts each ATS serves its boards and APIs from
    "greenhouse": (
        "boards-api.greenhouse.io",
        "boards.greenhouse.io",
        "job-boards.greenhouse.io",
        "job-boards.eu.greenhouse.io",
        "boards.eu.greenhouse.io",
    ),
    "lever": ("api.lever.co", "jobs.lever.co"),
    "ashby": ("api.ashbyhq.com", "jobs.ashbyhq.com"),
    "smartrecruiters": ("api.smartrecruiters.com", "jobs.smartrecruiters.com", "careers.smartrecruiters.com"),
    "workable": ("apply.workable.com",),
    "recruitee": ("recruitee.com",),
}
WHERE = re.compile(
    r"(?P<repo>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40}):\S+"  # public repository file
    r"|https?://\S+"  # documentation page
    r"|shared/realdata/(?P<realdata>\S+)"
)


def _evidence() -> list[dict[str, str]]:
    with open(EVIDENCE_FILE, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _bundled_boards() -> list[tuple[str, str]]:
    return [(s.source, b) for s in load_sources(DEFAULT_SOURCES_FILE) if s.source in ATS_HOSTS for b in s.boards]


def _host_and_path(url: str) -> tuple[str, str]:
    match = re.match(r"https?://([^/?#]+)(.*)", url)
    assert match, f"not an http(s) URL: {url}"
    return match.group(1).lower(), match.group(2)


def test_every_bundled_board_has_a_url_with_its_token_on_its_ats_host_and_a_place_it_was_seen():
    rows = {}
    for row in _evidence():
        rows.setdefault((row["source"], row["token"]), []).append(row)
    missing = [f"{s}:{t}" for s, t in _bundled_boards() if (s, t) not in rows]
    assert not missing, f"tokens without evidence: {missing}"
    for (source, token), found in rows.items():
        for row in found:
            host, path = _host_and_path(row["url_seen"])
            on_host = any(host == h or host.endswith("." + h) for h in ATS_HOSTS[source])
            assert on_host, f"{source}:{token}: {row['url_seen']} is not on {source}'s hosts"
            # The token is the URL's board segment: a path segment, or the Recruitee subdomain.
            segments = [s.lower() for s in re.split(r"[/?=&]", path) if s]
            assert token.lower() in segments or host == f"{token.lower()}.recruitee.com", (
                f"{source}:{token}: {row['url_seen']} does not name the board"
            )
            assert WHERE.fullmatch(row["where_seen"]), f"{source}:{token}: where_seen {row['where_seen']!r}"
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["seen_on"])


def test_the_bundled_file_lists_at_least_300_evidenced_boards_and_no_board_twice():
    boards = _bundled_boards()
    assert len(boards) >= 300
    assert len({(s, b.lower()) for s, b in boards}) == len(boards)


def test_the_evidence_file_names_only_boards_the_sources_file_uses():
    listed = set(_bundled_boards())
    extra = [f"{r['source']}:{r['token']}" for r in _evidence() if (r["source"], r["token"]) not in listed]
    assert not extra, f"evidence rows for tokens no longer in the sources file: {extra}"


@pytest.mark.parametrize(
    "row",
    [r for r in _evidence() if r["where_seen"].startswith("shared/realdata/")],
    ids=lambda r: f"{r['source']}:{r['token']}",
)
def test_evidence_from_recorded_responses_is_really_in_that_file(row):
    path = realdata_path(*Path(row["where_seen"]).parts[2:])
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        assert row["url_seen"] in handle.read()
