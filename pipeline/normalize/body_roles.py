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
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.body_fields import (
    ENGINEERS_FOR,
    FIELD_HEADING,
    ITEM_END,
    STRIP,
    discipline_items,
    field_title,
    fields_hired_in_prose,
    fields_listed,
    only_disciplines,
)
from pipeline.normalize.body_invitations import invited_titles
from pipeline.normalize.title_split import title_parts

# A post without any of these names no ML role: it is not read at all (most posts, and the costly part).
_ML_VOCABULARY = (
    r"scien|research|machine learning|deep learning|artificial intelligence|computer vision|"
    r"forward[- ]deploy|\bfdes?\b|"
    r"inference|neural|natural language|perception|speech|generative|language model|recommend|"
    r"pre-?training|post-?training|"
    r"alignment|interpretab|multimodal|\b(?:ml|ai|a\.i\.|llms?|nlp|cv|mles?|mlops|genai|gen ai|agents?|agentic|"
    r"tpu|triton|gpus?|accelerators?|recsys|rl)\b"
)
_URL = r"https?://\S+|www\.\S+|\S+@\S+\.\S+|\[[^\]]{0,40}\]"
# "Sr. Engineer" and "Acme Inc. is" are no sentence ends.
_ABBREVIATION = r"\b(sr|jr|snr|inc|etc|vs|dr|mr|ms|mrs|st|co|ltd|corp|no|e\.g|i\.e|approx)\."
_SEPARATOR = (
    r"[|•·▪●■►✓★✔→\n\t;]+|\s@\s|\*+|={2,}|_{2,}|~{2,}|-{2,}|(?:^|\s)[-–—+>]+\s*|[–—]+|"
    r":(?:\s+|$)|[.!?]+(?:\s+|$)|(?:^|\s)\(?\d{1,2}[.)]\s*"
)

