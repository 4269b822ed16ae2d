"""`python -m jobpulse.sandbox [--port N] [--seed S] [--end YYYY-MM-DD]`: serve the board until Ctrl-C."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading

from .corpus import DEFAULT_END, generate_corpus
from .server import SandboxBoard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobpulse.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--end",
        type=dt.date.fromisoformat,
        default=DEFAULT_END,
        help="last day of the corpus, YYYY-MM-DD (default %(default)s)",
    )
    parser.add_argument("--weeks", type=int, default=30)
    parser.add_argument("--postings", type=int, default=4000)
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.seed, args.end, args.weeks, args.postings)
    with SandboxBoard(corpus, port=args.port) as board:
        print(board.base_url, flush=True)
        print(
            f"{len(corpus.postings)} postings on {len(corpus.companies)} boards, "
            f"{len(corpus.hn_threads())} HN threads, {corpus.start} … {corpus.end}; "
            "see /_sandbox/boards. Ctrl-C stops.",
            file=sys.stderr,
            flush=True,
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
