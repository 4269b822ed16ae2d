"""`jobpulse init`: what a pip-installed user needs to start — an editable sources file, the schema
doc, and where the data and reports will be. Both files ship inside the package (pipeline/,
warehouse/); init copies them out, and commands then prefer ./sources.toml to the bundled one."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from jobpulse.cli import DATA_DIR_ENV


def default_sources_file() -> Path:
    """./sources.toml when there is one (`jobpulse init` writes it), else the bundled file."""
    from pipeline.sources import DEFAULT_SOURCES_FILE

    local = Path(LOCAL_SOURCES)
    return local if local.is_file() else DEFAULT_SOURCES_FILE


LOCAL_SOURCES = "sources.toml"


def schema_doc() -> Path:
    """The warehouse's schema doc where it really is: in the checkout, or in site-packages when
    installed with pip (beside the warehouse package's __init__)."""
    from importlib.util import find_spec

    return Path(find_spec("warehouse").origin).with_name("SCHEMA.md")


def cmd_init(args: argparse.Namespace, data: Path) -> int:
    """Copy the bundled sources file and schema doc out of the package, and say where things live."""
    from pipeline.sources import DEFAULT_SOURCES_FILE

    target = args.dir
    target.mkdir(parents=True, exist_ok=True)
    sources, schema = target / LOCAL_SOURCES, target / "SCHEMA.md"
    if sources.exists() and not args.force:
        from jobpulse.command_base import UserError

        raise UserError(f"{sources} exists; edit it, or pass --force to replace it with the bundled one")
    shutil.copyfile(DEFAULT_SOURCES_FILE, sources)
    shutil.copyfile(schema_doc(), schema)
    # Commands run from DIR (where ./sources.toml is found) keep their data in DIR/data.
    data = Path(os.environ[DATA_DIR_ENV]).absolute() if os.environ.get(DATA_DIR_ENV) else target.absolute() / "data"
    here = target.absolute() == Path.cwd()
    run_from = "" if here else f"cd {target} && "
    print(
        f"sources:   {sources}  (edit it: the boards to crawl; `sources check` asks each once)\n"
        f"schema:    {schema}  (tables, views and worked queries of the warehouse)\n"
        f"data:      {data}  ({'' if here else f'run from {target}; '}set {DATA_DIR_ENV} to move it)\n"
        f"warehouse: {data / 'warehouse.duckdb'}\n"
        f"reports:   {data / 'reports'}  (index.html lists them; explore.html beside them)\n"
        f"next:      {run_from}jobpulse sources check && jobpulse run"
    )
    return 0
