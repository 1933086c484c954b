"""Housing cases: opened from the registry's housing facts, approved with funding, built, accepted, paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.registry.models import Household
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import (
    STAGE_ORDER,
    HousingCase,
    HousingFunding,
    HousingProgress,
    HousingStage,
    HousingWork,
    RecordStatus,
    SupportRecord,
    SupportType,
)
from giamngheo.support.services._base import check_spend, check_version, household_lock, require_in_area

# A finished house: at least 30 m² of floor, foundation, frame/walls and roof of durable materials («3 cứng»),
# a lifetime of at least 20 years (Circular 01/2022/TT-BXD, law.md §4.2 [C]). The lifetime is the builder's
# statement and is not recorded here.
MIN_NEW_HOUSE_M2 = Decimal(30)
HOUSING_INDICATORS = ("housing_quality", "housing_area")


def housing_need(household: Household) -> str | None:
    """Why the registry says the household needs housing support (its latest assessment), or None."""
    assessment = household.latest_assessment
    if assessment is None:
        return None
    deprived = [key for key in HOUSING_INDICATORS if key in assessment.deprived_keys]
    if not deprived:
        return None
    labels = {
        "housing_quality": _("nhà ở không bền chắc hoặc không có nhà"),
        "housing_area": _("dưới 8 m²/người"),
    }
    return _("Thiếu hụt nhà ở theo phiếu ngày %(day)s: %(what)s") % {
        "day": assessment.reference_date.strftime("%d/%m/%Y"),
        "what": ", ".join(str(labels[key]) for key in deprived),
    }


def _snapshot(case: HousingCase) -> dict[str, Any]:
    return {"stage": case.stage, "work": case.work, "year": case.year, "support_type": case.support_type.code}


@transaction.atomic
def housing_case_open(
    *, actor: Any, household: Household, support_type: SupportType, work: str, year: int, on: dt.date
) -> HousingCase:
    """Propose a house to build or repair; the household must lack decent housing and qualify."""
    require_in_area(actor, Permission.MANAGE_SUPPORT, household)
    if work not in HousingWork.values:
        raise AppError(ErrorCode.INVALID, _("Hình thức hỗ trợ không hợp lệ."), field="work")
    if not set(HOUSING_INDICATORS) & set(support_type.addressed_indicators):
        raise AppError(ErrorCode.INVALID, _("Chính sách này không phải hỗ trợ nhà ở."), field="support_type")
    household = household_lock(household)
    need = housing_need(household)
    if need is None:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE,
            _(
                "Theo phiếu rà soát gần nhất, hộ không thiếu hụt về nhà ở; "
                "hãy cập nhật phiếu nếu thực tế khác."
            ),
        )
    verdict = judge(support_type, household, None, commune_facts(household.commune, [household], on))
    if not verdict.eligible:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE, _("Không đủ điều kiện: %(reason)s") % {"reason": verdict.text}
        )
    try:
        with transaction.atomic():
            case = HousingCase.objects.create(
                household=household,
                commune=household.commune,
                province=household.province,
                support_type=support_type,
                work=work,
                year=year,
                round=household.latest_assessment.round if household.latest_assessment else None,
                eligibility_note=f"{need}; {verdict.text}"[:500],
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError as error:
        raise AppError(
            ErrorCode.SUPPORT_HOUSING_OPEN, _("Hộ đã có một hồ sơ nhà ở đang thực hiện.")
        ) from error
    HousingProgress.objects.create(case=case, stage=HousingStage.PROPOSED, on=on, recorded_by=case.created_by)
    audit_record(actor=actor, action=AuditAction.HOUSING_CASE_CREATE, obj=case, after=_snapshot(case))
    return case


def _lock_case(case: HousingCase, version: int | None) -> HousingCase:
    case = (
        HousingCase.objects.select_for_update(of=("self",))
        .select_related(
            "commune",
            "province",
            "household__commune",
            "household__village",
            "household__province",
            "support_type",
        )
        .get(pk=case.pk)
    )
    check_version(case.version, version)
    return case


def _advance(
    actor: Any,
    case: HousingCase,
    stage: str,
    on: dt.date,
    note: str = "",
    photo: UploadedFile[bytes] | None = None,
) -> HousingProgress:
    case.stage = stage
    case.version = F("version") + 1
    case.save()
    case.refresh_from_db()
    return HousingProgress.objects.create(
        case=case,
        stage=stage,
        on=on,
        note=note.strip(),
        photo=photo or "",
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def housing_case_approve(
    *, actor: Any, case: HousingCase, version: int, funding: dict[str, int], on: dt.date, decision_number: str
) -> HousingCase:
    """The commune chair approves the case with its money by source; an approved support record is written."""
    case = _lock_case(case, version)
    require_permission(actor, Permission.APPROVE_SUPPORT, case.commune)
    if case.stage != HousingStage.PROPOSED:
        raise AppError(ErrorCode.INVALID, _("Hồ sơ không ở bước đề xuất."))
    if not decision_number.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi số quyết định phê duyệt."), field="decision_number")
    if not funding or any(amount < 0 for amount in funding.values()) or sum(funding.values()) <= 0:
        raise AppError(
            ErrorCode.INVALID,
            _("Hãy ghi số tiền hỗ trợ theo từng nguồn (không âm, tổng lớn hơn 0)."),
            field="funding",
        )
    household = household_lock(case.household)
    verdict = judge(case.support_type, household, None, commune_facts(case.commune, [household], on))
    if not verdict.eligible:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE, _("Không phê duyệt được: %(reason)s") % {"reason": verdict.text}
        )
    for source, amount in funding.items():
        HousingFunding.objects.create(case=case, source=source, amount=amount)
    support_amount = sum(amount for source, amount in funding.items() if source not in {"household", "loan"})
    record = SupportRecord.objects.create(
        household=household,
        commune=case.commune,
        province=case.province,
        support_type=case.support_type,
        status=RecordStatus.APPROVED,
        on=on,
        amount=support_amount,
        quantity=1,
        budget_source=case.support_type.budget_source,
        reason=_("Quyết định %(number)s") % {"number": decision_number.strip()},
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    case.record = record
    case.save(update_fields=["record"])
    _advance(
        actor,
        case,
        HousingStage.APPROVED,
        on,
        _("Quyết định %(number)s") % {"number": decision_number.strip()},
    )
    audit_record(
        actor=actor,
        action=AuditAction.HOUSING_CASE_APPROVE,
        obj=case,
        after={"funding": funding, "decision": decision_number},
    )
    return case


@transaction.atomic
def housing_case_progress(
    *,
    actor: Any,
    case: HousingCase,
    version: int,
    stage: str,
    on: dt.date,
    note: str = "",
    photo: UploadedFile[bytes] | None = None,
    today: dt.date,
) -> HousingCase:
    """Record a construction stage (started, roofed, completed), in order, with a date and a photo."""
    case = _lock_case(case, version)
    require_in_area(actor, Permission.MANAGE_SUPPORT, case.household)
    building = [HousingStage.STARTED, HousingStage.ROOFED, HousingStage.COMPLETED]
    if stage not in building:
        raise AppError(ErrorCode.INVALID, _("Giai đoạn không hợp lệ."), field="stage")
    if (
        STAGE_ORDER.index(HousingStage(stage)) <= STAGE_ORDER.index(HousingStage(case.stage))
        or case.stage == HousingStage.PROPOSED
    ):
        raise AppError(
            ErrorCode.INVALID, _("Tiến độ phải đi theo thứ tự, sau khi hồ sơ được phê duyệt."), field="stage"
        )
    last = case.progress.order_by("-on", "-id").first()
    if on > today or (last is not None and on < last.on):
        raise AppError(
            ErrorCode.INVALID, _("Ngày không hợp lệ (không trước bước trước, không sau hôm nay)."), field="on"
        )
    _advance(actor, case, stage, on, note, photo)
    audit_record(
        actor=actor, action=AuditAction.HOUSING_CASE_PROGRESS, obj=case, after={"stage": stage, "on": on}
    )
    return case


@transaction.atomic
def housing_case_accept(
    *,
    actor: Any,
    case: HousingCase,
    version: int,
    on: dt.date,
    floor_area_m2: Decimal,
    hard_foundation: bool,
    hard_frame: bool,
    hard_roof: bool,
    today: dt.date,
    note: str = "",
) -> HousingCase:
    """Accept the finished house (a new one needs ≥ 30 m² and «3 cứng»); the support is then paid."""
    case = _lock_case(case, version)
    require_in_area(actor, Permission.MANAGE_SUPPORT, case.household)
    if case.stage != HousingStage.COMPLETED:
        raise AppError(ErrorCode.INVALID, _("Chỉ nghiệm thu nhà đã hoàn thành."))
    if on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày nghiệm thu không được sau hôm nay."), field="on")
    if not (hard_foundation and hard_frame and hard_roof):
        raise AppError(
            ErrorCode.SUPPORT_HOUSING_STANDARD,
            _("Nhà phải có nền, khung-tường và mái bằng vật liệu bền chắc («3 cứng»)."),
            field="hard_roof",
        )
    if case.work == HousingWork.NEW and floor_area_m2 < MIN_NEW_HOUSE_M2:
        raise AppError(
            ErrorCode.SUPPORT_HOUSING_STANDARD,
            _("Nhà xây mới phải có diện tích sàn từ %(min)s m² (đo được %(area)s m²).")
            % {"min": MIN_NEW_HOUSE_M2, "area": floor_area_m2},
            field="floor_area_m2",
        )
    case.floor_area_m2, case.accepted_on = floor_area_m2, on
    case.hard_foundation, case.hard_frame, case.hard_roof = hard_foundation, hard_frame, hard_roof
    case.save(update_fields=["floor_area_m2", "accepted_on", "hard_foundation", "hard_frame", "hard_roof"])
    _advance(actor, case, HousingStage.ACCEPTED, on, note)
    if case.record is not None and not SupportRecord.objects.filter(supersedes=case.record).exists():
        check_spend(case.record.budget_line, case.record.amount, on)
        SupportRecord.objects.create(
            household=case.household, member=None, commune=case.commune, province=case.province,
            support_type=case.support_type, supersedes=case.record, status=RecordStatus.DELIVERED, on=on,
            amount=case.record.amount, quantity=1, budget_source=case.record.budget_source,
            budget_line=case.record.budget_line, agency=case.record.agency,
            reason=_("Nghiệm thu nhà ở"), recorded_by=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
    audit_record(
        actor=actor,
        action=AuditAction.HOUSING_CASE_ACCEPT,
        obj=case,
        after={"floor_area_m2": floor_area_m2, "on": on},
    )
    return case


@transaction.atomic
def housing_case_cancel(
    *, actor: Any, case: HousingCase, version: int, reason: str, on: dt.date
) -> HousingCase:
    """Stop a case before acceptance, with a reason; an approved record is cancelled with it."""
    case = _lock_case(case, version)
    require_in_area(actor, Permission.MANAGE_SUPPORT, case.household)
    if case.stage in (HousingStage.ACCEPTED, HousingStage.CANCELLED):
        raise AppError(ErrorCode.INVALID, _("Hồ sơ đã nghiệm thu hoặc đã hủy."))
    if not reason.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi lý do hủy."), field="reason")
    if case.record is not None and not SupportRecord.objects.filter(supersedes=case.record).exists():
        SupportRecord.objects.create(
            household=case.household, commune=case.commune, province=case.province,
            support_type=case.support_type,
            supersedes=case.record, status=RecordStatus.CANCELLED, on=on, reason=reason.strip(),
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
    _advance(actor, case, HousingStage.CANCELLED, on, reason)
    audit_record(actor=actor, action=AuditAction.HOUSING_CASE_CANCEL, obj=case, after={"reason": reason})
    return case
