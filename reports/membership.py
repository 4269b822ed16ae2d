"""Who counts where: duplicates collapsed, multi-role postings spread over their roles, sections.

Three rules every trend in the report follows (lazy Polars expressions, no collect here):
- Duplicates: postings sharing a `cluster_id` are one job; the cluster counts once, as its
  earliest posting (by date, then id). A posting without a cluster_id is its own cluster.
- Multi-role posts: a posting with rows in `posting_roles` counts once in each role listed there
  (with that row's specialism, focus, seniority and title); otherwise it counts in `postings.role`.
- Sections: every role, each ML-engineer specialism and data-science focus, all ML roles together
  (each posting once, however many ML roles it lists) and all postings whatever their role.
"""

from __future__ import annotations

import polars as pl

from reports.taxonomy import ALL_ML, ALL_POSTINGS, BREAKDOWNS, ML_ROLES

# What the report needs of each counted (posting, section) pair.
MEMBER_COLUMNS = (
    "posting_id",
    "period_start",
    "title",
    "variant",
    "variant_text",
    "seniority",
    "remote",
    "company",
    "pay",
    "currency",
)
ROLE_COLUMNS = ("role", "specialism", "focus", "seniority", "title", "variant", "variant_text")
UNSTATED_CURRENCY = "unstated"

# Words that make a title more senior or junior without changing the job it names.
_LEVEL_WORDS = (
    r"(?i)\b(?:senior|snr|sr|junior|jr|staff|principal|lead|head of|chief|distinguished|intern(?:ship)?"
    r"|entry[- ]level|mid[- ]level|associate|founding|i{1,3}|iv|[1-4])\b\.?"
)
# Everything after the first separator is team, place or pitch, not the title ("AI Engineer - Search").
_AFTER_SEPARATOR = r"(?i)(?:\s[-–—@]\s|[,;|(\[]|\s+at\s|\s+in\s).*$"


def period_start(every: str) -> pl.Expr:
    """First day of the period a posting belongs to: its own date, else when we first saw it."""
    return pl.coalesce("posted_at", "first_seen").dt.truncate(every).dt.date().alias("period_start")


def annual_pay() -> list[pl.Expr]:
    """Midpoint of the annual pay range, and its currency (only when pay is given).

    salary_annual_* are filled by normalization (schema v2); older rows fall back to the raw
    range when the source already stated it per year. Hourly/monthly pay without an annualized
    figure is left out rather than guessed.
    """
    yearly = pl.col("salary_period").str.to_lowercase() == "year"
    low = pl.coalesce("salary_annual_min", pl.when(yearly).then("salary_min"))
    high = pl.coalesce("salary_annual_max", pl.when(yearly).then("salary_max"))
    pay = pl.mean_horizontal(low, high).alias("pay")
    currency = pl.when(pay.is_not_null()).then(pl.col("salary_currency").fill_null(UNSTATED_CURRENCY)).alias("currency")
    return [pay, currency]


def counted_postings(postings: pl.LazyFrame, every: str, *, deduplicate: bool = True) -> pl.LazyFrame:
    """One row per duplicate cluster (its earliest posting), with period_start, pay and currency.

    Only clustered postings are grouped, so a warehouse without clusters pays nothing for the rule.
    """
    base = postings.with_columns(period_start(every), *annual_pay())
    if not deduplicate:
        return base
    first_date = pl.coalesce("posted_at", "first_seen")
    earliest = (
        base.filter(pl.col("cluster_id").is_not_null())
        .group_by("cluster_id")
        .agg(pl.col("posting_id").sort_by(first_date, "posting_id").first())
    )
    clustered = base.join(earliest, on=["cluster_id", "posting_id"], how="semi")
    return pl.concat([base.filter(pl.col("cluster_id").is_null()), clustered], how="vertical_relaxed")


# ── signatures: which sections a posting counts in, computed once per distinct combination ─────
# A posting's signature lists its (role, specialism, focus) entries; postings sharing one count in
# the same sections, so whole-history counts are grouped by signature (a few dozen values) and
# only then spread over sections: the big tables are never copied once per section.
_FIELD, _ENTRY = "\x1f", "\x1e"


def _entry() -> pl.Expr:
    return pl.concat_str([pl.col(c).fill_null("") for c in ("role", "specialism", "focus")], separator=_FIELD)


def with_signature(counted: pl.LazyFrame, posting_roles: pl.LazyFrame, *, listed_roles: bool) -> pl.LazyFrame:
    own = _entry().alias("signature")
    if not listed_roles:
        return counted.with_columns(own)
    listed = (
        posting_roles.with_columns(listed=_entry())
        .group_by("posting_id")
        .agg(pl.col("listed").unique().sort().str.join(_ENTRY))
    )
    return (
        counted.join(listed, on="posting_id", how="left")
        .with_columns(pl.coalesce("listed", own).alias("signature"))
        .drop("listed")
    )


