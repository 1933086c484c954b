"""A year (2026) of activity registers for Huế, through the activity services, consistent with seed 003.

Seed 003 (Huế 2024) names Project 6 communication (radio, public information points, dialogues), Project 7
capacity building for officers, inspections of the communes and «Cả nước chung tay vì người nghèo». The
demo records a few communication events in Huế and the two demo communes, the register of officers (the
demo users with officer roles plus named village officers), a provincial course they attended, an
inspection of Xã A Lưới 1 with two recommendations followed up, a commendation of a household of that
commune that escaped poverty, and donations to the fund. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from giamngheo.activities.models import Commendation, CommunicationItem, Inspection, Officer
from giamngheo.activities.services.oversight import (
    inspection_create,
    recommendation_add,
    recommendation_follow_up,
)
from giamngheo.activities.services.registers import (
    ESCAPE_KINDS,
    commendation_create,
    communication_create,
    donation_create,
)
from giamngheo.activities.services.training import (
    attendance_set,
    officer_course_create,
    officer_create,
    officers_from_users,
)
from giamngheo.demo.accounts import DEMO_COMMUNES
from giamngheo.demo.registry import CODE_PREFIX, PROVINCE, _actor
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.catalogue import agency_get_or_create
from giamngheo.programs.models import PlanProject
from giamngheo.registry.models import Household, HouseholdStatus, StatusTransition
from giamngheo.registry.status import household_status_change

INSPECTION_TITLE = "Kiểm tra thực hiện Chương trình MTQG giảm nghèo bền vững năm 2026 tại xã A Lưới 1"
VILLAGE_OFFICERS = (("Hồ Văn Sáu", "Trưởng thôn"), ("Kăn Thị Mai", "Chi hội trưởng Hội Phụ nữ"))
EVENTS = (
    # (unit: None = province, kind, title, month, day, central, local, reach, poor reached)
    (None, "broadcast", "Chuyên mục «Vì người nghèo» trên Đài Phát thanh – Truyền hình Huế", 3, 12,
     "45", "0", 120000, 9000),
    (None, "conference", "Hội nghị tập huấn truyền thông giảm nghèo đa chiều", 4, 20, "60", "15", 180, 20),
    (0, "radio_station", "Nâng cấp đài truyền thanh xã A Lưới 1", 5, 8, "120", "30", 6500, 1400),
    (0, "dialogue", "Đối thoại chính sách với hộ nghèo thôn A Đên", 6, 15, "0", "8", 95, 70),
    (1, "leaflet", "Tờ rơi chính sách hỗ trợ hộ nghèo năm 2026", 2, 25, "0", "6,5", 2100, 900),
    (1, "information_point", "Điểm thông tin công cộng tại UBND xã A Lưới 2", 7, 1, "35", "0", 3000, 600),
)  # fmt: skip


@dataclass(frozen=True)
class ActivitiesDemoResult:
    created: bool
    events: int
    officers: int
    inspections: int
    commendations: int


def _counts(created: bool) -> ActivitiesDemoResult:
    return ActivitiesDemoResult(
        created=created,
        events=CommunicationItem.objects.count(),
        officers=Officer.objects.count(),
        inspections=Inspection.objects.count(),
        commendations=Commendation.objects.count(),
    )


def _project(province: AdminUnit, prefix: str) -> PlanProject | None:
    """The newest Huế plan's project of a national component (P6…, P7…), when the demo plans are loaded."""
    return (
        PlanProject.objects.filter(
            plan__province=province, plan__commune__isnull=True, component__code__startswith=prefix
        )
        .order_by("-plan__start_year", "-plan_id", "order")
        .first()
    )


def _escaped_household(actor: Any, commune: AdminUnit, on: dt.date) -> Household | None:
    """A demo household of the commune that escaped poverty: one recorded so, else a poor household the
    commune recognised as escaped at the start of the year (as a review decision would)."""
    escaped = StatusTransition.objects.filter(
        household__commune=commune,
        household__code__startswith=CODE_PREFIX,
        kind__in=ESCAPE_KINDS,
        effective_on__lte=on,
    ).exclude(household__status=HouseholdStatus.POOR)
    found = escaped.select_related("household").first()
    if found is not None:
        return found.household  # type: ignore[no-any-return]
    household = (
        Household.objects.select_for_update()
        .filter(commune=commune, code__startswith=CODE_PREFIX, status=HouseholdStatus.POOR, is_active=True)
        .order_by("code")
        .first()
    )
    if household is None:
        return None
    household_status_change(
        actor=actor, household=household, to_status=HouseholdStatus.NEAR_POOR, kind="poor_to_near_poor",
        effective_on=dt.date(on.year, 1, 1),
    )  # fmt: skip
    household.refresh_from_db()
    return household


