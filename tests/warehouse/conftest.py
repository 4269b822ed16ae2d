"""One demo warehouse for every warehouse test that needs real-looking data."""

from __future__ import annotations

import pytest

from tests.warehouse.demo_warehouse import build_demo_warehouse


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory):
    return build_demo_warehouse(tmp_path_factory.mktemp("demo-warehouse"))
