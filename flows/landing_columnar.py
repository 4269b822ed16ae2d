"""The fast reader of landing lines: a batch parsed by DuckDB's JSON functions and checked with
whole-column expressions, giving the same rows `landing.validate` gives line by line.

It only accepts; it never words a reject. A line it is not certain about (not plain JSON as Python
reads it, a wrong type, a date or number that needs parsing beyond the common forms, an upstream
`_reject`, duplicate keys, anything that would be refused) is handed back to the per-line path,
which refuses or accepts it with the reason it always gave. Bad lines are rare, so that costs
nothing, and the answer for every line is the per-line path's by construction.
"""

from __future__ import annotations

import json
import math

import duckdb
import polars as pl

from crawlers.items import REQUIRED_FIELDS
from flows.landing import (DATE_FIELDS, NUMBER_FIELDS, REMOTE_VALUES, TEXT_FIELDS, InvalidRecord, parse_timestamp,
                           posting_id)
from flows.normalize.pipeline import ROW_SCHEMA

# Exactly the characters Python's str.strip() removes (str.isspace; a test checks the list).
PY_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS, "raw")
# Lines the per-line path reads differently from DuckDB (or that it refuses): a lone surrogate
# escape, an escaped NUL, a trailing comma (DuckDB allows one, Python does not), not an object.
_NOT_PLAIN = r"\\[uU]([dD][89a-fA-F]|0000)|,\s*[\]}]|^\s*[^{\s]"
_INTEGER = r"^(0|-?[1-9][0-9]{0,14})$"  # an id str() gives back as written, a number float() takes exactly


def _typed(field: str, index: int) -> str:
    return f"json_type(v[{index + 1}]) AS {field}__t, v[{index + 1}] AS {field}__json, v[{index + 1}]->>'$' AS {field}"


def parse_lines(lines: pl.DataFrame) -> tuple[pl.DataFrame, list[int]]:
    """(line_no, line) → (valid rows as a ROW_SCHEMA frame in line order, line numbers for the
    per-line path)."""
    suspect = lines.filter(pl.col("line").str.contains(_NOT_PLAIN))["line_no"].to_list()
    plain = lines.filter(~pl.col("line").str.contains(_NOT_PLAIN))
    con = duckdb.connect()
    try:
        con.register("lines", plain.to_arrow())
        valid = con.sql("SELECT line_no, line FROM lines WHERE json_valid(line)").pl()
        con.register("valid", valid)
        paths = [f"$.{json.dumps(f)}" for f in _FIELDS]
        fields = con.sql(f"""
            SELECT line_no, len(keys) = len(list_distinct(keys)) AND NOT list_contains(keys, '_reject') AS plain_keys,
                   {", ".join(_typed(f, i) for i, f in enumerate(_FIELDS))}
            FROM (SELECT line_no, json_keys(line) AS keys, json_extract(line, ?) AS v FROM valid)
        """, params=[paths]).pl()
    finally:
        con.close()
    invalid = set(plain["line_no"].to_list()) - set(fields["line_no"].to_list())
    rows, refused = _checked(fields)
    return rows, sorted([*suspect, *invalid, *refused])


def _text(field: str) -> tuple[pl.Expr, pl.Expr]:
    """A text field's value as validate gives it, and whether this reader may give it."""
    kind = pl.col(f"{field}__t")
    stripped = pl.col(field).str.strip_chars(PY_WHITESPACE)
    ok = kind.is_null() | kind.is_in(["NULL", "VARCHAR"])
    value = pl.when(kind == "VARCHAR").then(stripped)
    if field.endswith("id"):  # numeric ids become text, as str(int) writes them
        ok = ok | (kind.is_in(["UBIGINT", "BIGINT"]) & pl.col(field).str.contains(_INTEGER))
        value = pl.when(kind == "VARCHAR").then(stripped).when(kind.is_in(["UBIGINT", "BIGINT"])).then(pl.col(field))
    if field in REQUIRED_FIELDS:
        ok = ok & (value.str.len_chars() > 0)
    if field == "remote":
        ok = ok & (value.is_null() | value.str.to_lowercase().is_in(sorted(REMOTE_VALUES)) & value.str.contains(r"^[A-Za-z]+$"))
        value = value.str.to_lowercase()
    return value.alias(field), ok.fill_null(False)