def _inspection(actor: Any, commune: AdminUnit, province: AdminUnit, year: int, today: dt.date) -> None:
    health = agency_get_or_create(province=province, name="Sở Y tế")
    inspection = inspection_create(
        actor=actor, unit=commune, kind="planned", method="inspection", title=INSPECTION_TITLE,
        body="Đoàn kiểm tra liên ngành tỉnh (Sở Nông nghiệp và Môi trường chủ trì)",
        starts_on=dt.date(year, 6, 10), ends_on=dt.date(year, 6, 12), plan_project=_project(province, "P7"),
        scope="Rà soát hộ nghèo, thực hiện Dự án 6 và chính sách bảo hiểm y tế cho hộ nghèo",
        findings="Giải ngân Dự án 6 chậm; 14 người thuộc hộ nghèo chưa được cấp thẻ bảo hiểm y tế.",
    )  # fmt: skip
    first = recommendation_add(
        actor=actor, inspection=inspection, content="Đẩy nhanh giải ngân vốn Dự án 6 của xã, báo cáo kết quả",
        due_on=dt.date(year, 9, 30),
    )  # fmt: skip
    second = recommendation_add(
        actor=actor, inspection=inspection, responsible_agency=health,
        content="Cấp thẻ bảo hiểm y tế cho 14 người thuộc hộ nghèo còn thiếu", due_on=dt.date(year, 8, 31),
    )  # fmt: skip
    follow_ups = (
        (first, dt.date(year, 7, 20), "Xã rà soát hồ sơ, lập kế hoạch giải ngân", "", "in_progress"),
        (second, dt.date(year, 7, 25), "Đã cấp thẻ cho 14 người", "Công văn 245/SYT-NVY", "done"),
    )
    for recommendation, on, action, evidence, status in follow_ups:
        if on <= today:
            recommendation_follow_up(
                actor=actor, recommendation=recommendation, on=on, action=action, evidence=evidence,
                new_status=status, today=today,
            )  # fmt: skip


def _training(actor: Any, province: AdminUnit, communes: list[AdminUnit], year: int) -> None:
    officers = []
    for commune in communes:
        officers += officers_from_users(actor=actor, unit=commune)
        officers += [
            officer_create(actor=actor, unit=commune, full_name=name, position=position)
            for name, position in VILLAGE_OFFICERS
        ]
    course = officer_course_create(
        actor=actor, unit=province, title="Bồi dưỡng kiến thức, kỹ năng cho cán bộ làm công tác giảm nghèo",
        starts_on=dt.date(year, 5, 12), ends_on=dt.date(year, 5, 14), place="Trường Chính trị tỉnh",
        organiser="Sở Nông nghiệp và Môi trường", level="province", cost=Decimal("85"),
        plan_project=_project(province, "P7"),
    )  # fmt: skip
    for index, officer in enumerate(officers):
        attended = index % 4 != 3  # one in four could not come
        attendance_set(actor=actor, course=course, officer=officer, attended=attended, completed=attended)


@transaction.atomic
def activities_demo_load() -> ActivitiesDemoResult:
    """Write the demo year of activities unless the demo inspection exists; a second run changes nothing."""
    if Inspection.objects.filter(title=INSPECTION_TITLE).exists():
        return _counts(False)
    actor = _actor()
    today = timezone.localdate()
    year = today.year
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=PROVINCE)
    communes = list(
        AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, code__in=DEMO_COMMUNES).order_by(
            "code"
        )
    )
    communication = _project(province, "P6")
    for index, kind, title, month, day, central, local, reach, poor in EVENTS:
        held_on = dt.date(year, month, day)
        if held_on > today:
            continue
        communication_create(
            actor=actor, unit=province if index is None else communes[index], today=today, kind=kind,
            title=title, held_on=held_on, cost_central=Decimal(central),
            cost_local=Decimal(local.replace(",", ".")), reach=reach, reach_poor=poor,
            plan_project=communication,
        )  # fmt: skip
    _training(actor, province, communes, year)
    _inspection(actor, communes[0], province, year, today)
    household = _escaped_household(actor, communes[0], today)
    if household is not None:
        commendation_create(
            actor=actor, unit=communes[0], today=today, stage="awarded", recipient_kind="household",
            recipient="", household=household, level="commune", decision_number=f"25/QĐ-UBND ({year})",
            decided_on=min(today, dt.date(year, 10, 17)),
            reason="Chủ động vươn lên thoát nghèo, tự nguyện đăng ký ra khỏi danh sách hộ nghèo",
        )  # fmt: skip
    donations = (
        (province, "Công ty Điện lực Thừa Thiên Huế", 250_000_000),
        (communes[1], "Cán bộ, công chức xã A Lưới 2", 12_500_000),
    )
    for unit, donor, amount in donations:
        donation_create(
            actor=actor, unit=unit, today=today, donor=donor, donated_on=min(today, dt.date(year, 10, 17)),
            amount=amount, description="Tháng cao điểm «Vì người nghèo»",
        )  # fmt: skip
    return _counts(True)
