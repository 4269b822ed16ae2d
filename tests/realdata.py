"""Where tests find the shared real data: `../shared/realdata` next to the repo root.

`realdata_path(*parts)` returns the path, or skips the test when the data is missing — except
under CI (env var `CI` set), where missing real data is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REALDATA = Path(
    os.environ.get("JOBPULSE_REALDATA") or Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
)


def realdata_path(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        reason = f"real data not found: {path} (expected ../shared/realdata beside the repo)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path
