"""API schemas of periodic reports: reporting rounds, reports with their figures, status and workflow."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from ninja import Field, Schema

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.api.schemas import InSchema, Text
from giamngheo.monitoring.content import report_figures, to_snapshot
from giamngheo.monitoring.models import Report, ReportStatus, RoundKind
from giamngheo.monitoring.selectors import days_late, report_list, report_timeliness, round_progress
from giamngheo.monitoring.services import can_decide, can_write

Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
# A value as the indicator-value columns store it (16 digits, 3 after the point).
Amount = Annotated[Decimal, Field(max_digits=16, decimal_places=3)]


class ReportingRoundOut(Schema):
    id: int
    province_id: int
    province_name: str
    period_id: int
    period_label: str
    year: int
    kind: str
    kind_label: str
    title: str
    label: str
    request: str
    plan_id: int | None
    project_id: int | None
    commune_due: datetime.date
    province_due: datetime.date

    @staticmethod
    def resolve_province_name(reporting_round: Any) -> str:
        return str(reporting_round.province.name)

    @staticmethod
    def resolve_period_label(reporting_round: Any) -> str:
        return str(reporting_round.period.label)

    @staticmethod
    def resolve_year(reporting_round: Any) -> int:
        return int(reporting_round.period.year)

    @staticmethod
    def resolve_kind_label(reporting_round: Any) -> str:
        return str(RoundKind(reporting_round.kind).label)


class RoundProgressOut(Schema):
    reports: int
    by_status: dict[str, int]
    by_timeliness: dict[str, int]
    completeness: Decimal
    timeliness: Decimal


class ReportingRoundDetailOut(ReportingRoundOut):
    """The round with completeness and timeliness over the commune reports the caller may see."""

    progress: RoundProgressOut

    @staticmethod
    def resolve_progress(reporting_round: Any, context: Any) -> dict[str, Any]:
        user = context["request"].user
        progress = round_progress(list(report_list(user, reporting_round)))
        return {
            "reports": progress.total,
            "by_status": progress.by_status,
            "by_timeliness": progress.by_timeliness,
            "completeness": progress.completeness,
            "timeliness": progress.timeliness,
        }


class ReportOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit_name: str
    agency_id: int | None
    commune_id: int | None
    reporter: str
    status: str
    status_label: str
    due_date: datetime.date
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    timeliness: str
    days_late: int
    version: int

    @staticmethod
    def resolve_unit_name(report: Any) -> str:
        return str(report.unit.name)

    @staticmethod
    def resolve_status_label(report: Any) -> str:
        return str(ReportStatus(report.status).label)

    @staticmethod
    def resolve_timeliness(report: Any) -> str:
        return report_timeliness(report)

    @staticmethod
    def resolve_days_late(report: Any) -> int:
        return days_late(report)


class TransitionOut(Schema):
    from_status: str
    to_status: str
    comment: str
    actor_name: str
    occurred_at: datetime.datetime

    @staticmethod
    def resolve_actor_name(transition: Any) -> str:
        return str(transition.actor.full_name) if transition.actor is not None else ""


def can_enter_values(user: Any, report: Report) -> bool:
    """As the report page: a unit's own report, open, by someone who enters the unit's indicators."""
    return (
        report.agency_id is None
        and not report.is_locked
        and has_permission(user, Permission.ENTER_INDICATORS, report.unit)
    )


class ReportDetailOut(ReportOut):
    """The report with its figures (frozen once sent) and what the caller may do, as the report page."""

    summary: str
    difficulties: str
    proposals: str
    figures: dict[str, Any]
    transitions: list[TransitionOut]
    can_write: bool
    can_enter_values: bool
    can_submit: bool
    can_decide: bool

    @staticmethod
    def resolve_figures(report: Any) -> dict[str, Any]:
        return to_snapshot(report_figures(report))

    @staticmethod
    def resolve_transitions(report: Any) -> list[Any]:
        return list(report.transitions.select_related("actor"))

    @staticmethod
    def resolve_can_write(report: Any, context: Any) -> bool:
        return can_write(context["request"].user, report) and not report.is_locked

    @staticmethod
    def resolve_can_enter_values(report: Any, context: Any) -> bool:
        return can_enter_values(context["request"].user, report)

    @staticmethod
    def resolve_can_submit(report: Any, context: Any) -> bool:
        open_ = report.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}
        return open_ and can_write(context["request"].user, report)

    @staticmethod
    def resolve_can_decide(report: Any, context: Any) -> bool:
        return report.status == ReportStatus.SUBMITTED and can_decide(context["request"].user, report)


class AnnotationIn(InSchema):
    """`version` is the report's version as read (GET): a change saved since then refuses this one (409)."""

    version: Version
    summary: Text = Field("", max_length=20_000)
    difficulties: Text = Field("", max_length=20_000)
    proposals: Text = Field("", max_length=20_000)


class ReportValueIn(InSchema):
    """An entered indicator's value for the report's unit and period (`group`: the target group, or all)."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset({"numerator", "denominator"})
    indicator: Text = Field(max_length=64)
    group: Text = Field("all", max_length=32)
    value: Amount
    numerator: Amount | None = None
    denominator: Amount | None = None
    note: Text = Field("", max_length=255)


class ReportValueOut(Schema):
    indicator: str
    unit_id: int
    period_id: int
    group: str
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    note: str


class SubmitIn(InSchema):
    version: Version


class DecisionIn(InSchema):
    """The province's decision; a return needs the reason in `comment`."""

    version: Version
    comment: Text = Field("", max_length=5000)


class ReportFilter(Schema):
    reporting_round_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None
    status: Text = ""
