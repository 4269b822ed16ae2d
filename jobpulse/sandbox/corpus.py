"""The sandbox corpus: invented companies on six ATSes (Greenhouse, Lever, Ashby, SmartRecruiters,
Workable, Recruitee), their postings, and HN
"Who is hiring?" threads — generated deterministically from (seed, end, weeks, n_postings).

Each posting keeps what the generator meant it to say (role, specialism/focus, seniority, and the
exact set of skills its text names), so tests can compare the pipeline's output with the truth.
The planted trends live in trends.py; the wire_*.py modules turn these objects into each API's JSON.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import uuid
from dataclasses import dataclass, field, replace

from contract.sources import ATS_SOURCES

from . import vocabulary as vocab
from .hn import HNComment, HNStory, generate_hn
from .roles import PostingKind
from .sampling import (
    ALL_KINDS,
    Period,
    add_seniority,
    choose_skills,
    pick_kind,
    pick_title,
    posting_days,
    skills_named_by_title,
    years_for,
)
from .trends import PLANTED_TRENDS, last_full_week
from .vocabulary import Office
from .writer import Section, write_posting

DEFAULT_END = dt.date(2026, 11, 22)  # a Sunday, so the period is whole ISO weeks
ATS_NAMES = ATS_SOURCES

# Where a company's headquarters may be, and the UTC offset its Greenhouse timestamps use.
_HQ_OFFSETS = {
    "US": "-05:00",
    "GB": "+00:00",
    "DE": "+01:00",
    "NL": "+01:00",
    "FR": "+01:00",
    "IE": "+00:00",
    "CH": "+01:00",
    "CA": "-05:00",
}
# Which companies hire which kinds more (an AI lab posts research roles, a chip maker hardware).
_AFFINITY = {
    ("ai_lab", "research_scientist"): 4,
    ("ai_lab", "research_engineer"): 4,
    ("ai_lab", "ai_engineer"): 2,
    ("silicon", "mle_hardware"): 8,
    ("silicon", "research_engineer"): 1.5,
    ("biotech", "clinical_scientist"): 8,
    ("health", "clinical_scientist"): 4,
    ("biotech", "research_scientist"): 1.5,
}


@dataclass(frozen=True)
class Company:
    name: str
    industry: str
    ats: str  # one of ATS_NAMES
    token: str  # the board token / company slug in the API path
    domain: str  # invented, under the reserved .example TLD
    offices: tuple[Office, ...]
    utc_offset: str
    style: int  # index into vocabulary.HEADING_STYLES
    founded: int
    size: int
    weight: float  # how many postings it gets, relatively


@dataclass(frozen=True)
class Salary:
    min: float
    max: float
    currency: str
    period: str  # 'year' | 'hour'


@dataclass(frozen=True)
class Posting:
    id: str  # the id on the wire: digits on Greenhouse, a UUID on Lever and Ashby
    internal_id: int
    company: Company
    title: str
    kind: str
    role: str
    specialism: str | None
    focus: str | None
    seniority: str | None
    department: str
    posted_at: dt.datetime  # UTC
    updated_at: dt.datetime
    office: Office
    workplace: str  # onsite | hybrid | remote
    location: str
    salary: Salary | None
    sections: tuple[Section, ...]
    skills: frozenset[str]  # ground truth: every skill the posting names (title or description)
    closes_on: dt.date | None = None  # first day its board no longer lists it (None: never closes)

    @property
    def posted_on(self) -> dt.date:
        return self.posted_at.date()


@dataclass(frozen=True)
class Corpus:
    seed: int
    start: dt.date
    end: dt.date
    weeks: int
    companies: tuple[Company, ...]
    postings: tuple[Posting, ...]  # ATS postings, oldest first
    hn_stories: tuple[HNStory, ...]  # oldest first; all by whoishiring, not all monthly threads
    _by_board: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for posting in self.postings:
            self._by_board.setdefault((posting.company.ats, posting.company.token), []).append(posting)

    def boards(self, ats: str) -> list[str]:
        return [c.token for c in self.companies if c.ats == ats]

    def boards_with_postings(self, ats: str) -> list[str]:
        """The boards of `ats` that serve at least one posting (fault tests pick theirs from these)."""
        return [token for token in self.boards(ats) if self.postings_on(self.company(ats, token))]

    def company(self, ats: str, token: str) -> Company | None:
        return next((c for c in self.companies if c.ats == ats and c.token == token), None)

    def postings_on(self, company: Company) -> list[Posting]:
        return self._by_board.get((company.ats, company.token), [])

    def hn_threads(self) -> tuple[HNStory, ...]:
        return tuple(s for s in self.hn_stories if s.is_monthly_thread)

    def hn_job_posts(self) -> list[HNComment]:
        return [post for story in self.hn_threads() for post in story.job_posts()]

    def by_source_id(self) -> dict[tuple[str, str], Posting | HNComment]:
        """The truth behind every posting a crawl can land, keyed like the items:
        (source, source_id) — ATS postings by their wire id, HN posts by comment id."""
        truth: dict[tuple[str, str], Posting | HNComment] = {(p.company.ats, p.id): p for p in self.postings}
        truth.update({("hn", str(post.id)): post for post in self.hn_job_posts()})
        return truth


def _slug(name: str, sep: str) -> str:
    return sep.join(re.findall(r"[a-z0-9]+", name.lower()))


def ats_for(rank: int) -> str:
    """Greenhouse, Lever, Ashby in turn; in every other block of three ranks the Lever and Ashby
    seats go to SmartRecruiters, Workable, Recruitee. Greenhouse companies, every posting's text
    and the random stream stay as they were; only where some boards are served changes."""
    block, seat = divmod(rank, 3)
    if seat == 0 or block % 2 == 0:
        return ATS_NAMES[seat]
    return ATS_NAMES[3 + ((block // 2) * 2 + seat - 1) % 3]


def board_token(name: str, ats: str) -> str:
    if ats == "smartrecruiters":  # company identifiers are CamelCase ("AutomationAnywhere1")
        return "".join(word.capitalize() for word in re.findall(r"[a-z0-9]+", name.lower()))
    return _slug(name, "-" if ats in ("lever", "workable") else "")


def posting_wire_id(ats: str, bits: int, serial: int) -> str:
    """A posting id in its ATS's format from 128 random bits (Lever and Ashby: a UUID). The short
    numeric formats grow with `serial` (the posting's index), so they never collide and rise
    over time like the real ones."""
    if ats == "smartrecruiters":
        return str(744_000_000_000_000 + serial * 10_000 + bits % 10_000)  # "744000133907678"
    if ats == "workable":
        return f"{bits % 16**10:010X}"  # a shortcode: "74172297A5"
    if ats == "recruitee":
        return str(2_000_000 + serial * 10 + bits % 10)  # offer ids: 2707521
    return str(uuid.UUID(int=bits, version=4))


def make_companies(rng: random.Random) -> tuple[Company, ...]:
    names = list(vocab.COMPANIES)
    rng.shuffle(names)
    hq_offices = [o for o in vocab.OFFICES if o.iso2 in _HQ_OFFSETS]
    companies = []
    for rank, (name, industry) in enumerate(names):
        ats = ats_for(rank)
        token = board_token(name, ats)
        hq = rng.choice(hq_offices)
        others = rng.sample([o for o in vocab.OFFICES if o != hq], rng.choice((0, 1, 1, 2, 3)))
        companies.append(
            Company(
                name=name,
                industry=industry,
                ats=ats,
                token=token,
                domain=f"{_slug(name, '')}.example",
                offices=(hq, *others),
                utc_offset=_HQ_OFFSETS[hq.iso2],
                style=rng.randrange(len(vocab.HEADING_STYLES)),
                founded=rng.randint(2008, 2022),
                size=rng.choice((40, 80, 150, 300, 600, 1200)),
                weight=1 / (rank + 3) ** 0.9,
            )
        )
    return tuple(companies)


def _company_weights(companies: tuple[Company, ...], kind: PostingKind) -> list[float]:
    return [
        c.weight * _AFFINITY.get((c.industry, kind.key), _AFFINITY.get((c.industry, kind.role), 1)) for c in companies
    ]


def _place(company: Company, rng: random.Random) -> tuple[Office, str, str]:
    office = rng.choice(company.offices)
    workplace = rng.choices(("onsite", "hybrid", "remote"), (0.45, 0.3, 0.25))[0]
    if workplace == "remote":
        return office, workplace, vocab.REMOTE_NAMES[office.iso2]
    if workplace == "hybrid":
        return office, workplace, rng.choice((f"Hybrid - {office.city}", f"{office.display} (Hybrid)"))
    return office, workplace, office.display


def _salary(kind: PostingKind, office: Office, level: str | None, factor: float, rng: random.Random) -> Salary | None:
    currency = office.currency
    published = 0.7 if office.iso2 in ("US", "CA") else 0.35
    if currency is None or rng.random() > published:
        return None
    rate = vocab.CURRENCY_PER_USD[currency]
    if level == "intern":
        low = round(rng.randint(35, 60) * rate)
        return Salary(low, low + 10, currency, "hour")
    mid = vocab.PAY_MIDPOINT_USD[kind.key] * factor * rate * rng.uniform(0.9, 1.1)
    return Salary(round(mid * 0.85, -3), round(mid * 1.15, -3), currency, "year")


def pay_line(salary: Salary) -> str:
    """How a Greenhouse board writes the pay range into the posting text."""
    sym = vocab.CURRENCY_SYMBOL[salary.currency]
    if salary.period == "hour":
        return (
            f"The pay for this internship is {sym}{salary.min:,.0f} - {sym}{salary.max:,.0f} "
            f"{salary.currency} per hour."
        )
    return (
        f"The base salary range for this role is {sym}{salary.min:,.0f} - {sym}{salary.max:,.0f} "
        f"{salary.currency}. Your offer depends on level, experience and location."
    )


def _rare_picks(plans: list, end: dt.date) -> dict[int, str]:
    """Indices of the postings that get a 'rare' skill: its role's, in the last full week."""
    monday, sunday = last_full_week(end)
    picks: dict[int, str] = {}
    for trend in (t for t in PLANTED_TRENDS if t.kind == "rare"):
        candidates = [i for i, (day, kind, _) in enumerate(plans) if kind.role == trend.role]
        in_week = [i for i in candidates if monday <= plans[i][0] <= sunday]
        chosen = in_week if len(in_week) >= trend.rare_count else candidates
        for i in chosen[-trend.rare_count :]:
            picks[i] = trend.skill
    return picks


def generate_corpus(
    seed: int = 7, end: dt.date = DEFAULT_END, weeks: int = 30, n_postings: int = 4000, closing_share: float = 0.0
) -> Corpus:
    """The whole sandbox corpus; same arguments, same corpus (and same served bytes).

    `closing_share` of the ATS postings close 1–8 weeks after they were posted (boards stop
    listing them); by default none do, so every posting up to the clock is served."""
    rng = random.Random(seed)
    period = Period(end, weeks)
    companies = make_companies(rng)
    weights_by_kind = {k.key: list(itertools.accumulate(_company_weights(companies, k))) for k in ALL_KINDS}

    # Plan every posting first (day, kind, skills) so the rare skill can go to the right ones.
    plans = []
    for day in posting_days(period, n_postings, rng):
        kind = pick_kind(day, period, rng)
        plans.append((day, kind, choose_skills(kind, day, period, rng)))
    for i, skill in _rare_picks(plans, end).items():
        plans[i] = (plans[i][0], plans[i][1], plans[i][2] | {skill})

    postings, next_gh_id = [], 4_000_000_000 + rng.randrange(10**8)
    for day, kind, chosen in plans:
        company = rng.choices(companies, cum_weights=weights_by_kind[kind.key])[0]
        title, level, factor = add_seniority(pick_title(kind, chosen, rng).text, rng)
        office, workplace, location = _place(company, rng)
        salary = _salary(kind, office, level, factor, rng)
        style = vocab.HEADING_STYLES[company.style]
        facts = {
            "founded": company.founded,
            "year": rng.randint(max(company.founded + 2, 2019), 2026),
            "size": company.size,
            "offices": " and ".join(o.city for o in company.offices[:2]),
            "email": f"talent@{company.domain}",
        }
        text = write_posting(
            kind,
            chosen,
            company.name,
            company.industry,
            style,
            facts,
            pay_line(salary) if salary and company.ats == "greenhouse" else None,
            years_for(level, rng),
            rng,
        )
        posted = dt.datetime.combine(
            day,
            dt.time(rng.randint(13, 20), rng.randint(0, 59), rng.randint(0, 59), rng.randrange(1000) * 1000),
            dt.UTC,
        )
        if company.ats == "greenhouse":
            next_gh_id += rng.randint(1, 5000)
            wire_id = str(next_gh_id)
        else:
            wire_id = posting_wire_id(company.ats, rng.getrandbits(128), len(postings))
        postings.append(
            Posting(
                id=wire_id,
                internal_id=rng.randrange(10**9, 10**10),
                company=company,
                title=title,
                kind=kind.key,
                role=kind.role,
                specialism=kind.specialism,
                focus=kind.focus,
                seniority=level,
                department=kind.department,
                posted_at=posted,
                updated_at=posted + dt.timedelta(minutes=rng.choice((0, 0, 5, 90, 2000, 6000))),
                office=office,
                workplace=workplace,
                location=location,
                salary=salary,
                sections=text.sections,
                skills=text.skills | skills_named_by_title(title),
            )
        )

    return Corpus(
        seed=seed,
        start=period.start,
        end=end,
        weeks=weeks,
        companies=companies,
        postings=_with_closings(postings, closing_share, seed),
        hn_stories=generate_hn(companies, period, rng),
    )


def _with_closings(postings: list[Posting], share: float, seed: int) -> tuple[Posting, ...]:
    """Give `share` of the postings a closing day, from a random stream of their own: the rest of
    the corpus is the same with closings or without."""
    if share <= 0:
        return tuple(postings)
    rng = random.Random(f"closings-{seed}")
    return tuple(
        replace(p, closes_on=p.posted_on + dt.timedelta(days=rng.randint(7, 56))) if rng.random() < share else p
        for p in postings
    )
