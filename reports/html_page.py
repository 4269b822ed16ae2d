"""The Jinja2 environment of the HTML report: templates in reports/templates/, autoescape on.

Text from postings and the warehouse reaches the templates as plain strings; `finalize` escapes each
one as the Python helpers do (`esc`: bidirectional controls stripped, since they could make a line read
differently from what it says, then html.escape), and autoescape catches anything else. HTML built in
Python (SVG charts, cells already escaped) is passed as Markup.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports.formatting import strip_bidi


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(html.escape(strip_bidi(value), quote=True))


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["j2", "html"], default=True),
        finalize=_finalize,
        auto_reload=False,
    )


def render(template: str, **values: Any) -> Markup:
    return Markup(environment().get_template(template).render(**values))


def macro(template: str, name: str):
    """A macro of a template (`table` of macros.html.j2), callable from Python; it returns Markup."""
    return getattr(environment().get_template(template).module, name)


class Charts:
    """A module of SVG chart functions whose results the templates place as HTML (each escapes its own text)."""

    def __init__(self, module: Any):
        self._module = module

    def __getattr__(self, name: str):
        chart = getattr(self._module, name)
        return lambda *args, **kwargs: Markup(chart(*args, **kwargs))


def markup(text: str) -> Markup:
    """HTML a Python helper built (and escaped) itself: a chart, a cell with a tag."""
    return Markup(text)
