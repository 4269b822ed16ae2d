"""The typed report model: the renderers read it, and the JSON on disk is exactly `to_json` of it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reports.model import ABSENT, Report, Section, SkillTrend, from_json, to_json


def test_the_json_file_is_to_json_of_the_report_key_for_key_and_in_order(planted_report):
    written = planted_report.json_path.read_text(encoding="utf-8")
    assert json.dumps(to_json(planted_report.report), indent=2, ensure_ascii=False, allow_nan=False) + "\n" == written


def test_reading_the_json_back_gives_the_same_report(planted_report):
    document = json.loads(planted_report.json_path.read_text(encoding="utf-8"))
    again = from_json(Report, document)
    assert list(to_json(again)) == list(document)  # the stamp first, regions and riser companies last
    assert to_json(again) == document
    assert isinstance(again.roles["ml_engineer"], Section) and isinstance(
        again.roles["ml_engineer"].trends[0], SkillTrend
    )


def test_a_key_the_model_does_not_declare_is_refused():
    row = {
        "skill_id": "rag",
        "name": "RAG",
        "recent_share": 0.1,
        "baseline_share": 0.05,
        "recent_mentions": 10,
        "baseline_mentions": 5,
        "change_pts": 5.0,
        "z": 2.0,
        "p": 0.04,
        "q": 0.05,
        "call": "stable",
        "category": "stable",
    }
    assert from_json(SkillTrend, row).change_pts == 5.0
    with pytest.raises(TypeError, match="SkillTrend has no field"):
        from_json(SkillTrend, {**row, "surprise": 1})


def test_keys_some_sections_lack_are_left_out_not_written_as_null(planted_report):
    report = planted_report.report
    assert report.overview.subsections is ABSENT and "subsections" not in to_json(report.overview)
    assert "by_role" in to_json(report.overview) and "by_role" not in to_json(report.roles["ml_engineer"])


def test_the_report_is_frozen(planted_report):
    with pytest.raises(dataclasses.FrozenInstanceError):
        planted_report.report.week = "2026-W01"
