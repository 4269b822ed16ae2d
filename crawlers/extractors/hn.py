"""Hacker News "Ask HN: Who is hiring?" → items.

Three wire shapes:
- Algolia search (`/api/v1/search_by_date?tags=story,(author__whoishiring,…)`): thread discovery
  (`hiring_threads`).
- Algolia items (`/api/v1/items/<thread id>`): the whole thread as a nested tree; every top-level
  comment is one job post, replies are discussion and are skipped.
- Firebase (`/v0/item/<id>.json`): one comment, flat (`id, by, time, text, parent, type`).

A post's first line is usually a pipe-separated header (`Company | Role(s) | Location | REMOTE |
$150k-$200k`); `parse_header` reads it, robust to the many variations people write. The pay part
is handed over as written (`salary_text`): normalization reads amounts, currency and period.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from contract.posting import PostingItem, new_item
from crawlers.extractors.common import epoch_to_iso, first_line, remote_from_text, strip_tags, truncate

SOURCE = "hn"
ITEM_URL = "https://news.ycombinator.com/item?id={}"

# Only the monthly threads: "Who wants to be hired?", "Freelancer? Seeking freelancer?", the
# one-off "Who is hiring right now?" (March 2020) and meta posts are other kinds of thread.
_MONTHLY_HIRING_TITLE = re.compile(
    r"^\s*Ask HN:\s*Who is hiring\?\s*\((?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})\)\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def thread_month(title: str | None, created_at: str | None = None) -> str | None:
    """ "YYYY-MM" a who-is-hiring thread is for: from its title, else from when it was posted."""
    match = _MONTHLY_HIRING_TITLE.match(title or "")
    if match and match["month"].lower() in _MONTHS:
        return f"{match['year']}-{_MONTHS[match['month'].lower()]:02d}"
    return created_at[:7] if created_at else None


def is_hiring_thread(title: str | None) -> bool:
    """True for the monthly "Ask HN: Who is hiring? (Month YYYY)" stories only."""
    return bool(_MONTHLY_HIRING_TITLE.match(title or ""))


def hiring_threads(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """(who-is-hiring threads on this page, the search's nbPages).

    A thread is `{"id", "title", "created_at", "month", "num_comments"}`; `id` is a string (it
    becomes the items' `board`), `created_at` ISO 8601 UTC, `month` "YYYY-MM".
    """
    threads = []
    for hit in payload.get("hits") or []:
        title = (hit.get("title") or "").strip()
        thread_id = hit.get("objectID") or hit.get("story_id")
        if not thread_id or not is_hiring_thread(title):
            continue
        created_at = epoch_to_iso(hit.get("created_at_i")) or hit.get("created_at")
        threads.append(
            {
                "id": str(thread_id),
                "title": title,
                "created_at": created_at,
                "month": thread_month(title, created_at),
                "num_comments": hit.get("num_comments"),
            }
        )
    return threads, int(payload.get("nbPages") or 0)


def extract(payload: Any, board: str | None = None, *, url: str | None = None) -> list[PostingItem]:
    """Items of one HN answer: an Algolia `items/<id>` thread tree (one per top-level comment with
    text) or a Firebase `/v0/item/<id>.json` comment (one, or none when it is deleted, dead or not
    a comment). `board` is the monthly thread's id; without it, the tree's own id or the comment's
    `parent` (right for top-level comments, which are the job posts)."""
    if isinstance(payload, dict) and "children" in payload:
        return _thread_items(payload, board if board is not None else str(payload["id"]))
    item = _firebase_item(payload, board)
    return [item] if item is not None else []


def _thread_items(item: dict[str, Any], thread_id: str) -> list[PostingItem]:
    """`raw` is each comment as returned minus its `children` (the replies are not part of the post)."""
    posts = []
    for comment in item.get("children") or []:
        if comment.get("type") not in (None, "comment") or not _has_text(comment.get("text")):
            continue  # deleted comments come back with text and author null
        raw = {key: value for key, value in comment.items() if key != "children"}
        posts.append(
            _post_item(
                comment_id=comment["id"],
                text=comment["text"],
                posted_at=epoch_to_iso(comment.get("created_at_i")) or comment.get("created_at"),
                thread_id=thread_id,
                raw=raw,
            )
        )
    return posts


def _firebase_item(item: dict[str, Any] | None, thread_id: str | None) -> PostingItem | None:
    if not isinstance(item, dict) or not item or item.get("deleted") or item.get("dead") or item.get("id") is None:
        return None
    if item.get("type", "comment") != "comment" or not _has_text(item.get("text")):
        return None
    parent = item.get("parent")
    board = thread_id if thread_id is not None else (str(parent) if parent is not None else None)
    return _post_item(
        comment_id=item["id"],
        text=item["text"],
        posted_at=epoch_to_iso(item.get("time")),
        thread_id=str(board) if board is not None else None,
        raw=item,
    )


def _has_text(text: str | None) -> bool:
    return bool(text and strip_tags(text))


def _post_item(
    *, comment_id: Any, text: str, posted_at: str | None, thread_id: str | None, raw: dict[str, Any]
) -> PostingItem:
    header = parse_header(text)
    return new_item(
        source=SOURCE,
        source_id=str(comment_id),
        board=thread_id,
        url=ITEM_URL.format(comment_id),
        company=header.company,
        title=header.title,
        location=header.location,
        remote=header.remote,
        description_html=text,
        posted_at=posted_at,
        salary_text=header.salary_text,
        raw=raw,
    )


# --- the header line ---------------------------------------------------------------------------

FALLBACK_TITLE_CHARS = 120

_ROLE = re.compile(
    r"\b(?:engineer\w*|scientists?|developers?|devs?|analysts?|researchers?|designers?|architects?"
    r"|programmers?|managers?|directors?|head of|leads?|sres?|devops|mles?|swes?|cto|vp|recruiters?"
    r"|specialists?|consultants?|administrators?|technicians?|writers?|marketers?|hackers?"
    r"|coordinators?|postdocs?|professors?|faculty|founding|interns?|internships?|data science"
    r"|partners?|executives?|representatives?|associates?|officers?|assistants?|operators?|accountants?"
    r"|machine learning)\b",
    re.IGNORECASE,
)
_EMPLOYMENT_ONLY = re.compile(
    r"^(?:(?:full|part)[\s-]?time|contract(?:ors?)?|freelance|permanent|temporary|internships?"
    r"|interns?|co-?ops?|fte|and|or|[,/&+()]|\s)+$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s)]*|www\.[^\s)]*|^[\w.-]+\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
# Money that is not pay: "Visa + €10k signing bonus", "raised $20M".
_NOT_PAY = re.compile(r"bonus|signing|relocation|stipend|raised|funding|revenue|\barr\b", re.IGNORECASE)
_ROLE_LIST_PREFIX = re.compile(r"^(?:roles?|positions?|hiring|openings?)\s*:\s*", re.IGNORECASE)
# Signals that a segment names a place: region codes (case-sensitive, so "us" the pronoun and
# "la" do not count), "City, ST", and common hubs/regions.
_PLACE_CODE = re.compile(
    r"\b(?:US|USA|U\.S\.|UK|EU|EMEA|APAC|LATAM|NYC|SF|SFBA|LA|DC|ATX)\b"
    r"|\b[A-Z][a-z]+,\s?[A-Z]{2}\b"
)
_PLACE_NAME = re.compile(
    r"\b(?:worldwide|global(?:ly)?|anywhere|europe|america|asia|africa|canada|mexico|brazil|germany"
    r"|france|spain|portugal|netherlands|ireland|sweden|switzerland|poland|israel|india|japan"
    r"|singapore|australia|amsterdam|berlin|munich|london|paris|dublin|stockholm|zurich|toronto"
    r"|vancouver|montreal|new york|brooklyn|san francisco|bay area|palo alto|mountain view|seattle"
    r"|boston|austin|chicago|los angeles|denver|atlanta|miami|washington|tel aviv|bangalore"
    r"|tokyo|sydney|timezones?|time zones?|[a-z]+ area)\b",
    re.IGNORECASE,
)


# Which header segment states pay. Only recognised here (so it is not read as a place); its
# amounts, currency and period are normalization's to read. Clearly money: a currency sign before
# a number, or a range with a currency code or a "k"; never millions or billions (funding: "$51M
# Series C"), so "10–40 hrs/wk", "2019-2023" and "2+ years" are not pay.
_SIGN = r"(?:US\$|CA\$|C\$|AU\$|A\$|\$|€|£)"
_CODE = re.compile(r"\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|INR|JPY|SGD|NZD|PLN|ILS|BRL|MXN)\b")
_FIGURE = r"(?:\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?)(?![.,]?\d)"
_NOT_ROUND = r"(?!\s*(?:[mMbB]\b|million|billion))"
_PAY_RANGE = re.compile(
    rf"(?P<sign1>{_SIGN})?\s*{_FIGURE}\s*(?P<k1>[kK]\b)?{_NOT_ROUND}"
    rf"\s*(?:-|–|—|to)\s*"
    rf"(?P<sign2>{_SIGN})?\s*{_FIGURE}\s*(?P<k2>[kK]\b)?{_NOT_ROUND}"
)
_PAY_FIGURE = re.compile(rf"{_SIGN}\s*{_FIGURE}\s*(?:[kK]\b)?{_NOT_ROUND}")


def states_pay(text: str) -> bool:
    """Whether a header segment is a pay statement ("$150k-$200k", "€60–75k + equity", "120-140k CHF")."""
    pay_range = _PAY_RANGE.search(text)
    if pay_range is None:
        return _PAY_FIGURE.search(text) is not None
    return any(pay_range.group(g) for g in ("sign1", "sign2", "k1", "k2")) or _CODE.search(text) is not None


class JobHeader(NamedTuple):
    company: str | None
    title: str
    location: str | None
    remote: str | None
    salary_text: str | None  # the segment stating pay, as written


def parse_header(comment_html: str | None) -> JobHeader:
    """Company, title, location, remote and the pay statement from a post's first line.

    Pipe-separated headers are read segment by segment: the first segment is the company; the
    first later one naming a job (Engineer, Scientist, …) is the title, kept whole for multi-role
    posts ("ML Engineer, Data Scientist"); the first that states pay is the salary text; of the
    rest, the one that most looks like a place (or says remote/onsite/hybrid) is the location.
    Without pipes, or when no segment names a job, the title is the first line cut to ~120
    characters. Links and employment types ("Full-time", "Contract") are never any of these.
    """
    line = first_line(comment_html)
    segments = [segment.strip(" -–—:;,") for segment in line.split("|")]
    segments = [segment for segment in segments if segment]
    remote = remote_from_text(line)
    fallback_title = truncate(line, FALLBACK_TITLE_CHARS)
    if len(segments) < 2:
        return JobHeader(None, fallback_title, None, remote, line if states_pay(line) else None)

    company: str | None = truncate(segments[0], 100)
    title = salary = None
    places: list[tuple[int, str]] = []
    for segment in segments[1:]:
        # "Engineers https://…" and "Acme (https://…)" keep their words.
        segment = re.sub(r"\(\s*\)", "", _URL.sub("", segment)).strip(" -–—:;,")
        if not segment or _EMPLOYMENT_ONLY.match(segment):
            continue
        if title is None and _ROLE.search(segment):
            title = _ROLE_LIST_PREFIX.sub("", segment)
            continue
        if not _NOT_PAY.search(segment) and states_pay(segment):
            salary = salary or segment
            continue
        if _NOT_PAY.search(segment):
            continue
        places.append((_place_score(segment), segment))
    if title is None and _ROLE.search(segments[0]):
        company, title = None, segments[0]  # "ML Engineer | Acme | Remote": role first
    if salary is None and title and not _NOT_PAY.search(title) and states_pay(title):
        salary = title  # "ML Engineer ($150k-$200k)"
    best_score = max((score for score, _ in places), default=0)
    location = next((segment for score, segment in places if score == best_score), None)
    return JobHeader(
        company,
        truncate(title, 200) if title else fallback_title,
        truncate(location, 120) if location else None,
        remote,
        salary,
    )


def _place_score(segment: str) -> int:
    """How strongly a leftover segment reads as a location (0 = only by elimination)."""
    return bool(_PLACE_CODE.search(segment)) + bool(_PLACE_NAME.search(segment)) + bool(remote_from_text(segment))
