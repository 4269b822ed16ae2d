"""Fixtures: the planted-trends warehouse, built once per session, and its report."""

from __future__ import annotations

import pytest
from planted_trends import AS_OF, planted_frames
from report_warehouse import write_warehouse

from reports.build import build_report


@pytest.fixture(scope="session")
def planted_warehouse(tmp_path_factory):
    return write_warehouse(tmp_path_factory.mktemp("planted") / "warehouse.duckdb", planted_frames())


@pytest.fixture(scope="session")
def planted_report(tmp_path_factory, planted_warehouse):
    return build_report(planted_warehouse, tmp_path_factory.mktemp("report-out"), as_of=AS_OF)


@pytest.fixture
def ml_engineer(planted_report) -> dict:
    return planted_report.summary["roles"]["ml_engineer"]
