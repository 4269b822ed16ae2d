"""Keep the lookup tables (skills, roles) equal to the taxonomy seed files."""

from __future__ import annotations

import duckdb

from warehouse.taxonomy import roles_frame, skills_frame


def sync_taxonomy(con: duckdb.DuckDBPyConnection) -> None:
    """Replace `skills` and `roles` with the seed files' content (they are small lookups).

    Runs inside the caller's transaction when there is one, so a reader never sees them half done."""
    con.register("seed_skills", skills_frame().select("skill_id", "name", "category").to_arrow())
    con.register("seed_roles", roles_frame().select("role_id", "name", "kind", "parent_role").to_arrow())
    try:
        con.execute("DELETE FROM skills; INSERT INTO skills BY NAME SELECT * FROM seed_skills")
        con.execute("DELETE FROM roles; INSERT INTO roles BY NAME SELECT * FROM seed_roles")
    finally:
        con.unregister("seed_skills")
        con.unregister("seed_roles")
