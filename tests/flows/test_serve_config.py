"""What `jobpulse serve` and prefect.yaml schedule: the weekly pipeline on Mondays 06:00 UTC by
default, a configurable cron or interval, and the same flow entry point for work-pool users."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from prefect.cli.deploy._models import PrefectYamlModel

from flows.serve import DEFAULT_CRON, schedule_for, scheduled_pipeline
from jobpulse.cli import build_parser, main
from pipeline.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def deployment():
    config = PrefectYamlModel.model_validate(yaml.safe_load((ROOT / "prefect.yaml").read_text()))
    (weekly,) = config.deployments
    return weekly


def test_prefect_yaml_deploys_the_flow_serve_runs(deployment):
    path, name = deployment.entrypoint.split(":")
    assert (ROOT / path).is_file() and name == scheduled_pipeline.fn.__name__
    validated = scheduled_pipeline.validate_parameters(deployment.parameters)
    assert load_sources(ROOT / validated["sources_file"])  # the bundled real sources
    assert deployment.concurrency_limit == 1


def test_prefect_yaml_schedules_what_serve_schedules_by_default(deployment):
    (schedule,) = deployment.schedules
    assert (schedule.cron, schedule.timezone) == (DEFAULT_CRON, "UTC")
    assert build_parser().parse_args(["serve"]).cron == DEFAULT_CRON


@pytest.mark.parametrize(
    ("cron", "interval", "expected"),
    [
        (DEFAULT_CRON, None, ("0 6 * * 1", None)),
        ("30 5 * * *", None, ("30 5 * * *", None)),
        (DEFAULT_CRON, 2, (None, dt.timedelta(seconds=2))),
    ],
)
def test_the_schedule_is_a_utc_cron_or_an_interval(cron, interval, expected):
    schedule = schedule_for(cron, interval)
    assert (schedule.cron, schedule.interval) == expected
    assert schedule.timezone in ("UTC", None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cron", "every monday"], "Invalid cron string"),
        (["--interval", "0"], "--interval must be a positive number"),
    ],
)
def test_a_bad_schedule_is_a_one_line_error_before_anything_starts(tmp_path, capsys, args, message):
    assert main(["serve", "--db", str(tmp_path / "w.duckdb"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jobpulse serve: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "w.duckdb").exists()