JOB_NOUN = (
    r"\b(?:scientists?|engineers?|researchers?|developers?|programmers?|swes?|mles?|mts|architects?|leads?|heads?|"
    r"directors?|managers?|interns?|internships?|fellows?|fellowships?|postdocs?|postdoctoral|residents?|residency|"
    r"experts?|specialists?|modell?ers?|technical staff|vp|chief|cto|hackers?|geeks?|gurus?|ninjas?|wizards?)\b"
)
# Words of a sentence about people rather than of a title: pronouns, verbs, articles, and the
# prepositions of non-openings ("work with", "founded by", "ex-Google").
_NOT_TITLE = (
    r"\b(?:we|we're|weve|we've|our|ours|us|you|you're|you'll|your|i|i'm|me|my|they|their|them|he|she|his|her|its|"
    r"is|are|was|were|be|been|being|will|would|can|could|should|must|may|might|have|has|had|do|does|did|get|"
    r"with|the|a|an|to|who|whom|that|which|this|these|those|by|from|about|into|than|then|if|when|where|while|"
    r"because|so|as|at|on|here|there|what|how|why|not|no|all|any|every|each|work|works|working|collaborate|"
    r"partner|support|mentor|build|building|builds|built|develop|developing|help|helps|helping|use|uses|using|"
    r"hire|hired|hiring|join|joined|joining|need|needs|looking|seeking|want|love|like|including|such|"
    r"experience|experienced|years?|degree|knowledge of|background|skills?|ability|familiar|familiarity|"
    r"understanding|proficient|proficiency|ex|former|formerly|previously|alumni|alum|founded|backed|led|run|"
    r"teams? of|everything|everyone|anything|anyone|someone|somebody|people|please|apply|email|contact|visit|"
    r"see|check|read|learn|click|send|reach)\b"
)
# "Software Engineer - Machine Learning Team": a field that qualifies the title before it.
_FIELD = (
    r"\b(?:machine learning|ml|ai|artificial intelligence|data science|computer vision|cv|nlp|deep learning|"
    r"llms?|genai|gen ai|generative ai|applied ai|ai agents?|agents?|inference|ml infrastructure|ml platform|"
    r"mlops|research|perception)\b"
)
_BARE_JOB = (
    r"^(?:(?:senior|sr|staff|lead|principal|junior|jr|founding|software)\s+)*(?:" + JOB_NOUN + r")"
    r"(?:\s*/\s*(?:" + JOB_NOUN + r"))*$"
)
# "Data Scientist at Acme Corp": the employer after a title (a few words, no sentence after it).
_AT_EMPLOYER = r"\s+at\s+(?:[^\s,]+\s*){1,4}$"
_WITH_FIELD = f"\\s+with\\s+(?:{_FIELD})(?:\\s*(?:,|/|&|and)\\s*(?:{_FIELD}))*$"
_LIST_SEPARATOR = r"\s*(?:,|&|/|;|\+|\band\b|\bor\b|\bplus\b)\s*"
_LANGUAGE = (
    r"\b(?:java|python|ruby|php|html|css|js|javascript|typescript|golang|scala|c\+\+|c#|rails|react|node(?:\.?js)?|"
    r"aws|sql|linux|perl|haskell|clojure|erlang|elixir|rust|swift|kotlin|objective-c)\b"
)
_COUNTED_FIELD = r"^([a-z/ ]{2,30}?)\s*\(\d+\s+(?:open\s+)?(?:roles?|positions?|openings?)\)?$"
# "(5+ years)", "(3+ years experience, SF only)" — not a team's "(20+ years combined)".
_TITLE_YEARS = (
    r"((?:[a-z/-]+ ){0,3}(?:scientists?|engineers?|researchers?))\s*\(\d+\+? (?:years?|yrs?)(?: of)?"
    r"(?: experience| exp)?(?:,[^()]*)?\)"
)
_TITLES_TO = (
    r"^((?:[a-z-]+ ){0,3}(?:scientists|engineers|researchers|statisticians)(?: (?:&|and) (?:[a-z-]+ ){0,3}"
    r"(?:scientists|engineers|researchers|statisticians))?) to (?:focus|join|lead|build|work|help|drive)\b"
)
_ONLY_FIELDS = f"^(?:{_FIELD}|and|&|/|\\s)+$"  # "Deep Learning", not "Espresso AI"
_JOB_AND_FIELD = f"^[^,&]*{JOB_NOUN}\\s*(?:&|\\band\\b)\\s*((?:{_FIELD}|\\s)+)$"
_QUALIFIER_EXTRA = r"\b(?:teams?|platform|infrastructure|infra|sdk|group|org)\b"

