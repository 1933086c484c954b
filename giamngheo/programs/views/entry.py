"""Pages entering a plan on screen: create, header and bases, targets, budget, tasks, calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import NotFound, PermissionDenied
from giamngheo.core.forms import reporting_period_split
from giamngheo.core.service_calls import call_service
from giamngheo.programs import selectors, services
from giamngheo.programs.forms import (
    BudgetLineForm,
    BudgetStatementForm,
    LegalBasisForm,
    PlanCreateForm,
    PlanHeaderForm,
    ProjectForm,
    ReportingRuleForm,
    TargetForm,
    TaskForm,
    agency_names,
)
from giamngheo.programs.models import Plan, PlanKind, TargetGroup, TargetKind
from giamngheo.programs.unit_choices import plan_issuing_units, units_of_provinces

HEADER_FIELDS = tuple(PlanHeaderForm.base_fields)


SECTIONS = (
    ("edit", gettext_lazy("Thông tin chung, căn cứ")),
    ("targets", gettext_lazy("Chỉ tiêu")),
    ("allocation", gettext_lazy("Phân bổ chỉ tiêu")),
    ("budget", gettext_lazy("Dự án, kinh phí")),
    ("tasks", gettext_lazy("Nhiệm vụ")),
    ("calendar", gettext_lazy("Lịch báo cáo")),
    ("import", gettext_lazy("Nhập từ Excel")),
)


def managed_plan(request: HttpRequest, plan_id: int) -> Plan:
    """A plan of the user's area (else 404) that the user may edit (else 403)."""
    plan = selectors.plan_get_for_user(request.user, plan_id)
    require_permission(request.user, Permission.MANAGE_PLANS, plan.managed_at)
    return plan


