from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from giamngheo.core.errors import AppError, ErrorCode, NotFound, PermissionDenied
from giamngheo.core.service_calls import call_service


class NameForm(forms.Form):
    name = forms.CharField()


def refuse(**_: object) -> None:
    raise AppError(ErrorCode.INVALID, "Tên không hợp lệ.", field="name")


def test_success_returns_the_value():
    outcome = call_service(NameForm({"name": "a"}), lambda *, x: x * 2, x=21)
    assert (outcome.ok, outcome.value, outcome.error) == (True, 42, None)


def test_an_error_goes_next_to_its_field():
    form = NameForm({"name": "a"})
    assert form.is_valid()
    outcome = call_service(form, refuse)
    assert not outcome.ok and outcome.error.code == ErrorCode.INVALID
    assert form.errors == {"name": ["Tên không hợp lệ."]}


@pytest.mark.django_db
def test_without_a_form_the_error_becomes_a_page_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    outcome = call_service(request, refuse)
    assert not outcome.ok
    assert [str(m) for m in get_messages(request)] == ["Tên không hợp lệ."]


@pytest.mark.parametrize("error", [NotFound(), PermissionDenied()])
def test_not_found_and_permission_denied_propagate_to_the_middleware(error):
    form = NameForm({"name": "a"})
    assert form.is_valid()

    def service() -> None:
        raise error

    with pytest.raises(type(error)):
        call_service(form, service)
    assert form.errors == {}
