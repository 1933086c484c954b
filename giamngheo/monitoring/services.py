"""Writes of monitoring: entered indicator values, reporting rounds, reports with submit, approve, return."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.access import has_permission, is_national, require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import Period
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.collection_forms import report_collection
from giamngheo.monitoring.content import report_content, to_snapshot
from giamngheo.monitoring.models import (
    IndicatorValue,
    Report,
    ReportingRound,
    ReportStatus,
    ReportTransition,
    RoundKind,
)
from giamngheo.programs.models import (
    Agency,
    AgencyKind,
    AgencyMember,
    Indicator,
    IndicatorSource,
    Plan,
    PlanProject,
    ReporterLevel,
)
from giamngheo.programs.scope import current_scope

TOLERANCE = Decimal("0.01")
REPORT_ACTIONS: dict[str, AuditAction] = {
    ReportStatus.SUBMITTED: AuditAction.REPORT_SUBMIT,
    ReportStatus.APPROVED: AuditAction.REPORT_APPROVE,
    ReportStatus.RETURNED: AuditAction.REPORT_RETURN,
}


def _invalid(message: str, field: str) -> AppError:
    return AppError(ErrorCode.INVALID, message, field=field)


def _locked_for(unit: AdminUnit, period: Period) -> bool:
    """Whether the unit's official report of the period is sent, which locks its values.

    An estimate is frozen in its own snapshot and does not lock the figures the official report will carry;
    nor does a line agency's report.
    """
    return Report.objects.filter(
        unit=unit,
        agency__isnull=True,
        round__period=period,
        round__kind=RoundKind.OFFICIAL,
        status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED],
    ).exists()


@transaction.atomic
def indicator_value_set(
    *,
    actor: Any,
    indicator: Indicator,
    unit: AdminUnit,
    period: Period,
    value: Decimal,
    group: str = "all",
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    note: str = "",
) -> IndicatorValue:
    """Enter the value of an entered indicator for a unit, period and group (locked once reported)."""
    province, commune = current_scope(unit)
    require_permission(actor, Permission.ENTER_INDICATORS, unit if unit.tree == Tree.CURRENT else province)
    if indicator.source != IndicatorSource.ENTERED:
        raise _invalid(
            _("Chỉ số %(name)s được tính tự động, không nhập tay.") % {"name": indicator.name}, "indicator"
        )
    if not indicator.is_valid_in(period.year):
        raise _invalid(
            _("Chỉ số %(name)s không thuộc khung kết quả năm %(year)s.")
            % {"name": indicator.name, "year": period.year},
            "indicator",
        )
    if value < 0:
        raise _invalid(_("Giá trị không được âm."), "value")
    if indicator.unit_label == "%" and value > 100:
        raise _invalid(_("Tỷ lệ không được vượt quá 100%."), "value")
    if (numerator is None) != (denominator is None):
        raise _invalid(_("Cần nhập cả tử số và mẫu số, hoặc bỏ trống cả hai."), "denominator")
    if denominator is not None and numerator is not None:
        if denominator <= 0:
            raise _invalid(_("Mẫu số phải lớn hơn 0."), "denominator")
        if numerator < 0 or numerator > denominator:
            raise _invalid(_("Tử số phải từ 0 đến mẫu số."), "numerator")
        if abs(numerator * 100 / denominator - value) > TOLERANCE:
            raise _invalid(_("Giá trị không khớp với tử số / mẫu số × 100."), "value")
    if _locked_for(unit, period):
        raise AppError(
            ErrorCode.REPORT_LOCKED,
            _("Báo cáo kỳ này của đơn vị đã gửi hoặc đã duyệt; số liệu bị khóa."),
            field="period",
        )
    existing = (
        IndicatorValue.objects.select_for_update(of=("self",))
        .filter(indicator=indicator, unit=unit, period=period, group=group)
        .first()
    )
    before = {"value": existing.value, "note": existing.note} if existing else None
    row = existing or IndicatorValue(
        indicator=indicator, unit=unit, period=period, group=group, province=province, commune=commune
    )
    row.value, row.numerator, row.denominator, row.note, row.entered_by = (
        value,
        numerator,
        denominator,
        note,
        actor,
    )
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.INDICATOR_VALUE_SET,
        obj=row,
        before=before,
        after={"value": value, "note": note},
    )
    return row


def _rule_due(plan: Plan | None, period: Period, level: str) -> datetime.date | None:
    if plan is None:
        return None
    rule = plan.reporting_rules.filter(
        period_kind=period.kind, period_number=period.number, reporter_level=level
    ).first()
    if rule is None:
        return None
    return datetime.date(rule.due_year or period.year, rule.due_month, rule.due_day)


def _reporting_agencies(province: AdminUnit, plan: Plan | None, project: PlanProject | None) -> list[Agency]:
    """The line agencies that report in a round: those leading the plan's projects or tasks (the project's
    lead agency for a project close-out); without a plan, every agency of the province that leads a type of
    support or a project or task of any of its plans."""
    if project is not None:
        return [project.lead_agency] if project.lead_agency is not None else []
    agencies = Agency.objects.filter(province=province).exclude(kind=AgencyKind.COMMUNE)
    if plan is None:
        leading = ~Q(kind="") | Q(led_projects__isnull=False) | Q(tasks__isnull=False)
    else:
        leading = Q(led_projects__plan=plan) | Q(tasks__plan=plan)
    return list(agencies.filter(pk__in=Agency.objects.filter(leading).values("pk")).order_by("name"))


def _round_checks(
    kind: str, plan: Plan | None, project: PlanProject | None, title: str, request: str, province: AdminUnit
) -> None:
    if kind not in RoundKind.values:
        raise _invalid(_("Loại báo cáo không hợp lệ."), "kind")
    if plan is not None and plan.province_id != province.pk:
        raise _invalid(_("Kế hoạch không thuộc tỉnh này."), "plan")
    if kind == RoundKind.AD_HOC and not (title.strip() and request.strip()):
        raise _invalid(_("Báo cáo đột xuất cần tên và nội dung yêu cầu."), "title")
    if kind == RoundKind.CLOSE_OUT and plan is None:
        raise _invalid(_("Báo cáo tổng kết cần chọn kế hoạch (giai đoạn) được tổng kết."), "plan")
    if project is not None and (kind != RoundKind.CLOSE_OUT or project.plan_id != getattr(plan, "pk", None)):
        raise _invalid(
            _("Chỉ báo cáo tổng kết mới chọn dự án, và dự án phải thuộc kế hoạch đã chọn."), "project"
        )
    if project is not None and project.lead_agency_id is None:
        raise _invalid(_("Dự án chưa có cơ quan chủ trì để báo cáo tổng kết."), "project")


def _close_out_from(kind: str, plan: Plan | None, period: Period, from_year: int | None) -> int | None:
    """The first year a close-out covers (the plan's first year unless given); None for other kinds."""
    if kind != RoundKind.CLOSE_OUT:
        if from_year is not None:
            raise _invalid(_("Chỉ báo cáo tổng kết mới tổng kết nhiều năm."), "from_year")
        return None
    first = from_year or (plan.start_year if plan is not None else period.year)
    if not 2000 <= first <= period.year:
        raise _invalid(_("Năm bắt đầu tổng kết phải trước hoặc bằng năm của kỳ báo cáo."), "from_year")
    return first


def _duplicate(province: AdminUnit, period: Period, kind: str, project: PlanProject | None) -> bool:
    rounds = ReportingRound.objects.filter(province=province)
    if project is not None:
        return rounds.filter(project=project).exists()
    if kind == RoundKind.AD_HOC:
        return False
    return rounds.filter(period=period, kind=kind, project__isnull=True).exists()


@transaction.atomic
def round_open(
    *,
    actor: Any,
    province: AdminUnit,
    period: Period,
    plan: Plan | None = None,
    commune_due: datetime.date | None = None,
    province_due: datetime.date | None = None,
    kind: str = RoundKind.OFFICIAL,
    title: str = "",
    request: str = "",
    project: PlanProject | None = None,
    agency_due: datetime.date | None = None,
    from_year: int | None = None,
) -> ReportingRound:
    """Open a reporting round: one report for the province, each current commune and each line agency.

    A project close-out asks only the project's lead agency (and the province). Deadlines not given come
    from the plan's reporting calendar (for the official and estimate rounds); line agencies have their own
    deadline (`agency_due`: the calendar's agency rule, else the communes' deadline). A close-out covers the
    years from `from_year` (default: the plan's first year) to the period's year.
    """
    if province.tree != Tree.CURRENT or province.level != Level.PROVINCE:
        raise _invalid(_("Đợt báo cáo mở cho một tỉnh, thành phố hiện hành."), "province")
    require_permission(actor, Permission.MANAGE_PLANS, province)
    _round_checks(kind, plan, project, title, request, province)
    if kind in {RoundKind.OFFICIAL, RoundKind.ESTIMATE}:
        commune_due = (
            commune_due
            or _rule_due(plan, period, ReporterLevel.COMMUNE)
            or _rule_due(plan, period, ReporterLevel.DISTRICT)
        )
        province_due = province_due or _rule_due(plan, period, ReporterLevel.PROVINCE)
        agency_due = agency_due or _rule_due(plan, period, ReporterLevel.AGENCY)
    if commune_due is None:
        raise _invalid(
            _("Cần hạn gửi báo cáo của cấp xã (lịch báo cáo của kế hoạch không có kỳ này)."), "commune_due"
        )
    if province_due is None:
        raise _invalid(_("Cần hạn gửi báo cáo của cấp tỉnh."), "province_due")
    if province_due < commune_due:
        raise _invalid(_("Hạn của cấp tỉnh phải sau hạn của cấp xã."), "province_due")
    agency_due = agency_due or commune_due
    if province_due < agency_due:
        raise _invalid(_("Hạn của cấp tỉnh phải sau hạn của các sở, ngành."), "agency_due")
    if agency_due < period.start_date:
        raise _invalid(_("Hạn gửi không được trước khi kỳ báo cáo bắt đầu."), "agency_due")
    from_year = _close_out_from(kind, plan, period, from_year)
    if commune_due < period.start_date:
        raise _invalid(_("Hạn gửi không được trước khi kỳ báo cáo bắt đầu."), "commune_due")
    if _duplicate(province, period, kind, project):
        raise _invalid(_("Tỉnh đã mở đợt báo cáo loại này cho kỳ này."), "period")
    reporting_round = ReportingRound.objects.create(
        province=province,
        plan=plan,
        period=period,
        kind=kind,
        title=title.strip(),
        request=request.strip(),
        project=project,
        commune_due=commune_due,
        agency_due=agency_due,
        province_due=province_due,
        from_year=from_year,
        opened_by=actor,
    )
    reports = [Report(round=reporting_round, unit=province, province=province, due_date=province_due)]
    if project is None:
        communes = AdminUnit.objects.filter(
            tree=Tree.CURRENT, level=Level.COMMUNE, province=province, valid_to__isnull=True
        ).only("pk")
        reports += [
            Report(
                round=reporting_round, unit=commune, province=province, commune=commune, due_date=commune_due
            )
            for commune in communes
        ]
    reports += [
        Report(round=reporting_round, unit=province, province=province, agency=agency, due_date=agency_due)
        for agency in _reporting_agencies(province, plan, project)
    ]
    Report.objects.bulk_create(reports)
    audit_record(
        actor=actor,
        action=AuditAction.REPORTING_ROUND_OPEN,
        obj=reporting_round,
        after={"reports": len(reports), "kind": kind},
    )
    return reporting_round


def can_write(actor: Any, report: Report) -> bool:
    """A unit's officers write its report; a line agency's report is written by the agency's members."""
    if report.agency_id is not None:
        return (
            has_permission(actor, Permission.ENTER_INDICATORS, report.province)
            and AgencyMember.objects.filter(agency_id=report.agency_id, user=actor).exists()
        )
    return has_permission(actor, Permission.SUBMIT_REPORTS, report.unit)


def can_decide(actor: Any, report: Report) -> bool:
    """The level above decides: the province for a commune or an agency; a national user for a province."""
    if report.commune_id is not None or report.agency_id is not None:
        return has_permission(actor, Permission.APPROVE_REPORTS, report.province)
    return is_national(actor) and has_permission(actor, Permission.APPROVE_REPORTS)


def _can_write(actor: Any, report: Report) -> None:
    if not can_write(actor, report):
        raise PermissionDenied()


def _can_decide(actor: Any, report: Report) -> None:
    if report.commune_id is not None or report.agency_id is not None:
        require_permission(actor, Permission.APPROVE_REPORTS, report.province)
    elif not (is_national(actor) and has_permission(actor, Permission.APPROVE_REPORTS)):
        raise PermissionDenied()


def _transition(actor: Any, report: Report, to_status: str, comment: str = "") -> None:
    ReportTransition.objects.create(
        report=report, from_status=report.status, to_status=to_status, comment=comment, actor=actor
    )
    audit_record(
        actor=actor,
        action=REPORT_ACTIONS[to_status],
        obj=report,
        before={"status": report.status},
        after={"status": to_status, "comment": comment},
    )
    report.status = to_status
    report.version += 1


def _check_version(report: Report, version: int | None) -> None:
    if version is not None and version != report.version:
        raise AppError(ErrorCode.CONFLICT, field="version")


@transaction.atomic
def report_annotate(
    *, actor: Any, report: Report, summary: str, difficulties: str, proposals: str, version: int | None = None
) -> Report:
    """Write the unit's assessment, difficulties and proposals into an open report."""
    _can_write(actor, report)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _check_version(report, version)
    if report.is_locked:
        raise AppError(
            ErrorCode.REPORT_LOCKED, _("Báo cáo đã gửi hoặc đã duyệt, không sửa được."), field="status"
        )
    report.summary, report.difficulties, report.proposals = summary, difficulties, proposals
    report.version += 1
    report.save(update_fields=["summary", "difficulties", "proposals", "version"])
    audit_record(actor=actor, action=AuditAction.REPORT_ANNOTATE, obj=report)
    return report


DOCUMENT_FIELDS = (
    "doc_number",
    "doc_symbol",
    "doc_date",
    "doc_place",
    "doc_recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def report_document_set(*, actor: Any, report: Report, data: dict[str, Any]) -> Report:
    """Record the number, date, place, recipients and signer the report is issued with (Decree 30/2020).

    Allowed also once submitted or approved: the number and date are given when the document is signed.
    """
    _can_write(actor, report)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    report, _changed = model_update(
        instance=report, fields=DOCUMENT_FIELDS, data=data, actor=actor, action=AuditAction.REPORT_DOCUMENT
    )
    return report


@transaction.atomic
def report_submit(*, actor: Any, report: Report, version: int | None = None) -> Report:
    """Submit a draft or returned report to the level above, freezing its figures."""
    _can_write(actor, report)
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("round__period", "round__plan", "unit")
        .get(pk=report.pk)
    )
    _check_version(report, version)
    if report.status not in {ReportStatus.DRAFT, ReportStatus.RETURNED}:
        raise AppError(
            ErrorCode.REPORT_STATE, _("Chỉ gửi được báo cáo đang soạn hoặc bị trả lại."), field="status"
        )
    if not report.summary.strip():
        raise _invalid(_("Cần viết phần đánh giá chung trước khi gửi."), "summary")
    report.snapshot = to_snapshot({**report_content(report), "collection": report_collection(report)})
    report.submitted_at = timezone.now()
    _transition(actor, report, ReportStatus.SUBMITTED)
    report.save(update_fields=["snapshot", "submitted_at", "status", "version"])
    return report


@transaction.atomic
def report_approve(*, actor: Any, report: Report, comment: str = "", version: int | None = None) -> Report:
    """Approve a submitted report; it is locked for good."""
    _can_decide(actor, report)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _check_version(report, version)
    if report.status != ReportStatus.SUBMITTED:
        raise AppError(ErrorCode.REPORT_STATE, _("Chỉ duyệt được báo cáo đã gửi."), field="status")
    report.decided_at = timezone.now()
    _transition(actor, report, ReportStatus.APPROVED, comment)
    report.save(update_fields=["decided_at", "status", "version"])
    return report


@transaction.atomic
def report_return(*, actor: Any, report: Report, comment: str, version: int | None = None) -> Report:
    """Return a submitted report for correction, saying why."""
    _can_decide(actor, report)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _check_version(report, version)
    if report.status != ReportStatus.SUBMITTED:
        raise AppError(ErrorCode.REPORT_STATE, _("Chỉ trả lại được báo cáo đã gửi."), field="status")
    if not comment.strip():
        raise _invalid(_("Cần ghi lý do trả lại."), "comment")
    report.decided_at = timezone.now()
    _transition(actor, report, ReportStatus.RETURNED, comment)
    report.save(update_fields=["decided_at", "status", "version"])
    return report
