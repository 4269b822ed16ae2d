"""Multi-role headers: "ML Engineer, Data Scientist" names two jobs; "Software Engineer, Payments" one.

Posts on HN (and some boards) hire for several roles at once. `split_titles` cuts a header into the
role titles it names; `title_parts` does it for a whole frame so `posting_roles` can hold each role.
"""

from __future__ import annotations

import re
from typing import TypeVar

import polars as pl

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


_ACRONYM_NOUNS = r"sres?|swes?|mles?|ems?|pms?|tpms?|aes?|devrel|devops|gtm|mts|qa"
_JOB_NOUNS = (
    r"engineers?|developers?|scientists?|researchers?|designers?|managers?|analysts?|architects?|leads?|"
    r"leaders?|heads?|directors?|recruiters?|specialists?|consultants?|interns?|experts?|traders?|advocates?|"
    r"executives?|founders?|cofounders?|officers?|writers?|technicians?|coordinators?|programmers?|"
    r"physicians?|auditors?|(?:member of )?technical staff|" + _ACRONYM_NOUNS
)
_HAS_NOUN = re.compile(rf"\b(?:{_JOB_NOUNS})\b|\bresearch\s*$", re.IGNORECASE)
_SELF_CONTAINED = re.compile(rf"^\W*(?:{_ACRONYM_NOUNS}|(?:member of )?technical staff)\W*$", re.IGNORECASE)
_LEVEL_WORDS = {
    "senior",
    "sr",
    "staff",
    "principal",
    "lead",
    "junior",
    "jr",
    "mid",
    "founding",
    "intermediate",
    "medior",
    "level",
    "levels",
    "all",
    "snr",
    "entry",
}
_DISCIPLINES = re.compile(
    r"^(?:front[\s-]?end|fe|back[\s-]?end|be|full[\s-]?stack|fs|mobile|ios|android|web|infra(?:structure)?|platform|"
    r"data|ml|ai|applied ai|machine learning|sre|devops|security|embedded|systems?|product|research|qa|test|cloud|"
    r"site reliability|distributed systems|robotics|computer vision|nlp|llm|genai|growth)\b",
    re.IGNORECASE,
)
# "AI/ML", "UX/UI", "CI/CD", "ML/CV/NLP": one term, not alternatives.
_SHORT_PAIR = re.compile(r"\b([A-Za-z]{1,3})\s*/\s*(?=[A-Za-z]{1,3}\b)")
_TOP_LEVEL_SEPARATOR = re.compile(r"\s*(?:,|;|/|\|| & | \+ |\band\b)\s*", re.IGNORECASE)


def split_titles(title: str) -> list[str]:
    """The role titles a header names: "Senior Backend / ML Engineers" → ["Senior Backend Engineer",
    "Senior ML Engineers"]; "Software Engineer, Infrastructure" and "AI/ML Engineer" stay whole.

    Parts are cut at top-level separators (commas, slashes, " & ", " + ", "and"; never inside
    parentheses). A part naming no job is a qualifier of the job before it ("…Engineer, Payments"),
    or, before a plural job ("Frontend, Backend & ML Engineers"), a discipline that gets its own copy
    of that job; level words ("Senior / Staff") join the next part. A bare noun after a job borrows
    its field ("ML Engineer / Researcher" → "ML Researcher"). A plural job followed by a list of
    disciplines in parentheses ("Engineers (Backend, ML Platform)") yields one title per discipline.
    Python, not Polars: it runs on the few HN headers that may name several roles.
    """
    text = _SHORT_PAIR.sub(lambda m: m.group(1) + "\x00", (title or "").strip(" []"))
    spans = [span for span in _top_level_spans(text) if text[span[0] : span[1]].strip(" -–—:")]
    groups: list[list[int]] = []  # indices into spans; the last one of a group is its job (if any)
    pending: list[int] = []
    for index, (start, end) in enumerate(spans):
        part = text[start:end]
        if _is_levels(part):
            pending.append(index)
        elif _HAS_NOUN.search(_outside_parentheses(part)):
            groups.append([*pending, index])
            pending = []
        elif groups and not pending:
            groups[-1].append(index)  # a qualifier of the job before
        else:
            pending.append(index)
    if pending and groups:
        groups[-1].extend(pending)
    if not groups:
        return [title] if title and title.strip() else []
    titles: list[str] = []
    for group in groups:
        titles.extend(_group_titles(text, [spans[i] for i in group], titles[-1] if titles else None))
    return [t.replace("\x00", "/").strip(" -–—:,") for t in titles]


