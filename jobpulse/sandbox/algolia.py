"""HN Algolia JSON (search_by_date pages, items trees) for the sandbox's whoishiring stories,
key for key as recorded in shared/realdata/hn_whoishiring/wire_format (SOURCES.md §1d)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from .hn import HNComment, HNStory
from .wire_greenhouse_lever_ashby import end_of


def timestamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def item_tree(node: HNStory | HNComment, clock: dt.date) -> dict:
    """The /api/v1/items/<id> tree: the node and every descendant created by the clock."""
    is_story = isinstance(node, HNStory)
    limit = end_of(clock)
    return {
        "id": node.id,
        "created_at": timestamp(node.created_at),
        "created_at_i": int(node.created_at.timestamp()),
        "type": "story" if is_story else "comment",
        "author": "whoishiring" if is_story else node.author,
        "title": node.title if is_story else None,
        "url": None,
        "text": node.text,
        "points": node.points if is_story else None,
        "parent_id": None if is_story else node.parent_id,
        "story_id": None if is_story else node.story_id,
        "children": [item_tree(c, clock) for c in node.children if c.created_at <= limit],
        "options": [],
    }


def count_comments(node: HNStory | HNComment, limit: dt.datetime) -> int:
    return sum(1 + count_comments(c, limit) for c in node.children if c.created_at <= limit)


def _highlight(value: str, words: list[str]) -> dict[str, Any]:
    marked, matched = value, []
    for word in words:
        at = marked.lower().find(word)
        if word and at >= 0:
            marked = f"{marked[:at]}<em>{marked[at : at + len(word)]}</em>{marked[at + len(word) :]}"
            matched.append(word)
    level = "full" if matched and len(matched) == len(words) else "none"
    return {
        "value": marked,
        "matchLevel": level,
        **({"fullyHighlighted": False} if matched else {}),
        "matchedWords": matched,
    }


def search_hit(story: HNStory, clock: dt.date, words: list[str]) -> dict[str, Any]:
    return {
        "created_at": timestamp(story.created_at),
        "title": story.title,
        "url": None,
        "author": "whoishiring",
        "points": story.points,
        "story_text": story.text,
        "comment_text": None,
        "num_comments": count_comments(story, end_of(clock)),
        "story_id": None,
        "story_title": None,
        "story_url": None,
        "parent_id": None,
        "created_at_i": int(story.created_at.timestamp()),
        "_tags": ["story", "author_whoishiring", f"story_{story.id}", "ask_hn"],
        "objectID": str(story.id),
        "_highlightResult": {
            "title": _highlight(story.title, words),
            "author": _highlight("whoishiring", []),
            "story_text": _highlight(html.unescape(story.text), words),
        },
    }


def search_page(hits: list[dict], n_hits: int, page: int, per_page: int, query: str, params: str) -> dict[str, Any]:
    return {
        "hits": hits,
        "nbHits": n_hits,
        "page": page,
        "nbPages": -(-n_hits // per_page),
        "hitsPerPage": per_page,
        "exhaustiveNbHits": True,
        "exhaustiveTypo": True,
        "exhaustive": {"nbHits": True, "typo": True},
        "query": query,
        "params": params,
        "processingTimeMS": 1,
        "processingTimingsMS": {"_request": {"roundTrip": 1}, "total": 1},
        "serverTimeMS": 1,
    }
