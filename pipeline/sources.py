"""What to crawl: one `SourceSpec` per spider run, read from a sources file or built by the demo.

A sources file is TOML (the default is `pipeline/sources.toml`, next to this module):

    [contact]                       # who is crawling: goes into every request's User-Agent
    url = "https://example.org/about-our-crawler"
    email = "ops@example.org"

    [greenhouse]                    # one table per spider (any name `scrapy list` knows)
    boards = ["anthropic", "stripe"]
    settings = { DOWNLOAD_DELAY = 2 }   # optional Scrapy settings for this source (-s)

    [hn]
    enabled = true                  # every table may say enabled = false
    since = "2011-01"               # other keys are spider arguments (-a key=value; lists → a,b)

Mistakes are reported as one line naming the file and the table (`SourcesFileError`).
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from contract.sources import SOURCES

DEFAULT_SOURCES_FILE = Path(__file__).with_name("sources.toml")
SPIDERS = SOURCES  # one spider per registered source

log = logging.getLogger(__name__)

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_TABLE_KEYS = ("enabled", "boards", "base_url", "settings", "backfill_months")
DEFAULT_BACKFILL_MONTHS = 36  # HN history a first run brings (see pipeline/backfill.py)


@dataclass(frozen=True)
class SourceSpec:
    source: str  # spider name
    boards: tuple[str, ...] = ()
    base_url: str | None = None  # None: the real API host
    args: dict[str, str] = field(default_factory=dict)  # extra spider arguments (-a)
    settings: dict[str, str] = field(default_factory=dict)  # Scrapy settings for this source (-s)
    backfill_months: int | None = None  # HN only: months a first run backfills (None: the default)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "boards": list(self.boards),
            "base_url": self.base_url,
            "args": dict(self.args),
            "settings": dict(self.settings),
            "backfill_months": self.backfill_months,
        }


class SourcesFileError(ValueError):
    pass


@cache
def known_spiders() -> tuple[str, ...]:
    """Every spider `scrapy list` knows (plus SPIDERS), so a new spider needs no edit here."""
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    try:
        found = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["crawlers.spiders"]})).list()
    except Exception as exc:  # a broken spider module must not hide the others
        log.warning("could not list the spiders: %s", exc)
        found = []
    return tuple(sorted({*SPIDERS, *found}))


def load_sources(path: Path = DEFAULT_SOURCES_FILE) -> list[SourceSpec]:
    """Parse a sources TOML file into the enabled sources, or raise SourcesFileError saying why."""
    try:
        config = tomllib.loads(Path(path).read_text())
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except IsADirectoryError:
        raise SourcesFileError(f"sources file {path} is a directory") from None
    except UnicodeDecodeError:
        raise SourcesFileError(f"sources file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"sources file {path} is not valid TOML: {exc}") from None

    def fail(message: str) -> SourcesFileError:
        return SourcesFileError(f"{path}: {message}")

    contact = config.pop("contact", {})
    if not isinstance(contact, dict):
        raise fail("[contact] must be a table with url and/or email")
    contact_settings = _contact_settings(contact, fail)
    known = known_spiders()
    specs = []
    for name, table in config.items():
        if name not in known:
            raise fail(f"unknown source [{name}] (known: contact, {', '.join(known)})")
        if not isinstance(table, dict):
            raise fail(f"{name} must be a table: [{name}]")
        spec = _source_spec(name, table, fail)
        if spec is not None:
            specs.append(replace(spec, settings={**contact_settings, **spec.settings}))
    return specs


def _contact_settings(contact: dict[str, Any], fail) -> dict[str, str]:
    from contract.crawl_identity import user_agent

    unknown = set(contact) - {"url", "email"}
    if unknown:
        raise fail(f"[contact] has unknown keys {sorted(unknown)} (known: url, email)")
    url, email = contact.get("url"), contact.get("email")
    if url is not None and not (isinstance(url, str) and re.match(r"https?://\S+$", url)):
        raise fail(f"[contact] url must be an http(s) URL, got {url!r}")
    if email is not None and not (isinstance(email, str) and re.match(r"[^@\s]+@[^@\s]+\.[^@\s]+$", email)):
        raise fail(f"[contact] email must be an e-mail address, got {email!r}")
    return {"USER_AGENT": user_agent(url, email)} if url or email else {}


def _source_spec(name: str, table: dict[str, Any], fail) -> SourceSpec | None:
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(f"[{name}] enabled must be true or false, got {enabled!r}")
    boards = table.get("boards", [])
    if not isinstance(boards, list) or not all(isinstance(b, str) and b.strip() for b in boards):
        raise fail(f"[{name}] boards must be a list of board tokens (strings)")
    base_url = table.get("base_url")
    if base_url is not None and not (isinstance(base_url, str) and re.match(r"https?://\S+$", base_url)):
        raise fail(f"[{name}] base_url must be an http(s) URL, got {base_url!r}")
    settings = table.get("settings", {})
    if not isinstance(settings, dict) or not all(isinstance(v, str | int | float | bool) for v in settings.values()):
        raise fail(f"[{name}] settings must be a table of Scrapy settings (NAME = value)")
    args = {}
    for key, value in table.items():
        if key in _TABLE_KEYS:
            continue
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif not isinstance(value, str | int | float):
            raise fail(f"[{name}] {key} must be text, a number or a list, got {type(value).__name__}")
        args[key] = str(value)
    backfill_months = table.get("backfill_months")
    if backfill_months is not None and (
        name != "hn" or isinstance(backfill_months, bool) or not isinstance(backfill_months, int) or backfill_months < 0
    ):
        raise fail(f"[{name}] backfill_months is for [hn] only, a whole number of months ≥ 0, got {backfill_months!r}")
    for key in ("since", "until"):
        if key in args and not _MONTH.match(args[key]):
            raise fail(f"[{name}] {key} must look like YYYY-MM, got {args[key]!r}")
    if not enabled:
        return None
    return SourceSpec(
        name,
        tuple(b.strip() for b in boards),
        base_url,
        args,
        {k: str(v) for k, v in settings.items()},
        backfill_months,
    )


def hn_since(db_path: Path | None, today: datetime | None = None) -> str:
    """Where an incremental HN run starts: the month of the newest who-is-hiring thread already in
    the warehouse (its thread is re-read: it was likely crawled before the month was over), or the
    current month when there is none."""
    month = _latest_hn_thread_month(Path(db_path)) if db_path and Path(db_path).exists() else None
    return month or (today or datetime.now(UTC)).strftime("%Y-%m")


def _latest_hn_thread_month(db_path: Path) -> str | None:
    import duckdb

    from warehouse.db import connect

    try:
        con = connect(db_path, read_only=True)
    except duckdb.Error as exc:  # busy or unreadable: fall back to the current month, say so
        log.warning("could not read %s for the latest HN thread: %s", db_path, exc)
        return None
    try:
        # HN thread ids (the postings' board) grow with time; the thread's month is when its
        # first post was written.
        rows = con.execute("""
            WITH threads AS (
                SELECT board, min(posted_at) AS first_post FROM postings
                WHERE source = 'hn' AND regexp_full_match(board, '[0-9]+') GROUP BY board)
            SELECT strftime(first_post, '%Y-%m') FROM threads
            WHERE first_post IS NOT NULL ORDER BY CAST(board AS BIGINT) DESC LIMIT 1""").fetchall()
    except duckdb.Error as exc:
        log.warning("could not read %s for the latest HN thread: %s", db_path, exc)
        return None
    finally:
        con.close()
    return rows[0][0] if rows else None


def with_incremental_since(spec: SourceSpec, db_path: Path | None) -> SourceSpec:
    """An HN source without `since`/`threads` gets the incremental `since` (see hn_since)."""
    if spec.source != "hn" or "since" in spec.args or "threads" in spec.args:
        return spec
    return replace(spec, args={**spec.args, "since": hn_since(db_path)})
