"""Hacker News "Ask HN: Who is hiring?" threads for the sandbox, in HN's comment HTML.

One thread per month covering the period, posted by `whoishiring` on the 1st; top-level comments
are job posts (a good share list several roles), some have replies that are not posts. Like the
real search results, one extra whoishiring story is not a monthly thread (spiders must filter).
Text is escaped the way HN does it (`&#x2F;`, `&#x27;`, paragraphs split by bare `<p>`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from . import vocabulary as vocab
from .sampling import Period, choose_skills, pick_kind, pick_title, skills_named_by_title
from .writer import fill, pick_duties, skill_list

POSTS_PER_MONTH = 45
MULTI_ROLE_SHARE = 0.4
HIRING_AUTHOR = "whoishiring"


@dataclass(frozen=True)
class HNComment:
    id: int
    author: str
    created_at: dt.datetime
    text: str  # HN-escaped HTML
    parent_id: int
    story_id: int
    children: tuple[HNComment, ...] = ()
    is_job_post: bool = False
    company: str | None = None
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # role id per title
    skills: frozenset[str] = frozenset()  # ground truth: skills the post names


@dataclass(frozen=True)
class HNStory:
    id: int
    title: str
    created_at: dt.datetime
    text: str
    points: int
    children: tuple[HNComment, ...]
    is_monthly_thread: bool

    def job_posts(self) -> tuple[HNComment, ...]:
        return tuple(c for c in self.children if c.is_job_post)


def hn_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
        .replace("/", "&#x2F;")
    )


def hn_link(url: str) -> str:
    escaped = hn_escape(url)
    return f'<a href="{escaped}" rel="nofollow">{escaped}</a>'


def _months(period: Period) -> list[dt.date]:
    month, months = period.start.replace(day=1), []
    while month <= period.end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


class _Ids:
    """HN ids grow with time; comments get ids just above their thread's."""

    def __init__(self, rng: random.Random):
        self.next_id = 44_000_000 + rng.randrange(100_000)

    def take(self, gap: int) -> int:
        self.next_id += gap
        return self.next_id


def _salary_text(currency: str | None, kind_key: str, rng: random.Random) -> str | None:
    if currency is None or rng.random() < 0.45:
        return None
    mid = vocab.PAY_MIDPOINT_USD[kind_key] * vocab.CURRENCY_PER_USD[currency] / 1000
    low, high = int(mid * 0.85 / 5) * 5, int(mid * 1.15 / 5) * 5
    sym = vocab.CURRENCY_SYMBOL[currency].strip()
    return rng.choice((f"{sym}{low}k-{sym}{high}k", f"{sym}{low}k - {sym}{high}k + equity"))


_CREDENTIAL_LINES = {
    "phd": "{phd} preferred.",
    "masters": "{masters} or equivalent experience.",
    "research_experience": "Some {research_experience} is a plus.",
}


def _job_post(
    company, day_time: dt.datetime, period: Period, rng: random.Random, ids: _Ids, story_id: int
) -> HNComment:
    n_roles = rng.choice((2, 2, 3)) if rng.random() < MULTI_ROLE_SHARE else 1
    day = day_time.date()
    kinds, titles, named = [], [], set()
    for _ in range(n_roles):
        kind = pick_kind(day, period, rng)
        if any(k.key == kind.key for k, _ in kinds):
            continue
        chosen = choose_skills(kind, day, period, rng)
        kinds.append((kind, chosen))
        titles.append(pick_title(kind, chosen, rng).text)
        named |= skills_named_by_title(titles[-1])  # on HN the titles are part of the text
    office = rng.choice(company.offices)
    where = rng.choice(
        (f"{office.city} or REMOTE", f"{office.display} (ONSITE)", f"REMOTE ({office.iso2})", f"{office.city} | Hybrid")
    )
    # "ML Engineer, Data Scientist" — unless a title has its own comma ("Product Manager, AI").
    roles_text = ("; " if any("," in t for t in titles) else ", ").join(titles)
    header = [company.name, roles_text, where, rng.choice(("Full-time", "Full-time | VISA"))]
    salary = _salary_text(office.currency, kinds[0][0].key, rng)
    if salary:
        header.append(salary)
    blurb = rng.choice(vocab.INDUSTRY_BLURBS[company.industry]).format(name=company.name)
    paragraphs = [hn_escape(" | ".join(header)), hn_escape(blurb)]
    for (kind, chosen), title in zip(kinds, titles):
        duties = [fill(d, rng, named) for d in pick_duties(kind, chosen, rng)[:2]]
        line = f"{title}: {'; '.join(d[0].lower() + d[1:] for d in duties)}."
        if wanted := [s for s in sorted(chosen) if s not in _CREDENTIAL_LINES]:
            line += f" You know {skill_list(wanted, rng, named)}."
        for credential in sorted(chosen & _CREDENTIAL_LINES.keys()):
            line += " " + fill(_CREDENTIAL_LINES[credential], rng, named)
        paragraphs.append(hn_escape(("- " if len(kinds) > 1 else "") + line))
    if rng.random() < 0.5:
        paragraphs.append("Apply: " + hn_link(f"https://{company.domain}/careers"))
    else:
        paragraphs.append(hn_escape(f"Email your CV to jobs@{company.domain} and mention HN."))
    missing = set().union(*(c for _, c in kinds)) - named
    assert not missing, f"HN post never wrote {sorted(missing)}"
    return HNComment(
        id=ids.take(rng.randint(3, 40)),
        author=rng.choice(vocab.HN_AUTHORS),
        created_at=day_time,
        text="<p>".join(paragraphs),
        parent_id=story_id,
        story_id=story_id,
        is_job_post=True,
        company=company.name,
        titles=tuple(titles),
        roles=tuple(k.role for k, _ in kinds),
        skills=frozenset(named),
    )


