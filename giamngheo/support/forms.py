"""Forms of support delivery: household plan, visit, lists and approval, record follow-ups, housing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from giamngheo.core.forms import VnDecimalField, VnIntegerField
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import BudgetLine
from giamngheo.support.models import HousingStage, HousingWork, PovertyCause, SupportType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HouseholdPlanForm(forms.Form):
    causes = forms.ModelMultipleChoiceField(
        label=_("Nguyên nhân nghèo"),
        queryset=PovertyCause.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_cause = forms.CharField(label=_("Nguyên nhân khác"), max_length=255, required=False)
    solutions = forms.MultipleChoiceField(
        label=_("Giải pháp hỗ trợ"), widget=forms.CheckboxSelectMultiple, required=False
    )
    helper_name = forms.CharField(label=_("Người được phân công giúp đỡ"), max_length=128)
    helper_organisation = forms.CharField(label=_("Cơ quan, tổ chức giúp đỡ"), max_length=255, required=False)
    helper_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    registers_to_escape = forms.BooleanField(label=_("Hộ đăng ký thoát nghèo trong năm"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, solution_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["solutions"].choices = solution_choices  # type: ignore[attr-defined]


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Ngày thăm"), widget=DATE)
    visitor = forms.CharField(label=_("Người đến thăm"), max_length=128)
    note = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class BudgetLineField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        project = str(obj.project) if obj.project_id else str(_("Chung"))
        return f"{obj.plan.number} ({obj.plan.years}) · {project} · {obj.get_source_display()}"


class ListProposeForm(forms.Form):
    support_type = forms.ModelChoiceField(label=_("Loại hỗ trợ"), queryset=SupportType.objects.none())
    commune = forms.ModelChoiceField(label=_("Xã, phường, đặc khu"), queryset=AdminUnit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2021, max_value=2035)
    reference_date = forms.DateField(label=_("Ngày xét đối tượng"), widget=DATE)
    title = forms.CharField(label=_("Tên danh sách"), max_length=255, required=False)
    budget_line = BudgetLineField(
        label=_("Dòng kinh phí của kế hoạch"),
        queryset=BudgetLine.objects.none(),
        required=False,
        help_text=_("Khoản chi của danh sách được tính vào giải ngân của dòng kinh phí này"),
    )

    def __init__(
        self,
        *args: Any,
        support_types: QuerySet[SupportType],
        communes: QuerySet[AdminUnit],
        budget_lines: QuerySet[BudgetLine] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if "budget_line" in self.fields:
            self.fields["budget_line"].queryset = (  # type: ignore[attr-defined]
                budget_lines if budget_lines is not None else BudgetLine.objects.none()
            )
            self.fields["budget_line"].empty_label = _("— không gắn dòng kinh phí —")  # type: ignore[attr-defined]
        self.fields["support_type"].queryset = support_types  # type: ignore[attr-defined]
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]
        self.fields["support_type"].empty_label = _("— chọn loại hỗ trợ —")  # type: ignore[attr-defined]
        self.fields["commune"].empty_label = _("— chọn xã —")  # type: ignore[attr-defined]


class ListImportForm(ListProposeForm):
    budget_line = None  # type: ignore[assignment]  # an imported list is linked to a line when proposed only
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx, .csv)"),
        help_text=_(
            "Cột: Mã hộ; Số định danh cá nhân (hỗ trợ theo thành viên); Họ và tên; Số tiền; Số lượng"
        ),
    )


class ApproveForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định phê duyệt"), max_length=64)
    decided_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EntryForm(forms.Form):
    """One row of a beneficiary list: selected or not, and its amount in đồng (dots and spaces allowed)."""

    selected = forms.BooleanField(required=False)
    amount = forms.CharField(required=False)

    def clean_amount(self) -> int | None:
        raw = self.cleaned_data["amount"].replace(".", "").replace(" ", "").strip()
        try:
            return int(raw) if raw else None
        except ValueError as error:
            raise forms.ValidationError(_("Số tiền phải là số nguyên (đồng).")) from error


class DeliverForm(forms.Form):
    on = forms.DateField(label=_("Ngày trao, ngày chi"), widget=DATE)
    amount = VnIntegerField(label=_("Số tiền thực chi (đồng)"), min_value=0, required=False)
    evidence = forms.FileField(label=_("Chứng từ (ảnh, PDF)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)


class HousingOpenForm(forms.Form):
    support_type = forms.ModelChoiceField(label=_("Chính sách"), queryset=SupportType.objects.none())
    work = forms.ChoiceField(label=_("Hình thức"), choices=HousingWork.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2021, max_value=2035)

    def __init__(self, *args: Any, support_types: QuerySet[SupportType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["support_type"].queryset = support_types  # type: ignore[attr-defined]
        self.fields["support_type"].empty_label = _("— chọn chính sách —")  # type: ignore[attr-defined]


class HousingApproveForm(ApproveForm):
    central = VnIntegerField(label=_("Ngân sách trung ương (đồng)"), min_value=0, required=False)
    local = VnIntegerField(label=_("Ngân sách địa phương (đồng)"), min_value=0, required=False)
    mobilised = VnIntegerField(label=_("Vốn huy động (đồng)"), min_value=0, required=False)
    household = VnIntegerField(label=_("Hộ tự có (đồng)"), min_value=0, required=False)
    loan = VnIntegerField(label=_("Vốn vay (đồng)"), min_value=0, required=False)

    FUNDING_FIELDS = ("central", "local", "mobilised", "household", "loan")

    def funding(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in self.FUNDING_FIELDS if self.cleaned_data.get(name)}


class HousingProgressForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Giai đoạn"),
        choices=[
            (s.value, s.label) for s in (HousingStage.STARTED, HousingStage.ROOFED, HousingStage.COMPLETED)
        ],
    )
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    photo = forms.FileField(label=_("Ảnh"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class HousingAcceptForm(forms.Form):
    on = forms.DateField(label=_("Ngày nghiệm thu"), widget=DATE)
    floor_area_m2 = VnDecimalField(label=_("Diện tích sàn (m²)"), min_value=0, max_digits=6, decimal_places=1)
    hard_foundation = forms.BooleanField(label=_("Nền bền chắc"), required=False)
    hard_frame = forms.BooleanField(label=_("Khung, tường bền chắc"), required=False)
    hard_roof = forms.BooleanField(label=_("Mái bền chắc"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class HousingCancelForm(CancelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
