"""Project 1 works and Projects 2/3.1 models for the Huế demo, through the works services (seed 003).

Seed 003 (03/KH-UBND, 2024) funds infrastructure in the former poor district of A Lưới (Project 1) and the
building and replication of poverty-reduction models (Project 2) and production support (Sub-project 3.1).
The demo records, under the projects of the 2021–2025 plan 121/KH-UBND (seed 000) that 03/KH-UBND
implements: a road in Xã A Lưới 1 built in 2024, handed over and maintained; a school in progress in 2026;
a goat-raising model with 12 poor households of A Lưới 1, their contribution and an evaluation concluding it
effective; its replication in A Lưới 2 (2026); and a medicinal herb production project. The provincial
officer records them. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES
from giamngheo.demo.registry import CODE_PREFIX, PROVINCE, _actor
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Agency, PlanProject
from giamngheo.registry.models import Household
from giamngheo.works.models import LivelihoodModel, Participant, Work
from giamngheo.works.services.livelihood import evaluation_record, model_create, participant_add
from giamngheo.works.services.works import work_create, work_maintenance_record, work_progress_record

ROAD = "Đường giao thông liên thôn A Lưới 1 (Dự án 1, 2024)"
GOATS = "Mô hình nuôi dê sinh sản liên kết hợp tác xã"
GOAT_HOUSEHOLDS = 12
PLAN_NUMBER = "121/KH-UBND"  # the 2021–2025 plan numbers the projects; 03/KH-UBND (2024) has none


@dataclass(frozen=True)
class WorksDemoResult:
    created: bool
    works: int
    models: int
    participants: int


def _counts(created: bool) -> WorksDemoResult:
    return WorksDemoResult(
        created=created,
        works=Work.objects.filter(province__code=PROVINCE, province__tree=Tree.CURRENT).count(),
        models=LivelihoodModel.objects.filter(province__code=PROVINCE, province__tree=Tree.CURRENT).count(),
        participants=Participant.objects.filter(household__code__startswith=CODE_PREFIX).count(),
    )


def _project(component: str) -> PlanProject | None:
    return (
        PlanProject.objects.filter(plan__number=PLAN_NUMBER, plan__start_year=2021, component__code=component)
        .select_related("plan")
        .first()
    )


def _poor(commune: AdminUnit, count: int, status: str = "poor") -> list[Household]:
    return list(
        Household.objects.filter(
            commune=commune, status=status, is_active=True, code__startswith=CODE_PREFIX
        ).order_by("code")[:count]
    )


def _works(officer: User, communes: list[AdminUnit], today: dt.date) -> None:
    construction = Agency.objects.filter(province=communes[0].province, name="Sở Xây dựng").first()
    road = work_create(
        actor=officer, commune=communes[0], name=ROAD, kind="road", plan_project=_project("P1"),
        started_on=dt.date(2024, 2, 15), planned_completion_on=dt.date(2024, 11, 30),
        latitude=Decimal("16.218400"), longitude=Decimal("107.276500"),
        description="Dài 2,4 km, mặt đường bê tông rộng 3,5 m, nối thôn với trung tâm xã.",
        capital={"central": "4200", "province": "350"},
    )  # fmt: skip
    for on, percent, note in ((dt.date(2024, 5, 31), 35, "Xong nền đường"), (dt.date(2024, 8, 31), 80, "")):
        work_progress_record(actor=officer, work=road, on=on, percent=percent, note=note, today=today)
    work_progress_record(
        actor=officer, work=road, on=dt.date(2024, 10, 30), percent=100, note="Nghiệm thu hoàn thành",
        handed_over_on=dt.date(2024, 12, 10), today=today,
    )  # fmt: skip
    work_maintenance_record(
        actor=officer, work=road, on=dt.date(2025, 9, 20), description="Vá mặt đường sau mùa mưa",
        cost=Decimal("35.5"), today=today,
    )  # fmt: skip
    school = work_create(
        actor=officer, commune=communes[1], name="Trường mầm non A Lưới 2 – điểm trường thôn", kind="school",
        investor=construction, plan_project=_project("P1"), started_on=dt.date(2026, 4, 1),
        planned_completion_on=dt.date(2027, 3, 31), latitude=Decimal("16.155200"),
        longitude=Decimal("107.351900"), capital={"central": "2800", "commune": "120"},
    )  # fmt: skip
    work_progress_record(actor=officer, work=school, on=dt.date(2026, 10, 31), percent=55, today=today)


def _models(officer: User, communes: list[AdminUnit], today: dt.date) -> None:
    agriculture = Agency.objects.filter(
        province=communes[0].province, name="Sở Nông nghiệp và Môi trường"
    ).first()
    goats = model_create(
        actor=officer, communes=[communes[0]], name=GOATS, kind="model", lead_agency=agriculture,
        partner="Hợp tác xã Nông nghiệp A Lưới", plan_project=_project("P2"), started_on=dt.date(2024, 3, 1),
        latitude=Decimal("16.226000"), longitude=Decimal("107.268000"),
        description="Mỗi hộ nhận 3 dê cái, 1 dê đực giống; hợp tác xã bao tiêu dê thịt.",
        budget={"central": "540", "mobilised": "60"},
    )  # fmt: skip
    for household in _poor(communes[0], GOAT_HOUSEHOLDS):
        participant_add(
            actor=officer, model=goats, household=household, joined_on=dt.date(2024, 3, 15),
            labour_days=Decimal("12"), money=1_500_000, in_kind="Chuồng trại, cỏ voi", today=today,
        )  # fmt: skip
    evaluation_record(
        actor=officer, model=goats, evaluated_on=dt.date(2024, 12, 20), evaluator="Sở NN&MT",
        economic="Đàn dê tăng từ 48 lên 97 con; thu bình quân 9 triệu đồng/hộ/năm từ bán dê thịt.",
        social="12 hộ nghèo có sinh kế ổn định; 3 hộ đăng ký thoát nghèo cuối năm.",
        environmental="Chuồng sàn cách nhà ở, phân ủ làm phân bón; không gây ô nhiễm nguồn nước.",
        result="effective", today=today,
    )  # fmt: skip
    copy = model_create(
        actor=officer, communes=[communes[1]], name="Nhân rộng mô hình nuôi dê sinh sản", kind="model",
        lead_agency=agriculture, partner="Hợp tác xã Nông nghiệp A Lưới", plan_project=_project("P2"),
        replicated_from=goats, started_on=dt.date(2026, 3, 1), budget={"central": "300"},
    )  # fmt: skip
    for household in _poor(communes[1], 6) + _poor(communes[1], 2, "near_poor"):
        participant_add(
            actor=officer, model=copy, household=household, joined_on=dt.date(2026, 3, 10), today=today
        )
    model_create(
        actor=officer, communes=communes, name="Trồng dược liệu dưới tán rừng", kind="production",
        lead_agency=agriculture, plan_project=_project("P3.1"), started_on=dt.date(2026, 5, 1),
        partner="Công ty CP Dược liệu Huế", budget={"central": "450", "mobilised": "150"},
    )  # fmt: skip


def works_demo_load() -> WorksDemoResult:
    """Create the demo works and models unless the demo road exists; running it again changes nothing."""
    if Work.objects.filter(name=ROAD).exists():
        return _counts(created=False)
    _actor()
    officer = User.objects.get(username="tinh.hue")
    communes = [
        AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=code) for code in DEMO_COMMUNES
    ]
    today = timezone.localdate()
    with transaction.atomic():
        _works(officer, communes, today)
        _models(officer, communes, today)
    return _counts(created=True)
