"""HTML → text: block structure kept, tags and entities gone, vector and scalar versions agree."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.text import html_to_text, html_to_text_one
from tests.realdata import realdata_path


def vectorized(docs: list[str | None]) -> list[str]:
    frame = pl.DataFrame({"html": docs}, schema={"html": pl.String})
    return frame.select(html_to_text(pl.col("html")))["html"].to_list()


CASES = [
    ("About us</p><p>Go above and beyond", "About us\nGo above and beyond"),
    ("<p>One</p><p>Two</p>", "One\nTwo"),
    ("Line<br>break<br/>and<br />more", "Line\nbreak\nand\nmore"),
    ("<ul><li>Python</li><li>SQL</li></ul>", "Python\nSQL"),
    ("<h2>Role</h2><div>Build models</div>", "Role\nBuild models"),
    ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
    ('<P CLASS="x">Upper</P><BR>case', "Upper\ncase"),
    ("<b>Python</b>, <i>R</i> and <a href='https://x.io'>Go</a>", "Python, R and Go"),
    ("<span>foo</span><span>bar</span>", "foobar"),
    ("Tom &amp; Jerry &lt;3 &gt; &quot;quotes&quot; it&#39;s", 'Tom & Jerry <3 > "quotes" it\'s'),
    ("https:&#x2F;&#x2F;example.com&#x2F;jobs", "https://example.com/jobs"),
    ("caf&eacute; &ndash; na&iuml;ve &rsquo;", "café – naïve ’"),
    ("a&nbsp;b&#160;c", "a b c"),
    ("smile &#x1F600; &#128512;", "smile \U0001f600 \U0001f600"),
    ("nested &amp;lt;p&amp;gt;", "nested &lt;p&gt;"),
    ("&copy 2020 legacy entity without semicolon", "&copy 2020 legacy entity without semicolon"),
    ("&lt;p&gt;Escaped&lt;/p&gt;&lt;p&gt;twice&lt;/p&gt;", "Escaped\ntwice"),
    ("<p>Use &lt;div&gt; for layout</p>", "Use <div> for layout"),
    ("<script>var x = '<p>';</script><style>p{}</style>Text<!-- hidden -->", "Text"),
    ("<p>  lots   of \t spaces  </p>", "lots of spaces"),
    ("<p>source\nnewlines are\r\nspaces</p>", "source newlines are spaces"),
    ("plain text\nkeeps its\n\n\nlines", "plain text\nkeeps its\nlines"),
    ("x < y and z > w", "x < y and z > w"),
    ("zero\u200bwidth", "zerowidth"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("html", "text"), CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_html_to_text(html, text):
    assert vectorized([html]) == [text]
    assert html_to_text_one(html) == text


def test_batch_mixing_html_and_plain_rows():
    docs = ["<p>a</p><p>b</p>", "plain\nlines", None, "&lt;p&gt;escaped&lt;/p&gt;"]
    assert vectorized(docs) == ["a\nb", "plain\nlines", "", "escaped"]


_PIECES = [
    "<p>",
    "</p>",
    "<br>",
    "<li>",
    "<div class='a'>",
    "</div>",
    "<b>",
    "</b>",
    "<!-- c -->",
    "&amp;",
    "&lt;",
    "&gt;",
    "&#39;",
    "&#x2F;",
    "&nbsp;",
    "&eacute;",
    "&#9731;",
    "&bogus;",
    "&amp;lt;",
    "\n",
    "\r\n",
    "\t",
    "  ",
    " ",
    "<",
    ">",
    "&",
    "Python",
    "R&D",
    "café",
    "\xa0",
    "<script>x</script>",
    "&lt;p&gt;",
    "<TD>",
    "<td>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=25).map("".join), max_size=8))
def test_vector_and_scalar_agree(docs):
    assert vectorized(docs) == [html_to_text_one(doc) for doc in docs]


def _real_html_docs() -> list[str]:
    docs = []
    with gzip.open(realdata_path("hn_whoishiring", "hn_whoishiring_2013-08_2018-04.jsonl.gz"), "rt") as lines:
        docs += [json.loads(line)["full_html"] for _, line in zip(range(1500), lines)]
    for board in ("greenhouse_jobs_stripe.json", "greenhouse_jobs_honeycomb.json"):
        payload = json.loads(realdata_path("ats_fixtures", "greenhouse", board).read_text())
        docs += [job["content"] for job in payload["jobs"]]
    return docs


def test_vector_and_scalar_agree_on_real_postings():
    docs = _real_html_docs()
    texts = vectorized(docs)
    assert texts == [html_to_text_one(doc) for doc in docs]
    assert not any("<p>" in text or "&#x2F;" in text or "&lt;p&gt;" in text for text in texts)
