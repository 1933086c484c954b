"""Forms of the works pages: a work, a model, progress, maintenance, a participant, an evaluation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import Agency, BudgetLine, BudgetSource, PlanProject, Task
from giamngheo.works.models import EvaluationResult, LivelihoodModel, ModelKind, WorkKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 3, "min_value": Decimal(0), "required": False}
COORDINATE: dict[str, Any] = {"max_digits": 9, "decimal_places": 6, "required": False}


class _Linked(forms.Form):
    """Fields naming the province's agencies, plan projects, budget lines and tasks, and money by source."""

    plan_project = forms.ModelChoiceField(
        label=_("Dự án của kế hoạch"), queryset=PlanProject.objects.none(), required=False
    )
    budget_line = forms.ModelChoiceField(
        label=_("Dòng kinh phí"), queryset=BudgetLine.objects.none(), required=False
    )
    task = forms.ModelChoiceField(label=_("Nhiệm vụ"), queryset=Task.objects.none(), required=False)
    latitude = forms.DecimalField(label=_("Vĩ độ"), min_value=-90, max_value=90, **COORDINATE)
    longitude = forms.DecimalField(label=_("Kinh độ"), min_value=-180, max_value=180, **COORDINATE)
    description = forms.CharField(
        label=_("Quy mô, nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    money_prefix = "capital"

    def __init__(self, *args: Any, provinces: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = PlanProject.objects.filter(plan__province__in=provinces).select_related("plan")
        self.fields["plan_project"].queryset = projects.order_by("-plan__start_year", "order")  # type: ignore[attr-defined]
        lines = BudgetLine.objects.filter(plan__province__in=provinces).select_related("plan", "project")
        self.fields["budget_line"].queryset = lines.order_by("-plan__start_year", "pk")  # type: ignore[attr-defined]
        tasks = Task.objects.filter(plan__province__in=provinces).select_related("plan")
        self.fields["task"].queryset = tasks.order_by("-plan__start_year", "order", "pk")  # type: ignore[attr-defined]
        for source, label in BudgetSource.choices:
            self.fields[f"{self.money_prefix}_{source}"] = forms.DecimalField(
                label=_("%(source)s (triệu đồng)") % {"source": label}, **MONEY
            )

    def money(self) -> dict[str, Decimal | None]:
        return {
            source: self.cleaned_data.get(f"{self.money_prefix}_{source}") for source in BudgetSource.values
        }

    def service_fields(self) -> dict[str, Any]:
        prefix = f"{self.money_prefix}_"
        return {key: value for key, value in self.cleaned_data.items() if not key.startswith(prefix)}


class WorkForm(_Linked):
    name = forms.CharField(label=_("Tên công trình"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại công trình"), choices=WorkKind.choices)
    commune = forms.ModelChoiceField(label=_("Xã"), queryset=AdminUnit.objects.none())
    village = forms.ModelChoiceField(
        label=_("Thôn (nếu có)"), queryset=AdminUnit.objects.none(), required=False
    )
    investor = forms.ModelChoiceField(
        label=_("Chủ đầu tư (để trống: UBND xã)"), queryset=Agency.objects.none(), required=False
    )
    started_on = forms.DateField(label=_("Ngày khởi công"), widget=DATE, required=False)
    planned_completion_on = forms.DateField(
        label=_("Ngày hoàn thành theo kế hoạch"), widget=DATE, required=False
    )

    field_order = ("name", "kind", "commune", "village", "investor", "started_on", "planned_completion_on")

    def __init__(
        self, *args: Any, communes: QuerySet[AdminUnit], agencies: QuerySet[Agency], **kwargs: Any
    ) -> None:
        provinces = AdminUnit.objects.filter(pk__in=communes.values("province_id"))
        super().__init__(*args, provinces=provinces, **kwargs)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]
        self.fields["village"].queryset = AdminUnit.objects.filter(  # type: ignore[attr-defined]
            parent__in=communes, level="village", valid_to__isnull=True
        ).order_by("name")
        self.fields["investor"].queryset = agencies  # type: ignore[attr-defined]
        self.order_fields(self.field_order)


class ModelForm(_Linked):
    name = forms.CharField(label=_("Tên mô hình, dự án"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=ModelKind.choices)
    communes = forms.ModelMultipleChoiceField(label=_("Xã"), queryset=AdminUnit.objects.none())
    lead_agency = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì"), queryset=Agency.objects.none(), required=False
    )
    partner = forms.CharField(label=_("Hợp tác xã, doanh nghiệp liên kết"), max_length=255, required=False)
    replicated_from = forms.ModelChoiceField(
        label=_("Nhân rộng từ mô hình"), queryset=LivelihoodModel.objects.none(), required=False
    )
    started_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DATE)
    ended_on = forms.DateField(label=_("Ngày kết thúc"), widget=DATE, required=False)

    money_prefix = "budget"
    field_order = (
        "name",
        "kind",
        "communes",
        "lead_agency",
        "partner",
        "replicated_from",
        "started_on",
        "ended_on",
    )

    def __init__(
        self,
        *args: Any,
        communes: QuerySet[AdminUnit],
        agencies: QuerySet[Agency],
        origins: QuerySet[LivelihoodModel],
        **kwargs: Any,
    ) -> None:
        provinces = AdminUnit.objects.filter(pk__in=communes.values("province_id"))
        super().__init__(*args, provinces=provinces, **kwargs)
        self.fields["communes"].queryset = communes  # type: ignore[attr-defined]
        self.fields["lead_agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["replicated_from"].queryset = origins  # type: ignore[attr-defined]
        self.order_fields(self.field_order)


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    completed_on = forms.DateField(label=_("Ngày hoàn thành (nếu đã xong)"), widget=DATE, required=False)
    handed_over_on = forms.DateField(label=_("Ngày bàn giao (nếu đã bàn giao)"), widget=DATE, required=False)


class MaintenanceForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    description = forms.CharField(label=_("Nội dung duy tu, bảo dưỡng"), max_length=255)
    cost = forms.DecimalField(label=_("Kinh phí (triệu đồng)"), **MONEY)


class ParticipantForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput)
    joined_on = forms.DateField(label=_("Ngày tham gia"), widget=DATE)
    labour_days = forms.DecimalField(
        label=_("Ngày công"), max_digits=6, decimal_places=1, min_value=Decimal(0), required=False
    )
    money = forms.IntegerField(label=_("Tiền (đồng)"), min_value=0, required=False)
    in_kind = forms.CharField(label=_("Hiện vật"), max_length=255, required=False)
    record_support = forms.BooleanField(label=_("Ghi vào sổ hỗ trợ"), required=False)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE)
    evaluator = forms.CharField(label=_("Người, cơ quan đánh giá"), max_length=255)
    economic = forms.CharField(label=_("Hiệu quả kinh tế"), widget=forms.Textarea(attrs={"rows": 3}))
    social = forms.CharField(label=_("Hiệu quả xã hội"), widget=forms.Textarea(attrs={"rows": 3}))
    environmental = forms.CharField(label=_("Tác động môi trường"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.ChoiceField(label=_("Kết luận"), choices=EvaluationResult.choices)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel hoặc CSV"))
