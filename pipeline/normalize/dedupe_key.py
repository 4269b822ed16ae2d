"""The blocking key for duplicate detection: normalized company + normalized title.

Only postings that share a key are ever compared, so clustering stays cheap at any scale. The
company is normalized hard because sources spell employers differently ("Acme Analytics, Inc.",
the board slug "acme-analytics", "ACME Analytics GmbH" all become "acmeanalytics").
"""

from __future__ import annotations

import polars as pl

_LEGAL_SUFFIX = r"\b(inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|plc|sa|ag|bv|srl|oy|ab|pty)\b\.?"


def company_key(company: pl.Expr) -> pl.Expr:
    return (
        company.fill_null("").str.to_lowercase().str.replace_all(_LEGAL_SUFFIX, "").str.replace_all(r"[^a-z0-9]+", "")
    )


def title_key(title: pl.Expr) -> pl.Expr:
    # Punctuation and spacing differ between boards ("ML Engineer - LLMs" vs "ML Engineer, LLMs").
    return title.fill_null("").str.to_lowercase().str.replace_all(r"[^a-z0-9+#]+", " ").str.strip_chars()


def dedupe_key(company: pl.Expr, title: pl.Expr) -> pl.Expr:
    return pl.concat_str(company_key(company), pl.lit("|"), title_key(title))
