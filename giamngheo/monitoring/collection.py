"""Measures of the data-collection Biểu 03–15: each one grouped query over an area, a figure per commune.

A measure reads one data set — the registry (households, members, status transitions, assessments), the
support ledger, housing cases, the jobs register — for the communes of an area and returns a figure for
each commune (communes without one count 0), with the words that say which query gives it. A province's
total is the sum of its communes' figures, so the tables reconcile by construction and the tests check it.

Stocks are read at the period's end (as the indicators are, `computations.as_of_day`); flows count from the
window's first day (1 January of the period's year, or of a close-out's first year) to the period's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.models import AbroadWorker, Enrolment, Referral
from giamngheo.monitoring.computations import _assessment_on, status_on
from giamngheo.programs.models.budget import BudgetSource
from giamngheo.registry.models import Household, Member, StatusTransition, TransitionKind
from giamngheo.support.models import HousingCase, RecordStatus, SupportRecord
from giamngheo.support.models.housing import HousingStage

MILLION = Decimal(1_000_000)
POOR_OR_NEAR_POOR = ("poor", "near_poor")


@dataclass(frozen=True)
class Window:
    """What a measure reads: the area (a current province or commune), the stock day and the flow window."""

    area: AdminUnit
    day: dt.date | None  # None: the registry as it is now (a period still running)
    start: dt.date
    end: dt.date
    label: str  # «Năm 2025», for the sources

    def area_filter(self, prefix: str = "") -> Q:
        field = "province_id" if self.area.level == Level.PROVINCE else "commune_id"
        return Q(**{f"{prefix}{field}": self.area.pk})

    @property
    def stock_words(self) -> str:
        return f"tại ngày {self.day:%d/%m/%Y}" if self.day else "hiện tại (kỳ đang diễn ra)"

    @property
    def flow_words(self) -> str:
        return f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"


Figures = dict[int, Decimal]
Measure = Callable[[Window], Figures]
MEASURES: dict[str, tuple[Measure, Callable[[Window], str]]] = {}


def measure(name: str, source: Callable[[Window], str]) -> Callable[[Measure], Measure]:
    """Register a measure under the name the forms' columns use, with the words naming its query."""

    def register(function: Measure) -> Measure:
        MEASURES[name] = (function, source)
        return function

    return register


def _grouped(rows: QuerySet[Any], key: str = "commune_id", value: str = "n") -> Figures:
    return {row[key]: Decimal(row[value] or 0) for row in rows}


# Registry stocks ------------------------------------------------------------------------------------


def households_on(window: Window) -> QuerySet[Household]:
    """The area's households on the stock day, annotated with `status_then` (the status on that day)."""
    households = Household.objects.filter(window.area_filter())
    if window.day is None:
        return households.filter(is_active=True).annotate(status_then=F("status"))
    day = window.day
    return households.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day), registered_on__lte=day
    ).annotate(status_then=status_on(day))


def _household_counts(window: Window, condition: Q) -> Figures:
    rows = households_on(window).filter(condition).order_by().values("commune_id").annotate(n=Count("pk"))
    return _grouped(rows)


def _members_of(window: Window, condition: Q) -> Figures:
    households = households_on(window).filter(condition).values("pk")
    active = Q(is_active=True) if window.day is None else Q(is_active=True) | Q(left_on__gt=window.day)
    rows = (
        Member.objects.filter(active, household__in=households)
        .order_by()
        .values(commune_id=F("household__commune_id"))
        .annotate(n=Count("pk"))
    )
    return _grouped(rows)


def _stock(words: str) -> Callable[[Window], str]:
    return lambda w: f"Sổ hộ: {words}, {w.stock_words} (trạng thái theo lịch sử chuyển diện)"


STOCKS = {
    "households": (Q(), "số hộ đang quản lý"),
    "poor": (Q(status_then="poor"), "số hộ nghèo đã công nhận"),
    "near_poor": (Q(status_then="near_poor"), "số hộ cận nghèo đã công nhận"),
    "ethnic": (Q(is_ethnic_minority=True), "số hộ dân tộc thiểu số"),
    "poor_ethnic": (Q(status_then="poor", is_ethnic_minority=True), "số hộ nghèo dân tộc thiểu số"),
    "near_poor_ethnic": (
        Q(status_then="near_poor", is_ethnic_minority=True),
        "số hộ cận nghèo dân tộc thiểu số",
    ),
}


def _register_stock(name: str, condition: Q, words: str) -> None:
    measure(name, _stock(words))(lambda window: _household_counts(window, condition))


for _name, (_condition, _words) in STOCKS.items():
    _register_stock(_name, _condition, _words)

PERSONS = {
    "persons": (Q(), "nhân khẩu của các hộ đang quản lý (thành viên còn trong hộ)"),
    "poor_persons": (Q(status_then="poor"), "nhân khẩu của hộ nghèo"),
    "near_poor_persons": (Q(status_then="near_poor"), "nhân khẩu của hộ cận nghèo"),
}


