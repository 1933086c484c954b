"""Training needs by commune and trade compared with the courses of the year (the training plan's gap).

A need comes from the labour survey (members whose latest survey up to the date wants training, with the
trade they named) and from needs a commune entered by trade (TrainingNeed). Both may count the same people,
so a commune's need for a trade is the larger of the two, never their sum (ADR 1202). Trades match by their
search key (case and accents ignored). Enrolments in the year's courses meet the need of the trainee's
commune and the course's trade; what a commune's enrolments leave over meets its needs with no trade named.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from giamngheo.core.text import search_key
from giamngheo.jobs.models import Course, Enrolment, LabourSurvey, TrainingNeed

UNKNOWN = ""  # the key of needs without a trade


@dataclass
class NeedRow:
    commune_id: int
    trade_key: str
    trade: str
    surveyed: int = 0
    entered: int = 0
    courses: int = 0
    enrolled: int = 0
    completed: int = 0
    met: int = 0

    @property
    def need(self) -> int:
        return max(self.surveyed, self.entered)

    @property
    def gap(self) -> int:
        return max(self.need - self.met, 0)


def _surveyed(commune_ids: list[int], on: dt.date) -> Iterable[tuple[int, str, int]]:
    """(commune, trade as written, people) of the active members whose latest survey up to `on` wants
    training, counted in the database."""
    newer = LabourSurvey.objects.filter(
        Q(surveyed_on__gt=OuterRef("surveyed_on"))
        | Q(surveyed_on=OuterRef("surveyed_on"), pk__gt=OuterRef("pk")),
        member_id=OuterRef("member_id"),
        surveyed_on__lte=on,
    )
    counted = (
        LabourSurvey.objects.filter(
            ~Exists(newer),
            commune_id__in=commune_ids,
            surveyed_on__lte=on,
            wants_training=True,
            member__is_active=True,
            household__is_active=True,
        )
        .order_by()
        .values_list("commune_id", "training_trade")
        .annotate(n=Count("id"))
    )
    return [(commune_id, trade, people) for commune_id, trade, people in counted]


def needs_table(commune_ids: list[int], year: int, on: dt.date | None = None) -> list[NeedRow]:
    """One row per commune and trade with a need, a course or a trainee in the year; `on` ends the survey."""
    on = on or dt.date(year, 12, 31)
    rows: dict[tuple[int, str], NeedRow] = {}

    def row(commune_id: int, trade: str) -> NeedRow:
        key = (commune_id, search_key(trade))
        if key not in rows:
            rows[key] = NeedRow(commune_id, key[1], trade.strip())
        return rows[key]

    for commune_id, trade, people in _surveyed(commune_ids, on):
        row(commune_id, trade or "").surveyed += people
    for need in TrainingNeed.objects.filter(commune_id__in=commune_ids, year=year):
        row(need.commune_id, need.trade).entered += need.people
    courses = Course.objects.filter(place_id__in=commune_ids, starts_on__year=year)
    for place_id, trade, count in courses.values_list("place_id", "trade").annotate(n=Count("id")):
        row(place_id, trade).courses += count
    enrolments = Enrolment.objects.filter(commune_id__in=commune_ids, course__starts_on__year=year)
    counted = enrolments.values_list("commune_id", "course__trade").annotate(
        n=Count("id"), done=Count("id", filter=Q(completed_on__isnull=False))
    )
    for commune_id, trade, count, done in counted:
        item = row(commune_id, trade)
        item.enrolled += count
        item.completed += done
    _meet(rows.values())
    return sorted(rows.values(), key=lambda r: (r.commune_id, r.trade_key == UNKNOWN, r.trade_key))


def _meet(rows: Iterable[NeedRow]) -> None:
    """Trainees meet their trade's need first; the commune's leftover trainees meet needs with no trade."""
    leftover: dict[int, int] = defaultdict(int)
    unknown: list[NeedRow] = []
    for item in rows:
        if item.trade_key == UNKNOWN:
            unknown.append(item)
            leftover[item.commune_id] += item.enrolled
            continue
        item.met = min(item.enrolled, item.need)
        leftover[item.commune_id] += item.enrolled - item.met
    for item in unknown:
        item.met = min(leftover[item.commune_id], item.need)


def by_trade(rows: list[NeedRow]) -> list[NeedRow]:
    """The same figures summed over communes, one row per trade (the province or district plan)."""
    total: dict[str, NeedRow] = {}
    for item in rows:
        into = total.setdefault(item.trade_key, NeedRow(0, item.trade_key, item.trade))
        into.surveyed += item.need  # the need of each commune (the larger of survey and entered)
        into.courses += item.courses
        into.enrolled += item.enrolled
        into.completed += item.completed
        into.met += item.met
    return sorted(total.values(), key=lambda r: (r.trade_key == UNKNOWN, r.trade_key))
