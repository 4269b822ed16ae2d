"""Writes a posting's description from the skills chosen for it, and records what it named.

The ground truth of a posting (`skills`) is the union of what every filled phrase names: chosen
skills through their surfaces, plus what a surface implies ("GitHub Actions" → ci_cd and git).
Everything else written (about-us, benefits, traps) names no skill.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

from . import vocabulary as vocab
from .other_roles import OTHER_REQUIREMENTS
from .roles import PostingKind
from .skill_words import CATEGORIES, CATEGORY_BULLETS, DEGREE_LINES, RESEARCH_LINES, SURFACE_TABLE

_PLACEHOLDER = re.compile(r"\{([a-z_+]+)(?:\|([^}]*))?\}")
_CREDENTIALS = frozenset({"phd", "masters", "research_experience"})


@dataclass(frozen=True)
class Section:
    key: str  # about | duties | requirements | nice | benefits | pay | apply
    heading: str | None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Written:
    sections: tuple[Section, ...]
    skills: frozenset[str]


@cache
def needs_of(template: str) -> frozenset[str]:
    """Skills a phrase names (its placeholders)."""
    found: set[str] = set()
    for match in _PLACEHOLDER.finditer(template):
        found.update(match.group(1).split("+"))
    return frozenset(found)


def fill(template: str, rng: random.Random, named: set[str]) -> str:
    """Fill placeholders with surfaces; add every skill the result names to `named`."""

    def one(match: re.Match[str]) -> str:
        skills, literal = match.group(1), match.group(2)
        if literal is not None:
            named.update(skills.split("+"))
            return literal
        text, implied = rng.choice(SURFACE_TABLE[skills])
        named.update(implied)
        return text

    return _PLACEHOLDER.sub(one, template)


def join_words(words: list[str], conj: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conj} {words[-1]}"


def skill_list(skills: list[str], rng: random.Random, named: set[str], conj: str = "and") -> str:
    words = []
    for skill in skills:
        text, implied = rng.choice(SURFACE_TABLE[skill])
        named.update(implied)
        words.append(text)
    return join_words(words, conj)


_ORDER = {
    skill: (i, category)
    for i, (category, skill) in enumerate((c, s) for c, members in CATEGORIES.items() for s in members)
}


def in_category_order(skills: set[str] | frozenset[str]) -> list[tuple[str, list[str]]]:
    """Chosen skills grouped by category, in a fixed order (never set order: hash seeds vary)."""
    groups: dict[str, list[str]] = {}
    for skill in sorted(skills, key=_ORDER.__getitem__):
        groups.setdefault(_ORDER[skill][1], []).append(skill)
    return list(groups.items())


def skill_bullets(skills: set[str], rng: random.Random, named: set[str]) -> list[str]:
    bullets = []
    for category, members in in_category_order(skills - _CREDENTIALS):
        template = rng.choice(CATEGORY_BULLETS[category])
        conj = "or" if category == "cloud" and len(members) > 1 and rng.random() < 0.5 else "and"
        bullets.append(template.replace("{list}", skill_list(members, rng, named, conj)))
    return bullets


def credential_bullets(skills: set[str], rng: random.Random, named: set[str], always_degree_line: bool) -> list[str]:
    bullets = []
    degrees = frozenset(skills & {"phd", "masters"})
    if degrees or always_degree_line:
        line = rng.choice(DEGREE_LINES[degrees])
        named.update(degrees)
        bullets.append(line)
    if "research_experience" in skills:
        bullets.append(rng.choice(RESEARCH_LINES))
        named.add("research_experience")
    return bullets


def pick_duties(kind: PostingKind, chosen: frozenset[str], rng: random.Random) -> list[str]:
    """4–6 duties whose skills were all chosen; those that name a skill are preferred."""
    eligible = [d for d in kind.duties if needs_of(d) <= chosen]
    weights = [3.0 if needs_of(d) else 1.0 for d in eligible]
    picked: list[str] = []
    want = min(len(eligible), rng.randint(4, 6))
    while len(picked) < want:
        duty = rng.choices(eligible, weights)[0]
        if duty not in picked:
            picked.append(duty)
    return picked


def write_posting(
    kind: PostingKind,
    chosen: frozenset[str],
    company_name: str,
    industry: str,
    style: dict[str, str],
    facts: dict[str, str],
    pay_line: str | None,
    seniority_years: int,
    rng: random.Random,
) -> Written:
    """Sections of one ATS posting; `chosen` must be mentioned, nothing else may be."""
    named: set[str] = set()
    nice = {s for s in sorted(chosen) if s not in _CREDENTIALS and rng.random() < 0.3}
    if "julia" in chosen:  # the rare skill always sits among the extras, like in real postings
        nice.add("julia")
    required = set(chosen) - nice

    about = [
        rng.choice(vocab.INDUSTRY_BLURBS[industry]).format(name=company_name),
        rng.choice(vocab.COMPANY_FACTS).format(**facts),
    ]
    if rng.random() < 0.35:
        about.append(rng.choice(vocab.ABOUT_TRAPS).format(**facts))
    intro = f"Our {kind.department} team is hiring. " + rng.choice(
        (
            "You will work with a small group of people who care about doing this well.",
            "This is a chance to shape how we work as we grow.",
            "You will have real ownership from your first month.",
        )
    )
    duties = [fill(d, rng, named) for d in pick_duties(kind, chosen, rng)]

    requirements = [
        vocab.GENERIC_REQUIREMENTS[0].format(years=seniority_years) if seniority_years else vocab.STUDENT_REQUIREMENT
    ]
    requirements += OTHER_REQUIREMENTS.get(kind.key, ())
    requirements += skill_bullets(required, rng, named)
    requirements += credential_bullets(
        required, rng, named, always_degree_line=kind.role != "other" and rng.random() < 0.3
    )
    requirements += rng.sample(vocab.GENERIC_REQUIREMENTS[1:], 2)
    nice_bullets = skill_bullets(nice, rng, named)

    def heading(key: str) -> str:
        return style[key].format(name=company_name)

    sections = [
        Section("about", heading("about"), tuple(about)),
        Section("duties", heading("duties"), (intro,), tuple(duties)),
        Section("requirements", heading("requirements"), (), tuple(requirements)),
    ]
    if nice_bullets:
        sections.append(Section("nice", heading("nice"), (), tuple(nice_bullets)))
    sections.append(Section("benefits", heading("benefits"), (), tuple(rng.sample(vocab.BENEFITS, rng.randint(4, 6)))))
    if pay_line:
        sections.append(Section("pay", heading("pay"), (pay_line,)))
    apply = [rng.choice(vocab.HOW_TO_APPLY).format(**facts), vocab.EEO.format(name=company_name)]
    sections.append(Section("apply", heading("apply"), tuple(apply)))

    missing = set(chosen) - named
    if missing:  # a bug in the vocabulary, not bad luck: fail loudly
        raise AssertionError(f"{kind.key}: chosen skills never written: {sorted(missing)}")
    return Written(tuple(sections), frozenset(named))
