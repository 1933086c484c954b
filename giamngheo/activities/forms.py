"""Forms of the activity registers, built from the models' fields, with choices limited to the user's area."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import units_for_user
from giamngheo.accounts.forms import AreaUnitField
from giamngheo.activities.models import (
    Commendation,
    CommunicationItem,
    Donation,
    Inspection,
    Officer,
    OfficerCourse,
    RecommendationStatus,
)
from giamngheo.core.forms import VnDecimalField, VnIntegerField
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Agency, BudgetLine, PlanProject, Task
from giamngheo.programs.selectors import plan_list
from giamngheo.registry.models import Household
from giamngheo.registry.selectors import households_for_user

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINKS = ("lead_agency", "plan_project", "budget_line", "task")


def _callback(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Dates as date pickers, money and counts typed the Vietnamese way."""
    if isinstance(field, models.DateField):
        return forms.DateField(label=field.verbose_name, required=not field.blank, widget=DATE)
    if isinstance(field, models.DecimalField):
        return VnDecimalField(
            label=field.verbose_name,
            required=False,
            max_digits=field.max_digits,
            decimal_places=3,
            min_value=0,
        )
    if isinstance(field, models.PositiveIntegerField | models.BigIntegerField):
        return VnIntegerField(
            label=field.verbose_name, required=isinstance(field, models.BigIntegerField), min_value=0
        )
    return field.formfield(**kwargs)


class RegisterForm(forms.Form):
    """A register's form: `unit` (on create only) and the links, limited to what the user may see."""

    model: type[models.Model]
    field_names: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            unit = AreaUnitField(label=_("Đơn vị (tỉnh hoặc xã)"))
            unit.limit_to(user, [Level.PROVINCE, Level.COMMUNE])
            self.fields = {"unit": unit, **self.fields}
        provinces = units_for_user(user).filter(tree=Tree.CURRENT).values("province_id")
        own = units_for_user(user).filter(tree=Tree.CURRENT, level=Level.PROVINCE).values("pk")
        in_provinces = Q(province_id__in=provinces) | Q(province_id__in=own)
        plans = plan_list(user).values("pk")
        querysets = {
            "lead_agency": Agency.objects.filter(in_provinces).order_by("name"),
            "subject_agency": Agency.objects.filter(in_provinces).order_by("name"),
            "plan_project": PlanProject.objects.filter(plan__in=plans).select_related("plan"),
            "budget_line": BudgetLine.objects.filter(plan__in=plans).select_related("plan", "project"),
            "task": Task.objects.filter(plan__in=plans).select_related("plan").order_by("plan_id", "order"),
        }
        for name, queryset in querysets.items():
            if name in self.fields:
                self.fields[name].queryset = queryset  # type: ignore[attr-defined]


def _form(
    model: type[models.Model], names: tuple[str, ...], extra: dict[str, Any] | None = None
) -> type[RegisterForm]:
    fields = fields_for_model(
        model, fields=[n for n in names if n not in (extra or {})], formfield_callback=_callback
    )
    fields.update(extra or {})
    ordered = {name: fields[name] for name in names}
    attrs: dict[str, Any] = {"model": model, "field_names": names, **ordered}
    return type(f"{model.__name__}Form", (RegisterForm,), attrs)


CommunicationForm = _form(
    CommunicationItem,
    (
        "kind",
        "title",
        "held_on",
        "cost_central",
        "cost_local",
        "cost_other",
        "reach",
        "reach_poor",
        "notes",
        *LINKS,
    ),
)
OfficerCourseForm = _form(
    OfficerCourse, ("title", "starts_on", "ends_on", "place", "organiser", "level", "cost", *LINKS)
)
InspectionForm = _form(
    Inspection,
    (
        "kind",
        "method",
        "title",
        "body",
        "subject_agency",
        "starts_on",
        "ends_on",
        "scope",
        "findings",
        *LINKS,
    ),
)
DonationForm = _form(Donation, ("donor", "donated_on", "amount", "in_kind", "description", "lead_agency"))
OfficerForm = _form(Officer, ("full_name", "position", "is_active"))


class HouseholdCodeField(forms.CharField):
    """A household typed by its code, found in the user's area (None when left empty)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, max_length=32, **kwargs)
        self.user: Any = None

    def clean(self, value: Any) -> Household | None:
        code = super().clean(value).strip()
        if not code:
            return None
        household = households_for_user(self.user).filter(code=code).first()
        if household is None:
            raise forms.ValidationError(_("Không có hộ mã này trong địa bàn của bạn."))
        return household

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return Household.objects.filter(pk=value).values_list("code", flat=True).first() or ""
        return value


_CommendationBase = _form(
    Commendation,
    (
        "stage",
        "recipient_kind",
        "recipient",
        "household",
        "level",
        "decision_number",
        "decided_on",
        "reason",
        *LINKS,
    ),
    {"household": HouseholdCodeField(label=_("Mã hộ (khen hộ thoát nghèo)"))},
)


class CommendationForm(_CommendationBase):  # type: ignore[valid-type,misc]
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["household"].user = user
        self.fields["recipient"].required = False


class RecommendationForm(forms.Form):
    content = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_unit = forms.ModelChoiceField(
        label=_("Đơn vị thực hiện"), queryset=AdminUnit.objects.none(), required=False
    )
    responsible_agency = forms.ModelChoiceField(
        label=_("Cơ quan thực hiện"), queryset=Agency.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Hạn thực hiện"), widget=DATE)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = inspection.province
        self.fields["responsible_unit"].queryset = AdminUnit.objects.filter(  # type: ignore[attr-defined]
            Q(pk=province.pk)
            | Q(province=province, level=Level.COMMUNE, tree=Tree.CURRENT, valid_to__isnull=True)
        ).order_by("level", "name")
        self.fields["responsible_agency"].queryset = Agency.objects.filter(province=province).order_by("name")  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    action = forms.CharField(label=_("Việc đã làm"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("Minh chứng (văn bản, hồ sơ)"), max_length=255, required=False)
    new_status = forms.ChoiceField(label=_("Tình trạng sau khi làm"), choices=RecommendationStatus.choices)


class AttendanceForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Cán bộ"), queryset=Officer.objects.none())
    attended = forms.BooleanField(label=_("Có tham dự"), required=False, initial=True)
    completed = forms.BooleanField(label=_("Hoàn thành"), required=False)

    def __init__(self, *args: Any, course: OfficerCourse, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = Officer.objects.filter(province_id=course.province_id, is_active=True)
        if course.commune_id is not None:
            officers = officers.filter(commune_id=course.commune_id)
        field: Any = self.fields["officer"]
        field.queryset = officers.select_related("commune").order_by("commune__name", "full_name")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel hoặc CSV"))


class UnitImportForm(ImportForm):
    unit = AreaUnitField(label=_("Đơn vị (tỉnh hoặc xã)"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to(user, [Level.PROVINCE, Level.COMMUNE])  # type: ignore[attr-defined]
        self.order_fields(["unit", "file"])


class FromUsersForm(forms.Form):
    unit = AreaUnitField(label=_("Đơn vị"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to(user, [Level.PROVINCE, Level.COMMUNE])  # type: ignore[attr-defined]
