"""The HTML report's templates: escaping as the rest of the page does, shipped inside the package."""

from __future__ import annotations

from importlib import resources

from markupsafe import Markup

from reports.formatting import BIDI_CONTROLS
from reports.html_page import environment, markup


def test_text_in_a_template_is_escaped_and_loses_its_bidi_controls():
    page = environment().from_string("<td>{{ text }}</td>").render(text=f'<script>alert("x")</script>{BIDI_CONTROLS}&')
    assert page == "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</td>"


def test_html_built_in_python_is_placed_as_it_is():
    chart = markup('<svg class="chart"><title>a &amp; b</title></svg>')
    assert isinstance(chart, Markup)
    assert (
        environment().from_string("{{ chart }}").render(chart=chart)
        == '<svg class="chart"><title>a &amp; b</title></svg>'
    )


def test_every_template_the_page_uses_is_package_data():
    templates = resources.files("reports") / "templates"
    names = {entry.name for entry in templates.iterdir()}
    assert {
        "page.html.j2",
        "section.html.j2",
        "section_blocks.html.j2",
        "headline.html.j2",
        "long.html.j2",
        "quality.html.j2",
        "closing.html.j2",
        "macros.html.j2",
    } <= names
    for name in names:
        environment().get_template(name)  # each one parses
