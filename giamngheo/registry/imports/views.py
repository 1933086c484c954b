"""Import pages: template download, upload, progress and preview, error file, confirmation."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission, require_permission, unit_get_for_user, units_for_user
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import NotFound
from giamngheo.core.service_calls import call_service
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry import personal_ids
from giamngheo.registry.imports.guard import ImportLimits, megabytes, number
from giamngheo.registry.imports.prefilled import build_prefilled
from giamngheo.registry.imports.selectors import batch_get_for_user, batches_for_user
from giamngheo.registry.imports.services import import_confirm, import_sweep, import_upload
from giamngheo.registry.imports.template import build_template
from giamngheo.registry.models import ImportStatus

PREFILL_LINKS = 200  # communes offered a «phiếu điền sẵn» link on the upload page
RUNNING = (ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.APPLYING)


class UploadForm(forms.Form):
    scope = forms.ModelChoiceField(label=gettext_lazy("Địa bàn của tệp"), queryset=AdminUnit.objects.none())
    file = forms.FileField(label=gettext_lazy("Tệp Excel theo mẫu (.xlsx), hoặc tệp CSV hộ gia đình"))
    members_file = forms.FileField(
        label=gettext_lazy("Tệp CSV thành viên (chỉ khi dùng CSV)"), required=False
    )
    reference_date = forms.DateField(
        label=gettext_lazy("Ngày tham chiếu (tính tuổi, chọn chuẩn nghèo)"), initial=dt.date.today
    )

    def __init__(self, *args: object, scopes: QuerySet[AdminUnit], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["scope"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scopes
        if scopes.count() == 1:
            field.initial = scopes.first()


def _scopes(user: object) -> QuerySet[AdminUnit]:
    units = (
        units_for_user(user)
        .filter(tree=Tree.CURRENT, level__in=[Level.PROVINCE, Level.COMMUNE], valid_to__isnull=True)
        .order_by("level", "name")
    )
    allowed = [unit.pk for unit in units[:5000] if has_permission(user, Permission.IMPORT_HOUSEHOLDS, unit)]
    return AdminUnit.objects.filter(pk__in=allowed).order_by("-level", "name")


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a file for checking; the page lists recent imports of the user's area."""
    scopes = _scopes(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, scopes=scopes)
    if request.method == "POST" and form.is_valid():
        batch = call_service(
            form,
            import_upload,
            actor=request.user,
            scope=form.cleaned_data["scope"],
            upload=form.cleaned_data["file"],
            members_upload=form.cleaned_data["members_file"],
            reference_date=form.cleaned_data["reference_date"],
        ).value
        if batch is not None:
            return redirect("registry:import_batch", batch_id=batch.pk)
    import_sweep()  # jobs of a dead worker show as failed, not «running» forever
    recent = batches_for_user(request.user).order_by("-created_at")[:20]
    limits = ImportLimits.from_settings()
    return render(
        request,
        "registry/import_upload.html",
        {
            "form": form,
            "recent": recent,
            "can_import": scopes.exists(),
            "limit_upload_mb": megabytes(limits.upload_bytes),
            "limit_rows": number(limits.rows),
            "limit_columns": number(limits.columns),
            "prefill_communes": scopes.filter(level=Level.COMMUNE)[:PREFILL_LINKS],
        },
        status=400 if form.errors else 200,
    )


@login_required
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Progress while checking or applying; then the preview, the error file and the confirm button."""
    item = batch_get_for_user(request.user, batch_id)
    if item.status in RUNNING and import_sweep():  # its worker may have died
        item = batch_get_for_user(request.user, batch_id)
    context = {
        "batch": item,
        "running": item.status in RUNNING,
        "can_download_errors": item.uploaded_by_id == request.user.pk
        or personal_ids.may_see_in(request.user, item.scope),
        "can_confirm": item.status == ImportStatus.VALIDATED
        and has_permission(request.user, Permission.IMPORT_HOUSEHOLDS, item.scope),
    }
    if getattr(request, "htmx", False):
        return render(request, "registry/_import_status.html", context)
    return render(request, "registry/import_batch.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Apply a checked file (in the background)."""
    item = batch_get_for_user(request.user, batch_id)
    call_service(request, import_confirm, actor=request.user, batch=item)
    return redirect("registry:import_batch", batch_id=item.pk)


@login_required
def error_file(request: HttpRequest, batch_id: int) -> HttpResponseBase:
    """Download the uploaded rows with the «Lỗi» column: the uploader's, or an ID viewer's of the place."""
    item = batch_get_for_user(request.user, batch_id)
    owner = item.uploaded_by_id == request.user.pk
    if not item.error_file or not (owner or personal_ids.may_see_in(request.user, item.scope)):
        raise NotFound()
    audit_record(
        actor=request.user, action=AuditAction.IMPORT_ERROR_FILE, obj=item, after={"file": item.original_name}
    )
    return FileResponse(
        item.error_file.open("rb"),
        as_attachment=True,
        filename=f"loi-{item.original_name.rsplit('.', 1)[0]}.xlsx",
    )


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The Excel template with instructions and drop-down lists."""
    response = HttpResponse(
        build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'
    return response


@login_required
def prefilled(request: HttpRequest, commune_id: int) -> HttpResponse:
    """The «phiếu điền sẵn» of a commune: its households in the template, to edit and upload again."""
    commune = unit_get_for_user(request.user, commune_id)
    if commune.level != Level.COMMUNE:
        raise NotFound()
    require_permission(request.user, Permission.IMPORT_HOUSEHOLDS, commune)
    response = HttpResponse(
        build_prefilled(request.user, commune),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = f"{timezone.localdate():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="phieu-dien-san-{commune.code}-{stamp}.xlsx"'
    return response


__all__ = ["_"]