def _entries(signature: str) -> list[tuple[str, str, str]]:
    return [tuple(entry.split(_FIELD)) for entry in signature.split(_ENTRY)]  # type: ignore[misc]


def signature_sections(signatures: list[str]) -> pl.DataFrame:
    """signature → section, for every section (including 'other' and unknown role ids) it counts in."""
    pairs = []
    for signature in signatures:
        sections = {ALL_POSTINGS}
        for role, specialism, focus in _entries(signature):
            if role.strip():
                sections.add(role)
            if role in ML_ROLES:
                sections.add(ALL_ML)
            column, values = BREAKDOWNS.get(role, ("", ()))
            value = specialism if column == "specialism" else focus
            if value in values:
                sections.add(value)
        pairs += [(signature, section) for section in sorted(sections)]
    return pl.DataFrame(pairs, schema={"signature": pl.String, "section": pl.String}, orient="row")


def signature_roles(signatures: list[str]) -> pl.DataFrame:
    """signature → role id as stored (blank and unknown ids too), once per role; for the quality counts."""
    pairs = {(signature, role) for signature in signatures for role, _, _ in _entries(signature)}
    return pl.DataFrame(sorted(pairs), schema={"signature": pl.String, "role": pl.String}, orient="row")


def role_rows(counted: pl.LazyFrame, posting_roles: pl.LazyFrame) -> pl.LazyFrame:
    """One row per (counted posting, role entry): posting_roles' rows when it lists the posting, else postings.role.

    `counted` carries its title variant already (see title_variant); a listed role reads its own.
    A role's seniority falls back to the posting's when posting_roles leaves it empty.
    The warehouse's `role_postings` view (warehouse/views.sql) is the same rule in SQL, for analysts;
    tests/warehouse/test_role_membership.py holds the two equal.
    """
    attributes = [c for c in MEMBER_COLUMNS if c not in ROLE_COLUMNS]
    explicit = posting_roles.join(
        counted.select(*attributes, posting_seniority="seniority"), on="posting_id", how="inner"
    ).with_columns(pl.coalesce("seniority", "posting_seniority").alias("seniority"), *title_variant())
    implicit = counted.join(posting_roles.select("posting_id").unique(), on="posting_id", how="anti")
    columns = [*attributes, *ROLE_COLUMNS]
    return pl.concat([explicit.select(columns), implicit.select(columns)], how="vertical_relaxed")


def section_members(counted: pl.LazyFrame, rows: pl.LazyFrame) -> pl.LazyFrame:
    """section + MEMBER_COLUMNS, one row per counted posting in each section it belongs to.

    A posting listed twice in one section (two title variants of a role) counts once there, with
    the alphabetically first title. Must agree with `signature_sections` (a property test checks).
    """
    role = pl.col("role")
    sub_section = pl.coalesce(
        *(
            pl.when((role == parent) & pl.col(column).is_in(values)).then(pl.col(column))
            for parent, (column, values) in BREAKDOWNS.items()
        )
    )
    ml_postings = rows.filter(role.is_in(ML_ROLES)).select("posting_id").unique()
    per_role = (
        pl.concat(
            [
                rows.select(role.alias("section"), *MEMBER_COLUMNS),
                rows.with_columns(section=sub_section).drop_nulls("section").select("section", *MEMBER_COLUMNS),
            ]
        )
        .sort("section", "posting_id", "title")
        .unique(["section", "posting_id"], keep="first", maintain_order=False)
    )
    parts = [
        per_role,
        counted.join(ml_postings, on="posting_id", how="semi").select(pl.lit(ALL_ML).alias("section"), *MEMBER_COLUMNS),
        counted.select(pl.lit(ALL_POSTINGS).alias("section"), *MEMBER_COLUMNS),
    ]
    return pl.concat(parts, how="vertical_relaxed")


def title_variant() -> list[pl.Expr]:
    """`variant` (lowercase key) and `variant_text` (as written) of a title, level words removed.

    'Senior AI Engineer, Search (Remote)' and 'AI Engineer II' are both the variant 'ai engineer';
    'GenAI/LLM Engineer' and 'Applied AI Engineer' stay variants of their own.
    """
    cleaned = (
        pl.col("title")
        .str.replace(_AFTER_SEPARATOR, "")
        .str.replace_all(_LEVEL_WORDS, " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" -–—/.,")
    )
    text = pl.when(cleaned.str.len_chars() > 0).then(cleaned).otherwise(pl.col("title").str.strip_chars())
    return [text.str.to_lowercase().alias("variant"), text.alias("variant_text")]
