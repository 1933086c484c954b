"""Working days: weekends and Vietnamese public holidays (fixed by law, plus yearly dates from data)."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).parent / "data" / "holidays.toml"
FIXED = ((1, 1), (4, 30), (5, 1), (9, 2))  # Labour Code 2019, Art. 112


@functools.cache
def _yearly() -> dict[int, frozenset[dt.date]]:
    data = tomllib.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    return {
        int(entry["year"]): frozenset(dt.date.fromisoformat(day) for day in entry["days"])
        for entry in data.get("year", [])
    }


def holidays(year: int) -> frozenset[dt.date]:
    """Public holidays of a year: the fixed ones, and the lunar and adjacent days recorded for that year."""
    fixed = {dt.date(year, month, day) for month, day in FIXED}
    return frozenset(fixed) | _yearly().get(year, frozenset())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The last day of a period of `count` working days that begins on `start` (or the next working day)."""
    day = start
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    remaining = count - 1
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
