"""Beneficiary lists: propose for a commune, select and set amounts, approve, print the payment list."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import NotFound
from giamngheo.core.service_calls import call_service
from giamngheo.core.services import audit_record
from giamngheo.registry import personal_ids
from giamngheo.support import selectors
from giamngheo.support.exports import payment_list
from giamngheo.support.forms import ApproveForm, EntryForm, ListImportForm, ListProposeForm
from giamngheo.support.list_import import beneficiary_list_import
from giamngheo.support.models import ListStatus
from giamngheo.support.services.lists import (
    beneficiary_entry_update,
    beneficiary_list_approve,
    beneficiary_list_cancel,
    beneficiary_list_propose,
)
from giamngheo.support.views._common import (
    document_response,
    user_budget_lines,
    user_communes,
    user_support_types,
)

PAGE_SIZE = 100


def _index_context(request: HttpRequest) -> dict[str, Any]:
    lists = (
        selectors.lists_for_user(request.user)
        .select_related("support_type", "commune")
        .order_by("-year", "-id")
    )
    communes = list(user_communes(request.user))
    today = timezone.localdate()
    initial = {
        "year": today.year,
        "reference_date": today,
        "commune": communes[0] if len(communes) == 1 else None,
    }
    types, choices = user_support_types(request.user), user_communes(request.user)
    return {
        "page": Paginator(lists, 50).get_page(request.GET.get("page")),
        "form": ListProposeForm(
            initial=initial,
            support_types=types,
            communes=choices,
            budget_lines=user_budget_lines(request.user),
        ),
        "import_form": ListImportForm(initial=initial, support_types=types, communes=choices),
        "can_propose": any(has_permission(request.user, Permission.MANAGE_SUPPORT, c) for c in communes[:50]),
    }


@login_required
def list_index(request: HttpRequest) -> HttpResponse:
    """The lists of the user's area, newest first, with forms to propose a list or import one."""
    return render(request, "support/list_index.html", _index_context(request))


@login_required
@require_POST
def list_propose(request: HttpRequest) -> HttpResponse:
    """Propose a list: every household (member) of the commune judged by the rules."""
    form = ListProposeForm(
        request.POST,
        support_types=user_support_types(request.user),
        communes=user_communes(request.user),
        budget_lines=user_budget_lines(request.user),
    )
    if form.is_valid():
        created = call_service(form, beneficiary_list_propose, actor=request.user, **form.cleaned_data).value
        if created is not None:
            messages.success(request, _("Đã lập danh sách; hãy kiểm tra và chọn đối tượng."))
            return redirect("support:list", list_id=created.pk)
    return render(request, "support/list_index.html", _index_context(request) | {"form": form}, status=400)


@login_required
@require_POST
def list_import(request: HttpRequest) -> HttpResponse:
    """Create a draft list from an agency's file; every error is listed, nothing is written on error."""
    form = ListImportForm(
        request.POST,
        request.FILES,
        support_types=user_support_types(request.user),
        communes=user_communes(request.user),
    )
    errors: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        upload = data.pop("file")
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".xlsx", ".csv"}:
            form.add_error("file", _("Chỉ nhận tệp .xlsx hoặc .csv."))
        else:
            with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
                handle.flush()
                imported = call_service(
                    form,
                    beneficiary_list_import,
                    actor=request.user,
                    path=Path(handle.name),
                    file_name=upload.name,
                    **data,
                )
            if imported.value is not None:
                messages.success(request, _("Đã nhập danh sách; hãy kiểm tra rồi trình phê duyệt."))
                return redirect("support:list", list_id=imported.value.pk)
            if imported.error is not None:
                errors = str(imported.error.details.get("errors", "")).splitlines()
    context = _index_context(request) | {"import_form": form, "import_errors": errors}
    return render(request, "support/list_index.html", context, status=400)


