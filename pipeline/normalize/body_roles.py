"""The openings a post names in its text, as titles for `roles.py` to classify: Polars expressions.

An HN post puts the company in its first line and the jobs anywhere: in a list ("Open roles: - Data
Scientist - ML Engineer"), under a heading, in a sentence ("we're looking for a senior data scientist
to …"), or as fields ("talent in data science and machine learning"). Mentions that are not openings
("you'll work with our data scientists", "our ML team", "founded by ex-Google researchers") must stay
out. tests/devsets/LABELLING.md ("Roles from the whole post") says what counts; the HN post devset
measures it.

The text is cut into units at line breaks, bullets, pipes, dashes between spaces, colons, sentence
ends and URLs; only units with an ML word are read further. A unit yields opening titles when:

1. **Listed**: the whole unit reads as a job title — it names a job noun (engineer, scientist,
   researcher, lead, intern, …), is short (or a comma list of short parts), and has none of the
   words a sentence about people has (pronouns, verbs, articles, "with", "ex-", "experience").
   "Data Scientist", "Senior ML Engineer (NLP)", "Data Scientist at Acme" are listed; "Collaborate
   with data scientists" and "Our data scientists use …" are not. Titles run together without
   separators ("Backend Engineer ML Engineer Data Scientist") are cut after each job noun.
2. **Qualified**: a short field-only unit right after a listed title qualifies it ("Software
   Engineer - Machine Learning Team" → "Software Engineer, Machine Learning Team"); a unit of only
   fields right before a bare job noun heads it ("Deep Learning - Developer / Engineer").
3. **Hired**: the clause after a hiring cue ("hiring", "looking for", "seeking", "we mainly need",
   "open roles", "positions …, including") up to the first word that ends a noun phrase ("to",
   "who", "with", …) is a list of titles, each cut again at a place word ("in NYC", "at Acme"); a
   heading that ends in its cue ("Open roles:", "… for the following positions:") makes the next unit
   such a list, titles run together included ("Get Off Your Back End Engineer DevOps Engineer Data
   Scientist", each title read on its own). There a bare field
   names the role of that field ("data science" → data scientist, "machine learning" → ML engineer).

4. **Disciplines and invitations**: a list of three or more short fields (the header's "Frontend,
   Backend, Dev Ops, ML/AI", the teams an engineer joins, a bare field among titles) names the
   fields' roles; so do "As a data scientist at Acme, you'll …", "if machine learning is close to
   your heart", "X welcome as well", a quoted or parenthesised title, and a bulleted field heading
   (`body_invitations`); a title with its field after "with" ("AI Systems Architect with ML").
5. **Fields in prose** (`body_fields`): the fields a sentence hires a group in ("engineers of all
   flavors — …, machine learning", "roles (backend, … & data science)", "Computer Vision and Full
   Stack positions"), and an engineer hired to build ML itself ("to develop and validate deep neural
   networks", "to lead an ML/NLP project").

Each title is then split by `title_split` and classified by `roles.classify_roles` with the post's
text as context, exactly like a header; `body_role_titles` keeps the titles' order in the post.

By subject: `body_units` cuts the text, `listed_titles` says what reads as a title (rule 1),
`hiring_sentences` reads the clauses hiring cues govern (rule 3), `body_fields` and
`body_invitations` hold rules 4 and 5; this module combines them.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.body_fields import (
    ENGINEERS_FOR,
    ITEM_END,
    STRIP,
    discipline_items,
    field_title,
    fields_hired_in_prose,
    fields_listed,
    only_disciplines,
)
from pipeline.normalize.body_invitations import invited_titles
from pipeline.normalize.body_units import ML_VOCABULARY, post_units
from pipeline.normalize.hiring_sentences import CUE, LEADING_FILLER, TITLES_TO, clause_end, hired_clause, list_items
from pipeline.normalize.listed_titles import AT_EMPLOYER, FIELD, JOB_NOUN, NOT_TITLE, comma_after_jobs, reads_as_titles
from pipeline.normalize.title_split import title_parts

# The patterns below serve rules 2 and 4 only, here.
# "Developer / Engineer": a bare job noun that a field heading before it qualifies (rule 2).
_BARE_JOB = (
    r"^(?:(?:senior|sr|staff|lead|principal|junior|jr|founding|software)\s+)*(?:" + JOB_NOUN + r")"
    r"(?:\s*/\s*(?:" + JOB_NOUN + r"))*$"
)
# Languages and tools: a header list naming two or more is one hire's skills, not disciplines.
_LANGUAGE = (
    r"\b(?:java|python|ruby|php|html|css|js|javascript|typescript|golang|scala|c\+\+|c#|rails|react|node(?:\.?js)?|"
    r"aws|sql|linux|perl|haskell|clojure|erlang|elixir|rust|swift|kotlin|objective-c)\b"
)
_COUNTED_FIELD = r"^([a-z/ ]{2,30}?)\s*\(\d+\s+(?:open\s+)?(?:roles?|positions?|openings?)\)?$"
_ONLY_FIELDS = f"^(?:{FIELD}|and|&|/|\\s)+$"  # "Deep Learning", not "Espresso AI"
_JOB_AND_FIELD = f"^[^,&]*{JOB_NOUN}\\s*(?:&|\\band\\b)\\s*((?:{FIELD}|\\s)+)$"
_QUALIFIER_EXTRA = r"\b(?:teams?|platform|infrastructure|infra|sdk|group|org)\b"


# Titles that name no one job: careers pages and aggregator posts ("Multiple roles", "We're hiring").
_GENERIC_TITLE = (
    r"(?i)^\W*$|^\W*(?:(?:multiple|various|several|many|open|all|other|general|\d+)\s+)*(?:open\s+)?"
    r"(?:roles?|positions?|openings?|jobs?|opportunities|vacancies|careers?|applications?)\b|"
    r"\b(?:multiple|various|several|many) (?:\w+ )?(?:roles|positions|openings|jobs)\b|general application|"
    r"open application|spontaneous application|talent (?:pool|community|network)|join (?:our|the) team|"
    r"we(?:'re| are) hiring|\bcareers? (?:at|page)\b"
)


def reads_body(postings: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """Postings whose text is read for openings: HN posts, and titles that name no one job."""
    generic = pl.col("title").is_null() | pl.col("title").str.contains(_GENERIC_TITLE)
    if "source" in postings.collect_schema().names():
        return (pl.col("source") == "hn") | generic
    return generic


def body_role_titles(postings: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """(posting_id, description_text) → (posting_id, title, position): the opening titles each post's
    text names, one row per title (split like a header), `position` their order in the post."""
    text = pl.col("description_text").fill_null("").str.to_lowercase()
    unit, previous = pl.col("unit"), pl.col("previous")
    field_only = (
        ~unit.str.contains(JOB_NOUN)
        & unit.str.contains(FIELD)
        & ~unit.str.replace_all(_QUALIFIER_EXTRA, "").str.contains(NOT_TITLE)
        & (unit.str.count_matches(r"\S+") <= 5)
    )
    qualifies = field_only & reads_as_titles(previous.fill_null(""))
    # A heading that ends in its cue ("Open roles:", "hiring in lots of disciplines:") governs the next unit.
    heading = (
        (previous.str.contains(CUE) & (hired_clause(previous, items=False) == ""))
        | previous.str.contains(r"\b(?:following|these|open|below)\s+(?:positions|roles|openings)$")
    ).fill_null(False)
    headed_unit = comma_after_jobs(unit, heading)
    # A list of short items ("Data Scientist, ML Engineer"), not a sentence; one long joke title may be among them.
    words = list_items(headed_unit).list.eval(pl.element().str.count_matches(r"\S+"))
    headed = heading & (
        (words.list.max() <= 6)
        | ((unit.str.count_matches(JOB_NOUN) >= 3) & (words.list.eval(pl.element() <= 6).list.mean() >= 0.75))
    )
    # A list of three to ten short items, at least one comma, no sentence words: disciplines, not
    # "Research Engineer, Machine Learning" (a qualified title) nor a job seeker's skill list.
    items = discipline_items(unit)
    compounded = unit.str.replace_all(r"\w+(?:-\w+)+", "x")  # "mid-to-senior" is one word, not "to"
    short_list = (
        unit.str.contains(",")
        & items.list.len().is_between(3, 10)
        & (items.list.eval(pl.element().str.count_matches(r"\S+")).list.max() <= 6)
        & ~compounded.str.replace_all(r"\([^)]*\)?", " ").str.contains(NOT_TITLE)
    )
    # "Data science, devops, engineering. Hiring 5 engineers now.": a list of its own that the next
    # sentence hires for names the disciplines too.
    hires_next = (
        pl.col("next").fill_null("").str.contains(r"^(?:we(?:'re| are) |now |currently )?(?:hiring|recruiting)\b")
    )
    # "Senior Data Scientist, AI and Machine Learning" is one title with its fields, not three disciplines.
    one_qualified_title = unit.str.contains(f"^[^,]*{JOB_NOUN}[^,]*,\\s*(?:{FIELD}|and|&|/|\\s)+$")
    # "Ruby, PHP, HTML/CSS/JS, Machine Learning" in a header: one hire's skills (two languages or tools or more), no
    # openings.
    skill_list = unit.str.count_matches(_LANGUAGE) >= 2
    disciplines = (
        short_list
        & ~one_qualified_title
        & ~skill_list
        & (pl.col("in_header") | reads_as_titles(compounded) | hires_next)
    )
    # Collected once: the three kinds of title below all read these rows.
    candidates = (
        postings.lazy()
        .select("posting_id", text=text)
        .filter(pl.col("text").str.contains(ML_VOCABULARY))
        .select(
            "posting_id",
            unit=post_units(pl.col("text")),
            header=post_units(pl.col("text").str.extract(r"^([^\n]*)", 1)),
        )
        # Lists, not windows over the exploded rows: each unit's place and the unit before it.
        .with_columns(position=pl.int_ranges(unit.list.len()), previous=unit.list.shift(1), next=unit.list.shift(-1))
        .explode("unit", "position", "previous", "next")
        .with_columns(in_header=pl.col("header").list.contains(unit))
        # Every title below takes its role from ML words in its own unit: only those units are read.
        .filter(unit.str.contains(ML_VOCABULARY))
        .select(
            "posting_id",
            "position",
            listed=pl.when(reads_as_titles(comma_after_jobs(unit))).then(comma_after_jobs(unit)),
            qualified=pl.when(qualifies).then(pl.concat_str(previous, pl.lit(", "), unit)),
            # "Deep Learning - Developer / Engineer": a field heading a bare job noun.
            fielded=pl.when(unit.str.contains(_ONLY_FIELDS) & pl.col("next").str.contains(_BARE_JOB)).then(
                pl.concat_str(unit, pl.lit(" "), pl.col("next"))
            ),
            # The header's list of disciplines hired ("Frontend, Backend, Dev Ops, ML/AI"), or bare fields
            # in a list of titles ("Computer Vision in Lausanne, mid-senior software engineer in LA").
            fields=pl.concat_list(
                pl.when(disciplines).then(fields_listed(unit)).otherwise(pl.lit([], pl.List(pl.String))),
                # "Agentic AI (2 roles): Platform Engineers, …": a field heading with its count of openings.
                fields_listed(unit.str.extract(_COUNTED_FIELD, 1).fill_null("")),
                # A unit of disciplines only ("Full Time iOS, Android, QA, Data Science, Machine Learning").
                fields_listed(only_disciplines(unit).fill_null("")),
                fields_listed(unit.str.extract(ENGINEERS_FOR, 1).fill_null("")),
                # A header "Software Engineer & Data Science": a job and a field hired beside it.
                fields_listed(pl.when(pl.col("in_header")).then(unit.str.extract(_JOB_AND_FIELD, 1)).fill_null("")),
            ),
            hired=pl.concat_list(
                list_items(hired_clause(unit).fill_null("")),
                invited_titles(unit),
                # "Statisticians & Data Scientists to Focus on the Energy Industry": a heading that opens with
                # its titles and says what they will do.
                list_items(unit.str.extract(TITLES_TO, 1).fill_null("")),
                pl.when(headed).then(list_items(headed_unit)).otherwise(pl.lit([], pl.List(pl.String))),
            ),
        )
        .collect()
    )
    # Listed and qualified titles are split like a header ("Backend / ML Engineer" → two).
    titled = pl.concat(
        [
            candidates.select("posting_id", "position", title=column)
            .filter(pl.col("title").is_not_null())
            .with_columns(pl.col("title").str.replace(AT_EMPLOYER, ""))
            for column in ("listed", "qualified", "fielded")
        ]
    ).with_row_index("candidate")
    # "Senior Research/Engineers" names a researcher too: the part "Senior Research" is that job.
    split = (
        title_parts(titled.select("candidate", "title"), key="candidate")
        .join(titled.select("candidate", "posting_id", "position"), on="candidate")
        .with_columns(pl.col("title").str.replace(r"(?i)\bresearch\s*$", "researcher"))
    )
    # Hired clauses were cut into items already; a bare field there stands for its title.
    fields = candidates.select("posting_id", "position", title="fields").explode("title").drop_nulls("title")
    hired = (
        candidates.select("posting_id", "position", title="hired")
        .explode("title")
        .with_columns(
            title=field_title(
                clause_end(pl.col("title").str.replace(LEADING_FILLER, ""))
                .str.replace(ITEM_END, "")
                .str.strip_chars(STRIP)
                .str.replace(
                    r"\s+(?:roles?|positions?|openings?|jobs?|people|folks|talent|"
                    r"types|minds)$",
                    "",
                )
            )
        )
    )
    return (
        pl.concat(
            [
                split.select("posting_id", "position", "title"),
                hired,
                fields,
                fields_hired_in_prose(
                    postings.lazy().select("posting_id", "description_text").filter(text.str.contains(ML_VOCABULARY))
                ).collect(),
            ]
        )
        .with_columns(pl.col("title").str.strip_chars(STRIP).str.replace(LEADING_FILLER, ""))
        .filter(reads_as_titles(pl.col("title"), max_words=10))
        .unique(["posting_id", "title"], keep="first", maintain_order=True)  # ties in position keep text order
        .sort("posting_id", "position", maintain_order=True)
        .select("posting_id", "title", "position")
    )
