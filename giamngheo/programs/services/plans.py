"""Writes to a plan's header, legal bases and projects; a plan entered on screen in one step."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.programs.catalogue import agency_get_or_create
from giamngheo.programs.models import (
    Plan,
    PlanKind,
    PlanLegalBasis,
    PlanProject,
    Program,
)
from giamngheo.programs.scope import current_scope
from giamngheo.programs.services._base import _invalid, _require_manage


def _check_header(
    *,
    program: Program,
    unit: AdminUnit,
    kind: str,
    start_year: int,
    end_year: int,
    number: str,
    title: str,
    issued_on: datetime.date | None,
    is_draft: bool,
    plan: Plan | None = None,
) -> str:
    """The rules of a plan's header, the same when it is created or corrected; returns the trimmed number.

    A plan being corrected (`plan`) must also keep every target's year within its new years.
    """
    if kind not in PlanKind.values:
        raise _invalid(_("Loại kế hoạch không hợp lệ."), "kind")
    if end_year < start_year:
        raise _invalid(_("Năm kết thúc phải từ năm bắt đầu trở đi."), "end_year")
    if kind == PlanKind.ANNUAL and end_year != start_year:
        raise _invalid(_("Kế hoạch năm chỉ gồm một năm."), "end_year")
    if start_year < program.start_year or end_year > program.end_year:
        raise _invalid(
            _("Thời gian kế hoạch phải nằm trong giai đoạn %(start)s–%(end)s của chương trình.")
            % {"start": program.start_year, "end": program.end_year},
            "start_year",
        )
    if plan is not None:
        outside = plan.targets.exclude(target_year__gte=start_year, target_year__lte=end_year).first()
        if outside is not None:
            raise _invalid(
                _("Chỉ tiêu «%(text)s» phải đạt năm %(year)s, ngoài thời gian mới của kế hoạch.")
                % {"text": outside.text, "year": outside.target_year},
                "end_year",
            )
    number = number.strip()
    if not number:
        raise _invalid(_("Cần nhập số hiệu kế hoạch."), "number")
    if not title.strip():
        raise _invalid(_("Cần nhập trích yếu kế hoạch."), "title")
    same_number = Plan.objects.filter(unit=unit, number=number, start_year=start_year)
    if plan is not None:
        same_number = same_number.exclude(pk=plan.pk)
    if same_number.exists():
        raise _invalid(_("Đơn vị này đã có kế hoạch cùng số hiệu trong năm đó."), "number")
    if issued_on is not None and not is_draft and issued_on.year > end_year:
        raise _invalid(_("Ngày ban hành không được sau thời gian của kế hoạch."), "issued_on")
    return number


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    program: Program,
    unit: AdminUnit,
    kind: str,
    start_year: int,
    end_year: int,
    number: str,
    issuer: str,
    title: str,
    issued_on: datetime.date | None = None,
    signer: str = "",
    general_objective: str = "",
    scope: str = "",
    is_draft: bool = False,
) -> Plan:
    """Record a plan issued by a province, district or commune (current or legacy)."""
    if unit.level == Level.VILLAGE:
        raise _invalid(_("Kế hoạch do cấp tỉnh, huyện hoặc xã ban hành, không phải thôn."), "unit")
    province, commune = current_scope(unit)
    # Like Plan.managed_at: a commune's own officers record its plan; the province records the others.
    require_permission(actor, Permission.MANAGE_PLANS, commune or province)
    number = _check_header(
        program=program,
        unit=unit,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        number=number,
        title=title,
        issued_on=issued_on,
        is_draft=is_draft,
    )
    plan = Plan.objects.create(
        program=program,
        unit=unit,
        province=province,
        commune=commune,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        number=number,
        issued_on=issued_on,
        is_draft=is_draft,
        issuer=issuer.strip(),
        signer=signer.strip(),
        title=title.strip(),
        general_objective=general_objective,
        scope=scope,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor, action=AuditAction.PLAN_CREATE, obj=plan, after={"number": number, "unit": unit.pk}
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Any,
    plan: Plan,
    kind: str,
    start_year: int,
    end_year: int,
    number: str,
    issuer: str,
    title: str,
    issued_on: datetime.date | None = None,
    signer: str = "",
    general_objective: str = "",
    scope: str = "",
    is_draft: bool = False,
) -> Plan:
    """Correct a plan's header; the issuing unit and program stay (they decide who may see the plan)."""
    _require_manage(actor, plan)
    Plan.objects.select_for_update(of=("self",)).filter(pk=plan.pk).first()
    number = _check_header(
        program=plan.program,
        unit=plan.unit,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        number=number,
        title=title,
        issued_on=issued_on,
        is_draft=is_draft,
        plan=plan,
    )
    fields = {
        "kind": kind,
        "start_year": start_year,
        "end_year": end_year,
        "number": number,
        "issuer": issuer.strip(),
        "title": title.strip(),
        "issued_on": issued_on,
        "signer": signer.strip(),
        "general_objective": general_objective,
        "scope": scope,
        "is_draft": is_draft,
    }
    before = {name: getattr(plan, name) for name in fields if getattr(plan, name) != fields[name]}
    if not before:
        return plan
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(before))
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_UPDATE,
        obj=plan,
        before={name: str(value) for name, value in before.items()},
        after={name: str(fields[name]) for name in before},
    )
    return plan


