"""Administrative geography pages: area switcher, unit tree with counts, unit page, villages, attributes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission, unit_get_for_user
from giamngheo.accounts.area import active_assignment, active_assignment_set
from giamngheo.accounts.roles import Permission
from giamngheo.areas import selectors, services
from giamngheo.areas.forms import AttributeForm, VillageCloseForm, VillageForm
from giamngheo.core.exports import csv_response, xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AttributeKind, Level, Tree
from giamngheo.geo.selectors import unit_ancestors


@login_required
@require_POST
def switch_area(request: HttpRequest) -> HttpResponse:
    """Switch the session to another of the user's assignments, then open its unit."""
    try:
        assignment_id = int(request.POST.get("assignment", ""))
    except ValueError:
        assignment_id = 0
    if not active_assignment_set(request, assignment_id):
        messages.error(request, _("Địa bàn không hợp lệ."))
        return redirect("workspace:home")
    chosen = active_assignment(request)
    if chosen is not None and chosen.unit_id is not None:
        return redirect("areas:unit", unit_id=chosen.unit_id)
    return redirect("workspace:home")


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """Find units of the user's area by name, without accents (HTMX partial or full page)."""
    query = request.GET.get("q", "").strip()
    tree = request.GET.get("tree") or Tree.CURRENT
    units = selectors.unit_list(request.user, tree=tree, search=query) if query else None
    page = Paginator(units, 50).get_page(request.GET.get("page")) if units is not None else None
    template = "areas/_search_results.html" if getattr(request, "htmx", False) else "areas/search.html"
    return render(request, template, {"query": query, "page": page, "tree": tree, "trees": Tree.choices})


def _unit_context(request: HttpRequest, unit_id: int) -> dict[str, object]:
    unit = unit_get_for_user(request.user, unit_id)
    predecessors, successors = selectors.unit_successions(request.user, unit)
    history = list(selectors.unit_attribute_history(request.user, unit))
    current = {row.kind: row for row in history if row.valid_to is None or row.valid_to == unit.valid_to}
    return {
        "unit": unit,
        "ancestors": unit_ancestors(unit),
        "children": selectors.unit_children_with_counts(request.user, unit),
        "attribute_history": history,
        "current_attributes": [(kind, label, current.get(kind)) for kind, label in AttributeKind.choices],
        "predecessors": predecessors,
        "successors": successors,
        "can_manage_villages": unit.level == Level.COMMUNE
        and unit.tree == Tree.CURRENT
        and unit.is_current
        and has_permission(request.user, Permission.MANAGE_VILLAGES, unit),
        "can_edit_attributes": has_permission(
            request.user, Permission.EDIT_UNIT_ATTRIBUTES, unit if unit.tree == Tree.CURRENT else None
        ),
        "village_form": VillageForm(),
        "attribute_form": AttributeForm(),
    }


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit: its children with counts, attributes and their history, predecessors and successors."""
    return render(request, "areas/unit.html", _unit_context(request, unit_id))


@login_required
@require_POST
def village_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Add a village under a commune."""
    commune = unit_get_for_user(request.user, unit_id)
    form = VillageForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            form,
            services.village_create,
            actor=request.user,
            commune=commune,
            name=form.cleaned_data["name"],
            division_type=form.cleaned_data["division_type"],
            code=form.cleaned_data["code"],
        )
        if (village := outcome.value) is not None:
            messages.success(
                request, _("Đã thêm %(name)s.") % {"name": f"{village.division_type} {village.name}"}
            )
            return redirect("areas:unit", unit_id=commune.pk)
    context = _unit_context(request, unit_id)
    context["village_form"] = form
    return render(request, "areas/unit.html", context, status=400)


@login_required
@require_POST
def village_close(request: HttpRequest, unit_id: int) -> HttpResponse:
    """End a village's existence on a date."""
    village = unit_get_for_user(request.user, unit_id)
    form = VillageCloseForm(request.POST)
    if form.is_valid():
        valid_to = form.cleaned_data["valid_to"]
        if call_service(
            request, services.village_close, actor=request.user, village=village, valid_to=valid_to
        ).ok:
            messages.success(request, _("Đã ghi nhận %(name)s hết hiệu lực.") % {"name": village.name})
    else:
        messages.error(request, _("Ngày hết hiệu lực không hợp lệ."))
    return HttpResponseRedirect(reverse("areas:unit", args=[village.parent_id or village.pk]))


@login_required
@require_POST
def attribute_set(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Record a new value of a unit attribute from a date."""
    unit = unit_get_for_user(request.user, unit_id)
    form = AttributeForm(request.POST)
    if (
        form.is_valid()
        and call_service(
            form, services.unit_attribute_set, actor=request.user, unit=unit, **form.cleaned_data
        ).ok
    ):
        messages.success(request, _("Đã cập nhật thuộc tính của %(name)s.") % {"name": unit.name})
        return redirect("areas:unit", unit_id=unit.pk)
    context = _unit_context(request, unit_id)
    context["attribute_form"] = form
    return render(request, "areas/unit.html", context, status=400)


EXPORT_HEADER = (
    "Mã",
    "Tên",
    "Loại",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
)


@login_required
def unit_export(request: HttpRequest, unit_id: int, file_format: str) -> HttpResponseBase:
    """Download the units under a unit (itself included) as XLSX or CSV."""
    unit = unit_get_for_user(request.user, unit_id)
    rows = (
        (
            row.code,
            row.name,
            row.division_type,
            row.get_level_display(),
            row.parent.code if row.parent else "",
            row.parent.name if row.parent else "",
            row.valid_from.strftime("%d/%m/%Y") if row.valid_from else "",
            row.valid_to.strftime("%d/%m/%Y") if row.valid_to else "",
        )
        for row in selectors.unit_subtree(request.user, unit).iterator(chunk_size=2000)
    )
    filename = f"don-vi-{unit.code}.{file_format}"
    if file_format == "csv":
        return csv_response(filename, EXPORT_HEADER, rows)
    return xlsx_response(filename, "Đơn vị hành chính", EXPORT_HEADER, rows)
