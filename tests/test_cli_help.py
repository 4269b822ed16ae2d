"""Every subcommand explains itself (a description and an example under --help), the lists in
--help and the README come from the registries that define them, and `jobpulse init` gives a
pip-installed user the sources file and schema doc the README talks about."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpulse.cli import EXAMPLES, build_parser, import_formats, main, report_periods, spider_names
from jobpulse.commands import COMMANDS
from jobpulse.first_steps import default_sources_file
from pipeline.import_files import CONVERTERS
from pipeline.sources import SPIDERS, known_spiders
from reports.periods import KINDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def subcommand_help(name: str) -> str:
    parser = build_parser()
    (sub,) = [a for a in parser._subparsers._group_actions]  # the COMMAND action
    return " ".join(sub.choices[name].format_help().split())  # unwrapped: independent of terminal width


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_a_description_and_an_example(name):
    text = subcommand_help(name)
    assert f"example: {' '.join(EXAMPLES[name].split())}" in text
    assert EXAMPLES[name].startswith(f"jobpulse {name}")
    description = text.split("options:")[0].split("]", 1)[-1]
    assert len(description.split()) >= 4  # a sentence, not just the usage line


def test_help_lists_every_import_format_the_importer_has():
    assert import_formats() == [*CONVERTERS, "tracker"]
    text = subcommand_help("import")
    readme_row = next(line for line in README.splitlines() if line.startswith("| `jobpulse import"))
    for fmt in import_formats():
        assert f"{fmt} (" in text or f" {fmt}," in text or text.rstrip().endswith(fmt) or f" {fmt} " in text, fmt
        assert f"`{fmt}`" in readme_row, fmt


def test_help_lists_every_spider_and_the_registry_is_what_scrapy_lists():
    assert set(spider_names()) == set(SPIDERS) == set(known_spiders())
    text = subcommand_help("crawl")
    readme_row = next(line for line in README.splitlines() if line.startswith("| `jobpulse crawl --source greenhouse"))
    assert "a spider: " + ", ".join(spider_names()) in text
    assert "sources: " + ", ".join(f"`{s}`" for s in spider_names()) in readme_row


def test_report_periods_are_the_period_registry():
    assert report_periods() == tuple(KINDS)
    assert "{" + ",".join(KINDS) + "}" in subcommand_help("report")
    assert "--period " + "\\|".join(KINDS) in README


def test_init_copies_the_sources_and_schema_doc_out_and_says_where_things_live(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("JOBPULSE_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "mine"]) == 0
    root = tmp_path / "mine"
    assert capsys.readouterr().out == (
        "sources:   mine/sources.toml  (edit it: the boards to crawl; `sources check` asks each once)\n"
        "schema:    mine/SCHEMA.md  (tables, views and worked queries of the warehouse)\n"
        f"data:      {root}/data  (run from mine; set JOBPULSE_DATA_DIR to move it)\n"
        f"warehouse: {root}/data/warehouse.duckdb\n"
        f"reports:   {root}/data/reports  (index.html lists them; explore.html beside them)\n"
        "next:      cd mine && jobpulse sources check && jobpulse run\n"
    )
    bundled = Path(__import__("pipeline.sources").sources.DEFAULT_SOURCES_FILE)
    assert (root / "sources.toml").read_text() == bundled.read_text()
    assert "pipeline_runs" in (root / "SCHEMA.md").read_text()
    assert main(["init", "mine"]) == 2  # an edited file is never overwritten without --force
    assert "exists; edit it, or pass --force" in capsys.readouterr().err


def test_commands_read_the_local_sources_file_once_init_wrote_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert default_sources_file().name == "sources.toml" and default_sources_file().parent.name == "pipeline"
    (tmp_path / "sources.toml").write_text("[hn]\n")
    assert default_sources_file() == Path("sources.toml")


@pytest.mark.slow
def test_the_wheel_carries_what_init_copies_out(tmp_path):
    import subprocess
    import sys
    import zipfile

    uv = Path(sys.executable).with_name("uv")
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [str(uv), "build", "--wheel", "-o", str(tmp_path), str(root)], check=True, capture_output=True, timeout=300
    )
    (wheel,) = tmp_path.glob("jobpulse-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"pipeline/sources.toml", "warehouse/SCHEMA.md", "jobpulse/cli.py"} <= names
