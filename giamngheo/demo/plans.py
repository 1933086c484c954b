"""Loading the five seed plans as demo data through the services (idempotent: existing plans are kept)."""
# ruff: noqa: E501 — plan titles and scopes are quoted whole

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from giamngheo.demo import plans_data
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs import services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Indicator, Plan, Program, Recurrence, TaskStatus

PROGRAM_2021 = "gnbv-2021-2025"
HUE, SON_LA, QUANG_NGAI, TAN_BIEN = "46", "14", "51", "705"


def _legacy(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(tree=Tree.LEGACY, level=level, code=code)


def _targets(actor: Any, plan: Plan, rows: Iterable[tuple[Any, ...]]) -> None:
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    for code, kind, bound, low, high, year, group, text, extras in rows:
        baseline = extras.get("baseline")
        services.plan_target_add(
            actor=actor,
            plan=plan,
            indicator=indicators[code],
            kind=kind,
            bound=bound,
            value_low=low,
            value_high=high,
            target_year=year,
            group=group,
            text=text,
            target_unit=_legacy(Level.DISTRICT, extras["target_unit"]) if "target_unit" in extras else None,
            baseline_value=baseline[0] if baseline else None,
            baseline_year=baseline[1] if baseline else None,
            note=extras.get("note", ""),
        )


def _projects(actor: Any, plan: Plan, rows: Iterable[tuple[str, str, str, str, list[str]]]) -> None:
    for number, name, code, lead, coordinating in rows:
        services.plan_project_add(
            actor=actor,
            plan=plan,
            local_number=number,
            local_name=name,
            component_code=code,
            lead_agency=lead,
            coordinating_agencies=coordinating,
        )


def _budget(
    actor: Any,
    plan: Plan,
    lines: Iterable[tuple[str, str, Decimal]],
    statements: Iterable[tuple[str, str, Decimal]],
) -> None:
    for source, expenditure, amount in lines:
        services.budget_line_set(
            actor=actor, plan=plan, source=source, expenditure=expenditure, amount=amount
        )
    for group, expenditure, amount in statements:
        services.budget_statement_set(
            actor=actor, plan=plan, group=group, expenditure=expenditure, amount=amount
        )


def _rules(
    actor: Any, plan: Plan, rows: Iterable[tuple[str, int, str, str, str, int, int, int | None]]
) -> None:
    for kind, number, label, level, recipient, month, day, year in rows:
        services.reporting_rule_add(
            actor=actor,
            plan=plan,
            period_kind=kind,
            period_number=number,
            label=label,
            reporter_level=level,
            recipient=recipient,
            due_month=month,
            due_day=day,
            due_year=year,
        )


def _seed_000(actor: Any, program: Program) -> Plan:
    plan = services.plan_create(
        actor=actor,
        program=program,
        unit=_legacy(Level.PROVINCE, HUE),
        kind="multi_year",
        start_year=2021,
        end_year=2025,
        number="121/KH-UBND",
        issued_on=datetime.date(2022, 3, 25),
        issuer="UBND tỉnh Thừa Thiên Huế",
        signer="KT. Chủ tịch, Phó Chủ tịch Nguyễn Thanh Bình",
        title="Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025 trên địa bàn tỉnh Thừa Thiên Huế",
        general_objective="Thực hiện mục tiêu giảm nghèo đa chiều, bao trùm, bền vững; hạn chế tái nghèo và phát sinh nghèo.",
        scope="Toàn tỉnh; ưu tiên huyện nghèo A Lưới và 07 xã đặc biệt khó khăn vùng bãi ngang, ven biển: Phong Chương, Điền Hương (Phong Điền); Phú Gia, Phú Diên (Phú Vang); Lộc Bình, Lộc Vĩnh, Giang Hải (Phú Lộc).",
    )
    for title in (
        "Quyết định 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ",
        "Quyết định 353/QĐ-TTg ngày 15/3/2022 của Thủ tướng Chính phủ",
        "Nghị quyết 11-NQ/TU ngày 03/11/2021 của Tỉnh ủy",
    ):
        services.plan_legal_basis_add(actor=actor, plan=plan, title=title)
    _projects(actor, plan, plans_data.PROJECTS_2021_2025)
    _targets(actor, plan, plans_data.SEED_000_TARGETS)
    for number, content, lead, coordination, product, timeframe, due, project in plans_data.SEED_000_TASKS:
        services.task_add(
            actor=actor,
            plan=plan,
            number=number,
            content=content,
            lead_agency=lead,
            coordination_text=coordination,
            product=product,
            timeframe=timeframe,
            due_date=due,
            recurrence=plans_data.SEED_000_RECURRING.get(number, "once"),
            project_number=project,
        )
    lss = "Sở Lao động - Thương binh và Xã hội"
    _rules(
        actor,
        plan,
        [
            ("half_year", 1, "Báo cáo 6 tháng", "district", lss, 6, 20, None),
            ("half_year", 1, "Báo cáo 6 tháng", "province", "UBND tỉnh", 6, 25, None),
            ("year", 1, "Báo cáo năm", "district", lss, 11, 25, None),
            ("year", 1, "Báo cáo năm", "province", "UBND tỉnh", 11, 25, None),
        ],
    )
    return plan


def _seed_001(actor: Any, program: Program) -> Plan:
    plan = services.plan_create(
        actor=actor,
        program=program,
        unit=_legacy(Level.PROVINCE, SON_LA),
        kind="multi_year",
        start_year=2021,
        end_year=2025,
        number="61/KH-UBND",
        issued_on=datetime.date(2022, 3, 3),
        issuer="UBND tỉnh Sơn La",
        title="Kế hoạch thực hiện Nghị quyết 20-NQ/TU về giảm nghèo bền vững giai đoạn 2021-2025",
    )
    services.plan_legal_basis_add(actor=actor, plan=plan, title="Nghị quyết 20-NQ/TU của Tỉnh ủy Sơn La")
    services.plan_legal_basis_add(actor=actor, plan=plan, title="Quyết định 90/QĐ-TTg ngày 18/01/2022")
    _targets(actor, plan, plans_data.SEED_001_TARGETS)
    for number, (agency, duty) in enumerate(plans_data.SEED_001_AGENCIES, start=1):
        services.task_add(
            actor=actor,
            plan=plan,
            number=str(number),
            content=duty,
            lead_agency=agency,
            timeframe="2021 - 2025",
            due_date=datetime.date(2025, 12, 31),
        )
    return plan


def _seed_002(actor: Any, program: Program) -> Plan:
    plan = services.plan_create(
        actor=actor,
        program=program,
        unit=_legacy(Level.DISTRICT, TAN_BIEN),
        kind="annual",
        start_year=2023,
        end_year=2023,
        number="…/KH-UBND (dự thảo)",
        is_draft=True,
        issuer="UBND huyện Tân Biên",
        title="Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững năm 2023 trên địa bàn huyện Tân Biên",
    )
    _projects(actor, plan, plans_data.SEED_002_PROJECTS)
    _targets(actor, plan, plans_data.SEED_002_TARGETS)
    _budget(actor, plan, plans_data.SEED_002_BUDGET, plans_data.SEED_002_STATEMENTS)
    for number, agency, duty, project in plans_data.SEED_002_DUTIES:
        services.task_add(
            actor=actor,
            plan=plan,
            number=number,
            content=duty,
            lead_agency=agency,
            timeframe="Năm 2023",
            due_date=datetime.date(2023, 12, 31),
            project_number=project,
        )
    lss = "Phòng Lao động - Thương binh và Xã hội"
    _rules(
        actor,
        plan,
        [
            ("half_year", 1, "Báo cáo ước thực hiện 6 tháng", "commune", lss, 5, 15, None),
            ("nine_months", 1, "Báo cáo 9 tháng", "commune", lss, 8, 15, None),
            ("year", 1, "Báo cáo ước thực hiện năm", "commune", lss, 10, 15, None),
            ("year", 1, "Báo cáo chính thức năm 2023", "commune", lss, 12, 20, 2023),
        ],
    )
    return plan


def _seed_003(actor: Any, program: Program, parent: Plan) -> Plan:
    plan = services.plan_create(
        actor=actor,
        program=program,
        unit=_legacy(Level.PROVINCE, HUE),
        kind="annual",
        start_year=2024,
        end_year=2024,
        number="03/KH-UBND",
        issued_on=datetime.date(2024, 1, 3),
        issuer="UBND tỉnh Thừa Thiên Huế",
        title="Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024",
    )
    services.plan_legal_basis_add(
        actor=actor, plan=plan, title="Kế hoạch 121/KH-UBND ngày 25/3/2022", parent_plan=parent
    )
    services.plan_legal_basis_add(actor=actor, plan=plan, title="Nghị quyết 20/2023/NQ-HĐND của HĐND tỉnh")
    _targets(actor, plan, plans_data.SEED_003_TARGETS)
    rows = [
        services.AllocationRow(
            label=label,
            unit=_legacy(Level.DISTRICT, code) if code else None,
            start_poor=poor,
            start_total=total_2023,
            reduction=reduction,
            projected_total=total_2024,
            stated_start_rate=start_rate,
            stated_target_rate=target_rate,
            note=plans_data.ALLOCATION_NOTES.get(label, ""),
        )
        for label, code, poor, start_rate, reduction, target_rate, total_2023, total_2024 in plans_data.SEED_003_ALLOCATION
    ]
    services.plan_allocation_set(actor=actor, plan=plan, rows=rows)
    for number, agency, duty in plans_data.SEED_003_DUTIES:
        services.task_add(
            actor=actor,
            plan=plan,
            number=number,
            content=duty,
            lead_agency=agency,
            timeframe="Năm 2024",
            due_date=datetime.date(2024, 12, 31),
        )
    _rules(
        actor,
        plan,
        [
            (
                "year",
                1,
                "Báo cáo kết quả năm 2024",
                "district",
                "Sở Lao động - Thương binh và Xã hội",
                11,
                30,
                2024,
            ),
            ("year", 1, "Báo cáo kết quả năm 2024", "province", "UBND tỉnh, Bộ LĐTBXH", 12, 5, 2024),
        ],
    )
    return plan


def _seed_004(actor: Any, program: Program) -> Plan:
    plan = services.plan_create(
        actor=actor,
        program=program,
        unit=_legacy(Level.PROVINCE, QUANG_NGAI),
        kind="annual",
        start_year=2025,
        end_year=2025,
        number="234/KH-UBND",
        issued_on=datetime.date(2024, 12, 5),
        issuer="UBND tỉnh Quảng Ngãi",
        title="Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững năm 2025",
    )
    _projects(actor, plan, plans_data.PROJECTS_2021_2025)
    _targets(actor, plan, plans_data.SEED_004_TARGETS)
    _budget(actor, plan, plans_data.SEED_004_BUDGET, plans_data.SEED_004_STATEMENTS)
    for number, agency, content, due, project in plans_data.SEED_004_CLOSEOUTS:
        services.task_add(
            actor=actor,
            plan=plan,
            number=number,
            content=content,
            lead_agency=agency,
            product="Báo cáo",
            due_date=due,
            timeframe=due.strftime("Tháng %m/%Y"),
            project_number=project,
        )
    return plan


@transaction.atomic
def _task_history(actor: Any, plan: Plan, today: datetime.date) -> None:
    """A past plan's one-off tasks as a province keeps them: those past their deadline mostly done, one in four
    still in progress and late. Recurring tasks are left to show their deadlines (a completion recorded today
    would read as years late)."""
    tasks = plan.tasks.filter(recurrence=Recurrence.ONCE, due_date__lt=today).order_by("order", "pk")
    for index, task in enumerate(tasks):
        late = index % 4 == 0
        status = TaskStatus.IN_PROGRESS if late else TaskStatus.DONE
        note = "Đang hoàn thiện hồ sơ, chậm so với kế hoạch." if late else "Đã hoàn thành, báo cáo kết quả."
        services.task_status_set(actor=actor, task=task, status=status, note=note)


def demo_plans_load(actor: Any) -> list[str]:
    """Load the catalogue, indicators and the five seed plans that are missing; return what was created."""
    catalogue_load()
    indicator_catalogue_load()
    program = Program.objects.get(code=PROGRAM_2021)
    created: list[str] = []

    def missing(code: str, level: str, number: str, year: int) -> bool:
        return not Plan.objects.filter(unit=_legacy(level, code), number=number, start_year=year).exists()

    today = timezone.localdate()
    loaded: list[Plan] = []
    if missing(HUE, Level.PROVINCE, "121/KH-UBND", 2021):
        loaded.append(_seed_000(actor, program))
        created.append("121/KH-UBND")
    if missing(SON_LA, Level.PROVINCE, "61/KH-UBND", 2021):
        loaded.append(_seed_001(actor, program))
        created.append("61/KH-UBND")
    if missing(TAN_BIEN, Level.DISTRICT, "…/KH-UBND (dự thảo)", 2023):
        loaded.append(_seed_002(actor, program))
        created.append("Tân Biên 2023")
    if missing(HUE, Level.PROVINCE, "03/KH-UBND", 2024):
        parent = Plan.objects.get(unit=_legacy(Level.PROVINCE, HUE), number="121/KH-UBND")
        loaded.append(_seed_003(actor, program, parent))
        created.append("03/KH-UBND")
    if missing(QUANG_NGAI, Level.PROVINCE, "234/KH-UBND", 2025):
        loaded.append(_seed_004(actor, program))
        created.append("234/KH-UBND")
    for plan in loaded:
        _task_history(actor, plan, today)
    return created
