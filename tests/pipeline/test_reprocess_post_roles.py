"""`jobpulse reprocess` re-derives the roles an HN post names in its text, as ingest does."""

from __future__ import annotations

from contract.posting import new_item
from pipeline.ingest import ingest_files
from pipeline.reprocess import reprocess
from tests.pipeline.landing_files import write_landing
from warehouse.db import connect

POST = new_item(
    source="hn",
    source_id="9001",
    board="thread-1",
    title="Acme | NYC | ONSITE",
    company="Acme",
    description_html=(
        "<p>Acme | NYC | ONSITE</p><p>We're hiring: - Data Scientist - ML Engineer</p>"
        "<p>You will work with our team on the data that we collect for the city, "
        "and you will be the one to ship it.</p>"
    ),
    posted_at="2026-11-02T09:00:00Z",
    raw={"id": 9001},
)


def roles(con) -> tuple[list, list]:
    primary = con.execute("SELECT role, language FROM postings").fetchall()
    listed = con.execute("SELECT role FROM posting_roles ORDER BY role").fetchall()
    return primary, listed


def test_an_hn_post_re_derived_after_a_rules_change_gets_the_roles_its_text_names(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    try:
        ingest_files(con, [write_landing(tmp_path / "l", "run", [POST])])
        ingested = roles(con)
        # As an older version of the rules left it: header only, so `other`, and no listed roles.
        con.execute("UPDATE postings SET role = 'other', language = NULL, taxonomy_version = 'older'")
        con.execute("DELETE FROM posting_roles")
        assert reprocess(con).postings == 1
        assert roles(con) == ingested == ([("data_scientist", "en")], [("data_scientist",), ("ml_engineer",)])
    finally:
        con.close()
