"""The explorer page: one HTML file with its data, uPlot (MIT, bundled in explore_assets/) and its
script inlined, so it opens from file:// with no network."""

from __future__ import annotations

import base64
import gzip
import html
import json
import struct
from pathlib import Path

import polars as pl

ASSETS = Path(__file__).with_name("explore_assets")


COMPRESS_LEVEL = 2  # see embedded_data
TYPED_ARRAYS = {pl.Int16: "Int16Array", pl.Int32: "Int32Array"}


def embedded_data(data: dict) -> str:
    """The page's data as gzip, base64. Inside: the JSON's length (4 bytes), the JSON, then every
    Polars column of it as raw little-endian integers, which the JSON names by offset and the page
    reads as typed arrays. Counts compress about tenfold, the browser unpacks them with
    DecompressionStream (no network), and base64 has no character that could end the script
    element, whatever a title or a company name holds. Level 2: at 1M postings (23 MB unpacked)
    level 5 took 0.29 s CPU for 3.40 MB, level 3 0.19 s for 3.63 MB, level 2 0.11 s for 3.96 MB:
    the goal is 5 MB, and the build is single-threaded here."""
    binary = bytearray()

    def column(series: pl.Series) -> dict:
        values = series.rechunk().to_arrow()
        width = values.type.byte_width
        raw = values.buffers()[1].to_pybytes()[values.offset * width : (values.offset + len(values)) * width]
        at = len(binary)
        binary.extend(raw + b"\0" * (-len(raw) % 4))  # keep every column 4-byte aligned
        return {"$array": TYPED_ARRAYS[series.dtype.base_type()], "at": at, "length": len(series)}

    def walk(value):
        if isinstance(value, pl.Series):
            return column(value)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return [walk(v) for v in value] if isinstance(value, list) else value

    text = json.dumps(walk(data), separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
    text += b" " * (-len(text) % 4)
    payload = struct.pack("<I", len(text)) + text + bytes(binary)
    return base64.b64encode(gzip.compress(payload, compresslevel=COMPRESS_LEVEL, mtime=0)).decode("ascii")


def _inline(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")  # cannot occur in our bundle; stated, not assumed


def render_explorer(data: dict, *, title: str = "jobpulse explorer", generated: str = "") -> str:
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{_inline("uPlot.min.css")}
{_inline("explore.css")}</style></head>
<body>
<header><h1>{esc(title)}</h1>
<p class="note">Skills and titles of machine-learning roles over the whole history, from the jobpulse \
warehouse{esc(generated)}.
Counts are duplicate clusters (one job on several boards counts once). Periods with no data are gaps, never zero.
<a href="index.html">All reports</a></p></header>
<main>
<form id="controls" aria-describedby="controls-help">
<p id="controls-help" class="note">Pick roles, skills, a period, a measure and a region; the charts and tables \
follow.</p>
<fieldset id="roles"><legend>Roles</legend></fieldset>
<fieldset><legend>Skills</legend>
<label for="skill-search">Search skills</label> \
<input id="skill-search" type="search" autocomplete="off" aria-controls="skills"><br>
<label for="skills">Skills to show (several with Ctrl or Shift)</label><br>
<select id="skills" name="skills" multiple size="10"></select></fieldset>
<fieldset><legend>Period</legend>
<label><input type="radio" name="grain" value="week"> week</label>
<label><input type="radio" name="grain" value="month" checked> month</label>
<label><input type="radio" name="grain" value="quarter"> quarter</label>
<label><input type="radio" name="grain" value="year"> year</label></fieldset>
<fieldset><legend>Measure</legend>
<label><input type="radio" name="measure" value="new" checked> new postings (where a job first appeared)</label>
<label><input type="radio" name="measure" value="active"> active postings (every period it was seen open)</label>\
</fieldset>
<fieldset><legend>Region</legend>
<label for="region">Country or work place</label><br><select id="region" aria-describedby="region-note"></select>
<p id="region-note" class="note">Weekly counts are for all regions; months, quarters and years split by region.</p>\
</fieldset>
</form>
<p id="status" class="sr-status" role="status" aria-live="polite"></p>

<section aria-labelledby="share-heading"><h2 id="share-heading">Skill shares over time</h2>
<p class="note">Share of the picked roles' postings naming each skill, with its 95% Wilson interval (shaded). \
Hover for the counts.</p>
<p id="share-note" class="note" aria-live="polite"></p>
<div id="share-chart" class="chart" role="img" aria-label="skill shares"></div>
<details><summary>Numbers behind the chart</summary><table id="share-table"></table></details></section>

<section aria-labelledby="titles-heading"><h2 id="titles-heading">Title variants within a role</h2>
<label for="title-role">Role</label> <select id="title-role"></select>
<p class="note">Share of the role's new postings per period using each of its most common titles (all regions).</p>
<div id="titles-chart" class="chart" role="img" aria-label="title variants over time"></div></section>

<section aria-labelledby="companies-heading"><h2 id="companies-heading">Companies behind a skill</h2>
<label for="company-role">Role</label> <select id="company-role"></select>
<label for="company-skill">Skill</label> <select id="company-skill"></select>
<p id="company-windows" class="note"></p>
<table id="companies-table"><caption>Companies whose postings name the skill most in the recent window</caption>
<thead><tr><th scope="col">Company</th>\
<th scope="col">Recent: postings naming it, of the role's postings</th>\
<th scope="col">Baseline: the same</th></tr></thead>
<tbody></tbody></table></section>
</main>
<footer class="note">Charts drawn with uPlot (MIT licence, Leon Sorokin), embedded in this file.</footer>
<script type="application/octet-stream" id="explorer-data" data-encoding="gzip+base64">{embedded_data(data)}</script>
<script>{_inline("uPlot.iife.min.js")}</script>
<script>{_inline("explore.js")}</script>
</body></html>
"""
