"""Skill mentions in posting text, per DESIGN.md "What counts as a skill mention".

One batch in, one frame out, all in Polars' Rust kernels (no Python per posting):

1. links and e-mail addresses are cut out (a URL names a site, not a skill), and so is the
   employer's own name when a `company` column is given (Tableau hiring is no Tableau mention);
2. the text is tokenized (see `skill_rules`: punctuation becomes its own token);
3. ONE Aho-Corasick scan, ASCII case-insensitive and overlapping, looks for every key at once:
   plain aliases, ambiguous forms in their contexts, and stop/rewrite phrases. Overlapping keeps
   nested aliases ("SQL Server" gives sql_server and sql). The scan returns each hit as written,
   so case rules are checked afterwards: an ambiguous form must be spelled exactly (", R"
   counts, ", r" does not), everything else matches in any case;
4. postings where a stop or rewrite phrase was seen ("Spark Capital", "R&D", "MS Excel") — a
   minority — get those phrases replaced and are scanned again; the others keep their first scan.
   One shared automaton is ~2x faster than separate cleanup, exact-case and plain passes, because
   every key starts with a space and the scan cost is per byte, not per key;
5. keys → skills (implied skills were folded into the key tables), one row per posting and skill.

Not handled: negation and past tense ("we replaced Java" still counts as java), and the names of
other companies ("ex-MongoDB founders") unless listed as stop phrases.
"""

from __future__ import annotations

import polars as pl

from flows.normalize.skill_rules import MatchTables, match_tables, strip_links, tokenize

OUTPUT_SCHEMA = {"posting_id": pl.String, "skill_id": pl.String}


def skill_text(title: pl.Expr, description_text: pl.Expr) -> pl.Expr:
    """The text skills are matched in: the title, a line break, then the description."""
    return pl.concat_str(title.fill_null(""), pl.lit("\n"), description_text.fill_null(""))


def _scan(tokens: pl.Expr, tables: MatchTables) -> pl.Expr:
    hits = tokens.str.extract_many(tables.patterns, ascii_case_insensitive=True, overlapping=True)
    return hits.list.unique()


def _hit_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select("posting_id", "hit").explode("hit").drop_nulls("hit")


def _skills_of(hit_rows: pl.DataFrame, tables: MatchTables) -> pl.DataFrame:
    hit_rows = hit_rows.with_columns(key=pl.col("hit").str.to_lowercase())
    # A hit has the key's length and layout, so the form sits at the same offset in both.
    in_context = (
        hit_rows.join(tables.context, on="key")
        .filter(pl.col("hit").str.slice(pl.col("form_offset"), pl.col("form_length")) == pl.col("form"))
        .select("posting_id", "skill_id")
    )
    plain = hit_rows.join(tables.plain, on="key").select("posting_id", "skill_id")
    return pl.concat([in_context, plain])


def _needs_cleanup(hits: pl.Expr, tables: MatchTables) -> pl.Expr:
    return hits.list.eval(pl.element().str.to_lowercase().is_in(tables.cleanup_keys["key"].implode())).list.any()


def _cleaned(tokens: pl.Expr, tables: MatchTables) -> pl.Expr:
    phrases, replacements = list(tables.cleanup), list(tables.cleanup.values())
    return tokens.str.replace_many(phrases, replacements, ascii_case_insensitive=True, leftmost=True)


def _without_employer(text: pl.Expr, company: pl.Expr) -> pl.Expr:
    # Polars has no per-row literal replace; splitting on the name and re-joining is one.
    # Names under 3 characters are left alone: "X" or "Go" as a name would eat real words.
    separator = pl.when(company.str.len_chars() >= 3).then(company).otherwise(pl.lit("\x00"))
    return text.str.split(separator).list.join(" ")


def match_skills(docs: pl.DataFrame) -> pl.DataFrame:
    """posting_id, text[, company] → posting_id, skill_id: one row per skill a posting mentions."""
    if docs.height == 0:
        return pl.DataFrame(schema=OUTPUT_SCHEMA)
    tables = match_tables()
    text = pl.col("text").fill_null("")
    if "company" in docs.columns:
        text = _without_employer(text, pl.col("company").fill_null(""))
    # Lazy on purpose: the streaming engine spreads these per-row kernels over all cores.
    scanned = (
        docs.lazy()
        .select(pl.col("posting_id").cast(pl.String), tokens=tokenize(strip_links(text)))
        .with_columns(hit=_scan(pl.col("tokens"), tables))
        .with_columns(dirty=_needs_cleanup(pl.col("hit"), tables))
        .with_columns(tokens=pl.when("dirty").then("tokens"))  # keep text only where it is needed again
        .collect()
    )
    rescanned = (
        scanned.lazy()
        .filter("dirty")
        .select("posting_id", hit=_scan(_cleaned(pl.col("tokens"), tables), tables))
        .collect()
    )
    skills = pl.concat([
        _skills_of(_hit_rows(scanned.filter(~pl.col("dirty"))), tables),
        _skills_of(_hit_rows(rescanned), tables),
    ])
    return skills.unique().cast(OUTPUT_SCHEMA)
