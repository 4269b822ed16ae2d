"""What every command shares: the one-line user error, the warehouse path, how progress shows."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTIAL_EXIT = 3  # `run`/`crawl`: published, but some source, board or file failed or is suspect


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit status 2."""


def warehouse_path(args: argparse.Namespace, data: Path, default: str = "warehouse.duckdb") -> Path:
    return args.db if args.db else data / default


def progress_mode(args: argparse.Namespace) -> str:
    """How long work shows progress: bars on a terminal, plain lines otherwise, none with -q."""
    from jobpulse.progress import mode_for

    return mode_for(getattr(args, "quiet", False))


def print_progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


@contextmanager
def user_errors(*kinds: type[BaseException]) -> Iterator[None]:
    """Errors of these kinds (and a busy or locked warehouse) become one-line UserErrors."""
    from pipeline.publish import PublishBusy, WarehouseLocked

    try:
        yield
    except (PublishBusy, WarehouseLocked, *kinds) as exc:
        raise UserError(str(exc)) from None