def section_page(
    request: HttpRequest, plan: Plan, section: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    failed = any(
        getattr(value, "errors", None) for value in context.values() if isinstance(value, forms.BaseForm)
    )
    return render(
        request,
        template,
        {"plan": plan, "section": section, "sections": SECTIONS, **context},
        status=400 if failed else 200,
    )


def _item(queryset: Any, value: str | None) -> Any:
    if not value:
        return None
    item = queryset.filter(pk=value).first() if value.isdigit() else None
    if item is None:
        raise NotFound()
    return item


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """Record a new plan: issuing unit, number, date, signer, period, bases, objectives."""
    units = plan_issuing_units(request.user)
    if not units.exists():
        raise PermissionDenied()
    form = PlanCreateForm(
        request.POST or None,
        units=units,
        plans=selectors.plan_list(request.user),
        initial={"kind": PlanKind.ANNUAL},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = call_service(
            form,
            services.plan_enter,
            actor=request.user,
            program=data["program"],
            unit=data["unit"],
            legal_bases=data["legal_bases"].splitlines(),
            parent_plan=data["parent_plan"],
            **{name: data[name] for name in HEADER_FIELDS},
        ).value
        if created is not None:
            messages.success(request, _("Đã lưu kế hoạch %(number)s.") % {"number": created.number})
            return redirect("programs:edit_targets", plan_id=created.pk)
    return render(request, "programs/plan_create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Correct the header; add or remove legal bases."""
    plan = managed_plan(request, plan_id)
    parents = selectors.plan_list(request.user).exclude(pk=plan.pk)
    action = request.POST.get("action")
    header = PlanHeaderForm(
        request.POST if action == "header" else None,
        initial={name: getattr(plan, name) for name in HEADER_FIELDS},
    )
    basis_form = LegalBasisForm(request.POST if action == "basis_add" else None, plans=parents)
    if action == "header" and header.is_valid():
        if call_service(
            header, services.plan_update, actor=request.user, plan=plan, **header.cleaned_data
        ).ok:
            messages.success(request, _("Đã lưu thông tin chung của kế hoạch."))
            return redirect("programs:edit", plan_id=plan.pk)
    elif action == "basis_add" and basis_form.is_valid():
        if call_service(
            basis_form,
            services.plan_legal_basis_add,
            actor=request.user,
            plan=plan,
            **basis_form.cleaned_data,
        ).ok:
            messages.success(request, _("Đã thêm căn cứ."))
            return redirect("programs:edit", plan_id=plan.pk)
    elif action == "basis_remove":
        basis = _item(plan.legal_bases.all(), request.POST.get("item"))
        services.plan_legal_basis_remove(actor=request.user, basis=basis)
        messages.success(request, _("Đã bỏ căn cứ «%(title)s».") % {"title": basis.title})
        return redirect("programs:edit", plan_id=plan.pk)
    return section_page(
        request,
        plan,
        "edit",
        "programs/edit_header.html",
        {"header": header, "basis_form": basis_form, "bases": plan.legal_bases.select_related("parent_plan")},
    )


def _target_initial(target: Any) -> dict[str, Any]:
    names = ["indicator", "group", "target_unit", "kind", "bound", "value_low", "value_high", "target_year"]
    names += ["baseline_value", "baseline_year", "text", "note"]
    return {name: getattr(target, name) for name in names}


@login_required
def plan_targets(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Indicator targets: list, add, correct (?sua=id), remove."""
    plan = managed_plan(request, plan_id)
    targets = plan.targets.select_related("indicator", "target_unit")
    units = units_of_provinces([plan.province_id], include_provinces=False)
    action = request.POST.get("action")
    editing_target = _item(targets, request.POST.get("item") or request.GET.get("sua"))
    if action == "remove":
        services.plan_target_remove(actor=request.user, target=editing_target)
        messages.success(request, _("Đã xóa chỉ tiêu «%(text)s».") % {"text": editing_target.text})
        return redirect("programs:edit_targets", plan_id=plan.pk)
    initial = (
        _target_initial(editing_target)
        if editing_target
        else {"target_year": plan.end_year, "group": TargetGroup.ALL, "kind": TargetKind.LEVEL}
    )
    form = TargetForm(request.POST if action == "save" else None, units=units, plan=plan, initial=initial)
    if action == "save" and form.is_valid():
        data = form.cleaned_data
        if editing_target is not None:
            done = call_service(
                form, services.plan_target_update, actor=request.user, target=editing_target, **data
            ).ok
        else:
            done = call_service(form, services.plan_target_add, actor=request.user, plan=plan, **data).ok
        if done:
            messages.success(request, _("Đã lưu chỉ tiêu «%(text)s».") % {"text": data["text"]})
            return redirect("programs:edit_targets", plan_id=plan.pk)
    return section_page(
        request,
        plan,
        "targets",
        "programs/edit_targets.html",
        {"form": form, "targets": targets, "editing": editing_target},
    )


@login_required
def plan_budget(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Projects in the plan's numbering, budget lines by project × source, and the totals the text states."""
    plan = managed_plan(request, plan_id)
    action = request.POST.get("action")
    post = request.POST if request.method == "POST" else None
    projects = plan.projects.select_related("component", "lead_agency").prefetch_related(
        "coordinating_agencies"
    )
    editing = _item(projects, request.POST.get("item") or request.GET.get("du_an"))
    project_form = ProjectForm(
        post if action == "project_add" else None,
        plan=plan,
        initial=_project_initial(editing) if editing else None,
    )
    line_form = BudgetLineForm(post if action == "line_set" else None, plan=plan)
    statement_form = BudgetStatementForm(post if action == "statement_set" else None)
    target = reverse("programs:edit_budget", args=[plan.pk])
    if action == "project_add" and project_form.is_valid():
        data = dict(project_form.cleaned_data)
        data["coordinating_agencies"] = agency_names(data["coordinating_agencies"])
        if editing is not None:
            saved = call_service(
                project_form, services.plan_project_update, actor=request.user, project=editing, **data
            )
        else:
            saved = call_service(
                project_form, services.plan_project_add, actor=request.user, plan=plan, **data
            )
        if saved.ok:
            messages.success(request, _("Đã lưu dự án %(number)s.") % {"number": data["local_number"]})
            return redirect(target)
    elif action == "line_set" and line_form.is_valid():
        data = line_form.cleaned_data
        if call_service(
            line_form,
            services.budget_line_set,
            actor=request.user,
            plan=plan,
            source=data["source"],
            expenditure=data["expenditure"],
            amount=data["amount"],
            project_number=data["project"] or None,
        ).ok:
            messages.success(request, _("Đã lưu dòng kinh phí."))
            return redirect(target)
    elif action == "statement_set" and statement_form.is_valid():
        if call_service(
            statement_form,
            services.budget_statement_set,
            actor=request.user,
            plan=plan,
            **statement_form.cleaned_data,
        ).ok:
            messages.success(request, _("Đã lưu tổng kinh phí theo văn bản."))
            return redirect(target)
    elif action in {"line_remove", "statement_remove"}:
        if action == "line_remove":
            line = _item(plan.budget_lines.all(), request.POST.get("item"))
            removed = call_service(request, services.budget_line_remove, actor=request.user, line=line)
        else:
            statement = _item(plan.budget_statements.all(), request.POST.get("item"))
            removed = call_service(
                request, services.budget_statement_remove, actor=request.user, statement=statement
            )
        if removed.ok:
            messages.success(request, _("Đã xóa."))
        return redirect(target)
    summary = selectors.budget_summary(plan)
    statements = list(plan.budget_statements.all())
    return section_page(
        request,
        plan,
        "budget",
        "programs/edit_budget.html",
        {
            "project_form": project_form,
            "projects": projects,
            "editing_project": editing,
            "line_form": line_form,
            "statement_form": statement_form,
            "lines": plan.budget_lines.select_related("project"),
            "summary": summary,
            "checks": [
                (check, statement, check.computed - check.stated)
                for check, statement in zip(summary.checks, statements, strict=True)
            ],
        },
    )


def _project_initial(project: Any) -> dict[str, Any]:
    return {
        "local_number": project.local_number,
        "local_name": project.local_name,
        "component_code": project.component.code,
        "lead_agency": project.lead_agency.name if project.lead_agency else "",
        "coordinating_agencies": "; ".join(agency.name for agency in project.coordinating_agencies.all()),
        "objective": project.objective,
    }


def _task_initial(task: Any) -> dict[str, Any]:
    return {
        "number": task.number,
        "content": task.content,
        "lead_agency": task.lead_agency.name,
        "coordinating_agencies": "; ".join(agency.name for agency in task.coordinating_agencies.all()),
        "coordination_text": task.coordination_text,
        "product": task.product,
        "timeframe": task.timeframe,
        "due_date": task.due_date,
        "recurrence": task.recurrence,
        "project": task.project.local_number if task.project else "",
    }


@login_required
def plan_tasks(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The task matrix: add, correct (?sua=id), remove; statuses are updated on the plan's dashboard."""
    plan = managed_plan(request, plan_id)
    tasks = plan.tasks.select_related("lead_agency", "project").prefetch_related("coordinating_agencies")
    action = request.POST.get("action")
    task = _item(tasks, request.POST.get("item") or request.GET.get("sua"))
    if action == "remove":
        if call_service(request, services.task_remove, actor=request.user, task=task).ok:
            messages.success(request, _("Đã xóa nhiệm vụ %(number)s.") % {"number": task.number})
        return redirect("programs:edit_tasks", plan_id=plan.pk)
    initial = _task_initial(task) if task else {"number": str(len(tasks) + 1)}
    form = TaskForm(request.POST if action == "save" else None, plan=plan, initial=initial)
    if action == "save" and form.is_valid():
        data = dict(form.cleaned_data)
        data["coordinating_agencies"] = agency_names(data["coordinating_agencies"])
        data["project_number"] = data.pop("project") or None
        if task is not None:
            done = call_service(form, services.task_update, actor=request.user, task=task, **data).ok
        else:
            done = call_service(form, services.task_add, actor=request.user, plan=plan, **data).ok
        if done:
            messages.success(request, _("Đã lưu nhiệm vụ %(number)s.") % {"number": data["number"]})
            return redirect("programs:edit_tasks", plan_id=plan.pk)
    agencies = sorted({task.lead_agency.name for task in tasks})
    return section_page(
        request,
        plan,
        "tasks",
        "programs/edit_tasks.html",
        {"form": form, "tasks": tasks, "editing": task, "agencies": agencies},
    )


@login_required
def plan_calendar(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The reporting calendar: who reports what to whom by which day."""
    plan = managed_plan(request, plan_id)
    rules = plan.reporting_rules.all()
    action = request.POST.get("action")
    rule = _item(rules, request.POST.get("item") or request.GET.get("sua"))
    if action == "remove":
        services.reporting_rule_remove(actor=request.user, rule=rule)
        messages.success(request, _("Đã xóa dòng lịch báo cáo."))
        return redirect("programs:edit_calendar", plan_id=plan.pk)
    initial: dict[str, Any] = {}
    if rule is not None:
        initial = {
            "period": f"{rule.period_kind}-{rule.period_number}",
            "label": rule.label,
            "reporter_level": rule.reporter_level,
            "recipient": rule.recipient,
            "due_day": rule.due_day,
            "due_month": rule.due_month,
            "due_year": rule.due_year,
        }
    form = ReportingRuleForm(request.POST if action == "save" else None, initial=initial)
    if action == "save" and form.is_valid():
        data = dict(form.cleaned_data)
        kind, number = reporting_period_split(data.pop("period"))
        data.update(period_kind=kind, period_number=number)
        if rule is not None:
            done = call_service(
                form, services.reporting_rule_update, actor=request.user, rule=rule, **data
            ).ok
        else:
            done = call_service(form, services.reporting_rule_add, actor=request.user, plan=plan, **data).ok
        if done:
            messages.success(request, _("Đã lưu lịch báo cáo."))
            return redirect("programs:edit_calendar", plan_id=plan.pk)
    return section_page(
        request,
        plan,
        "calendar",
        "programs/edit_calendar.html",
        {"form": form, "rules": rules, "editing": rule},
    )
