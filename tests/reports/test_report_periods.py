"""Which period a report covers, and which periods it compares: ISO weeks, months, quarters."""

from datetime import date, timedelta

import pytest

from reports.periods import (
    KINDS,
    ReportWindows,
    choose_report_period,
    choose_report_week,
    iso_week_label,
    latest_complete_period,
    latest_complete_week,
    parse_iso_week,
    parse_period_label,
)


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


@pytest.mark.parametrize(
    ("period", "as_of", "label", "start", "end"),
    [
        ("month", date(2018, 5, 1), "2018-04", date(2018, 4, 1), date(2018, 5, 1)),
        ("month", date(2018, 4, 30), "2018-03", date(2018, 3, 1), date(2018, 4, 1)),  # April is not over yet
        ("month", date(2018, 1, 15), "2017-12", date(2017, 12, 1), date(2018, 1, 1)),  # across the new year
        ("quarter", date(2018, 5, 1), "2018-Q1", date(2018, 1, 1), date(2018, 4, 1)),
        ("quarter", date(2018, 1, 1), "2017-Q4", date(2017, 10, 1), date(2018, 1, 1)),
    ],
)
def test_latest_complete_month_and_quarter(period, as_of, label, start, end):
    windows = choose_report_period(as_of, period)
    assert (windows.label, windows.start, windows.end) == (label, start, end)
    assert windows.end <= as_of


def test_an_explicit_label_wins_over_as_of():
    assert choose_report_week(date(2026, 11, 25), "2026-W10").start == date(2026, 3, 2)
    assert choose_report_period(date(2026, 11, 25), "month", "2017-03").start == date(2017, 3, 1)
    assert choose_report_period(date(2026, 11, 25), "quarter", "2016-Q3").start == date(2016, 7, 1)


@pytest.mark.parametrize(
    ("period", "bad"),
    [
        ("week", "2026-47"),
        ("week", "2026-W7"),
        ("week", "2025-W53"),
        ("week", "2026-W00"),
        ("month", "2026-13"),
        ("month", "2026-W03"),
        ("quarter", "2026-Q5"),
        ("quarter", "2026-03"),
    ],
)
def test_malformed_or_impossible_labels_are_refused(period, bad):
    with pytest.raises(ValueError):
        parse_period_label(KINDS[period], bad)


def test_an_unknown_period_kind_is_refused():
    with pytest.raises(ValueError, match="week, month, quarter"):
        choose_report_period(date(2026, 11, 25), "fortnight")


def test_parse_iso_week_gives_the_monday():
    assert parse_iso_week("2026-W47") == date(2026, 11, 16)


def test_weekly_windows_recent_ends_with_the_report_week_and_baseline_precedes_it():
    spans = ReportWindows(date(2026, 11, 16)).to_dict(date(2020, 1, 6))
    assert spans["report_period"] == {
        "start": "2026-11-16",
        "end": "2026-11-22",
        "first": "2026-W47",
        "last": "2026-W47",
        "periods": 1,
    }
    assert spans["previous_period"]["first"] == "2026-W46"
    assert (spans["recent"]["first"], spans["recent"]["last"], spans["recent"]["periods"]) == (
        "2026-W44",
        "2026-W47",
        4,
    )
    assert (spans["baseline"]["first"], spans["baseline"]["last"]) == ("2026-W36", "2026-W43")
    assert spans["baseline"]["periods_with_data"] == 8


def test_monthly_windows_span_calendar_months():
    spans = ReportWindows(date(2018, 4, 1), KINDS["month"]).to_dict(date(2013, 8, 1))
    assert (spans["recent"]["first"], spans["recent"]["last"], spans["recent"]["end"]) == (
        "2018-02",
        "2018-04",
        "2018-04-30",
    )
    assert (spans["baseline"]["first"], spans["baseline"]["last"], spans["baseline"]["periods"]) == (
        "2017-05",
        "2018-01",
        9,
    )


def test_baseline_periods_before_the_first_data_period_are_not_counted():
    windows = ReportWindows(date(2026, 11, 16))
    assert windows.baseline_periods_with_data(date(2026, 9, 28)) == 4  # W40..W43
    assert windows.baseline_periods_with_data(date(2026, 10, 26)) == 0  # data starts in the recent window
    assert windows.baseline_periods_with_data(None) == 0
    assert ReportWindows(date(2018, 4, 1), KINDS["month"]).baseline_periods_with_data(date(2017, 11, 1)) == 3  # Nov–Jan


@pytest.mark.parametrize("kind", ["week", "month", "quarter"])
def test_every_period_label_round_trips(kind):
    start = latest_complete_period(KINDS[kind], date(2026, 11, 25))
    windows = ReportWindows(start, KINDS[kind])
    assert parse_period_label(KINDS[kind], windows.label) == start
    labels = windows.labels(windows.baseline_start, windows.start)
    assert len(labels) == KINDS[kind].baseline + KINDS[kind].recent
    assert len({label for _, label in labels}) == len(labels)