@transaction.atomic
def plan_enter(
    *,
    actor: Any,
    program: Any,
    unit: AdminUnit,
    legal_bases: Sequence[str] = (),
    parent_plan: Plan | None = None,
    **header: Any,
) -> Plan:
    """Record a new plan with its legal bases in one step: all of it, or nothing when a part is refused."""
    plan = plan_create(actor=actor, program=program, unit=unit, **header)
    if parent_plan is not None:
        issued = f" ngày {parent_plan.issued_on:%d/%m/%Y}" if parent_plan.issued_on else ""
        plan_legal_basis_add(
            actor=actor, plan=plan, title=f"Kế hoạch {parent_plan.number}{issued}", parent_plan=parent_plan
        )
    for title in legal_bases:
        if title.strip():
            plan_legal_basis_add(actor=actor, plan=plan, title=title)
    return plan


@transaction.atomic
def plan_legal_basis_add(
    *, actor: Any, plan: Plan, title: str, parent_plan: Plan | None = None
) -> PlanLegalBasis:
    """Add a legal basis to a plan, linked to a parent plan when it is in the system."""
    _require_manage(actor, plan)
    if not title.strip():
        raise _invalid(_("Cần nhập tên văn bản làm căn cứ."), "title")
    if parent_plan is not None and parent_plan.pk == plan.pk:
        raise _invalid(_("Kế hoạch không thể làm căn cứ cho chính nó."), "parent_plan")
    order = plan.legal_bases.count() + 1
    basis = PlanLegalBasis.objects.create(
        plan=plan, order=order, title=title.strip(), parent_plan=parent_plan
    )
    audit_record(actor=actor, action=AuditAction.LEGAL_BASIS_ADD, obj=plan, after={"title": title})
    return basis


@transaction.atomic
def plan_legal_basis_remove(*, actor: Any, basis: PlanLegalBasis) -> None:
    """Remove a legal basis from a plan."""
    plan = basis.plan
    _require_manage(actor, plan)
    title = basis.title
    basis.delete()
    audit_record(actor=actor, action=AuditAction.LEGAL_BASIS_REMOVE, obj=plan, before={"title": title})


def _project_fields(
    plan: Plan, *, local_number: str, local_name: str, component_code: str, project: PlanProject | None = None
) -> dict[str, Any]:
    """The checked number, name and national component of a project, the same on adding and correcting."""
    component = plan.program.components.filter(code=component_code).first()
    if component is None:
        raise _invalid(
            _("Mã dự án %(code)s không có trong danh mục của chương trình.") % {"code": component_code},
            "component_code",
        )
    if not local_number.strip():
        raise _invalid(_("Cần nhập số hiệu dự án trong kế hoạch."), "local_number")
    if not local_name.strip():
        raise _invalid(_("Cần nhập tên dự án trong kế hoạch."), "local_name")
    same_number = plan.projects.filter(local_number=local_number.strip())
    if project is not None:
        same_number = same_number.exclude(pk=project.pk)
    if same_number.exists():
        raise _invalid(_("Kế hoạch đã có dự án số hiệu này."), "local_number")
    return {"local_number": local_number.strip(), "local_name": local_name.strip(), "component": component}


@transaction.atomic
def plan_project_add(
    *,
    actor: Any,
    plan: Plan,
    local_number: str,
    local_name: str,
    component_code: str,
    lead_agency: str = "",
    coordinating_agencies: Sequence[str] = (),
    objective: str = "",
) -> PlanProject:
    """Add a project in the plan's own numbering, mapped to a component of the national catalogue."""
    _require_manage(actor, plan)
    fields = _project_fields(
        plan, local_number=local_number, local_name=local_name, component_code=component_code
    )
    project = PlanProject.objects.create(
        plan=plan,
        **fields,
        lead_agency=agency_get_or_create(province=plan.province, name=lead_agency) if lead_agency else None,
        objective=objective,
        order=plan.projects.count() + 1,
    )
    project.coordinating_agencies.set(
        [agency_get_or_create(province=plan.province, name=name) for name in coordinating_agencies if name]
    )
    audit_record(
        actor=actor, action=AuditAction.PLAN_PROJECT_ADD, obj=plan, after={"project": project.local_number}
    )
    return project


@transaction.atomic
def plan_project_update(
    *,
    actor: Any,
    project: PlanProject,
    local_number: str,
    local_name: str,
    component_code: str,
    lead_agency: str = "",
    coordinating_agencies: Sequence[str] = (),
    objective: str = "",
) -> PlanProject:
    """Correct a project: its number and name in the plan, national component, agencies and objective.

    Budget lines and tasks stay attached to it; the change is audited on the plan.
    """
    plan = project.plan
    _require_manage(actor, plan)
    data = _project_fields(
        plan,
        local_number=local_number,
        local_name=local_name,
        component_code=component_code,
        project=project,
    )
    data["lead_agency"] = (
        agency_get_or_create(province=plan.province, name=lead_agency) if lead_agency.strip() else None
    )
    data["objective"] = objective.strip()
    project, _changed = model_update(
        instance=project,
        fields=list(data),
        data=data,
        actor=actor,
        action=AuditAction.PLAN_PROJECT_UPDATE,
        subject=plan,
    )
    agencies = [
        agency_get_or_create(province=plan.province, name=name)
        for name in coordinating_agencies
        if name.strip()
    ]
    before = sorted(project.coordinating_agencies.values_list("name", flat=True))
    if sorted(agency.name for agency in agencies) != before:
        project.coordinating_agencies.set(agencies)
        audit_record(
            actor=actor,
            action=AuditAction.PLAN_PROJECT_UPDATE,
            obj=plan,
            before={"coordinating_agencies": before},
            after={"coordinating_agencies": sorted(agency.name for agency in agencies)},
        )
    return project