_CUE = (
    r"(?:\b(?:hiring|recruiting|seeking|searching for|looking (?:to hire|to add|for)|on the (?:lookout|hunt) for|"
    r"welcome (?:interest|applications?) from|everything from|if you(?:'re| are) into|we (?:\w+ )?need|we're adding|"
    r"we are adding|join (?:us|our team|the team) as|open (?:roles|positions|jobs|reqs)|openings|vacancies|"
    r"positions|roles|opportunities for)\b)"
)
# Filler between a cue and the titles it governs ("for: several talented", "multiple tech positions, including").
_LEADING_FILLER = (
    r"^(?:[\s,:\-]|\b(?:for|a|an|the|some|several|multiple|many|more|new|additional|few|couple of|one|two|three|four|"
    r"five|\d+\+?|x\d|first|next|talented|experienced|exceptional|strong|smart|great|passionate|skilled|motivated|"
    r"top|world-class|brilliant|ambitious|curious|driven|awesome|amazing|both|various|full[- ]time|part[- ]time|"
    r"remote|onsite|on-site|local|currently|now|actively|also|especially|particularly|mainly|primarily|"
    r"immediately|urgently|across)\b)+"
)
_GROUP_WORD = (
    r"^(?:[\w-]+\s+){0,4}?(?:roles?|positions?|openings?|people|talent|folks|candidates|individuals|hires|"
    r"disciplines|areas)\b(?:[\s,:\-(]|\b(?:in|across|for|within|including|like|such as|incl|of|right now|now|plus)\b)*"
)
_FOCUS_IN = (
    r"\b((?:software |research )?(?:engineers?|developers?|scientists?))\s+with\s+(?:an?\s+)?"
    r"(?:focus|specialty|specialization|specialisation)\s+(?:in|on)\s+([a-z][a-z /-]{1,40}?)"
    r"(?:\s+and\s+(?:an?\s+)?interest\b|[,.;)]|$)"
)
# "Software Engineers with Front End, … or Machine Learning focus": the disciplines name the jobs.
_FOCUS = (
    r"^(.*?\b(?:engineers?|developers?|scientists?))\s+with\s+(?:an?\s+)?(.{0,100}?)\s+"
    r"(?:focus|focuses|specialty|specialties|specialisation|specialization)\b.*$"
)
_CLAUSE_END = (
    r"\b(?:to|who|that|which|with|for|so|because|excited|passionate|interested|familiar|comfortable|"
    r"eager|willing|able|ready|having|has|have|is|are|will|would|can|should|must|working|join|"
    r"joining|help|helping|as well as|as|like|whose|where|if|we|you|your|our|and more|etc|"
    r"throughout|who're|please|apply|email|check|see|with)\b.*$"
)
# "positions from Front-End Engineering to Data Science": a range names both ends.
_FROM_TO = r"^(?:everything |anything )?from ([^,]{2,40}?) to ([^,]{2,40}?)(?:[,;]|$)"


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


def _units(text: pl.Expr) -> pl.Expr:
    """A post's text (lower case) → its units, as a list."""
    spaced = (
        # "mobile engineers (iOS - hard problems include …), … and data scientists (…)": a long remark in
        # parentheses describes the job before it; cut out, the list of jobs reads as one clause.
        text.str.replace_all(r"\b(engineers|scientists|developers|designers)\s*\([^()]{60,}\)", "$1")
        # "enables the whole organization - marketers and data scientists - to run …": an aside between dashes
        # inside a sentence (the text goes on with "to", "who", …) names people, not openings.
        .str.replace_all(r"\s[-–—]\s([^-–—\n.:]{3,80}?)\s[-–—]\s(to|who|that|with|in|can|use)\b", " ($1) $2")
        # "…, Senior Data Scientists (5+ years), and …": a title with the experience it asks is an opening.
        .str.replace_all(_TITLE_YEARS, "\n$1\n")
        .str.replace_all(FIELD_HEADING, "$1\n$2 fieldheading\n")
        .str.replace_all(_URL, "\n")
        .str.replace_all(_ABBREVIATION, "$1")
        .str.replace_all(r"\b(eng|engs)\b", "engineer")  # "algorithms/AI eng"
        .str.replace_all(r"\bfdes?\b", "forward deployed engineer")  # "FDEs welcome as well"
        .str.replace_all(r"\b(?:ml|machine learning) devops\b", "mlops")  # one job, not "ML" and "DevOps"
        # "Software Engineer with focus in Machine Learning" is a machine learning software engineer
        .str.replace_all(_FOCUS_IN, "$2 $1")
        .str.replace_all(r"\s(?:or|and/or)\s", " / ")
        .str.replace_all(_SEPARATOR, "\n")
    )
    return spaced.str.split("\n")


def _clean_units(text: pl.Expr) -> pl.Expr:
    return _units(text).list.eval(
        pl.element().str.strip_chars(STRIP).str.replace_all(r"\s+", " ").filter(pl.element().str.len_chars() > 1)
    )


