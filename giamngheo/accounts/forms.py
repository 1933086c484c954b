"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import units_for_user
from giamngheo.accounts.roles import Role
from giamngheo.core.audit import AuditAction
from giamngheo.geo.models import AdminUnit, Level, Tree


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class AreaUnitField(forms.TypedChoiceField):
    """A choice among the user's current units of some levels (provinces first, then by name).

    Call `limit_to(user, levels)` in the form's `__init__`; the cleaned value is the AdminUnit itself, and a
    unit outside the user's area is not a valid choice.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)
        self.units: dict[int, AdminUnit] = {}

    def limit_to(self, user: Any, levels: list[str]) -> None:
        units = units_for_user(user).filter(tree=Tree.CURRENT, level__in=levels, valid_to__isnull=True)
        ordered = sorted(
            units.only("pk", "name", "level", "code", "province"),
            key=lambda u: (u.level != Level.PROVINCE, u.name),
        )
        self.units = {unit.pk: unit for unit in ordered}
        self.choices = [(pk, unit.name) for pk, unit in self.units.items()]

    def clean(self, value: Any) -> AdminUnit:
        return self.units[super().clean(value)]


class UnitChoiceField(forms.ModelChoiceField[AdminUnit]):
    def label_from_instance(self, obj: AdminUnit) -> str:
        parent = f" — {obj.parent.name}" if obj.parent is not None and obj.level != Level.PROVINCE else ""
        return f"{obj.name}{parent} ({obj.code})"


class AssignmentForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = UnitChoiceField(
        label=_("Địa bàn"),
        queryset=AdminUnit.objects.none(),
        required=False,
        empty_label=_("Toàn quốc"),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if units is not None:
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, UnitChoiceField)
            unit_field.queryset = (
                units.filter(tree=Tree.CURRENT, valid_to__isnull=True)
                .select_related("parent")
                .order_by("level", "code")
            )


class UserCreateForm(AssignmentForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    organization = forms.CharField(label=_("Cơ quan, đơn vị"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput,
        help_text=_("Ít nhất 10 ký tự, không toàn chữ số"),
    )
    field_order = ["username", "full_name", "organization", "email", "phone", "password", "role", "unit"]


class UserUpdateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    organization = forms.CharField(label=_("Cơ quan, đơn vị"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False)
    password = forms.CharField(
        label=_("Đặt mật khẩu mới"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Để trống nếu không đổi"),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên gợi nhớ (hệ thống sẽ dùng mã)"), max_length=128)


class AuditFilterForm(forms.Form):
    """Filters of the audit log: who, which action, which unit, from and to which day."""

    who = forms.CharField(label=_("Người thực hiện"), required=False, max_length=128)
    action = forms.ChoiceField(
        label=_("Thao tác"), required=False, choices=[("", _("Tất cả thao tác")), *AuditAction.choices]
    )
    unit = forms.CharField(label=_("Địa bàn"), required=False, max_length=128)
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("«Đến ngày» phải sau «Từ ngày»."))
        return cleaned
