"""Build small synthetic warehouses for the report tests (our own generated rows, loaded via Arrow)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

import polars as pl

from warehouse.db import connect

SKILLS = [
    ("python", "Python", "language"),
    ("sql", "SQL", "language"),
    ("rag", "RAG", "genai"),
    ("llm", "LLMs", "genai"),
    ("pytorch", "PyTorch", "framework"),
    ("tensorflow", "TensorFlow", "framework"),
    ("julia", "Julia", "language"),
    ("docker", "Docker", "tooling"),
    ("mcp", "MCP", "genai"),
    ("dbt", "dbt", "data"),
]
ROLES = [
    ("data_scientist", "Data Scientist", "role", None),
    ("ml_engineer", "Machine Learning Engineer", "role", None),
    ("ai_engineer", "AI Engineer", "role", None),
    ("research_scientist", "Research Scientist", "role", None),
    ("research_engineer", "Research Engineer", "role", None),
    ("other", "Other", "role", None),
    ("ml_platform", "ML platform", "specialism", "ml_engineer"),
    ("ml_hardware", "ML hardware", "specialism", "ml_engineer"),
    ("ml_solutions_architect", "ML solutions architect", "specialism", "ml_engineer"),
    ("analytics", "Analytics", "focus", "data_scientist"),
    ("modelling", "Modelling", "focus", "data_scientist"),
]

POSTING_SCHEMA = {
    "posting_id": pl.String,
    "source": pl.String,
    "source_id": pl.String,
    "company": pl.String,
    "title": pl.String,
    "role": pl.String,
    "specialism": pl.String,
    "focus": pl.String,
    "seniority": pl.String,
    "remote": pl.String,
    "salary_min": pl.Float64,
    "salary_max": pl.Float64,
    "salary_currency": pl.String,
    "salary_period": pl.String,
    "salary_annual_min": pl.Float64,
    "salary_annual_max": pl.Float64,
    "cluster_id": pl.String,
    "board": pl.String,
    "posted_at": pl.Datetime("us"),
    "first_seen": pl.Datetime("us"),
    "last_seen": pl.Datetime("us"),
}
POSTING_ROLE_SCHEMA = {
    "posting_id": pl.String,
    "role": pl.String,
    "specialism": pl.String,
    "focus": pl.String,
    "seniority": pl.String,
    "title": pl.String,
}


class PostingFactory:
    """Makes posting rows and their skills; ids are sequential so every test run is identical."""

    def __init__(self) -> None:
        self.postings: list[dict] = []
        self.posting_skills: list[dict] = []
        self.posting_roles: list[dict] = []
        self.tables: dict[str, pl.DataFrame] = {}  # runs, rejects: given whole by the test

    def add(
        self,
        role: str,
        week_start: date,
        *,
        skills: tuple[str, ...] = (),
        day: int = 2,
        title: str | None = None,
        company: str | None = "Acme",
        specialism: str | None = None,
        focus: str | None = None,
        dated: bool = True,
        source: str = "synthetic",
        roles: tuple[dict, ...] = (),
        **columns,
    ) -> str:
        """One posting; `roles` become its posting_roles rows, `columns` any other postings column
        (seniority, remote, salary_*, cluster_id, board)."""
        posting_id = f"p{len(self.postings):07d}"
        seen = datetime.combine(week_start + timedelta(days=day), time(12))
        unknown = set(columns) - set(POSTING_SCHEMA)
        assert not unknown, f"not a postings column: {unknown}"
        self.postings.append(
            {
                **columns,
                "posting_id": posting_id,
                "source": source,
                "source_id": posting_id,
                "company": company,
                "title": title or role.replace("_", " ").title(),
                "role": role,
                "specialism": specialism,
                "focus": focus,
                "posted_at": seen if dated else None,
                # first_seen is never null; when posted_at is missing a posting falls back to it.
                "first_seen": seen,
                "last_seen": seen + timedelta(days=3),
            }
        )
        self.posting_skills.extend({"posting_id": posting_id, "skill_id": s} for s in skills)
        self.posting_roles.extend(
            {**dict.fromkeys(POSTING_ROLE_SCHEMA), "title": title or role, **r, "posting_id": posting_id} for r in roles
        )
        return posting_id

    def add_week(
        self,
        role: str,
        week_start: date,
        count: int,
        shares: dict[str, float] | None = None,
        *,
        titles: tuple[str, ...] = (),
        **kw,
    ) -> None:
        """`count` postings of `role` in a week; skill s on the first round(share·count) of them;
        titles, if given, taken in turn."""
        shares = shares or {}
        titles = titles or (kw.pop("title", None),)
        for i in range(count):
            skills = tuple(s for s, fraction in shares.items() if i < round(fraction * count))
            self.add(role, week_start, skills=skills, title=titles[i % len(titles)], **kw)

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            **self.tables,
            "postings": pl.DataFrame(self.postings, schema=POSTING_SCHEMA),
            "posting_roles": pl.DataFrame(self.posting_roles, schema=POSTING_ROLE_SCHEMA),
            "posting_skills": pl.DataFrame(
                self.posting_skills, schema={"posting_id": pl.String, "skill_id": pl.String}
            ),
            "skills": pl.DataFrame(SKILLS, schema=["skill_id", "name", "category"], orient="row"),
            "roles": pl.DataFrame(ROLES, schema=["role_id", "name", "kind", "parent_role"], orient="row"),
        }


def write_warehouse(path: Path, frames: dict[str, pl.DataFrame]) -> Path:
    """Create the warehouse with warehouse.db.connect() and load each frame through Arrow."""
    con = connect(path)
    try:
        for table, frame in frames.items():
            if frame.height == 0:
                continue
            con.register("incoming", frame.to_arrow())
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
    finally:
        con.close()
    return path


def synthetic_frames(postings: int, *, weeks: int = 52, last_week: date = date(2026, 11, 16), seed: int = 7) -> dict:
    """A large random warehouse for timing: `postings` rows over `weeks` weeks, ~6 skills each."""
    rng = random.Random(seed)
    roles = ["data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer", "other"]
    skill_ids = [f"skill_{i:03d}" for i in range(120)] + [s for s, _, _ in SKILLS]
    start = datetime.combine(last_week - timedelta(weeks=weeks - 1), time(9))
    offsets = [rng.randrange(weeks * 7 * 24) for _ in range(postings)]
    ids = [f"s{i:08d}" for i in range(postings)]
    posted = [start + timedelta(hours=o) for o in offsets]
    frame = pl.DataFrame(
        {
            "posting_id": ids,
            "source": ["synthetic"] * postings,
            "source_id": ids,
            "company": [f"Company {rng.randrange(2000)}" for _ in range(postings)],
            "title": [f"Title {rng.randrange(500)}" for _ in range(postings)],
            "role": [rng.choice(roles) for _ in range(postings)],
            "specialism": [None] * postings,
            "focus": [None] * postings,
            **{
                column: [None] * postings
                for column in POSTING_SCHEMA
                if column.startswith(("salary", "senior", "remote", "cluster", "board"))
            },
            "posted_at": posted,
            "first_seen": posted,
            "last_seen": posted,
        },
        schema=POSTING_SCHEMA,
    )
    pairs = {"posting_id": [], "skill_id": []}
    for posting_id in ids:
        for skill in rng.sample(skill_ids, 6):
            pairs["posting_id"].append(posting_id)
            pairs["skill_id"].append(skill)
    skills = [(s, s.replace("_", " ").title(), "synthetic") for s in skill_ids[:120]] + SKILLS
    return {
        "postings": frame,
        "posting_skills": pl.DataFrame(pairs),
        "skills": pl.DataFrame(skills, schema=["skill_id", "name", "category"], orient="row"),
        "roles": pl.DataFrame(ROLES, schema=["role_id", "name", "kind", "parent_role"], orient="row"),
    }
