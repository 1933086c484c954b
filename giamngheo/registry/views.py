"""Registry pages: household list and page, registration, members, survey entry with live classification."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import (
    assignments_with_permission,
    has_permission,
    require_permission,
    unit_get_for_user,
    units_for_user,
)
from giamngheo.accounts.area import active_assignment
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.registry import personal_ids, selectors, services
from giamngheo.registry.forms import (
    CloseForm,
    HouseholdPlaceForm,
    HouseholdRegisterForm,
    MemberIdentityForm,
    MemberLeaveForm,
    MergeForm,
    SplitForm,
)
from giamngheo.registry.history import round_changes
from giamngheo.registry.models import (
    CATEGORY_LABELS,
    MEMBER_IDENTITY_FIELDS,
    Household,
    HouseholdStatus,
)

PAGE_SIZE = 50


def _villages(user: Any, commune_id: int | None) -> QuerySet[AdminUnit]:
    villages = units_for_user(user).filter(level=Level.VILLAGE, valid_to__isnull=True)
    return villages.filter(parent_id=commune_id).order_by("code") if commune_id else villages.none()


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    """Households of the user's area with search, filters and pagination (HTMX updates the table)."""
    filters = selectors.HouseholdFilter.from_query(request.GET)
    search_error = ""
    try:
        allowed = personal_ids.exact_search_allowed(request.user, filters.search, purpose="household_list")
    except AppError as error:
        search_error, allowed = error.message, False
    filters = dataclasses.replace(filters, by_personal_id=allowed)
    # Read once: the commune filter, the default village list and the register button all use it.
    communes = list(units_for_user(request.user).filter(level=Level.COMMUNE, tree="current").order_by("name"))
    only_commune = communes[0].pk if len(communes) == 1 else None
    villages = _villages(request.user, filters.commune or only_commune)
    if filters.village and filters.commune and not villages.filter(pk=filters.village).exists():
        filters = dataclasses.replace(filters, village=None)  # a village of the commune chosen before
    page = selectors.household_page(request.user, filters, request.GET.get("page"), per_page=PAGE_SIZE)
    context = {
        "page": page,
        "filters": filters,
        "search_error": search_error,
        "communes": communes if len(communes) > 1 else None,
        "villages": villages,
        "categories": CATEGORY_LABELS,
        "statuses": HouseholdStatus.choices,
        "query_string": request.GET.urlencode(),
        "can_register": any(
            has_permission(request.user, Permission.EDIT_HOUSEHOLDS, commune) for commune in communes
        ),
        # Province (or national) campaign managers may re-classify a whole province (docs/registry.md).
        "can_run_province": any(
            assignment.unit is None or assignment.unit.level == Level.PROVINCE
            for assignment in assignments_with_permission(request.user, Permission.MANAGE_CAMPAIGNS)
        ),
    }
    template = (
        "registry/_household_table.html"
        if getattr(request, "htmx", False)
        else "registry/household_list.html"
    )
    return render(request, template, context)


def _detail_context(request: HttpRequest, household: Household) -> dict[str, Any]:
    detail = selectors.household_detail(household)
    shown = personal_ids.personal_ids_for(
        request.user, household, detail["members"], purpose="household_page"
    )
    for member in detail["members"]:
        member.shown_id = shown[member.pk]
    return {
        "household": household,
        **detail,
        "timeline": round_changes(detail["rounds"]),
        "latest": household.latest_assessment,
        "can_edit": household.is_active
        and has_permission(request.user, Permission.EDIT_HOUSEHOLDS, household.village or household.commune),
        "can_request": household.is_active
        and has_permission(request.user, Permission.REVIEW_WORK, household.village or household.commune),
        "today": timezone.localdate(),
        "category_labels": CATEGORY_LABELS,
        "leave_form": MemberLeaveForm(initial={"on": timezone.localdate()}),
    }


