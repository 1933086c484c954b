"""The one way a view calls a service: run it, and turn an AppError into a form error or a page message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from giamngheo.core.errors import AppError, NotFound, PermissionDenied
from giamngheo.core.forms import add_app_error


@dataclass(frozen=True)
class Outcome[T]:
    """What a service call gave: its value when it succeeded, the error shown to the user when not."""

    value: T | None = None
    error: AppError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def call_service[T](
    on: forms.BaseForm | HttpRequest, service: Callable[..., T], /, **kwargs: Any
) -> Outcome[T]:
    """Run `service(**kwargs)`; an AppError goes onto the form (next to its field) or into the page messages.

    NotFound and PermissionDenied are not messages: they propagate, and the middleware answers 404 / 403
    as it does for every other lookup or permission check.

    Example::

        outcome = call_service(form, services.household_register, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("registry:household", household_id=outcome.value.pk)
    """
    try:
        return Outcome(value=service(**kwargs))
    except (NotFound, PermissionDenied):
        raise
    except AppError as error:
        if isinstance(on, forms.BaseForm):
            add_app_error(on, error)
        else:
            messages.error(on, error.message)
        return Outcome(error=error)


def record_from_form(
    request: HttpRequest, form: forms.BaseForm, service: Callable[..., Any], /, *, done: str, invalid: str,
    **kwargs: Any,
) -> None:  # fmt: skip
    """A small posted form recorded by a service: the form's values plus `kwargs`; `done` as the page's
    message when it succeeded, `invalid` when the form itself was not filled in right."""
    if not form.is_valid():
        messages.error(request, invalid)
        return
    if call_service(request, service, **kwargs, **form.cleaned_data).ok:
        messages.success(request, done)
