"""Imports run one way (ARCHITECTURE.md): cli > flows > pipeline steps > crawlers | reports >
warehouse > contract, with pure extractors and spiders reached only through Scrapy. The rules are
import-linter contracts in pyproject.toml; these tests run `lint-imports` on the tree, and on a
copy of it with one forbidden import added, to show each kind of breach is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("jobpulse", "flows", "pipeline", "crawlers", "reports", "warehouse", "contract")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH first: the copy's packages, not the installed checkout, are the ones analysed.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The packages and pyproject.toml (which holds the contracts), copied; sources only."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_every_import_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_copy_keeps_them_too_before_anything_is_added(tree_copy):
    assert lint_imports(tree_copy).returncode == 0


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("warehouse/seed.py", "import flows.weekly", "Layers"),
        ("pipeline/warehouse_load.py", "from crawlers.spiders.greenhouse import GreenhouseSpider", "Spiders run only"),
        ("reports/summary.py", "import pipeline.ingest", "Layers"),
        ("contract/roles.py", "import warehouse.db", "Layers"),
        ("pipeline/dedupe.py", "from prefect import task", "Pipeline steps are plain functions"),
        ("crawlers/extractors/lever.py", "import scrapy", "Extractors are pure"),
        ("crawlers/extractors/hn.py", "from pathlib import Path", "Extractors are pure"),
        ("crawlers/items_extra.py", "import warehouse.taxonomy", "Crawlers take nothing"),
    ],
)
def test_a_forbidden_import_added_to_a_copy_of_the_tree_breaks_its_contract(tree_copy, module, line, broken):
    target = tree_copy / module
    target.write_text((target.read_text() if target.exists() else "") + f"\n{line}\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    # The contract the line breaks is among the broken ones (a layer breach may break a forbidden
    # contract too: warehouse → flows.weekly puts Prefect under every step that reads the warehouse).
    assert broken in result.stdout.split("Broken contracts", 1)[1]
