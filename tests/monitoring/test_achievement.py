"""Achievement status of a target: one row per case, no database."""

from __future__ import annotations

import datetime
from decimal import Decimal as D  # noqa: N817 — short in a table of cases

import pytest

from giamngheo.monitoring.achievement import Status, TargetSpec, assess

START = datetime.date(2020, 12, 31)
END = datetime.date(2025, 12, 31)
MID = datetime.date(2023, 6, 30)  # half the time elapsed


def spec(kind, better, low=None, high=None, baseline=None):
    return TargetSpec(kind, better, low, high, START, END, baseline)


CASES = [
    # Each row: target, actual value, day, expected status.
    (spec("level", "lower", D("2.0"), D("2.2"), D("5.0")), D("2.1"), MID, Status.ACHIEVED),
    (spec("level", "lower", D("2.0"), D("2.2"), D("5.0")), D("3.5"), MID, Status.ON_TRACK),  # 54 % in 50 %
    (spec("level", "lower", D("2.0"), D("2.2"), D("5.0")), D("4.0"), MID, Status.OFF_TRACK),  # 36 % in 50 %
    (spec("level", "lower", D("2.0"), D("2.2"), D("5.0")), D("3.8"), MID, Status.AT_RISK),  # 43 % in 50 %
    (spec("level", "lower", None, D("2.2"), D("5.0")), D("2.3"), END, Status.OFF_TRACK),
    (spec("count", "higher", D("5000")), D("2500"), MID, Status.ON_TRACK),
    (spec("count", "higher", D("5000")), D("1000"), MID, Status.OFF_TRACK),
    (spec("count", "higher", D("5000")), D("5000"), MID, Status.ACHIEVED),
    (spec("coverage", "higher", D("100")), D("98"), MID, Status.AT_RISK),  # no baseline: cannot judge pace
    (spec("change_per_year", "lower", D("3"), None, D("20")), D("4"), END, Status.ACHIEVED),  # 3,2/year
    (
        spec("change_per_year", "lower", D("4"), D("5"), D("24.4")),
        D("15.83"),
        datetime.date(2022, 12, 31),
        Status.ON_TRACK,
    ),
    (
        spec("change_per_year", "lower", D("4"), D("5"), D("10")),
        D("7"),
        datetime.date(2022, 12, 31),
        Status.OFF_TRACK,
    ),
    (spec("change_over_period", "lower", D("2.73"), D("2.93"), D("5")), D("2.2"), END, Status.ACHIEVED),
    (spec("change_over_period", "lower", D("2.73"), D("2.93"), D("5")), D("3"), END, Status.OFF_TRACK),
    (spec("level", "lower", None, D("1.76"), D("2.27")), None, MID, Status.NO_DATA),
    (spec("change_per_year", "lower", D("3")), D("10"), MID, Status.NO_DATA),  # no baseline
]


@pytest.mark.parametrize(("target", "actual", "day", "expected"), CASES)
def test_status(target, actual, day, expected):
    assert assess(target, actual, day).status == expected


def test_yearly_change_is_averaged_over_the_years_since_the_baseline():
    result = assess(spec("change_per_year", "lower", D("3"), None, D("20")), D("8"), END)
    assert result.compared == D("2.40")  # 12 points over 5 years
    assert result.status == Status.OFF_TRACK
