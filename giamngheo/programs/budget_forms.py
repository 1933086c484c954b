"""Forms of the budget execution page: an allocation (dự toán giao) and a manual disbursement of a line."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.forms import VnDecimalField
from giamngheo.programs.forms import DATE_WIDGET
from giamngheo.programs.models import BudgetLine, Plan

DISBURSEMENT_PERIODS = [
    ("quarter-1", _("Quý I")),
    ("quarter-2", _("Quý II")),
    ("quarter-3", _("Quý III")),
    ("quarter-4", _("Quý IV")),
    ("half_year-1", _("6 tháng đầu năm")),
    ("half_year-2", _("6 tháng cuối năm")),
    ("year-1", _("Cả năm")),
]


class BudgetLineChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        project = str(obj.project) if obj.project_id else str(_("Chung"))
        return f"{project} · {obj.get_source_display()} ({obj.get_expenditure_display()})"


class _LineForm(forms.Form):
    line = BudgetLineChoiceField(label=_("Dòng kinh phí"), queryset=BudgetLine.objects.none())

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line_field = self.fields["line"]
        assert isinstance(line_field, BudgetLineChoiceField)
        line_field.queryset = plan.budget_lines.select_related("project").order_by(
            "project__order", "source", "expenditure", "pk"
        )


class AllocationForm(_LineForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2100)
    amount = VnDecimalField(
        label=_("Số tiền (triệu đồng)"),
        max_digits=16,
        decimal_places=3,
        help_text=_("Số âm để ghi cắt giảm dự toán"),
    )
    decided_on = forms.DateField(label=_("Ngày giao"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Quyết định giao"), max_length=255, required=False)


class DisbursementForm(_LineForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2100)
    period = forms.ChoiceField(label=_("Kỳ"), choices=DISBURSEMENT_PERIODS)
    amount = VnDecimalField(
        label=_("Số tiền (triệu đồng)"),
        max_digits=16,
        decimal_places=3,
        help_text=_("Khoản chi không theo hộ; khoản hỗ trợ hộ được tính từ sổ theo dõi hỗ trợ"),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class AgencyMemberForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
