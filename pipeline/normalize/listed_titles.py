"""What reads as a job title, not a sentence about people (`body_roles` rule 1, "Listed"): a job noun,
a few words (or a comma list of short parts), none of the words of a sentence ("we", "with", "ex-",
"experience"). "Data Scientist at Acme" is a title; "Collaborate with data scientists" is not.
Polars expressions on one unit of a post's lower-cased text.
"""

from __future__ import annotations

import polars as pl

JOB_NOUN = (
    r"\b(?:scientists?|engineers?|researchers?|developers?|programmers?|swes?|mles?|mts|architects?|leads?|heads?|"
    r"directors?|managers?|interns?|internships?|fellows?|fellowships?|postdocs?|postdoctoral|residents?|residency|"
    r"experts?|specialists?|modell?ers?|technical staff|vp|chief|cto|hackers?|geeks?|gurus?|ninjas?|wizards?)\b"
)
# Words of a sentence about people rather than of a title: pronouns, verbs, articles, and the
# prepositions of non-openings ("work with", "founded by", "ex-Google").
NOT_TITLE = (
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
FIELD = (
    r"\b(?:machine learning|ml|ai|artificial intelligence|data science|computer vision|cv|nlp|deep learning|"
    r"llms?|genai|gen ai|generative ai|applied ai|ai agents?|agents?|inference|ml infrastructure|ml platform|"
    r"mlops|research|perception)\b"
)
_BARE_JOB = (
    r"^(?:(?:senior|sr|staff|lead|principal|junior|jr|founding|software)\s+)*(?:" + JOB_NOUN + r")"
    r"(?:\s*/\s*(?:" + JOB_NOUN + r"))*$"
)
# "Data Scientist at Acme Corp": the employer after a title (a few words, no sentence after it).
AT_EMPLOYER = r"\s+at\s+(?:[^\s,]+\s*){1,4}$"
_WITH_FIELD = f"\\s+with\\s+(?:{FIELD})(?:\\s*(?:,|/|&|and)\\s*(?:{FIELD}))*$"


def reads_as_titles(unit: pl.Expr, max_words: int = 12) -> pl.Expr:
    """A title, or a list of titles each of a few words ("Director of Data, ML Engineer, …")."""
    # "(Remote, UTC-3 to UTC+3)" is no sentence, nor is the employer after "Data Scientist at …", nor the
    # field after "AI Systems Architect with ML".
    bare = unit.str.replace_all(r"\([^)]*\)?", " ").str.replace(AT_EMPLOYER, "").str.replace(_WITH_FIELD, "")
    longest_part = bare.str.split(",").list.eval(pl.element().str.count_matches(r"\S+")).list.max()
    return (
        bare.str.contains(JOB_NOUN)
        & ~bare.str.contains(NOT_TITLE)
        & ((bare.str.count_matches(r"\S+") <= max_words) | (longest_part <= 6))
    )


def comma_after_jobs(unit: pl.Expr, headed: pl.Expr | None = None) -> pl.Expr:
    """Titles run together without separators ("backend engineer ml engineer, ai agents software engineer")
    get a comma after each job noun when the unit is nothing but titles (three job nouns or more), or
    when a heading ("… for the following positions:") says it is a list of titles, however playful its
    titles ("Get Off Your Back End Software Engineer"): each title is then read on its own."""
    titles_only = ~unit.str.contains(NOT_TITLE) if headed is None else (~unit.str.contains(NOT_TITLE) | headed)
    run_together = (unit.str.count_matches(JOB_NOUN) >= 3) & titles_only
    return pl.when(run_together).then(unit.str.replace_all(f"({JOB_NOUN})\\s+", "$1, ")).otherwise(unit)
