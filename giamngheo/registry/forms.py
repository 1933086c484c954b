"""Forms of the registry pages; choices come from the interchange code lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError
from giamngheo.core.forms import VnDecimalField, VnIntegerField
from giamngheo.core.idempotency import idempotency_key_new
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.models import Member, MemberExit, Residence, Sex
from giamngheo.registry.validation import check_amount, check_birth, clean_text, ethnicities, relations
from giamngheo.standards.loader import load_codes, load_column_labels

YES_NO_UNKNOWN = [("", _("— chưa rõ —")), ("true", _("Có")), ("false", _("Không"))]


def code_choices(code_list: str, *, blank: bool = True) -> list[tuple[str, Any]]:
    choices = list(load_codes()[code_list].items())
    return [("", _("— chưa rõ —")), *choices] if blank else choices


def _ethnicity_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {name}") for code, name in ethnicities().items()]


def rule(check: Callable[..., Any], **options: Any) -> Callable[[Any], None]:
    """A form validator running one rule of the registry validator (same error code and message)."""

    def validate(value: Any) -> None:
        try:
            check(value, **options)
        except AppError as error:
            raise forms.ValidationError(error.message, code=error.code) from error

    return validate


def _text_field(label: Any, field: str, *, required: bool, limit: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        validators=[rule(clean_text, field=field)],
        widget=forms.TextInput(attrs={"maxlength": limit}),
    )


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any):
        super().__init__(
            choices=YES_NO_UNKNOWN,
            coerce=lambda value: value == "true",
            empty_value=None,
            required=False,
            **kwargs,
        )


class MemberIdentityForm(forms.Form):
    full_name = _text_field(_("Họ và tên"), "full_name", required=True, limit=128)
    personal_id = _text_field(_("Số định danh cá nhân"), "personal_id", required=False, limit=14)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, help_text=_("Ví dụ 25/3/1980"))
    birth_year = forms.IntegerField(label=_("Năm sinh (nếu không rõ ngày)"), required=False)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=_ethnicity_choices, initial="01")
    relation = forms.ChoiceField(label=_("Quan hệ với chủ hộ"), choices=lambda: list(relations().items()))
    has_merit = forms.BooleanField(label=_("Người có công với cách mạng"), required=False)
    # The member's version when the form was opened (edits), and a one-time token (adds).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=idempotency_key_new
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            check_birth(
                birth_year=data.get("birth_year"),
                birth_date=data.get("birth_date"),
                reference=timezone.localdate(),
            )
        except AppError as error:
            self.add_error(error.field, forms.ValidationError(error.message, code=error.code))
        return data


class HouseholdRegisterForm(MemberIdentityForm):
    village: forms.ModelChoiceField[AdminUnit] = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=AdminUnit.objects.none(), required=False
    )
    address = _text_field(_("Địa chỉ"), "address", required=False, limit=255)
    residence = forms.ChoiceField(label=_("Cư trú"), choices=Residence.choices)
    registered_on = forms.DateField(label=_("Ngày đăng ký"), required=False)
    field_order = [
        "village",
        "address",
        "residence",
        "registered_on",
        "full_name",
        "personal_id",
        "birth_date",
        "birth_year",
        "sex",
        "ethnicity",
    ]

    def __init__(self, *args: Any, villages: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self.fields["relation"]
        del self.fields["version"]
        village_field = self.fields["village"]
        assert isinstance(village_field, forms.ModelChoiceField)
        village_field.queryset = villages


class HouseholdPlaceForm(forms.Form):
    village: forms.ModelChoiceField[AdminUnit] = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=AdminUnit.objects.none(), required=False
    )
    address = _text_field(_("Địa chỉ"), "address", required=False, limit=255)
    residence = forms.ChoiceField(label=_("Cư trú"), choices=Residence.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, villages: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        village_field = self.fields["village"]
        assert isinstance(village_field, forms.ModelChoiceField)
        village_field.queryset = villages


class MemberLeaveForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do"),
        choices=[
            (MemberExit.MOVED_OUT, MemberExit.MOVED_OUT.label),
            (MemberExit.DIED, MemberExit.DIED.label),
        ],
    )
    on = forms.DateField(label=_("Từ ngày"))


def _labels() -> dict[str, dict[str, str]]:
    return load_column_labels()


CODED_HOUSEHOLD = {
    "foundation_material": "material",
    "walls_material": "material",
    "roof_material": "material",
    "water_source": "water_source",
    "latrine": "latrine",
}
CODED_MEMBER = {
    "employment": "employment",
    "working_capacity": "working_capacity",
    "disability": "disability",
    "education": "education",
    "nutrition": "nutrition",
}


class HouseholdFactsForm(forms.Form):
    """Household part of the survey form (phiếu rà soát), in the order of the official form."""

    reference_date = forms.DateField(label=_("Ngày tham chiếu"))
    income_per_capita = VnIntegerField(
        label=_("Thu nhập bình quân (đồng/người/tháng)"),
        required=False,
        validators=[rule(check_amount, field="income_per_capita")],
    )
    income_score = VnIntegerField(
        label=_("Điểm A (nếu chấm điểm)"),
        required=False,
        validators=[rule(check_amount, field="income_score")],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = _labels()["household"]
        for name in HOUSEHOLD_FACT_FIELDS:
            if name in ("income_per_capita", "income_score"):
                continue
            label = labels.get(name, name)
            if name in CODED_HOUSEHOLD:
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=code_choices(CODED_HOUSEHOLD[name]), required=False
                )
            elif name == "floor_area_m2":
                self.fields[name] = VnDecimalField(
                    label=label,
                    max_digits=7,
                    decimal_places=1,
                    required=False,
                    validators=[rule(check_amount, field="floor_area_m2")],
                )
            else:
                self.fields[name] = YesNoField(label=label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("income_per_capita") is None and data.get("income_score") is None:
            self.add_error("income_per_capita", _("Cần thu nhập bình quân hoặc điểm A."))
        return data


class MemberFactsForm(forms.Form):
    """One member's part of the survey form."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = _labels()["member"]
        for name in MEMBER_FACT_FIELDS:
            label = labels.get(name, name)
            if name in CODED_MEMBER:
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=code_choices(CODED_MEMBER[name]), required=False
                )
            else:
                self.fields[name] = YesNoField(label=label)


