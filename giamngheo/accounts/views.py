"""Account pages: sign in and out, own profile and API tokens, user administration, audit log."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts import selectors, services
from giamngheo.accounts.access import assignments_with_permission, has_permission, require_permission, scope_q
from giamngheo.accounts.audit_links import audit_changes, object_url
from giamngheo.accounts.forms import (
    AssignmentForm,
    AuditFilterForm,
    LoginForm,
    TokenForm,
    UserCreateForm,
    UserUpdateForm,
)
from giamngheo.accounts.models import ApiToken, User
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.core.services import masked_personal_ids
from giamngheo.geo.models import AdminUnit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own page: areas, password, API tokens."""
    me = cast(User, request.user)
    password_form = PasswordChangeForm(me, request.POST or None, prefix="pw")
    token_form = TokenForm(prefix="token")
    new_token = None
    if request.method == "POST" and "pw-old_password" in request.POST and password_form.is_valid():
        user = password_form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:profile")
    if request.method == "POST" and "token-name" in request.POST:
        token_form = TokenForm(request.POST, prefix="token")
        if token_form.is_valid():
            _token, new_token = services.api_token_create(
                actor=me, user=me, name=token_form.cleaned_data["name"]
            )
            token_form = TokenForm(prefix="token")
    tokens = ApiToken.objects.filter(user=me).order_by("-created_at")
    return render(
        request,
        "accounts/profile.html",
        {"password_form": password_form, "token_form": token_form, "tokens": tokens, "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    token = selectors.api_token_get_for_user(request.user, token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã truy cập %(prefix)s…") % {"prefix": token.prefix})
    return redirect("accounts:profile")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    """Users the actor manages, searchable."""
    require_permission(request.user, Permission.MANAGE_USERS)
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.users_for_user(request.user, search=query), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/user_list.html", {"page": page, "query": query})


def _manageable_units(request: HttpRequest) -> QuerySet[AdminUnit]:
    """Units the actor may hand out: those inside the areas where they manage users."""
    managing = assignments_with_permission(request.user, Permission.MANAGE_USERS)
    inside = scope_q(request.user, province="province", commune="commune", village="id", assignments=managing)
    return AdminUnit.objects.filter(inside)


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    """Create a user together with their first area assignment."""
    require_permission(request.user, Permission.MANAGE_USERS)
    form = UserCreateForm(request.POST or None, units=_manageable_units(request))
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, services.user_create, actor=request.user, **form.cleaned_data)
        if outcome.value is not None:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": outcome.value.username})
            return redirect("accounts:user_detail", user_id=outcome.value.pk)
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """Edit a user and their area assignments."""
    require_permission(request.user, Permission.MANAGE_USERS)
    managed = selectors.user_get_for_user(request.user, user_id)
    initial = {
        "full_name": managed.full_name,
        "organization": managed.organization,
        "email": managed.email,
        "phone": managed.phone,
        "is_active": managed.is_active,
    }
    form = UserUpdateForm(request.POST if "full_name" in request.POST else None, initial=initial)
    assignment_form = AssignmentForm(
        request.POST if "role" in request.POST else None, units=_manageable_units(request), prefix=None
    )
    if form.is_bound and form.is_valid():
        updated = call_service(
            form, services.user_update, actor=request.user, user=managed, **form.cleaned_data
        )
        if updated.ok:
            messages.success(request, _("Đã lưu thông tin người dùng."))
            return redirect("accounts:user_detail", user_id=managed.pk)
    elif assignment_form.is_bound and assignment_form.is_valid():
        data = assignment_form.cleaned_data
        added = call_service(
            assignment_form, services.assignment_add, actor=request.user, user=managed, **data
        )
        if added.ok:
            messages.success(request, _("Đã giao địa bàn."))
            return redirect("accounts:user_detail", user_id=managed.pk)
    assignments = managed.assignments.select_related("unit", "created_by").order_by("-is_active", "role")
    status = 400 if form.errors or assignment_form.errors else 200
    return render(
        request,
        "accounts/user_detail.html",
        {"managed": managed, "form": form, "assignment_form": assignment_form, "assignments": assignments},
        status=status,
    )


@login_required
@require_POST
def assignment_revoke(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """End one of a managed user's assignments."""
    require_permission(request.user, Permission.MANAGE_USERS)
    assignment = selectors.assignment_get_for_user(request.user, assignment_id)
    if call_service(request, services.assignment_revoke, actor=request.user, assignment=assignment).ok:
        messages.success(request, _("Đã thu hồi phân công."))
    return redirect("accounts:user_detail", user_id=assignment.user_id)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The audit log of the actor's area."""
    require_permission(request.user, Permission.VIEW_AUDIT)
    form = AuditFilterForm(request.GET)
    filters = selectors.AuditFilter(**form.cleaned_data) if form.is_valid() else None
    events = selectors.audit_events_for_user(
        request.user,
        object_type=request.GET.get("type", ""),
        object_id=request.GET.get("id", ""),
        filters=filters,
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    permissions = (
        {Permission.MANAGE_USERS} if has_permission(request.user, Permission.MANAGE_USERS) else set()
    )
    rows = []
    for event in page:  # events written before IDs were stored masked are shown masked too
        before, after = masked_personal_ids(event.before), masked_personal_ids(event.after)
        url = object_url(event.object_type, event.object_id, {str(p) for p in permissions})
        rows.append((event, url, audit_changes(before, after)))
    return render(request, "accounts/audit.html", {"page": page, "rows": rows, "form": form})
