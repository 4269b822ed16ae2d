"""Imports run one way (DESIGN.md): flows → crawlers, warehouse, reports; reports → warehouse;
crawlers and warehouse import nothing else of ours; every layer may take the contract, which
imports nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"contract", "crawlers", "flows", "warehouse", "reports", "jobpulse"}
ALLOWED = {
    "contract": set(),  # the bottom layer: what every other layer may take from
    "crawlers": {"contract"},
    "warehouse": {"contract"},
    "reports": {"contract", "warehouse"},
    "flows": {"contract", "crawlers", "warehouse", "reports"},
    "jobpulse": {"contract", "flows", "warehouse", "reports", "crawlers"},
}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_run_one_way(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(bad)
        for path in (ROOT / package).rglob("*.py")
        if (bad := imported_packages(path) - ALLOWED[package] - {package})
    }
    assert offenders == {}
