"""Pages where a province manager creates (secret shown once), lists and revokes service tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.api import tokens
from giamngheo.api.forms import ServiceTokenForm
from giamngheo.core.service_calls import call_service


@login_required
def service_token_list(request: HttpRequest) -> HttpResponse:
    """The tokens bound inside the manager's area, and the form to create one."""
    require_permission(request.user, Permission.MANAGE_USERS)
    form = ServiceTokenForm(request.POST or None, user=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, tokens.service_token_create, actor=request.user, **form.cleaned_data)
        if outcome.value is not None:
            _token, secret = outcome.value
            form = ServiceTokenForm(user=request.user)
    rows = tokens.service_tokens_for_user(request.user).order_by("-created_at")
    return render(
        request,
        "api/service_tokens.html",
        {"form": form, "tokens": rows, "secret": secret, "now": timezone.now()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def service_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = tokens.service_token_get_for_user(request.user, token_id)
    tokens.service_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã truy cập %(prefix)s…") % {"prefix": token.prefix})
    return redirect("service_tokens:list")