def _top_level_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for match in re.finditer(r"[()]|" + _TOP_LEVEL_SEPARATOR.pattern, text, re.IGNORECASE):
        token = match.group(0)
        if token in "()":
            depth += 1 if token == "(" else -1
        elif depth <= 0:
            spans.append((start, match.start()))
            start = match.end()
    return [*spans, (start, len(text))]


def _outside_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)?", " ", text)


def _is_levels(part: str) -> bool:
    words = re.findall(r"[a-z]+", part.lower())
    return bool(words) and set(words) <= _LEVEL_WORDS


def _leading_levels(part: str) -> str:
    found = re.match(r"^\W*(?:(?:" + "|".join(_LEVEL_WORDS) + r")\b\W*)+", part, re.IGNORECASE)
    return found.group(0) if found else ""


def _group_titles(text: str, spans: list[tuple[int, int]], previous: str | None) -> list[str]:
    """The titles one group of parts names (levels and disciplines…, the job, its qualifiers)."""
    parts = [text[start:end].strip() for start, end in spans]
    job_at = max(i for i, part in enumerate(parts) if _HAS_NOUN.search(_outside_parentheses(part)))
    before, job = parts[:job_at], parts[job_at]
    nouns = re.findall(rf"\b({_JOB_NOUNS})\b", _outside_parentheses(job), re.IGNORECASE)
    head = nouns[-1] if nouns else ""
    plural = head[-1:].lower() == "s" and head.lower() not in {"devops", "ems", "technical staff"}
    levels = " ".join(part for part in before if _is_levels(part))
    modifiers = [part for part in before if not _is_levels(part)]
    if plural and (listed := _listed_disciplines(job, head)):  # "Engineers (Backend, ML Platform)"
        base = listed[0][:-1]  # "Senior Engineers" → "Senior Engineer"
        lead = _leading_levels(base)
        return [f"{levels} {lead}{item} {base[len(lead) :]}".strip() for item in listed[1]]
    if plural and modifiers:  # "Frontend, Backend & ML Engineers": each discipline its own job
        lead = _leading_levels(modifiers[0])
        firsts = [modifiers[0][len(lead) :], *modifiers[1:]]
        own = text[spans[job_at][0] : spans[-1][1]].strip()  # the job itself keeps its qualifiers
        own = own if _leading_levels(own) else f"{levels} {lead}{own}"
        return [f"{levels} {lead}{modifier} {head[:-1]}".strip() for modifier in firsts] + [own.strip()]
    levels_then_noun = rf"\W*(?:(?:{'|'.join(_LEVEL_WORDS)})\W+)*(?:{_JOB_NOUNS})\W*"
    if (
        previous
        and len(parts) == 1
        and re.fullmatch(levels_then_noun, job, re.IGNORECASE)
        and not _SELF_CONTAINED.match(job)
    ):  # "ML Engineer / Researcher": the bare noun borrows the field
        field = re.sub(rf"\b(?:{_JOB_NOUNS})\W*$", "", previous, flags=re.IGNORECASE).strip()
        return [f"{field} {job}".strip()]
    return [text[spans[0][0] : spans[-1][1]].strip()]


def _listed_disciplines(job: str, head: str) -> tuple[str, list[str]] | None:
    """("Senior Engineers", ["Backend", "ML Platform"]) for "Senior Engineers (Backend, ML Platform)"."""
    listed = re.match(rf"^(.*?\b{re.escape(head)})\s*\(([^)]*)\)", job)
    if not listed:
        return None
    inside = listed.group(2)
    items = [inside[start:end].strip() for start, end in _top_level_spans(inside)]
    return (listed.group(1), items) if len(items) > 1 and all(_DISCIPLINES.match(item) for item in items) else None


def title_parts(frame: Frame, key: str = "posting_id") -> Frame:
    """(key, title) rows → one row per role title each header names: key, title (`split_titles`).

    Vectorized but for the headers that hold a separator, which are split once per distinct title.
    """
    separated = pl.col("title").str.contains(r"[,/;&+|(]| and ")
    single = frame.filter(~separated | pl.col("title").is_null()).select(key, "title")
    several = frame.filter(separated).select(key, "title")
    parts = (
        several.select("title")
        .unique()
        .with_columns(
            part=pl.col("title").map_batches(
                lambda titles: pl.Series([split_titles(t) for t in titles], dtype=pl.List(pl.String)),
                return_dtype=pl.List(pl.String),
            )
        )
        .explode("part")
    )
    split = several.join(parts, on="title", how="inner").select(key, title="part")
    return pl.concat([single, split])