class MemberChoiceField(forms.ModelChoiceField[Member]):
    def label_from_instance(self, obj: Member) -> str:
        return obj.full_name


class MembersChoiceField(forms.ModelMultipleChoiceField[Member]):
    def label_from_instance(self, obj: Member) -> str:
        return obj.full_name


class SplitForm(forms.Form):
    """Tách hộ: which members leave, who heads the new household, where it lives."""

    members = MembersChoiceField(
        label=_("Thành viên tách sang hộ mới"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    new_head = MemberChoiceField(label=_("Chủ hộ mới"), queryset=Member.objects.none())
    village: forms.ModelChoiceField[AdminUnit] = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố của hộ mới"), queryset=AdminUnit.objects.none(), required=False
    )
    address = forms.CharField(label=_("Địa chỉ của hộ mới"), max_length=255, required=False)
    on = forms.DateField(label=_("Ngày tách hộ"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, members: Any, villages: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("members", "new_head", "village"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = villages if name == "village" else members


class MergeForm(forms.Form):
    """Nhập hộ: this household's members join another household of the same commune."""

    target_code = forms.CharField(label=_("Mã hộ nhận (cùng xã)"), max_length=32)
    on = forms.DateField(label=_("Ngày nhập hộ"))


class CloseForm(forms.Form):
    """Hộ chuyển đi: the household leaves the commune."""

    on = forms.DateField(label=_("Ngày chuyển đi"))
    version = forms.IntegerField(widget=forms.HiddenInput)