def _listed(unit: pl.Expr, max_words: int = 12) -> pl.Expr:
    """A title, or a list of titles each of a few words ("Director of Data, ML Engineer, …")."""
    # "(Remote, UTC-3 to UTC+3)" is no sentence, nor is the employer after "Data Scientist at …", nor the
    # field after "AI Systems Architect with ML".
    bare = unit.str.replace_all(r"\([^)]*\)?", " ").str.replace(_AT_EMPLOYER, "").str.replace(_WITH_FIELD, "")
    longest_part = bare.str.split(",").list.eval(pl.element().str.count_matches(r"\S+")).list.max()
    return (
        bare.str.contains(JOB_NOUN)
        & ~bare.str.contains(_NOT_TITLE)
        & ((bare.str.count_matches(r"\S+") <= max_words) | (longest_part <= 6))
    )


def _comma_after_jobs(unit: pl.Expr, headed: pl.Expr | None = None) -> pl.Expr:
    """Titles run together without separators ("backend engineer ml engineer, ai agents software engineer")
    get a comma after each job noun when the unit is nothing but titles (three job nouns or more), or
    when a heading ("… for the following positions:") says it is a list of titles, however playful its
    titles ("Get Off Your Back End Software Engineer"): each title is then read on its own."""
    titles_only = ~unit.str.contains(_NOT_TITLE) if headed is None else (~unit.str.contains(_NOT_TITLE) | headed)
    run_together = (unit.str.count_matches(JOB_NOUN) >= 3) & titles_only
    return pl.when(run_together).then(unit.str.replace_all(f"({JOB_NOUN})\\s+", "$1, ")).otherwise(unit)


def _hired_clause(unit: pl.Expr, items: bool = True) -> pl.Expr:
    """The text a hiring cue in this unit governs, up to the cue's noun phrase's end ("" if none). Cut
    for its items (`items`), a place word ends an item later; else the whole clause ends there."""
    clause = unit.str.extract(f"{_CUE}(.*)$", 1).str.replace(_FOCUS, "$2 $1")
    stripped = clause.str.replace(_LEADING_FILLER, "").str.replace(_GROUP_WORD, "").str.replace(_LEADING_FILLER, "")
    clause = pl.when(stripped.str.contains(_FROM_TO)).then(stripped.str.replace(_FROM_TO, "$1, $2")).otherwise(clause)
    clause = _clause_end(
        clause.str.replace(_LEADING_FILLER, "").str.replace(_GROUP_WORD, "").str.replace(_LEADING_FILLER, "")
    )
    return clause if items else clause.str.replace(ITEM_END, "").str.strip_chars(STRIP)


def _clause_end(text: pl.Expr) -> pl.Expr:
    return text.str.replace(_CLAUSE_END, "").str.strip_chars(STRIP)


def _list_items(text: pl.Expr) -> pl.Expr:
    """A hired clause → its items; a part naming no job keeps its words ("data science")."""
    joined = text.str.replace_all(r"\b(ai|ml)\s*/\s*(ml|ai)\b", "$1 $2")  # "AI/ML" is one field
    return joined.str.replace_all(_LIST_SEPARATOR, "\x1f").str.split("\x1f")