def _editable(request: HttpRequest, household_id: int) -> Household:
    """A household of the user's area that they may edit: 404 outside the area, 403 for read-only roles."""
    household = selectors.household_get_for_user(request.user, household_id)
    require_permission(request.user, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    return household


@login_required
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    """A household: members, latest assessment with its explanation, and the history of its surveys."""
    household = selectors.household_get_for_user(request.user, household_id)
    return render(request, "registry/household_detail.html", _detail_context(request, household))


@login_required
def household_register(request: HttpRequest, commune_id: int) -> HttpResponse:
    """Register a new household and its head in a commune."""
    commune = unit_get_for_user(request.user, commune_id)
    form = HouseholdRegisterForm(
        request.POST or None,
        villages=_villages(request.user, commune.pk),
        initial={"registered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        head = {key: data[key] for key in MEMBER_IDENTITY_FIELDS if key != "relation"}  # the head's is "head"
        household = call_service(
            form,
            services.household_register,
            actor=request.user,
            commune=commune,
            village=data["village"],
            head=head,
            address=data["address"],
            residence=data["residence"],
            registered_on=data["registered_on"],
            idempotency_key=data["idempotency_key"],
        ).value
        if household is not None:
            messages.success(request, _("Đã đăng ký hộ %(code)s.") % {"code": household.code})
            return redirect("registry:household", household_id=household.pk)
    return render(
        request,
        "registry/household_register.html",
        {"form": form, "commune": commune},
        status=400 if form.errors else 200,
    )


@login_required
def household_place(request: HttpRequest, household_id: int) -> HttpResponse:
    """Change a household's village, address or residence."""
    household = _editable(request, household_id)
    villages = _villages(request.user, household.commune_id)
    form = HouseholdPlaceForm(
        request.POST or None,
        villages=villages,
        initial={
            "village": household.village_id,
            "address": household.address,
            "residence": household.residence,
            "version": household.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(form, services.household_update, actor=request.user, household=household, **data).ok:
            messages.success(request, _("Đã lưu."))
            return redirect("registry:household", household_id=household.pk)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "household": household, "title": _("Nơi ở của hộ")},
        status=400 if form.errors else 200,
    )


@login_required
def member_form(request: HttpRequest, household_id: int, member_id: int | None = None) -> HttpResponse:
    """Add a member to a household, or correct a member's identity."""
    household = _editable(request, household_id)
    member = (
        selectors.member_get_for_user(request.user, member_id, household=household) if member_id else None
    )
    identity_fields = [name for name in MemberIdentityForm.base_fields if name != "idempotency_key"]
    initial = {field: getattr(member, field) for field in identity_fields} if member else {}
    id_hidden = member is not None and not personal_ids.may_see(request.user, household)
    if member is not None and request.method != "POST":
        initial["personal_id"] = personal_ids.personal_id_for(
            request.user, household, member.personal_id, purpose="member_form"
        )
    form = MemberIdentityForm(request.POST or None, initial=initial)
    form.fields["version"].required = member is not None
    if id_hidden:  # shown masked, read-only; the masked text is never saved
        form.fields["personal_id"].disabled = True
        form.fields["personal_id"].initial = initial["personal_id"] = personal_ids.mask_personal_id(
            member.personal_id if member else ""
        )
        form.fields["personal_id"].help_text = _("Bạn không có quyền xem hoặc sửa số định danh đầy đủ.")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, key = data.pop("version"), data.pop("idempotency_key")
        if id_hidden:
            data.pop("personal_id")
        if member is None:
            saved = call_service(
                form,
                services.member_add,
                actor=request.user,
                household=household,
                idempotency_key=key,
                **data,
            )
        else:
            saved = call_service(
                form, services.member_update, actor=request.user, member=member, version=version, **data
            )
        if saved.ok:
            messages.success(request, _("Đã lưu thông tin thành viên."))
            return redirect("registry:household", household_id=household.pk)
    title = _("Sửa thông tin %(name)s") % {"name": member.full_name} if member else _("Thêm thành viên")
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "household": household, "title": title},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def member_leave(request: HttpRequest, household_id: int, member_id: int) -> HttpResponse:
    """Record that a member moved out or died."""
    household = _editable(request, household_id)
    member = selectors.member_get_for_user(request.user, member_id, household=household)
    form = MemberLeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin không hợp lệ."))
    elif call_service(
        request, services.member_leave, actor=request.user, member=member, **form.cleaned_data
    ).ok:
        messages.success(request, _("Đã ghi nhận %(name)s ra khỏi hộ.") % {"name": member.full_name})
    return redirect("registry:household", household_id=household.pk)


@login_required
def register_start(request: HttpRequest) -> HttpResponse:
    """Choose the commune to register a household in (skipped when the user has only one)."""
    assignment = active_assignment(request)
    communes = units_for_user(request.user).filter(level=Level.COMMUNE, tree="current", valid_to__isnull=True)
    allowed = [
        c
        for c in communes.order_by("name")[:500]
        if has_permission(request.user, Permission.EDIT_HOUSEHOLDS, c)
    ]
    if len(allowed) == 1:
        return redirect("registry:register", commune_id=allowed[0].pk)
    return render(request, "registry/register_start.html", {"communes": allowed, "assignment": assignment})


@login_required
def household_split(request: HttpRequest, household_id: int) -> HttpResponse:
    """Split some members off into a new household."""
    household = _editable(request, household_id)
    members = household.members.filter(is_active=True).order_by("member_no")
    form = SplitForm(
        request.POST or None,
        members=members,
        villages=_villages(request.user, household.commune_id),
        initial={"on": timezone.localdate(), "version": household.version, "village": household.village_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = call_service(
            form,
            services.household_split,
            actor=request.user,
            household=household,
            members=list(data["members"]),
            new_head=data["new_head"],
            village=data["village"],
            address=data["address"],
            on=data["on"],
            version=data["version"],
        ).value
        if new is not None:
            messages.success(request, _("Đã tách hộ; hộ mới có mã %(code)s.") % {"code": new.code})
            return redirect("registry:household", household_id=new.pk)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "household": household, "title": _("Tách hộ")},
        status=400 if form.errors else 200,
    )


@login_required
def household_merge(request: HttpRequest, household_id: int) -> HttpResponse:
    """Merge this household into another household of the same commune."""
    household = _editable(request, household_id)
    form = MergeForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        target = (
            selectors.households_for_user(request.user)
            .filter(code=form.cleaned_data["target_code"].strip(), is_active=True)
            .first()
        )
        if target is None:
            form.add_error("target_code", _("Không tìm thấy hộ có mã này trong địa bàn của bạn."))
        elif call_service(
            form,
            services.household_merge,
            actor=request.user,
            source=household,
            target=target,
            on=form.cleaned_data["on"],
        ).ok:
            messages.success(request, _("Đã nhập hộ vào hộ %(code)s.") % {"code": target.code})
            return redirect("registry:household", household_id=target.pk)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "household": household, "title": _("Nhập vào hộ khác")},
        status=400 if form.errors else 200,
    )


@login_required
def household_close(request: HttpRequest, household_id: int) -> HttpResponse:
    """Record that a household moved away."""
    household = _editable(request, household_id)
    form = CloseForm(request.POST or None, initial={"on": timezone.localdate(), "version": household.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.household_close,
            actor=request.user,
            household=household,
            reason="moved_away",
            on=form.cleaned_data["on"],
            version=form.cleaned_data["version"],
        ).ok
    ):
        messages.success(request, _("Đã ghi nhận hộ chuyển đi."))
        return redirect("registry:household", household_id=household.pk)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "household": household, "title": _("Hộ chuyển đi")},
        status=400 if form.errors else 200,
    )
