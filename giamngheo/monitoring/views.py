"""Pages of monitoring: indicators, reporting rounds with status per unit, reports with their workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import assignments_with_permission, has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.forms import REPORTING_PERIODS, reporting_period_split
from giamngheo.core.models import Period
from giamngheo.core.service_calls import call_service
from giamngheo.core.services import period_get_or_create
from giamngheo.geo.models import Level
from giamngheo.monitoring import exports, selectors, services
from giamngheo.monitoring.content import report_figures
from giamngheo.monitoring.documents import FORM_CODES, TABLE_FORMS, forms_data, framework_for
from giamngheo.monitoring.forms import AnnotationForm, DecisionForm, DocumentForm, RoundForm, ValueForm
from giamngheo.monitoring.models import ReportStatus
from giamngheo.programs.models import Indicator, Plan, PlanProject
from giamngheo.programs.selectors import plan_get_for_user, plan_list


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The indicator catalogue: how each indicator is obtained."""
    return render(request, "monitoring/indicator_list.html", {"indicators": Indicator.objects.all()})


def _plan_period(request: HttpRequest, plan: Plan) -> Period:
    """The period chosen on the plan page ("nam", "ky") within the plan's years; the whole year by default."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = timezone.localdate().year
    choice = request.GET.get("ky", "")
    if choice not in {value for value, _label in REPORTING_PERIODS}:
        choice = "year-1"
    kind, number = reporting_period_split(choice)
    return selectors.period_find(min(max(year, plan.start_year), plan.end_year), kind, number)


@login_required
def plan_results(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan's targets against actuals for a period, with the lagging ones; loaded into the plan page."""
    plan = plan_get_for_user(request.user, plan_id)
    period = _plan_period(request, plan)
    rows = selectors.plan_achievement(plan, period)
    context = {
        "plan": plan,
        "period": period,
        "years": range(plan.start_year, plan.end_year + 1),
        "rows": rows,
        "lagging": selectors.lagging_targets(rows),
        "counts": selectors.status_counts(rows),
        # the home page asks for the summary: the counts and the worst targets; the table stays on the plan
        "summary": request.GET.get("tom-tat") == "1",
    }
    template = (
        "monitoring/_plan_results.html" if getattr(request, "htmx", False) else "monitoring/plan_results.html"
    )
    return render(request, template, context)