def _register_persons(name: str, condition: Q, words: str) -> None:
    measure(name, _stock(words))(lambda window: _members_of(window, condition))


for _name, (_condition, _words) in PERSONS.items():
    _register_persons(_name, _condition, _words)


def _start_window(window: Window) -> Window:
    before = window.start - dt.timedelta(days=1)
    return Window(window.area, before, window.start, window.end, window.label)


@measure(
    "poor_start",
    lambda w: f"Sổ hộ: số hộ nghèo tại ngày {w.start - dt.timedelta(days=1):%d/%m/%Y} (đầu kỳ)",
)
def poor_start(window: Window) -> Figures:
    return _household_counts(_start_window(window), Q(status_then="poor"))


@measure(
    "near_poor_start",
    lambda w: f"Sổ hộ: số hộ cận nghèo tại ngày {w.start - dt.timedelta(days=1):%d/%m/%Y} (đầu kỳ)",
)
def near_poor_start(window: Window) -> Figures:
    return _household_counts(_start_window(window), Q(status_then="near_poor"))


# Registry flows: status transitions recognised in the window ----------------------------------------------


def _transitions(window: Window, kind: str) -> Figures:
    rows = (
        StatusTransition.objects.filter(
            window.area_filter("household__"), kind=kind, effective_on__range=(window.start, window.end)
        )
        .order_by()
        .values(commune_id=F("household__commune_id"))
        .annotate(n=Count("household", distinct=True))
    )
    return _grouped(rows)


def _register_transition(kind: str, label: str) -> None:
    def words(window: Window) -> str:
        return f"Lịch sử chuyển diện: hộ «{label}» có hiệu lực {window.flow_words}"

    measure(f"moved_{kind}", words)(lambda window: _transitions(window, kind))


for _kind in TransitionKind:
    _register_transition(_kind.value, str(_kind.label))


# Deprivations of poor households (latest assessment by the stock day) ------------------------------------


def deprived(window: Window, indicator: str, status: str = "poor") -> Figures:
    """Households of the status on the stock day, their latest assessment by then deprived on `indicator`."""
    households = households_on(window).filter(Q(status_then=status))
    if window.day is None:
        households = households.annotate(deprived_then=F("latest_assessment__deprived"))
    else:
        households = households.annotate(deprived_then=_assessment_on(window.day, "deprived"))
    rows = (
        households.filter(deprived_then__regex=rf"(^|,){indicator}(,|$)")
        .order_by()
        .values("commune_id")
        .annotate(n=Count("pk"))
    )
    return _grouped(rows)


def deprivation_source(window: Window, indicator: str, name: str) -> str:
    return (
        f"Sổ hộ: hộ nghèo {window.stock_words} có phiếu rà soát gần nhất (đến ngày đó) thiếu hụt chỉ số "
        f"«{name}» ({indicator})"
    )


# Support ledger -------------------------------------------------------------------------------------------


def delivered(window: Window) -> QuerySet[SupportRecord]:
    """Support delivered in the window, as the ledger stands (cancelled and corrected records left out)."""
    return SupportRecord.objects.filter(
        window.area_filter(),
        status=RecordStatus.DELIVERED,
        superseded_by__isnull=True,
        on__range=(window.start, window.end),
    )


def _component(project: str) -> Q:
    field = "support_type__component__code"
    return Q(**{field: project}) | Q(**{f"{field}__startswith": f"{project}."})


def _ledger_households(window: Window, condition: Q) -> Figures:
    rows = (
        delivered(window)
        .filter(condition)
        .order_by()
        .values("commune_id")
        .annotate(n=Count("household", distinct=True))
    )
    return _grouped(rows)


def _ledger_persons(window: Window, condition: Q) -> Figures:
    rows = (
        delivered(window)
        .filter(condition, member__isnull=False)
        .order_by()
        .values("commune_id")
        .annotate(n=Count("member", distinct=True))
    )
    return _grouped(rows)


def _ledger_amount(window: Window, condition: Q) -> Figures:
    rows = delivered(window).filter(condition).order_by().values("commune_id").annotate(n=Sum("amount"))
    return {row["commune_id"]: Decimal(row["n"] or 0) / MILLION for row in rows}


