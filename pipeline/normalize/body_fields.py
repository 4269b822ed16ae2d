"""The fields a post hires in, named as fields rather than titles: Polars expressions for `body_roles`.

Many HN posts name no ML title and still hire for ML: they list the disciplines they hire in ("Frontend,
Backend, Dev Ops, ML/AI" in the header), or say so in a sentence about the engineers they want ("hiring
engineers of all flavors: distributed systems, mobile, and of course machine learning", "engineers with
experience in mobile, JavaScript, machine learning and NLP", "all manner of roles (backend, frontend &
data science)", "Computer Vision and Full Stack positions"). tests/devsets/LABELLING.md counts these as
openings in the field (data science → data scientist; machine learning, computer vision, NLP, speech
→ ML engineer; AI → AI engineer), and one engineer asked to know ML among other skills ("a Python
engineer with a background in Linux, AWS and machine learning") as no ML opening: a sentence here must
hire a group (engineers, developers, roles, positions: plural) and name three fields or more, or name
the fields right before "positions"/"roles"/"openings". People who are already there ("our engineers,
designers and data scientists") are no field: a person noun in a list is not mapped. Nor are the areas
engineers "work on", nor the fields of a group of engineers under a header that names one job (the post
restates that job), unless it hires engineers "of all kinds". An engineer hired to build ML itself ("to
develop and validate deep neural networks", "to lead an ML/NLP project") is an ML engineer.

`body_roles` reads the other field patterns from here too: discipline lists, the teams an engineer joins,
bulleted field headings.
"""

from __future__ import annotations

import polars as pl

STRIP = " ,.:;-–—'\"()`"
# Where one item of a list ends ("data scientists in NYC", "developer in test"): cut after the split.
ITEM_END = r"\b(?:in|at|on|from|based|located)\b.*$"
# A field named as what is hired ("talent in data science, machine learning") → the title it stands for.
FIELD_TITLES = {
    r"^(?:data[- ]science|data[- ]scientists?)$": "data scientist",
    r"^(?:machine learning|ml|deep learning|computer vision|cv|nlp|natural language processing|mlops|ml ops|"
    r"ml infrastructure|ml infra|ml platform|ai ml|ml ai)$": "machine learning engineer",
    r"^(?:ai|genai|gen ai|generative ai|applied ai|agentic ai|llms?)$": "ai engineer",
    r"^(?:ml|ai|machine learning) research$": "machine learning researcher",
}
_FIELD_TITLE_VALUES = sorted(set(FIELD_TITLES.values()))
# "engineers to join our Artificial Intelligence, Server Infrastructure, … teams": the teams an engineer is
# hired into ("engineers to work on big data, ML and distributed systems" under a Data Engineer header is no ML job).
ENGINEERS_FOR = r"\b(?:engineers?|developers?)\s+(?:to\s+join|for)\s+(?:our|the)\s+(.{3,160}?)\s+(?:teams?|groups?)\b"
# "● Artificial Intelligence: strong in …" under "hiring across disciplines": a bulleted field heading.
FIELD_HEADING = (
    r"([●•▪■►*])\s*((?:machine learning|deep learning|artificial intelligence|computer vision|"
    r"data science|nlp|ml|ai)(?:\s*(?:,|&|/|and)\s*(?:machine learning|deep learning|artificial "
    r"intelligence|computer vision|data science|data mining|nlp|ml|ai))*)\s*:"
)

