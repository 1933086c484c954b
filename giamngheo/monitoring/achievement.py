"""Achievement of a target: achieved, on track, at risk, off track or no data — pure arithmetic."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Progress at or above this share of the time elapsed is on track; above RISK_RATIO of it, at risk.
RISK_RATIO = Decimal("0.75")
DAYS_PER_YEAR = Decimal("365.25")


class Status(models.TextChoices):
    ACHIEVED = "achieved", _("Đã đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    OFF_TRACK = "off_track", _("Chậm, không đạt")
    NO_DATA = "no_data", _("Chưa có số liệu")


# Most severe first, for lists of lagging targets.
SEVERITY = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.NO_DATA: 2, Status.ON_TRACK: 3, Status.ACHIEVED: 4}
LAGGING = {Status.OFF_TRACK, Status.AT_RISK}


@dataclass(frozen=True)
class Achievement:
    status: Status
    compared: Decimal | None = None  # the value set against the goal (a level, or a change)
    goal: Decimal | None = None
    expected: Decimal | None = None  # where a linear path would be by now
    message: str = ""


@dataclass(frozen=True)
class TargetSpec:
    kind: str  # level, coverage, count, change_per_year, change_over_period
    better: str  # lower or higher (of the indicator)
    value_low: Decimal | None
    value_high: Decimal | None
    start: datetime.date  # when progress is counted from (baseline year end, or plan start)
    deadline: datetime.date
    baseline: Decimal | None = None


def _goal(spec: TargetSpec, *, change: bool) -> Decimal | None:
    """The weakest value that still meets the target."""
    if change:
        return spec.value_low if spec.value_low is not None else spec.value_high
    if spec.better == "lower":
        return spec.value_high if spec.value_high is not None else spec.value_low
    return spec.value_low if spec.value_low is not None else spec.value_high


def _time_fraction(spec: TargetSpec, as_of: datetime.date) -> Decimal:
    span = (spec.deadline - spec.start).days
    if span <= 0:
        return Decimal(1)
    return max(Decimal(0), Decimal((as_of - spec.start).days) / Decimal(span))


def _by_pace(
    progress: Decimal, elapsed: Decimal, compared: Decimal, goal: Decimal, expected: Decimal | None
) -> Achievement:
    if elapsed <= 0:
        status = Status.ON_TRACK if progress > 0 else Status.AT_RISK
    else:
        ratio = progress / elapsed
        status = (
            Status.ON_TRACK if ratio >= 1 else Status.AT_RISK if ratio >= RISK_RATIO else Status.OFF_TRACK
        )
    return Achievement(status, compared, goal, expected)


def _assess_change(spec: TargetSpec, actual: Decimal, goal: Decimal, as_of: datetime.date) -> Achievement:  # noqa: PLR0911
    if spec.baseline is None:
        return Achievement(Status.NO_DATA, message=str(_("Thiếu giá trị gốc để tính mức thay đổi.")))
    finished = as_of >= spec.deadline
    moved = spec.baseline - actual if spec.better == "lower" else actual - spec.baseline
    if spec.kind == "change_over_period":
        if moved >= goal:
            return Achievement(Status.ACHIEVED, moved, goal)
        if finished:
            return Achievement(Status.OFF_TRACK, moved, goal)
        elapsed = _time_fraction(spec, as_of)
        expected = (goal * min(elapsed, Decimal(1))).quantize(Decimal("0.01"))
        return _by_pace(moved / goal if goal else Decimal(0), elapsed, moved, goal, expected)
    years = Decimal((as_of - spec.start).days) / DAYS_PER_YEAR
    if years <= 0:
        return Achievement(Status.NO_DATA, message=str(_("Chưa qua năm nào kể từ năm gốc.")))
    per_year = (moved / years).quantize(Decimal("0.01"))
    if per_year >= goal:
        return Achievement(Status.ACHIEVED if finished else Status.ON_TRACK, per_year, goal)
    if finished:
        return Achievement(Status.OFF_TRACK, per_year, goal)
    share = per_year / goal if goal else Decimal(0)
    return Achievement(Status.AT_RISK if share >= RISK_RATIO else Status.OFF_TRACK, per_year, goal)


def _assess_level(spec: TargetSpec, actual: Decimal, goal: Decimal, as_of: datetime.date) -> Achievement:
    met = actual <= goal if spec.better == "lower" else actual >= goal
    if met:
        return Achievement(Status.ACHIEVED, actual, goal)
    if as_of >= spec.deadline:
        return Achievement(Status.OFF_TRACK, actual, goal)
    origin = spec.baseline
    if origin is None and spec.kind == "count" and spec.better == "higher":
        origin = Decimal(0)
    if origin is None or origin == goal:
        return Achievement(
            Status.AT_RISK, actual, goal, message=str(_("Chưa đạt; thiếu giá trị gốc để đánh giá tiến độ."))
        )
    elapsed = _time_fraction(spec, as_of)
    progress = (actual - origin) / (goal - origin)
    expected = (origin + (goal - origin) * min(elapsed, Decimal(1))).quantize(Decimal("0.01"))
    return _by_pace(progress, elapsed, actual, goal, expected)


def assess(spec: TargetSpec, actual: Decimal | None, as_of: datetime.date) -> Achievement:
    """Compare an actual value at a day with the target."""
    if actual is None:
        return Achievement(Status.NO_DATA, message=str(_("Chưa có số liệu thực hiện.")))
    change = spec.kind in {"change_per_year", "change_over_period"}
    goal = _goal(spec, change=change)
    if goal is None:
        return Achievement(Status.NO_DATA, message=str(_("Chỉ tiêu chưa có giá trị.")))
    if change:
        return _assess_change(spec, actual, goal, as_of)
    return _assess_level(spec, actual, goal, as_of)