LEDGER = {
    "p2": (_component("P2"), "Dự án 2 (đa dạng hóa sinh kế, mô hình giảm nghèo)"),
    "p3_production": (_component("P3.1"), "Dự án 3, Tiểu dự án 1 (hỗ trợ phát triển sản xuất)"),
    "p3_nutrition": (_component("P3.2"), "Dự án 3, Tiểu dự án 2 (cải thiện dinh dưỡng)"),
    "p4": (_component("P4"), "Dự án 4 (giáo dục nghề nghiệp, việc làm bền vững)"),
    "p5": (_component("P5"), "Dự án 5 (hỗ trợ nhà ở)"),
    "p6": (_component("P6"), "Dự án 6 (truyền thông, giảm nghèo về thông tin)"),
    "health_insurance": (Q(support_type__code__startswith="bhyt"), "thẻ bảo hiểm y tế (bhyt-…)"),
    "credit": (Q(support_type__unit="loan"), "vốn vay tín dụng chính sách (hình thức «Vốn vay»)"),
    "all_support": (Q(), "mọi loại hỗ trợ"),
}


def _register_ledger(name: str, condition: Q, words: str) -> None:
    def households_words(window: Window) -> str:
        return f"Sổ hỗ trợ: số hộ được hỗ trợ — {words}, đã trao, {window.flow_words}"

    def persons_words(window: Window) -> str:
        return f"Sổ hỗ trợ: số người được hỗ trợ — {words}, đã trao, {window.flow_words}"

    def amount_words(window: Window) -> str:
        return f"Sổ hỗ trợ: tổng số tiền đã chi (đồng ÷ 1.000.000) — {words}, {window.flow_words}"

    measure(f"{name}_households", households_words)(lambda window: _ledger_households(window, condition))
    measure(f"{name}_persons", persons_words)(lambda window: _ledger_persons(window, condition))
    measure(f"{name}_amount", amount_words)(lambda window: _ledger_amount(window, condition))


for _name, (_condition, _words) in LEDGER.items():
    _register_ledger(_name, _condition, _words)


def _register_source(source: str, label: str) -> None:
    def words(window: Window) -> str:
        return f"Sổ hỗ trợ: số tiền đã chi từ nguồn «{label}» (đồng ÷ 1.000.000), {window.flow_words}"

    measure(f"spent_{source}", words)(lambda window: _ledger_amount(window, Q(budget_source=source)))


for _source in BudgetSource:
    _register_source(_source.value, str(_source.label))


@measure(
    "spent_unspecified",
    lambda w: f"Sổ hỗ trợ: số tiền đã chi chưa ghi nguồn kinh phí (đồng ÷ 1.000.000), {w.flow_words}",
)
def spent_unspecified(window: Window) -> Figures:
    return _ledger_amount(window, Q(budget_source=""))


# Housing cases --------------------------------------------------------------------------------------------


def _houses(window: Window, condition: Q) -> Figures:
    rows = (
        HousingCase.objects.filter(
            condition,
            window.area_filter(),
            stage=HousingStage.ACCEPTED,
            accepted_on__range=(window.start, window.end),
        )
        .order_by()
        .values("commune_id")
        .annotate(n=Count("household", distinct=True))
    )
    return _grouped(rows)


def _houses_words(words: str) -> Callable[[Window], str]:
    return lambda w: f"Hồ sơ nhà ở: nhà {words} đã nghiệm thu {w.flow_words}"


measure("houses", _houses_words("xây mới hoặc sửa chữa"))(lambda window: _houses(window, Q()))
measure("houses_new", _houses_words("xây mới"))(lambda window: _houses(window, Q(work="new")))
measure("houses_repair", _houses_words("sửa chữa"))(lambda window: _houses(window, Q(work="repair")))


# Jobs register --------------------------------------------------------------------------------------------


@measure("trained", lambda w: f"Sổ việc làm: người hoàn thành khóa đào tạo nghề {w.flow_words}")
def trained(window: Window) -> Figures:
    rows = (
        Enrolment.objects.filter(window.area_filter(), completed_on__range=(window.start, window.end))
        .order_by()
        .values("commune_id")
        .annotate(n=Count("member", distinct=True))
    )
    return _grouped(rows)


@measure("placed", lambda w: f"Sổ việc làm: người nhận việc qua giới thiệu, kết nối {w.flow_words}")
def placed(window: Window) -> Figures:
    rows = (
        Referral.objects.filter(window.area_filter(), placed_on__range=(window.start, window.end))
        .order_by()
        .values("commune_id")
        .annotate(n=Count("member", distinct=True))
    )
    return _grouped(rows)


def _abroad(window: Window, condition: Q) -> Figures:
    rows = (
        AbroadWorker.objects.filter(
            condition, window.area_filter(), departed_on__range=(window.start, window.end)
        )
        .order_by()
        .values("commune_id")
        .annotate(n=Count("pk"))
    )
    return _grouped(rows)


measure("abroad", lambda w: f"Sổ việc làm: người xuất cảnh đi làm việc theo hợp đồng {w.flow_words}")(
    lambda window: _abroad(window, Q())
)
measure(
    "abroad_poor",
    lambda w: f"Sổ việc làm: người xuất cảnh thuộc hộ nghèo, cận nghèo khi đi {w.flow_words}",
)(lambda window: _abroad(window, Q(household_status__in=POOR_OR_NEAR_POOR)))