# A group the post hires: plural, so one engineer's skill list is no discipline list ("engineers" after a
# hiring cue; "roles", "positions", "openings" are openings by themselves).
_ENGINEERS = r"\b(?:engineers|developers|devs|hackers|programmers|roles|positions|openings|opportunities|talent)\b"
_OPENINGS = r"\b(?:roles|positions|openings|opportunities)\b"
_HIRES = (
    r"\b(?:hiring|recruiting|seeking|searching for|looking (?:to hire|to add|for)|on the (?:lookout|hunt) for|"
    r"we (?:\w+ )?need|we(?:'re| are) adding|want to (?:hire|add))\b"
)
# A list item: one to three words ("distributed systems", "ux/ui", "c++", "speech technology").
_ITEM = r"[a-z][\w+#/.'-]*(?: [\w+#/.'-]+){0,2}"
# "of course", "especially", "even": words that stress an item of the list, not part of it.
_STRESS = r"(?:(?:(?:and|or|of course|especially|even|also|particularly|plus|eg)\b|&)[\s,]*)*"
# Three items or more, joined by commas ("X, Y and Z" is read as "X, Y, and Z"): a list of disciplines.
_LIST3 = f"(?:{_ITEM}\\s*(?:,|&|/)\\s*{_STRESS}){{2,}}{_ITEM}"
# "… engineers of all flavors — distributed systems, …, machine learning", "… roles (backend, … & data
# science)", "… engineers with experience in mobile, …, machine learning and NLP", "positions for those
# interested in software, web, cloud and speech technology": the list comes within a few words of the group.
_GROUP_THEN_LIST = f"((?:{_HIRES}[^.!?]{{0,60}}?)?{_ENGINEERS})([^.!?]{{0,80}}?[\\s(:—–-])({_LIST3})"
# "all types of engineers: full-stack, …": the post says it hires several kinds, whatever one job its header names.
_ALL_KINDS = r"\ball (?:types|kinds|flavou?rs|sorts|manner|stripes)\b|\bof all\b|\bof every\b"
# "engineers to work on web apps, data mining, machine learning, …", "opportunities to work on all areas of our
# product: …": the areas of the work, not the disciplines hired (tests/devsets/LABELLING.md: generalists).
_WORK_ON = (
    r"\b(?:to (?:work|build|develop|help|create|solve|tackle|design|join|lead)|that|who|which|will|working|"
    r"build|building|develop|developing)\b"
)
# A header that names one job ("Java Back-end Developer", "Data Engineer"): the text restates that opening.
_ONE_JOB = r"\b(?:engineers?|developers?|scientists?|architects?|programmers?|analysts?)\b"
# "Computer Vision and Full Stack positions": fields named right before the word for openings.
_LIST_THEN_GROUP = f"((?:{_ITEM}\\s*(?:,|&|/)\\s*{_STRESS})+{_ITEM})\\s+(?:positions|roles|openings)\\b"
_ML_FIELD = (
    r"\b(machine learning|deep learning|computer vision|data science|natural language processing|nlp|"
    r"ml|ai|speech)$"
)
# What an item says besides its field ("mobile development", "speech technology", "NLP experience").
_ITEM_NOISE = (
    r"^(?:experience (?:in|with)|expertise in|background in|knowledge of|interest in|interested in|in|"
    r"some|any|the)\s+|\s+(?:development|technology|technologies|engineering|experience|expertise|work|"
    r"systems|etc|stuff)$"
)
# Fields of a sentence only, beyond FIELD_TITLES: speech is ML engineering, as a Speech Engineer is in the
# title rules (roles.py, LABELLING.md).
_PROSE_FIELDS = {
    r"^(?:speech|speech recognition|natural language|language processing|neural networks?)$": (
        "machine learning engineer"
    )
}
# "a versatile engineer, who can … develop, benchmark, and validate … deep neural network architectures", "a
# senior backend developer to lead a greenfield ML/NLP project": an engineer hired to build ML itself is an ML
# engineer, whatever the title (LABELLING.md: what the job does); "our engineers who train models" are no opening.
_DOES_ML = (
    r"\b(\w+)\s+(?:[\w-]+\s+){0,3}?(?:engineer|developer)s?\b,?\s+(?:who\s+(?:can|will|would)|to)\b[^.;]{0,80}?"
    r"\b(?:develop|build|train|design|benchmark|validate|lead|deploy|architect)\w*\b[^.;]{0,60}?"
    r"\b(?:(?:deep )?neural networks?|deep learning models?|machine learning models?|ml models?|ml/nlp|nlp/ml|"
    r"(?:machine learning|ml|nlp|computer vision|deep learning) (?:project|models?|systems?|pipelines?))\b"
)
_ML_WORD = (
    r"machine learning|data scien|computer vision|deep learning|neural|nlp|natural language|speech|"
    r"artificial intelligence|\b(?:ml|ai)\b"
)
_JOB_WORD = r"engineer|developer|hacker|programmer|roles\b|positions\b|openings\b|opportunities\b|talent\b"
_WANTS = r"\b(?:hiring|looking for|seeking|searching for|wish to find|want to find|we need|to hire|to add)\b"
_PEOPLE = r"(?:scientists?|engineers?|analysts?|researchers?|designers?)$"