def _unique_map(values: pl.Series, parse, dtype: pl.DataType) -> tuple[pl.Series, pl.Series]:
    """Apply a per-value parser once per distinct value (dates and salaries repeat a lot)."""
    parsed, fine = {}, {}
    for value in values.drop_nulls().unique().to_list():
        try:
            parsed[value], fine[value] = parse(value), True
        except (InvalidRecord, ValueError, OverflowError):
            parsed[value], fine[value] = None, False
    if not parsed:
        return pl.Series(values.name, [None] * len(values), dtype=dtype), pl.Series([True] * len(values))
    keys = list(parsed)
    return (values.replace_strict(keys, pl.Series([parsed[k] for k in keys], dtype=dtype), default=None, return_dtype=dtype),
            values.replace_strict(keys, [fine[k] for k in keys], default=True, return_dtype=pl.Boolean))


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _checked(fields: pl.DataFrame) -> tuple[pl.DataFrame, list[int]]:
    texts = [_text(f) for f in TEXT_FIELDS]
    frame = fields.with_columns(
        *(value for value, _ in texts), ok=pl.col("plain_keys") & pl.all_horizontal(ok for _, ok in texts),
    )
    for name in DATE_FIELDS:
        kind = pl.col(f"{name}__t")
        frame = frame.with_columns(ok=pl.col("ok") & (kind.is_null() | kind.is_in(["NULL", "VARCHAR"])))
        value, fine = _unique_map(frame[name], lambda v, n=name: parse_timestamp(v, n), pl.Datetime("us"))
        frame = frame.with_columns(value.alias(name), ok=pl.col("ok") & fine)
    for name in NUMBER_FIELDS:
        kind = pl.col(f"{name}__t")
        whole = kind.is_in(["UBIGINT", "BIGINT"]) & pl.col(name).str.contains(_INTEGER)  # not -0: json reads 0
        frame = frame.with_columns(ok=pl.col("ok") & (kind.is_null() | kind.is_in(["NULL", "DOUBLE"]) | whole).fill_null(False))
        value, fine = _unique_map(frame[name], _finite, pl.Float64)
        frame = frame.with_columns(value.alias(name), ok=pl.col("ok") & fine)
    frame = frame.with_columns(ok=pl.col("ok") & ~(pl.col("salary_min") > pl.col("salary_max")).fill_null(False))
    accepted = frame.filter("ok")
    raws, refused = [], frame.filter(~pl.col("ok"))["line_no"].to_list()
    for line_no, raw in accepted.select("line_no", "raw__json").iter_rows():
        try:  # the stored raw is Python's own rendering of the record, as before
            record = json.loads(raw) if raw is not None else None
            raws.append(json.dumps(record if record is not None else {}, ensure_ascii=False, separators=(",", ":")))
        except (ValueError, RecursionError):
            raws.append(None)
            refused.append(line_no)
    rows = (accepted.with_columns(raw=pl.Series(raws, dtype=pl.String))
            .filter(pl.col("raw").is_not_null())
            .with_columns(posting_id=_posting_ids(pl.col("source"), pl.col("source_id"))))
    return rows.select(list(ROW_SCHEMA)).cast(ROW_SCHEMA), refused


def _posting_ids(source: pl.Expr, source_id: pl.Expr) -> pl.Expr:
    # sha1 per row, as landing.posting_id: the id must stay the same whichever path read the line
    return pl.struct(source, source_id).map_batches(
        lambda s: pl.Series([posting_id(a, b) for a, b in zip(s.struct.field("source"), s.struct.field("source_id"), strict=True)]),
        return_dtype=pl.String)
