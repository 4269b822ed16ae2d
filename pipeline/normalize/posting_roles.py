"""Every role a posting hires for (`posting_roles`) and its primary role (`postings.role`).

A header names one job or several ("ML Engineer, Data Scientist"); an HN post or a careers-page
posting titled "Multiple roles" names its openings in its text (`body_roles`). Each title found is
classified on its own by `roles.classify_roles`. The primary role is the header's, unless the header
names no ML role and the text does: then it is the first ML role the text names (an HN header is
often "Acme | NYC | ONSITE"). A posting in another language than English (`language`) is read by
English rules only as far as they can tell: an ML role they find in its title stands (titles such as
"Data Scientist (m/w/d)" are English in German postings), its text is not read for openings, and
where they find none the posting is not classified — role NULL, no `posting_roles` rows — rather
than counted as `other`, a non-ML job. A job seeker's post that lands in an HN hiring thread names
the jobs it wants, not openings: it gets no ML role.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.body_roles import body_role_titles, reads_body
from pipeline.normalize.listed_titles import JOB_NOUN
from pipeline.normalize.roles import classify_roles
from pipeline.normalize.title_split import title_parts

ROLE_COLUMNS = ["posting_id", "role", "specialism", "focus", "seniority", "title"]
_ROLE_ATTRIBUTES = ["role", "specialism", "focus", "seniority"]


def _job_seeker(columns: list[str]) -> pl.Expr:
    """A job seeker's post in an HN hiring thread ("SEEKING | AI/ML Engineer | … Resume: …") hires no one:
    its first line opens with "seeking" (not "seeking a senior engineer") and it offers a résumé or the
    like, or it looks for a position and never speaks as "we". Other sources post employers' ads only."""
    if "source" not in columns or "description_text" not in columns:
        return pl.lit(False)
    text = pl.col("description_text").fill_null("").str.to_lowercase()
    first = text.str.extract(r"^\s*([^\n]*)", 1).fill_null("")
    offers_self = (
        (pl.col("source") == "hn")
        & first.str.contains(r"^\W*seeking\b")
        & ~first.str.contains(
            r"^\W*seeking\s+(?:[a-z/-]+\s+){0,3}?(?:freelanc|contract|engineer|developer|"
            r"scientist|designer|cto|co-?founder|candidate|people|talent|hire|team|partner|"
            r"individual|someone|professional)"
        )
        & text.str.contains(r"\b(?:resume|résumé|cv|portfolio|open to|willing to relocate|linkedin\.com/in)\b")
    )
    # "Looking for a full-time onsite position in machine learning.": a post that wants a position, and
    # never speaks as an employer ("we", "our"), whether or not it offers a résumé.
    wants_position = (
        (pl.col("source") == "hn")
        & ~first.str.contains(r"\?")
        & first.str.contains(
            r"^\W*(?:i'?m |i am )?(?:looking for|seeking|searching for)\s+(?:an?\s+)?"
            r"(?:[\w-]+\s+){0,3}?(?:position|job|role|opportunity|internship)\b"
        )
        & ~text.str.contains(r"\b(?:we|we're|we've|our|us)\b")
    )
    return offers_self | wants_position


def _read_in_english() -> pl.Expr:
    """True where the English rules' `other` means "not an ML job"; false for another language."""
    return pl.col("language").is_null() | (pl.col("language") == "en")


def roles_per_title(postings: pl.DataFrame) -> pl.DataFrame:
    """One row per role title a posting names: each title of its header, and for posts whose header
    is not one job (`body_roles.reads_body`) each ML opening its text names; every title classified
    on its own with the posting's description for context. Header rows come first, then the text's
    in the order the post names them. Columns: ROLE_COLUMNS."""
    english = _read_in_english() if "language" in postings.columns else pl.lit(True)
    header = title_parts(postings.select("posting_id", "title")).with_columns(position=pl.lit(-1, pl.Int64))
    body = body_role_titles(postings.filter(reads_body(postings)).select("posting_id", "description_text"))
    parts = pl.concat([header.lazy(), body.lazy()]).join(
        postings.lazy().select("posting_id", "description_text", english=english), on="posting_id", how="left"
    )
    # A post read in full names its ML roles in its text, header line included, cut finer there
    # ("Acme — Full-Stack Engineer — TypeScript / React / AI" is no AI engineer); its header adds
    # the jobs that are not ML.
    in_full = postings.lazy().filter(reads_body(postings)).select("posting_id", in_full=pl.lit(True))
    roles = (
        classify_roles(parts)
        .join(in_full, on="posting_id", how="left")
        .filter(
            pl.when(pl.col("position") < 0)
            .then(pl.when(pl.col("role") == "other").then(pl.col("english")).otherwise(pl.col("in_full").is_null()))
            # English rules read only English text: another language's text names no opening to them.
            .otherwise((pl.col("role") != "other") & pl.col("english"))
        )
    )
    # A job seeker's post names the jobs it wants, not openings.
    seekers = postings.lazy().filter(_job_seeker(postings.columns)).select("posting_id", seeker=pl.lit(True))
    roles = (
        roles.join(seekers, on="posting_id", how="left")
        .filter(pl.col("seeker").is_null() | (pl.col("role") == "other"))
        .drop("seeker")
    )
    # A header that names no job ("Acme | NYC | ONSITE") says nothing once the text named an ML role.
    found = pl.col("role").ne("other").any().over("posting_id")
    roles = roles.filter(~(found & (pl.col("role") == "other") & ~pl.col("title").str.contains("(?i)" + JOB_NOUN)))
    return (
        roles.sort("posting_id", "position", maintain_order=True)
        .select(ROLE_COLUMNS)
        .unique(["posting_id", "role", "title"], maintain_order=True)
        .collect()
    )


def with_primary_role(classified: pl.DataFrame, posting_roles: pl.DataFrame) -> pl.DataFrame:
    """`classified` (a posting per row, its header's role columns) with the primary role: the header's
    ML role, else the first ML role of `posting_roles`, else the header's `other` — or NULL when the
    posting is not in English."""
    first_ml = (
        posting_roles.filter(pl.col("role") != "other")
        .unique("posting_id", keep="first", maintain_order=True)
        .select("posting_id", *[pl.col(c).alias(f"_text_{c}") for c in _ROLE_ATTRIBUTES])
    )
    english = _read_in_english() if "language" in classified.columns else pl.lit(True)
    take_text = (pl.col("role") == "other") & pl.col("_text_role").is_not_null()
    seeker = _job_seeker(classified.columns)
    unclassified = (pl.col("role") == "other") & ~english & ~take_text
    return (
        classified.join(first_ml, on="posting_id", how="left")
        .with_columns(
            [pl.when(take_text).then(pl.col(f"_text_{c}")).otherwise(pl.col(c)).alias(c) for c in _ROLE_ATTRIBUTES]
        )
        .with_columns(
            [
                pl.when(unclassified).then(pl.lit(None, dtype=pl.String)).otherwise(pl.col(c)).alias(c)
                for c in ("role", "specialism", "focus")
            ]
        )
        .with_columns(  # a job seeker's post is no ML opening, whatever job its header names
            role=pl.when(seeker & pl.col("role").is_not_null()).then(pl.lit("other")).otherwise(pl.col("role")),
            specialism=pl.when(seeker).then(pl.lit(None, dtype=pl.String)).otherwise(pl.col("specialism")),
            focus=pl.when(seeker).then(pl.lit(None, dtype=pl.String)).otherwise(pl.col("focus")),
        )
        .drop([f"_text_{c}" for c in _ROLE_ATTRIBUTES])
    )