# Words that name a discipline hired and nothing else: a list made only of these ("iOS, Android, QA, Data
# Science, Machine Learning"; "Full Stack/Mobile/Data Science") lists openings, not one hire's skills (a skill
# list names languages and tools: "Ruby, PHP, HTML/CSS/JS, Machine Learning").
_DISCIPLINE = (
    r"(?:ios|android|mobile|web|ui|ux|design|qa|devops|dev ops|sre|front[- ]?end|back[- ]?end|full[- ]?stack|"
    r"engineering|product|sales|marketing|operations|ops|infrastructure|security|data engineering|big data|"
    r"analytics|data science|machine learning|ml|ai|ml ai|ai ml|deep learning|computer vision|nlp)"
)
_EMPLOYMENT = r"^(?:full[- ]time|part[- ]time|onsite|remote|hiring|roles|positions)\s+"


def only_disciplines(unit: pl.Expr) -> pl.Expr:
    """A unit that is nothing but three disciplines or more, one of them an ML field, split at commas or
    slashes → the unit with slashes read as commas (for `fields_listed`); null otherwise."""
    joined = unit.str.replace_all(r"\([^)]*\)?", " ").str.replace_all(r"\b(ai|ml)\s*/\s*(ml|ai)\b", "$1 $2")
    items = (
        joined.str.replace(_EMPLOYMENT, "")
        .str.replace_all(r"\s*(?:,|&|/|\band\b)\s*", "\x1f")
        .str.split("\x1f")
        .list.eval(pl.element().str.strip_chars(STRIP).filter(pl.element() != ""))
    )
    known = items.list.eval(pl.element().str.contains(f"^{_DISCIPLINE}$")).list.all()
    ml = items.list.eval(
        pl.element().str.contains(
            r"^(?:data science|machine learning|ml|ai|ml ai|ai ml|deep "
            r"learning|computer vision|nlp)$"
        )
    ).list.any()
    return pl.when(known & ml & (items.list.len() >= 3)).then(joined.str.replace_all("/", ","))


def discipline_items(unit: pl.Expr) -> pl.Expr:
    """A comma list's items; "TypeScript / React / AI" (a stack, slashed) stays one item."""
    joined = unit.str.replace_all(r"\([^)]*\)?", " ").str.replace_all(r"\b(ai|ml)\s*/\s*(ml|ai)\b", "$1 $2")
    return (
        joined.str.replace_all(r"\s*(?:,|&|\band\b)\s*", "\x1f")
        .str.split("\x1f")
        .list.eval(pl.element().str.strip_chars(STRIP).filter(pl.element() != ""))
    )


def fields_listed(unit: pl.Expr) -> pl.Expr:
    """A list of disciplines ("SWE, DevOps, Machine Learning, Design", "Computer Vision (CV) in Lausanne,
    mid-senior software engineer in LA") → the titles its bare fields stand for (others dropped)."""
    items = discipline_items(unit.str.replace_all("artificial intelligence", "ai"))
    titles = items.list.eval(field_title(pl.element().str.replace(ITEM_END, "").str.strip_chars(STRIP)))
    return titles.list.set_intersection(pl.lit(_FIELD_TITLE_VALUES, pl.List(pl.String)))


def field_title(part: pl.Expr, fields: dict[str, str] = FIELD_TITLES) -> pl.Expr:
    """A field ("data science") → the title it stands for ("data scientist"); anything else unchanged."""
    chain = pl.when(pl.lit(False)).then(pl.lit(None, dtype=pl.String))
    for pattern, title in fields.items():
        chain = chain.when(part.str.contains(pattern)).then(pl.lit(title))
    return chain.otherwise(part)


