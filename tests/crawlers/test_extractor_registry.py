"""Every source has one extractor, found by name, with the same entry point and no side effects."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from crawlers.extractors import EXTRACTORS, extractor

EXTRACTORS_DIR = Path(__file__).resolve().parents[2] / "crawlers" / "extractors"
# What an extractor may not touch: the crawler, the network, files, the environment, the clock.
IMPURE_MODULES = {
    "scrapy",
    "twisted",
    "socket",
    "urllib.request",
    "http",
    "requests",
    "os",
    "pathlib",
    "io",
    "shutil",
    "subprocess",
    "time",
    "random",
}
IMPURE_CALLS = {"open", "now", "today", "utcnow", "time", "getenv"}


def entry_point(source):
    return inspect.signature(extractor(source).extract)


@pytest.mark.parametrize("source", EXTRACTORS)
def test_each_source_has_the_one_entry_point(source):
    module = extractor(source)
    assert module.SOURCE == source
    assert (
        str(entry_point(source))
        == str(entry_point("greenhouse"))
        == ("(payload: 'Any', board: 'str | None' = None, *, url: 'str | None' = None) -> 'list[PostingItem]'")
    )


def test_a_source_without_an_extractor_is_named_in_the_error():
    with pytest.raises(KeyError, match="no extractor for source 'monster'.*greenhouse"):
        extractor("monster")


def test_every_spider_crawls_a_source_that_has_an_extractor():
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    assert set(SpiderLoader.from_settings(get_project_settings()).list()) <= set(EXTRACTORS)


@pytest.mark.parametrize("path", sorted(EXTRACTORS_DIR.glob("*.py")), ids=lambda path: path.name)
def test_extractors_are_pure(path):
    tree = ast.parse(path.read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    called = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    assert {name for name in imported if name.split(".")[0] in IMPURE_MODULES or name in IMPURE_MODULES} == set()
    assert called & IMPURE_CALLS == set()


def test_the_registry_lists_every_source_module_under_the_sources_name():
    modules = {path.stem for path in EXTRACTORS_DIR.glob("*.py")} - {"__init__", "common"}
    assert set(EXTRACTORS) == modules
    assert all(module == f"crawlers.extractors.{source}" for source, module in EXTRACTORS.items())