def body_role_titles(postings: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """(posting_id, description_text) → (posting_id, title, position): the opening titles each post's
    text names, one row per title (split like a header), `position` their order in the post."""
    text = pl.col("description_text").fill_null("").str.to_lowercase()
    unit, previous = pl.col("unit"), pl.col("previous")
    field_only = (
        ~unit.str.contains(JOB_NOUN)
        & unit.str.contains(_FIELD)
        & ~unit.str.replace_all(_QUALIFIER_EXTRA, "").str.contains(_NOT_TITLE)
        & (unit.str.count_matches(r"\S+") <= 5)
    )
    qualifies = field_only & _listed(previous.fill_null(""))
    # A heading that ends in its cue ("Open roles:", "hiring in lots of disciplines:") governs the next unit.
    heading = (
        (previous.str.contains(_CUE) & (_hired_clause(previous, items=False) == ""))
        | previous.str.contains(r"\b(?:following|these|open|below)\s+(?:positions|roles|openings)$")
    ).fill_null(False)
    headed_unit = _comma_after_jobs(unit, heading)
    # A list of short items ("Data Scientist, ML Engineer"), not a sentence; one long joke title may be among them.
    words = _list_items(headed_unit).list.eval(pl.element().str.count_matches(r"\S+"))
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
        & ~compounded.str.replace_all(r"\([^)]*\)?", " ").str.contains(_NOT_TITLE)
    )
    # "Data science, devops, engineering. Hiring 5 engineers now.": a list of its own that the next
    # sentence hires for names the disciplines too.
    hires_next = (
        pl.col("next").fill_null("").str.contains(r"^(?:we(?:'re| are) |now |currently )?(?:hiring|recruiting)\b")
    )
    # "Senior Data Scientist, AI and Machine Learning" is one title with its fields, not three disciplines.
    one_qualified_title = unit.str.contains(f"^[^,]*{JOB_NOUN}[^,]*,\\s*(?:{_FIELD}|and|&|/|\\s)+$")
    # "Ruby, PHP, HTML/CSS/JS, Machine Learning" in a header: one hire's skills (two languages or tools or more), no
    # openings.
    skill_list = unit.str.count_matches(_LANGUAGE) >= 2
    disciplines = (
        short_list & ~one_qualified_title & ~skill_list & (pl.col("in_header") | _listed(compounded) | hires_next)
    )
    # Collected once: the three kinds of title below all read these rows.
    candidates = (
        postings.lazy()
        .select("posting_id", text=text)
        .filter(pl.col("text").str.contains(_ML_VOCABULARY))
        .select(
            "posting_id",
            unit=_clean_units(pl.col("text")),
            header=_clean_units(pl.col("text").str.extract(r"^([^\n]*)", 1)),
        )
        # Lists, not windows over the exploded rows: each unit's place and the unit before it.
        .with_columns(position=pl.int_ranges(unit.list.len()), previous=unit.list.shift(1), next=unit.list.shift(-1))
        .explode("unit", "position", "previous", "next")
        .with_columns(in_header=pl.col("header").list.contains(unit))
        # Every title below takes its role from ML words in its own unit: only those units are read.
        .filter(unit.str.contains(_ML_VOCABULARY))
        .select(
            "posting_id",
            "position",
            listed=pl.when(_listed(_comma_after_jobs(unit))).then(_comma_after_jobs(unit)),
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
                _list_items(_hired_clause(unit).fill_null("")),
                invited_titles(unit),
                # "Statisticians & Data Scientists to Focus on the Energy Industry": a heading that opens with
                # its titles and says what they will do.
                _list_items(unit.str.extract(_TITLES_TO, 1).fill_null("")),
                pl.when(headed).then(_list_items(headed_unit)).otherwise(pl.lit([], pl.List(pl.String))),
            ),
        )
        .collect()
    )
    # Listed and qualified titles are split like a header ("Backend / ML Engineer" → two).
    titled = pl.concat(
        [
            candidates.select("posting_id", "position", title=column)
            .filter(pl.col("title").is_not_null())
            .with_columns(pl.col("title").str.replace(_AT_EMPLOYER, ""))
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
                _clause_end(pl.col("title").str.replace(_LEADING_FILLER, ""))
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
                    postings.lazy().select("posting_id", "description_text").filter(text.str.contains(_ML_VOCABULARY))
                ).collect(),
            ]
        )
        .with_columns(pl.col("title").str.strip_chars(STRIP).str.replace(_LEADING_FILLER, ""))
        .filter(_listed(pl.col("title"), max_words=10))
        .unique(["posting_id", "title"], keep="first")
        .sort("posting_id", "position", maintain_order=True)
        .select("posting_id", "title", "position")
    )