def _prose_items(text: pl.Expr, trailing: bool = False) -> pl.Expr:
    """A list of fields from a sentence → the titles of its ML fields (people nouns and others dropped);
    `trailing`: an item's last words are its field ("we have computer vision" → computer vision)."""
    items = text.str.replace_all(r"\b(ai|ml)\s*/\s*(ml|ai)\b", "$1 $2").str.replace_all("artificial intelligence", "ai")
    items = items.str.replace_all(r"\s*(?:,|&|/|\band\b|\bor\b)\s*", "\x1f").str.split("\x1f")
    cleaned = pl.element().str.replace_all(r"^" + _STRESS, "").str.strip_chars(STRIP).str.replace_all(_ITEM_NOISE, "")
    if trailing:
        cleaned = pl.coalesce(cleaned.str.extract(_ML_FIELD, 1), cleaned)
    titles = items.list.eval(
        pl.when(cleaned.str.contains(_PEOPLE))
        .then(pl.lit(None, pl.String))
        .otherwise(field_title(cleaned, {**FIELD_TITLES, **_PROSE_FIELDS}))
    )
    return titles.list.set_intersection(pl.lit(_FIELD_TITLE_VALUES, pl.List(pl.String)))


def fields_hired_in_prose(postings: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """(posting_id, description_text) → (posting_id, position, title): the fields each post's sentences
    hire a group in, as titles; `position` counts sentences, after every unit `body_roles` reads."""
    text = (
        pl.col("description_text")
        .fill_null("")
        .str.to_lowercase()
        .str.replace_all(r"https?://\S+|www\.\S+|\S+@\S+\.\S+", " ")
        .str.replace_all(r"\be\.g\.|\bi\.e\.", "eg")
        .str.replace_all(r"[.!?]+(?:\s+|$)", "\n")
    )
    sentence = pl.col("sentence")
    # Only sentences with a group or a job noun and an ML field are read further (the costly part).
    candidate = sentence.str.contains(_ML_WORD) & sentence.str.contains(_JOB_WORD)
    prepared = (
        sentence.str.replace_all(r"\band/or\b", "or")
        .str.replace_all(r"\s*,?\s+(and|or|&)\s+", ", $1 ")
        # A list in parentheses ("roles (backend, frontend & data science)") is read as a list; other
        # remarks in parentheses ("mobile (Android in particular), JavaScript") are no items of it.
        .str.replace_all(f"\\(\\s*(?:eg\\s*)?({_LIST3})\\W*\\)", " — $1 ;")
        .str.replace_all(r"\([^()]*\)", " ")
    )
    group, connector, items = pl.col("group"), pl.col("connector"), pl.col("items")
    # The connector and the list's first item: "engineers of all flavors — distributed systems".
    lead = pl.concat_str(connector, items.str.extract(r"^([^,]*)", 1))
    # Engineers (not "positions") under a header naming one job restate that job, unless of all kinds.
    # Engineers "for multiple roles including …" are hired for several openings, whatever the header says.
    restated = (
        pl.col("one_job")
        & ~group.str.contains(_OPENINGS)
        & ~group.str.contains(_ALL_KINDS)
        & ~lead.str.contains(_OPENINGS)
    )
    is_hired = group.str.contains(_HIRES) | group.str.contains(_OPENINGS)
    one_job = (
        pl.col("description_text")
        .fill_null("")
        .str.to_lowercase()
        .str.extract(r"^([^\n]*)", 1)
        .str.count_matches(_ONE_JOB)
        == 1
    )
    return (
        postings.lazy()
        .select("posting_id", one_job=one_job, sentence=text.str.split("\n"))
        .with_columns(position=pl.int_ranges(sentence.list.len()) + 100_000)
        .explode("sentence", "position")
        .filter(candidate)
        .with_columns(sentence=prepared)
        # Computed once: the three parts of a group followed by its list.
        .with_columns(
            after=sentence.str.extract_groups(_GROUP_THEN_LIST).struct.rename_fields(["group", "connector", "items"])
        )
        .unnest("after")
        .select(
            "posting_id",
            "position",
            title=pl.concat_list(
                _prose_items(pl.when(is_hired & ~restated & ~lead.str.contains(_WORK_ON)).then(items).fill_null("")),
                _prose_items(sentence.str.extract(_LIST_THEN_GROUP, 1).fill_null(""), trailing=True),
                pl.when(
                    sentence.str.contains(_WANTS)
                    & ~sentence.str.extract(_DOES_ML, 1).is_in(["our", "their", "your", "with"])
                ).then(pl.lit("machine learning engineer")),
            ),
        )
        .explode("title")
        .drop_nulls("title")
    )
