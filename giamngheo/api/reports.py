"""API of periodic reports: rounds, a report's figures and status, entry, submit, approve or return.

Reads go through `monitoring.selectors` (a commune officer sees their commune's report, an agency its own,
the province all of its province's); writes through the monitoring services, which hold the state machine
(draft/returned → submitted → approved or returned), the version check (409) and the lock on submission.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from giamngheo.api import reports_examples as examples
from giamngheo.api.reports_schemas import (
    AnnotationIn,
    DecisionIn,
    ReportDetailOut,
    ReportFilter,
    ReportingRoundDetailOut,
    ReportingRoundOut,
    ReportOut,
    ReportValueIn,
    ReportValueOut,
    SubmitIn,
)
from giamngheo.api.schemas import ERRORS, Id, Pagination, Year
from giamngheo.api.schemas import lazy_text as _
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.monitoring import selectors, services
from giamngheo.monitoring.models import IndicatorValue, Report, ReportingRound
from giamngheo.programs.models import Indicator

router = Router(tags=[_("Báo cáo định kỳ")])


def _detail(request: HttpRequest, report_id: int) -> Report:
    return selectors.report_get_for_user(request.user, report_id)


@router.get(
    "/reporting-rounds",
    response={200: list[ReportingRoundOut], **ERRORS},
    summary=_("Các đợt báo cáo"),
    description=_(
        "Đợt báo cáo của các tỉnh trong địa bàn (cán bộ xã thấy các đợt của tỉnh mình để tìm báo cáo của "
        "xã): kỳ, loại (chính thức, ước thực hiện, đột xuất, tổng kết) và hạn gửi; lọc theo `year`."
    ),
    openapi_extra=examples.ROUNDS,
)
@paginate(Pagination)
def reporting_round_list(request: HttpRequest, year: Year | None = None) -> Any:
    rounds = selectors.round_list(request.user).order_by("-period__year", "-period__end_date", "id")
    return rounds.filter(period__year=year) if year is not None else rounds


@router.get(
    "/reporting-rounds/{reporting_round_id}",
    response={200: ReportingRoundDetailOut, **ERRORS},
    summary=_("Một đợt báo cáo và tỷ lệ đầy đủ, đúng hạn"),
    description=_(
        "Số báo cáo cấp xã trong địa bàn theo tình trạng và theo thời hạn, tỷ lệ đầy đủ và tỷ lệ đúng hạn "
        "(%) — như trang đợt báo cáo."
    ),
    openapi_extra=examples.ROUND,
)
def reporting_round_detail(request: HttpRequest, reporting_round_id: Id) -> ReportingRound:
    return selectors.round_get_for_user(request.user, reporting_round_id)


@router.get(
    "/reports",
    response={200: list[ReportOut], **ERRORS},
    summary=_("Các báo cáo trong địa bàn"),
    description=_(
        "Báo cáo của các đơn vị và sở, ngành trong địa bàn với tình trạng (`draft`, `submitted`, `returned`, "
        "`approved`), hạn gửi và số ngày trễ; lọc theo `reporting_round_id`, `status`."
    ),
    openapi_extra=examples.REPORTS,
)
@paginate(Pagination)
def report_list(request: HttpRequest, filters: Query[ReportFilter]) -> Any:
    reports = selectors.report_list(request.user)
    if filters.reporting_round_id is not None:
        reports = reports.filter(round_id=filters.reporting_round_id)
    if filters.status:
        reports = reports.filter(status=filters.status)
    return reports


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, **ERRORS},
    summary=_("Một báo cáo: số liệu, tình trạng, các bước xử lý"),
    description=_(
        "Số liệu của báo cáo (Mẫu 01, Thông tư 10/2022): tính từ dữ liệu khi đang soạn, đã chốt khi gửi; "
        "phần đánh giá, khó khăn, kiến nghị; các bước gửi, trả lại, duyệt; và việc người gọi được làm."
    ),
    openapi_extra=examples.REPORT,
)
def report_detail(request: HttpRequest, report_id: Id) -> Report:
    return _detail(request, report_id)


@router.put(
    "/reports/{report_id}/annotation",
    response={200: ReportDetailOut, **ERRORS},
    summary=_("Ghi đánh giá chung, khó khăn, kiến nghị"),
    description=_(
        "Đơn vị viết phần lời của báo cáo đang soạn hoặc bị trả lại; báo cáo đã gửi, đã duyệt bị khóa. "
        "`version` là phiên bản khi đọc; nếu đã có người lưu kể từ đó thì trả về 409."
    ),
    openapi_extra=examples.REPORT,
)
def report_annotation_set(request: HttpRequest, report_id: Id, payload: AnnotationIn) -> Report:
    services.report_annotate(
        actor=request.user,
        report=selectors.report_get_for_user(request.user, report_id),
        summary=payload.summary,
        difficulties=payload.difficulties,
        proposals=payload.proposals,
        version=payload.version,
    )
    return _detail(request, report_id)


@router.post(
    "/reports/{report_id}/values",
    response={200: ReportValueOut, **ERRORS},
    summary=_("Nhập số liệu một chỉ số cho báo cáo"),
    description=_(
        "Giá trị của một chỉ số nhập tay cho đơn vị và kỳ của báo cáo (chỉ số tính tự động bị từ chối); "
        "số liệu bị khóa khi báo cáo chính thức của kỳ đã gửi hoặc đã duyệt."
    ),
    openapi_extra=examples.VALUE,
)
def report_value_set(request: HttpRequest, report_id: Id, payload: ReportValueIn) -> dict[str, Any]:
    report = selectors.report_get_for_user(request.user, report_id)
    if report.agency_id is not None:
        raise AppError(
            ErrorCode.INVALID,
            _("Báo cáo của sở, ngành không nhập số liệu chỉ số; hãy nhập vào báo cáo của đơn vị."),
            field="indicator",
        )
    if report.is_locked:
        raise AppError(ErrorCode.REPORT_LOCKED, field="status")
    indicator = Indicator.objects.filter(code=payload.indicator).first()
    if indicator is None:
        raise AppError(ErrorCode.UNKNOWN_CODE, _("Không có chỉ số mang mã này."), field="indicator")
    row: IndicatorValue = services.indicator_value_set(
        actor=request.user,
        indicator=indicator,
        unit=report.unit,
        period=report.round.period,
        value=payload.value,
        group=payload.group,
        numerator=payload.numerator,
        denominator=payload.denominator,
        note=payload.note,
    )
    row.refresh_from_db()  # the value as stored (three decimals), not as sent
    return {
        "indicator": indicator.code,
        "unit_id": row.unit_id,
        "period_id": row.period_id,
        "group": row.group,
        "value": row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "note": row.note,
    }


@router.post(
    "/reports/{report_id}/submit",
    response={200: ReportDetailOut, **ERRORS},
    summary=_("Gửi báo cáo lên cấp trên"),
    description=_(
        "Gửi báo cáo đang soạn hoặc bị trả lại (cần phần đánh giá chung); số liệu được chốt và khóa. "
        "`version` sai trả về 409."
    ),
    openapi_extra=examples.REPORT,
)
def report_submit(request: HttpRequest, report_id: Id, payload: SubmitIn) -> Report:
    services.report_submit(
        actor=request.user,
        report=selectors.report_get_for_user(request.user, report_id),
        version=payload.version,
    )
    return _detail(request, report_id)


@router.post(
    "/reports/{report_id}/approve",
    response={200: ReportDetailOut, **ERRORS},
    summary=_("Duyệt báo cáo (cấp trên)"),
    description=_(
        "Cấp tỉnh duyệt báo cáo đã gửi của xã hoặc sở, ngành (cấp trung ương: báo cáo của tỉnh); báo cáo "
        "được khóa hẳn. `version` sai trả về 409."
    ),
    openapi_extra=examples.REPORT,
)
def report_approve(request: HttpRequest, report_id: Id, payload: DecisionIn) -> Report:
    services.report_approve(
        actor=request.user,
        report=selectors.report_get_for_user(request.user, report_id),
        comment=payload.comment,
        version=payload.version,
    )
    return _detail(request, report_id)


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportDetailOut, **ERRORS},
    summary=_("Trả lại báo cáo để sửa (cấp trên)"),
    description=_(
        "Trả lại báo cáo đã gửi, với lý do (`comment`, bắt buộc); đơn vị sửa và gửi lại. `version` sai "
        "trả về 409."
    ),
    openapi_extra=examples.REPORT,
)
def report_return(request: HttpRequest, report_id: Id, payload: DecisionIn) -> Report:
    services.report_return(
        actor=request.user,
        report=selectors.report_get_for_user(request.user, report_id),
        comment=payload.comment,
        version=payload.version,
    )
    return _detail(request, report_id)
