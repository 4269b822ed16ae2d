"""Which function runs each `jobpulse` verb. The verbs live by subject: pipeline_commands (crawl,
run, demo, serve), load_commands (ingest, import, reprocess), landing_commands (landing status|prune),
warehouse_commands (report, sql, …);
each calls one pipeline function or flow through jobpulse/dispatch.py and prints through
jobpulse/printers.py."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from jobpulse import first_steps, landing_commands, load_commands, pipeline_commands, warehouse_commands
from jobpulse.command_base import PARTIAL_EXIT, UserError  # noqa: F401 (cli.py and tests read them here)

COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "init": first_steps.cmd_init,
    "demo": pipeline_commands.cmd_demo,
    "run": pipeline_commands.cmd_run,
    "sources": pipeline_commands.cmd_sources,
    "crawl": pipeline_commands.cmd_crawl,
    "ingest": load_commands.cmd_ingest,
    "import": load_commands.cmd_import,
    "report": warehouse_commands.cmd_report,
    "explore": warehouse_commands.cmd_explore,
    "reprocess": load_commands.cmd_reprocess,
    "landing": landing_commands.cmd_landing,
    "sql": warehouse_commands.cmd_sql,
    "export": warehouse_commands.cmd_export,
    "serve": pipeline_commands.cmd_serve,
}
