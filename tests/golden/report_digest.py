"""What of a report must stay the same when the code that writes it is reshaped.

The golden copy in this folder was taken from `jobpulse demo --as-of 2026-11-25` before the
reshaping. Only generation metadata is set aside: when the report was generated, when each crawl
ran and its run id, the day of each source's first crawl (the demo crawls "now": a run after
midnight would differ), and float noise below nine significant digits (sums
taken in a different order). The HTML is compared as its parsed elements, attributes and text, so
a template that writes the same page with other whitespace or quoting still matches."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

GOLDEN = Path(__file__).parent
CRAWL_TIME = re.compile(r"\b20\d\d-\d\d-\d\d \d\d:\d\d\b")
RUN_ID = re.compile(r"\b\d{8}T\d{6}Z-[0-9a-f]{8}\b")
FIRST_CRAWL = re.compile(r"\bfirst crawled 20\d\d-\d\d-\d\d\b")
GENERATION_KEYS = {"generated_at", "jobpulse_version"}
CRAWL_DAY_KEYS = {"first_crawl"}


def json_digest(report: dict) -> dict:
    def walk(value):
        if isinstance(value, dict):
            return {
                k: "<crawl day>" if k in CRAWL_DAY_KEYS else walk(v)
                for k, v in value.items()
                if k not in GENERATION_KEYS
            }
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, float):
            return float(f"{value:.9g}")
        if isinstance(value, str):
            return text_digest(value)
        return value

    return walk(report)


def text_digest(text: str) -> str:
    text = FIRST_CRAWL.sub("first crawled CRAWL-DAY", text)  # no angle brackets: the HTML is parsed after
    return RUN_ID.sub("<run id>", CRAWL_TIME.sub("<crawl time>", text))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        shown = " ".join(f"{k}={' '.join((v or '').split())!r}" for k, v in sorted(attrs))
        self.out.append(f"<{tag} {shown}>".replace(" >", ">"))

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        words = " ".join(data.split())
        if words:
            self.out.append(words)


def html_digest(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(text_digest(html))
    parser.close()
    return parser.out


def write_golden(reports: Path, stem: str) -> None:
    """Take the golden copy (run once, before a reshaping, from a demo's reports folder)."""
    report = json.loads((reports / f"{stem}.json").read_text())
    (GOLDEN / "demo-report.json.gz").write_bytes(
        gzip.compress(json.dumps(json_digest(report), indent=1, sort_keys=True).encode(), mtime=0)
    )
    (GOLDEN / "demo-report.md.gz").write_bytes(
        gzip.compress(text_digest((reports / f"{stem}.md").read_text()).encode(), mtime=0)
    )
    (GOLDEN / "demo-report.html.gz").write_bytes(
        gzip.compress("\n".join(html_digest((reports / f"{stem}.html").read_text())).encode(), mtime=0)
    )


def golden(name: str) -> str:
    return gzip.decompress((GOLDEN / name).read_bytes()).decode()


if __name__ == "__main__":
    import sys

    write_golden(Path(sys.argv[1]), sys.argv[2])
