"""Which week a report covers, and which weeks it compares."""

from datetime import date, timedelta

import pytest

from reports.periods import ReportWindows, choose_report_week, iso_week_label, latest_complete_week, parse_iso_week


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 11, 25), "2026-W47"),  # Wednesday: the week before
        (date(2026, 11, 23), "2026-W47"),  # Monday: the week that ended yesterday
        (date(2026, 11, 22), "2026-W46"),  # Sunday: its own week is not over *before* as_of
        (date(2027, 1, 6), "2026-W53"),  # 2026 has 53 ISO weeks
        (date(2026, 1, 7), "2026-W01"),  # ISO 2026-W01 starts Mon 29 Dec 2025
    ],
)
def test_latest_complete_week_is_the_last_full_monday_to_sunday_before_as_of(as_of, expected):
    monday = latest_complete_week(as_of)
    assert monday.weekday() == 0
    assert monday + timedelta(days=6) < as_of
    assert iso_week_label(monday) == expected


def test_an_explicit_week_wins_over_as_of():
    windows = choose_report_week(date(2026, 11, 25), "2026-W10")
    assert windows.label == "2026-W10"
    assert windows.week_start == date(2026, 3, 2)


@pytest.mark.parametrize("bad", ["2026-47", "2026-W7", "W47", "2025-W53", "2026-W00"])
def test_malformed_or_impossible_weeks_are_refused(bad):
    with pytest.raises(ValueError):
        parse_iso_week(bad)


def test_windows_recent_ends_with_the_report_week_and_baseline_precedes_it():
    windows = ReportWindows(date(2026, 11, 16))
    spans = windows.to_dict(first_data_week=date(2020, 1, 6))
    assert spans["report_week"] == {
        "start": "2026-11-16", "end": "2026-11-22", "first_week": "2026-W47", "last_week": "2026-W47", "weeks": 1
    }
    assert spans["previous_week"]["first_week"] == "2026-W46"
    assert (spans["recent"]["first_week"], spans["recent"]["last_week"]) == ("2026-W44", "2026-W47")
    assert (spans["baseline"]["first_week"], spans["baseline"]["last_week"]) == ("2026-W36", "2026-W43")
    assert spans["baseline"]["weeks_with_data"] == 8


def test_baseline_weeks_before_the_first_data_week_are_not_counted():
    windows = ReportWindows(date(2026, 11, 16))
    assert windows.baseline_weeks_with_data(date(2026, 9, 28)) == 4  # W40..W43
    assert windows.baseline_weeks_with_data(date(2026, 10, 26)) == 0  # data starts in the recent window
    assert windows.baseline_weeks_with_data(None) == 0
