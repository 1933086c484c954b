"""Forms of the plan entry pages: header, basis, target, allocation row, project, budget, task, calendar."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from giamngheo.core.forms import REPORTING_PERIODS
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import (
    BudgetSource,
    Expenditure,
    Indicator,
    Plan,
    PlanKind,
    Program,
    Recurrence,
    ReporterLevel,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.budget import SOURCE_GROUP_LABELS
from giamngheo.programs.unit_choices import unit_label

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return unit_label(obj)


def agency_names(text: str) -> list[str]:
    """Agencies typed one per line or separated by semicolons."""
    return [name.strip() for name in re.split(r"[;\n]", text) if name.strip()]


class PlanHeaderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kế hoạch"), choices=PlanKind.choices)
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)
    number = forms.CharField(label=_("Số hiệu"), max_length=64, help_text=_("Ví dụ: 03/KH-UBND"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DATE_WIDGET)
    is_draft = forms.BooleanField(label=_("Dự thảo"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    signer = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    general_objective = forms.CharField(label=_("Mục tiêu chung"), widget=forms.Textarea, required=False)
    scope = forms.CharField(label=_("Phạm vi, đối tượng, thời gian"), widget=forms.Textarea, required=False)


class PlanCreateForm(PlanHeaderForm):
    field_order = ("unit", "program")
    unit = UnitChoiceField(
        label=_("Đơn vị ban hành"),
        queryset=AdminUnit.objects.none(),
        help_text=_("Đơn vị hiện hành hoặc đơn vị cũ (trước sắp xếp 2025) trong địa bàn của bạn"),
    )
    program = forms.ModelChoiceField(label=_("Chương trình"), queryset=Program.objects.all())
    legal_bases = forms.CharField(
        label=_("Căn cứ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một văn bản"),
    )
    parent_plan = forms.ModelChoiceField(
        label=_("Kế hoạch cấp trên (căn cứ trong hệ thống)"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], plans: QuerySet[Plan], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["parent_plan"].queryset = plans  # type: ignore[attr-defined]
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["program"].initial = Program.objects.order_by("start_year").first()
        self.order_fields(["unit", "program", *PlanHeaderForm.base_fields, "legal_bases", "parent_plan"])


class LegalBasisForm(forms.Form):
    title = forms.CharField(label=_("Văn bản làm căn cứ"), max_length=500)
    parent_plan = forms.ModelChoiceField(
        label=_("Kế hoạch cấp trên trong hệ thống"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["parent_plan"].queryset = plans  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Chỉ số"), queryset=Indicator.objects.all())
    group = forms.ChoiceField(label=_("Nhóm đối tượng"), choices=TargetGroup.choices)
    target_unit = UnitChoiceField(
        label=_("Riêng cho đơn vị"), queryset=AdminUnit.objects.none(), required=False, empty_label="—"
    )
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices)
    bound = forms.ChoiceField(label=_("Giới hạn"), choices=TargetBound.choices)
    value_low = forms.DecimalField(
        label=_("Giá trị (thấp)"), max_digits=14, decimal_places=3, required=False, localize=True
    )
    value_high = forms.DecimalField(
        label=_("Giá trị (cao)"),
        max_digits=14,
        decimal_places=3,
        required=False,
        localize=True,
        help_text=_("Chỉ tiêu «không quá»: ghi giá trị cao; khoảng: ghi cả hai"),
    )
    target_year = forms.IntegerField(label=_("Năm phải đạt"), min_value=2000, max_value=2100)
    baseline_value = forms.DecimalField(
        label=_("Giá trị gốc"), max_digits=14, decimal_places=3, required=False, localize=True
    )
    baseline_year = forms.IntegerField(label=_("Năm gốc"), required=False, min_value=2000, max_value=2100)
    text = forms.CharField(label=_("Nguyên văn chỉ tiêu"), max_length=500)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], plan: Plan | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["target_unit"].queryset = units  # type: ignore[attr-defined]
        if plan is not None:  # only the indicators of the plan's program period are offered
            indicators = Indicator.objects.valid_between(plan.start_year, plan.end_year)
            self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]


class AllocationRowForm(forms.Form):
    label = forms.CharField(label=_("Đơn vị"), max_length=128, required=False)
    unit_code = forms.CharField(label=_("Mã đơn vị"), max_length=16, required=False)
    start_poor = forms.IntegerField(label=_("Hộ nghèo đầu kỳ"), min_value=0, required=False, localize=True)
    start_total = forms.IntegerField(label=_("Tổng số hộ đầu kỳ"), min_value=0, required=False, localize=True)
    reduction = forms.IntegerField(label=_("Giảm trong kỳ"), min_value=0, required=False, localize=True)
    projected_total = forms.IntegerField(
        label=_("Tổng số hộ dự kiến"), min_value=0, required=False, localize=True
    )
    stated_start_rate = forms.DecimalField(
        label=_("Tỷ lệ đầu kỳ theo văn bản"), max_digits=6, decimal_places=2, required=False, localize=True
    )
    stated_target_rate = forms.DecimalField(
        label=_("Tỷ lệ mục tiêu theo văn bản"), max_digits=6, decimal_places=2, required=False, localize=True
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    NUMBERS = ("start_poor", "start_total", "reduction", "projected_total")

    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("label") and all(data.get(name) is None for name in self.NUMBERS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("label"):
            self.add_error("label", _("Cần tên đơn vị."))
        for name in self.NUMBERS:
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Cần nhập số."))
        return data


AllocationFormSet = forms.formset_factory(AllocationRowForm, extra=0, max_num=500)


class ProjectForm(forms.Form):
    local_number = forms.CharField(label=_("Số hiệu trong kế hoạch"), max_length=32)
    local_name = forms.CharField(label=_("Tên trong kế hoạch"), max_length=400)
    component_code = forms.ChoiceField(label=_("Dự án trong danh mục quốc gia"))
    lead_agency = forms.CharField(label=_("Cơ quan chủ trì"), max_length=255, required=False)
    coordinating_agencies = forms.CharField(
        label=_("Cơ quan phối hợp"), required=False, help_text=_("Cách nhau bằng dấu chấm phẩy")
    )
    objective = forms.CharField(
        label=_("Mục tiêu, nội dung"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["component_code"].choices = [  # type: ignore[attr-defined]
            (component.code, f"{component.code} — {component.name}")
            for component in plan.program.components.all()
        ]


def _project_choices(plan: Plan) -> list[tuple[str, Any]]:
    return [("", _("Chung (chưa phân theo dự án)"))] + [
        (project.local_number, f"{project.local_number}: {project.local_name}")
        for project in plan.projects.all()
    ]


class BudgetLineForm(forms.Form):
    project = forms.ChoiceField(label=_("Dự án"), required=False)
    source = forms.ChoiceField(label=_("Nguồn vốn"), choices=BudgetSource.choices)
    expenditure = forms.ChoiceField(label=_("Loại vốn"), choices=Expenditure.choices)
    amount = forms.DecimalField(
        label=_("Số tiền (triệu đồng)"), max_digits=16, decimal_places=3, min_value=0, localize=True
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = _project_choices(plan)  # type: ignore[attr-defined]
        self.fields["expenditure"].initial = Expenditure.UNSPECIFIED


class BudgetStatementForm(forms.Form):
    group = forms.ChoiceField(label=_("Tổng theo văn bản"), choices=list(SOURCE_GROUP_LABELS.items()))
    expenditure = forms.ChoiceField(
        label=_("Loại vốn"), choices=Expenditure.choices, initial=Expenditure.UNSPECIFIED
    )
    amount = forms.DecimalField(
        label=_("Số tiền theo văn bản (triệu đồng)"),
        max_digits=16,
        decimal_places=3,
        min_value=0,
        localize=True,
    )


class TaskForm(forms.Form):
    number = forms.CharField(label=_("STT"), max_length=16)
    content = forms.CharField(
        label=_("Nội dung công việc"), max_length=500, widget=forms.Textarea({"rows": 2})
    )
    lead_agency = forms.CharField(label=_("Cơ quan chủ trì"), max_length=255)
    coordinating_agencies = forms.CharField(
        label=_("Cơ quan phối hợp"), required=False, help_text=_("Cách nhau bằng dấu chấm phẩy")
    )
    coordination_text = forms.CharField(
        label=_("Phối hợp (nguyên văn)"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: các sở, ngành, địa phương"),
    )
    product = forms.CharField(label=_("Sản phẩm"), max_length=255, required=False)
    timeframe = forms.CharField(label=_("Thời gian (nguyên văn)"), max_length=128, required=False)
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Nhiệm vụ lặp lại: hạn của lần đầu tiên"),
    )
    recurrence = forms.ChoiceField(
        label=_("Lặp lại"), choices=Recurrence.choices, initial=Recurrence.ONCE, required=False
    )
    project = forms.ChoiceField(label=_("Dự án"), required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = _project_choices(plan)  # type: ignore[attr-defined]

    def clean_recurrence(self) -> str:
        return str(self.cleaned_data.get("recurrence") or Recurrence.ONCE)


class ReportingRuleForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=REPORTING_PERIODS)
    label = forms.CharField(label=_("Tên báo cáo"), max_length=255)
    reporter_level = forms.ChoiceField(label=_("Cấp báo cáo"), choices=ReporterLevel.choices)
    recipient = forms.CharField(label=_("Gửi đến"), max_length=255)
    due_day = forms.IntegerField(label=_("Ngày hạn"), min_value=1, max_value=31)
    due_month = forms.IntegerField(label=_("Tháng hạn"), min_value=1, max_value=12)
    due_year = forms.IntegerField(
        label=_("Năm hạn"), required=False, help_text=_("Để trống: hằng năm"), min_value=2000, max_value=2100
    )
