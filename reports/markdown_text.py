"""Text from postings made inert for Markdown: escaped the Markdown way (backslashes), never with HTML entities.

Every Markdown renderer (render_markdown.py and the sections it pulls in) passes such text through `md_text`.
"""

from __future__ import annotations

import re

from reports.formatting import strip_bidi

# Backslash-escaped: Markdown syntax, and `<` / `>` so no inline HTML (GitHub renders tags) survives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")
# An `&` is only special when it starts an entity (`&amp;`, `&#60;`); a plain "Fraud & risk" stays as written.
_ENTITY_START = re.compile(r"&(?=#?\w+;)")


def md_text(value: object) -> str:
    """Text from postings, made inert for Markdown, escaped the Markdown way (backslashes), never with HTML entities."""
    flat = " ".join(strip_bidi(str(value)).split())  # a newline would break a table row
    return _ENTITY_START.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))