@login_required
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    """A list with each entry's verdict and reason; selection while draft; approval for the chair."""
    beneficiary_list = selectors.list_get_for_user(request.user, list_id)
    entries = beneficiary_list.entries.select_related("household", "household__village", "member")
    only = request.GET.get("chi", "")
    if only == "du-dieu-kien":
        entries = entries.filter(eligible=True)
    elif only == "khong-du":
        entries = entries.filter(eligible=False)
    page = Paginator(entries.order_by("household__code", "member__member_no"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    draft = beneficiary_list.status == ListStatus.DRAFT
    counts = {
        "total": beneficiary_list.entries.count(),
        "eligible": beneficiary_list.entries.filter(eligible=True).count(),
        "selected": beneficiary_list.entries.filter(selected=True).count(),
    }
    context = {
        "list": beneficiary_list,
        "page": page,
        "only": only,
        "counts": counts,
        "can_select": draft
        and has_permission(request.user, Permission.MANAGE_SUPPORT, beneficiary_list.commune),
        "can_approve": draft
        and has_permission(request.user, Permission.APPROVE_SUPPORT, beneficiary_list.commune),
        "approve_form": ApproveForm(
            initial={"version": beneficiary_list.version, "decided_on": timezone.localdate()}
        ),
        "can_print": beneficiary_list.status == ListStatus.APPROVED,
    }
    return render(request, "support/list_detail.html", context)


@login_required
@require_POST
def entry_update(request: HttpRequest, list_id: int, entry_id: int) -> HttpResponse:
    """Select or unselect one entry and set its amount (the row is redrawn with HTMX)."""
    entry = selectors.entry_get_for_user(request.user, list_id, entry_id)
    beneficiary_list = entry.list
    form = EntryForm(request.POST)
    if form.is_valid():
        call_service(form, beneficiary_entry_update, actor=request.user, entry=entry, **form.cleaned_data)
    error_message = " ".join(str(message) for errors in form.errors.values() for message in errors)
    entry.refresh_from_db()
    context = {"entry": entry, "list": beneficiary_list, "can_select": True, "error": error_message}
    return render(request, "support/_entry_row.html", context, status=400 if error_message else 200)


@login_required
@require_POST
def list_approve(request: HttpRequest, list_id: int) -> HttpResponse:
    """The commune chair approves the list with the decision's number and date."""
    beneficiary_list = selectors.list_get_for_user(request.user, list_id)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số và ngày ký quyết định."))
        return redirect("support:list", list_id=beneficiary_list.pk)
    if call_service(
        request,
        beneficiary_list_approve,
        actor=request.user,
        beneficiary_list=beneficiary_list,
        **form.cleaned_data,
    ).ok:
        messages.success(request, _("Đã phê duyệt danh sách."))
    return redirect("support:list", list_id=beneficiary_list.pk)


@login_required
@require_POST
def list_cancel(request: HttpRequest, list_id: int) -> HttpResponse:
    beneficiary_list = selectors.list_get_for_user(request.user, list_id)
    version = request.POST.get("version", "0")
    if not version.isdigit():
        messages.error(request, _("Dữ liệu không hợp lệ."))
    elif call_service(
        request,
        beneficiary_list_cancel,
        actor=request.user,
        beneficiary_list=beneficiary_list,
        version=int(version),
    ).ok:
        messages.success(request, _("Đã hủy danh sách."))
    return redirect("support:list", list_id=beneficiary_list.pk)


@login_required
def list_payment(request: HttpRequest, list_id: int, file_format: str) -> HttpResponseBase:
    """The payment or handover list of an approved list, with a signature column, as XLSX or PDF.

    Personal IDs are printed in full only for users allowed to see them in that commune, or for the lead
    agency of a support type whose policy needs them (health-insurance cards, loans); printing is audited.
    """
    beneficiary_list = selectors.list_get_for_user(request.user, list_id)
    if beneficiary_list.status != ListStatus.APPROVED:
        raise NotFound()
    full = personal_ids.may_see_in(request.user, beneficiary_list.commune) or selectors.agency_sees_full_ids(
        request.user, beneficiary_list
    )
    document = payment_list(
        beneficiary_list,
        lambda member: member.personal_id if full else personal_ids.mask_personal_id(member.personal_id),
    )
    audit_record(
        actor=request.user,
        action=AuditAction.SUPPORT_LIST_PRINT,
        obj=beneficiary_list,
        after={"format": file_format, "rows": len(document.rows), "full_personal_ids": full},
    )
    if full:
        personal_ids.personal_ids_read(
            request.user, obj=beneficiary_list, purpose="payment_list", count=len(document.rows)
        )
    return document_response(document, f"danh-sach-chi-tra-{beneficiary_list.pk}", file_format)
