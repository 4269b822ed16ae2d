"""ARCHITECTURE.md and the README's layout name real files: a module moved or renamed without its
docs fails here, so the picture a newcomer reads first stays the tree they will open."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# `crawlers/extractors/greenhouse.py`, `pipeline/normalize/batch.py`, `reports/model/` …
PATH = re.compile(r"`((?:contract|crawlers|pipeline|flows|warehouse|reports|jobpulse|benchmarks|tests)/[\w/.-]*)`")


def named_paths(text: str) -> set[str]:
    return {match.rstrip(".") for match in PATH.findall(text)}


def test_every_path_architecture_md_names_exists():
    paths = named_paths((ROOT / "ARCHITECTURE.md").read_text())
    assert len(paths) > 20  # the data path names its modules
    assert sorted(p for p in paths if not (ROOT / p).exists()) == []


def test_every_folder_of_the_readme_layout_exists_and_every_package_is_in_it():
    layout = (ROOT / "README.md").read_text().split("## Layout", 1)[1].split("```")[1]
    folders = set(re.findall(r"^(\w+)/", layout, re.MULTILINE))
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages <= folders
    assert sorted(f for f in folders if not (ROOT / f).is_dir()) == []