def _replies(post: HNComment, rng: random.Random, ids: _Ids) -> HNComment:
    """Attach a question (and sometimes the poster's answer) under a job post."""
    asked = post.created_at + dt.timedelta(hours=rng.randint(1, 30))
    answer = ()
    if rng.random() < 0.5:
        answer_text = hn_escape(rng.choice(vocab.HN_REPLY_ANSWERS))
        answer_id = ids.take(rng.randint(50, 400))
        answer = (
            HNComment(
                answer_id, post.author, asked + dt.timedelta(hours=3), answer_text, parent_id=-1, story_id=post.story_id
            ),
        )
    question = HNComment(
        ids.take(rng.randint(50, 400)),
        rng.choice(vocab.HN_AUTHORS),
        asked,
        hn_escape(rng.choice(vocab.HN_REPLIES)),
        parent_id=post.id,
        story_id=post.story_id,
        children=answer,
    )
    if answer:  # the answer's parent is the question, known only now
        question = replace(question, children=(replace(answer[0], parent_id=question.id),))
    return replace(post, children=(question,))


def generate_hn(companies, period: Period, rng: random.Random) -> tuple[HNStory, ...]:
    """Monthly threads (oldest first) plus one non-thread whoishiring story."""
    ids, stories = _Ids(rng), []
    last_moment = dt.datetime.combine(period.end, dt.time(23, 59, 59), dt.UTC)
    for month in _months(period):
        created = dt.datetime.combine(month, dt.time(15, 0, rng.randint(0, 59)), dt.UTC)
        story_id = ids.take(rng.randint(1000, 5000))
        posts = []
        for _ in range(POSTS_PER_MONTH):
            # Most posts land in the first days of the thread, a tail through the month.
            early = rng.random() < 0.8
            offset = min(rng.expovariate(1 / 40), 27 * 24) if early else rng.uniform(0, 27 * 24)
            when = created + dt.timedelta(hours=offset, seconds=rng.randint(0, 3599))
            if when > last_moment:
                continue
            posts.append((when, rng.choice(companies)))
        posts.sort(key=lambda p: p[0])
        children = []
        for when, company in posts:
            post = _job_post(company, when.replace(microsecond=0), period, rng, ids, story_id)
            children.append(_replies(post, rng, ids) if rng.random() < 0.15 else post)
        title = f"Ask HN: Who is hiring? ({month.strftime('%B %Y')})"
        stories.append(
            HNStory(story_id, title, created, HN_THREAD_TEXT_HTML, rng.randint(250, 600), tuple(children), True)
        )
    stories.append(_off_topic_story(stories, last_moment, rng, ids))
    return tuple(sorted(stories, key=lambda s: s.created_at))


HN_THREAD_TEXT_HTML = vocab.HN_THREAD_TEXT.replace("/", "&#x2F;").replace("'", "&#x27;")


def _off_topic_story(threads: list[HNStory], last_moment: dt.datetime, rng: random.Random, ids: _Ids) -> HNStory:
    anchor = threads[len(threads) // 2]
    created = min(anchor.created_at + dt.timedelta(days=12, hours=2), last_moment - dt.timedelta(hours=6))
    story_id = ids.take(rng.randint(1000, 5000))
    chat = tuple(
        HNComment(
            ids.take(rng.randint(20, 200)),
            rng.choice(vocab.HN_AUTHORS),
            created + dt.timedelta(hours=i + 1),
            hn_escape(text),
            story_id,
            story_id,
        )
        for i, text in enumerate(
            ("Would a separate thread for internships help?", "Please keep it monthly; one place to look is the point.")
        )
    )
    return HNStory(
        story_id,
        "Ask HN: Should the hiring threads move to twice a month?",
        created,
        "",
        rng.randint(20, 90),
        chat,
        False,
    )