def _manageable_provinces(request: HttpRequest) -> list[Any]:
    return [
        a.unit
        for a in assignments_with_permission(request.user, Permission.MANAGE_PLANS)
        if a.unit is not None and a.unit.level == Level.PROVINCE
    ]


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """Reporting rounds of the user's provinces; province officers open new ones."""
    provinces = _manageable_provinces(request)
    form = None
    if provinces:
        plans = [
            (plan.pk, f"{plan.number} — {plan.years}")
            for plan in plan_list(request.user).filter(province__in=provinces)
        ]
        projects = [
            (project.pk, f"{project.plan.number} — {project.local_number} {project.local_name}"[:120])
            for project in PlanProject.objects.filter(
                plan__in=plan_list(request.user).filter(province__in=provinces)
            ).select_related("plan")
        ]
        form = RoundForm(
            request.POST or None, plans=plans, projects=projects, initial={"year": timezone.localdate().year}
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            kind, number = reporting_period_split(data["period"])
            plan = plan_list(request.user).filter(pk=data["plan"]).first() if data["plan"] else None
            project = (
                PlanProject.objects.filter(plan=plan, pk=data["project"]).first()
                if plan is not None and data["project"]
                else None
            )
            period = call_service(form, period_get_or_create, year=data["year"], kind=kind, number=number)
            if period.value is not None:
                created = call_service(
                    form,
                    services.round_open,
                    actor=request.user,
                    province=provinces[0],
                    period=period.value,
                    plan=plan,
                    commune_due=data["commune_due"],
                    agency_due=data["agency_due"],
                    province_due=data["province_due"],
                    from_year=data["from_year"],
                    kind=data["kind"],
                    title=data["title"],
                    request=data["request"],
                    project=project,
                ).value
                if created is not None:
                    messages.success(request, _("Đã mở đợt báo cáo %(period)s.") % {"period": created.label})
                    return redirect("monitoring:round_detail", round_id=created.pk)
    rounds = list(selectors.round_list(request.user))
    return render(request, "monitoring/round_list.html", {"rounds": rounds, "form": form})


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    """A round: every unit's report with its status and timeliness; completeness and timeliness rates."""
    reporting_round = selectors.round_get_for_user(request.user, round_id)
    reports = list(selectors.report_list(request.user, reporting_round))
    today = timezone.localdate()
    rows = [
        (report, selectors.report_timeliness(report, today), selectors.days_late(report, today))
        for report in reports
    ]
    return render(
        request,
        "monitoring/round_detail.html",
        {
            "round": reporting_round,
            "rows": rows,
            "progress": selectors.round_progress(reports),
            "agency_progress": selectors.round_progress(reports, agencies=True),
            "labels": selectors.TIMELINESS_LABELS,
        },
    )


def _report_context(request: HttpRequest, report: Any) -> dict[str, Any]:
    user = request.user
    can_write = services.can_write(user, report)
    can_decide = services.can_decide(user, report)
    return {
        "report": report,
        "figures": report_figures(report),
        "transitions": report.transitions.select_related("actor"),
        "can_write": can_write and not report.is_locked,
        "can_document": can_write,
        "can_enter": report.agency_id is None
        and has_permission(user, Permission.ENTER_INDICATORS, report.unit)
        and not report.is_locked,
        "can_submit": can_write and report.status in {ReportStatus.DRAFT, ReportStatus.RETURNED},
        "can_decide": can_decide and report.status == ReportStatus.SUBMITTED,
        "annotation_form": AnnotationForm(
            initial={
                "summary": report.summary,
                "difficulties": report.difficulties,
                "proposals": report.proposals,
                "version": report.version,
            }
        ),
        "value_form": ValueForm(),
        "document_form": DocumentForm(instance=report),
        "forms": [
            (
                code,
                forms_data()["form"][code]["label"],
                code in TABLE_FORMS,
                forms_data()["form"][code]["subject"].replace(" {period}", ""),
                forms_data()["form"][code].get("confidence") == "unconfirmed",
            )
            for code in FORM_CODES
        ],
        "framework": framework_for(report.round.period.year),
        "decision_form": DecisionForm(initial={"version": report.version}),
        "timeliness": selectors.TIMELINESS_LABELS[selectors.report_timeliness(report)],
        "days_late": selectors.days_late(report),
    }


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """A report: figures generated from data (frozen once sent), annotations, entry, workflow."""
    report = selectors.report_get_for_user(request.user, report_id)
    return render(request, "monitoring/report_detail.html", _report_context(request, report))


# The workflow actions of a report: the service that moves it and the message once it moved.
DECISIONS: dict[str, tuple[Callable[..., Any], Any]] = {
    "submit": (services.report_submit, gettext_lazy("Đã gửi báo cáo lên cấp trên.")),
    "approve": (services.report_approve, gettext_lazy("Đã duyệt báo cáo của %(unit)s.")),
    "return": (services.report_return, gettext_lazy("Đã trả lại báo cáo của %(unit)s.")),
}


@login_required
@require_POST
def report_action(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    """Annotate, enter a value, submit, approve or return a report."""
    report = selectors.report_get_for_user(request.user, report_id)
    if action == "annotate":
        form = AnnotationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nội dung báo cáo không hợp lệ."))
        elif call_service(
            request, services.report_annotate, actor=request.user, report=report, **form.cleaned_data
        ).ok:
            messages.success(request, _("Đã lưu nội dung báo cáo."))
    elif action == "value":
        value_form = ValueForm(request.POST)
        if not value_form.is_valid():
            field, errors = next(iter(value_form.errors.items()))
            messages.error(request, f"{value_form.fields[field].label}: {errors[0]}")
        elif call_service(
            request,
            services.indicator_value_set,
            actor=request.user,
            unit=report.unit,
            period=report.round.period,
            **value_form.cleaned_data,
        ).ok:
            messages.success(
                request, _("Đã ghi số liệu %(name)s.") % {"name": value_form.cleaned_data["indicator"].name}
            )
    elif action == "document":
        document_form = DocumentForm(
            request.POST, instance=selectors.report_get_for_user(request.user, report_id)
        )
        if not document_form.is_valid():
            field, errors = next(iter(document_form.errors.items()))
            messages.error(request, f"{document_form.fields[field].label}: {errors[0]}")
        elif call_service(
            request,
            services.report_document_set,
            actor=request.user,
            report=report,
            data=document_form.cleaned_data,
        ).ok:
            messages.success(request, _("Đã lưu số, ngày, nơi nhận và người ký của văn bản."))
    elif action in DECISIONS:
        service, done = DECISIONS[action]
        version = int(request.POST.get("version") or 0) or None
        comment = {} if action == "submit" else {"comment": request.POST.get("comment", "").strip()}
        if call_service(request, service, actor=request.user, report=report, version=version, **comment).ok:
            messages.success(request, str(done) % {"unit": report.reporter})
    return redirect("monitoring:report_detail", report_id=report.pk)


@login_required
def report_export(request: HttpRequest, report_id: int, file_format: str) -> HttpResponseBase:
    """Download a report as XLSX or PDF."""
    report = selectors.report_get_for_user(request.user, report_id)
    if file_format == "pdf":
        return exports.report_pdf(report)
    return exports.report_xlsx(report)


@login_required
def round_export(request: HttpRequest, round_id: int) -> HttpResponseBase:
    """Download the status of every report of a round (completeness and timeliness) as XLSX."""
    reporting_round = selectors.round_get_for_user(request.user, round_id)
    return exports.round_xlsx(reporting_round, list(selectors.report_list(request.user, reporting_round)))


DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": exports.XLSX,
}


@login_required
def report_document(request: HttpRequest, report_id: int, form: str, file_format: str) -> HttpResponseBase:
    """Download a report as a Circular 10/2022 form (Mẫu 01, 02; Biểu 01, 02) in PDF, .docx or (Biểu) xlsx."""
    report = selectors.report_get_for_user(request.user, report_id)
    known = form in FORM_CODES and file_format in DOCUMENT_TYPES
    if not known or (file_format == "xlsx" and form not in TABLE_FORMS):
        raise Http404
    return exports.report_document_response(report, form, file_format, DOCUMENT_TYPES[file_format])
