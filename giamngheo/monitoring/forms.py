"""Forms of monitoring pages: opening a round, annotating a report, entering an indicator value."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.forms import REPORTING_PERIODS, VnDecimalField
from giamngheo.monitoring.models import Report, RoundKind
from giamngheo.programs.models import Indicator, IndicatorSource


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=RoundKind.choices, initial=RoundKind.OFFICIAL)
    year = forms.IntegerField(label=_("Năm"), min_value=2021, max_value=2035)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=REPORTING_PERIODS)
    plan = forms.TypedChoiceField(
        label=_("Kế hoạch (lấy chỉ tiêu, lịch báo cáo)"), coerce=int, required=False
    )
    project = forms.TypedChoiceField(
        label=_("Dự án (chỉ với báo cáo tổng kết một dự án)"), coerce=int, required=False
    )
    title = forms.CharField(label=_("Tên yêu cầu (báo cáo đột xuất)"), max_length=255, required=False)
    request = forms.CharField(
        label=_("Nội dung yêu cầu báo cáo"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    commune_due = forms.DateField(
        label=_("Hạn cấp xã gửi"), required=False, help_text=_("Để trống: theo lịch của kế hoạch")
    )
    agency_due = forms.DateField(
        label=_("Hạn sở, ngành gửi"),
        required=False,
        help_text=_("Để trống: theo lịch của kế hoạch, nếu không có thì bằng hạn cấp xã"),
    )
    province_due = forms.DateField(label=_("Hạn cấp tỉnh gửi"), required=False)
    from_year = forms.IntegerField(
        label=_("Tổng kết từ năm (báo cáo tổng kết giai đoạn)"),
        min_value=2021,
        max_value=2035,
        required=False,
        help_text=_("Để trống: năm đầu của kế hoạch, ví dụ 2021 cho giai đoạn 2021–2025"),
    )

    def __init__(
        self,
        *args: object,
        plans: list[tuple[int, str]],
        projects: list[tuple[int, str]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["plan"].choices = [("", "—"), *plans]  # type: ignore[attr-defined]
        self.fields["project"].choices = [("", "—"), *(projects or [])]  # type: ignore[attr-defined]


class AnnotationForm(forms.Form):
    summary = forms.CharField(
        label=_("Đánh giá chung kết quả thực hiện"), widget=forms.Textarea, required=False
    )
    difficulties = forms.CharField(label=_("Khó khăn, vướng mắc"), widget=forms.Textarea, required=False)
    proposals = forms.CharField(label=_("Đề xuất, kiến nghị"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Chỉ số"), queryset=Indicator.objects.filter(source=IndicatorSource.ENTERED)
    )
    value = VnDecimalField(label=_("Giá trị"), max_digits=16, decimal_places=3)
    note = forms.CharField(label=_("Ghi chú, nguồn số liệu"), max_length=255, required=False)


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(forms.ModelForm):  # type: ignore[type-arg]
    """Number, date, place, recipients and signer of the report as an official document."""

    class Meta:
        model = Report
        fields = (
            "doc_number",
            "doc_symbol",
            "doc_date",
            "doc_place",
            "doc_recipients",
            "signer_authority",
            "signer_title",
            "signer_name",
        )
        widgets = {
            "doc_recipients": forms.Textarea(attrs={"rows": 4}),
            "signer_authority": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "doc_number": _("Để trống để văn thư ghi số khi ban hành."),
            "doc_symbol": _("Mặc định: BC-UBND."),
            "doc_place": _("Mặc định: tên đơn vị (ví dụ Huế)."),
            "doc_recipients": _("Để trống: nơi nhận mặc định theo cấp báo cáo."),
            "signer_authority": _("Mặc định: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH."),
        }
