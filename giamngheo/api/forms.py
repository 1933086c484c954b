"""The form a province manager fills to hand a service token to an agency or a partner system."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import assignments_with_permission, scope_q
from giamngheo.accounts.forms import AreaUnitField
from giamngheo.accounts.roles import Permission
from giamngheo.api.scopes import Scope
from giamngheo.api.tokens import max_days
from giamngheo.geo.models import Level
from giamngheo.programs.models import Agency


class OptionalUnitField(AreaUnitField):
    """An area-unit choice that may be left empty (the token is then bound to an agency)."""

    def clean(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        return super().clean(value)


class ServiceTokenForm(forms.Form):
    name = forms.CharField(label=_("Tên hệ thống hoặc cơ quan dùng mã"), max_length=128)
    unit = OptionalUnitField(label=_("Gắn với địa bàn"), required=False)
    agency = forms.ModelChoiceField(
        label=_("hoặc gắn với cơ quan"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Mã gắn với cơ quan chỉ thấy danh sách, sổ hỗ trợ và báo cáo của cơ quan đó"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Quyền"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_on = forms.DateField(
        label=_("Hết hạn sau ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(OptionalUnitField, self.fields["unit"])
        unit.limit_to(user, [Level.PROVINCE, Level.COMMUNE])
        unit.choices = [("", "—"), *list(unit.choices)]  # type: ignore[arg-type]
        managing = assignments_with_permission(user, Permission.MANAGE_USERS)
        agencies = Agency.objects.filter(scope_q(user, province="province", assignments=managing))
        self.fields["agency"].queryset = agencies.select_related("province").order_by("province", "name")  # type: ignore[attr-defined]
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=min(90, max_days()))
        self.fields["expires_on"].help_text = _("Tối đa %(days)d ngày kể từ hôm nay") % {"days": max_days()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("unit")) == bool(data.get("agency")) and not self.errors:
            raise forms.ValidationError(_("Chọn đúng một: một địa bàn hoặc một cơ quan."))
        return data
