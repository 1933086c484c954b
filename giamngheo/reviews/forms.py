"""Forms of the review pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from giamngheo.reviews.calendar_defaults import ANNUAL, annual_defaults
from giamngheo.reviews.models import ApprovalChain, CampaignKind


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại rà soát"), choices=CampaignKind.choices)
    year = forms.IntegerField(
        label=_("Năm"), min_value=2016, max_value=2035, initial=lambda: timezone.localdate().year
    )
    starts_on = forms.DateField(label=_("Bắt đầu"))
    ends_on = forms.DateField(label=_("Hạn công nhận"))
    posting_working_days = forms.IntegerField(
        label=_("Số ngày làm việc niêm yết"),
        min_value=1,
        max_value=30,
        initial=3,
        help_text=_("Mặc định 3 ngày làm việc — chưa xác minh văn bản gốc (nguồn ghi 3–7 ngày)"),
    )
    approval_chain = forms.ChoiceField(label=_("Trình tự phê duyệt"), choices=ApprovalChain.choices)
    list_by = forms.DateField(label=_("Hạn lập danh sách"), required=False)
    survey_by = forms.DateField(label=_("Hạn rà soát, chấm điểm"), required=False)
    meeting_by = forms.DateField(label=_("Hạn họp dân"), required=False)
    posting_by = forms.DateField(label=_("Hạn niêm yết"), required=False)
    report_by = forms.DateField(label=_("Hạn báo cáo tỉnh"), required=False)

    DEADLINES = ("list_by", "survey_by", "meeting_by", "posting_by", "report_by")

    def service_arguments(self) -> dict[str, Any]:
        """Cleaned data shaped for campaign_create (step deadlines grouped)."""
        data = dict(self.cleaned_data)
        data["deadlines"] = {key: data.pop(key) for key in self.DEADLINES}
        return data

    name = forms.CharField(label=_("Tên đợt (tùy chọn)"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Pre-fill the seven dates of an annual campaign of this year, each with its source."""
        year = timezone.localdate().year
        kwargs.setdefault("initial", annual_defaults(year))
        super().__init__(*args, **kwargs)
        for key, default in ANNUAL.items():
            field = self.fields[key]
            field.help_text = format_lazy(
                "{} {} ({})", _("Định kỳ:"), f"{default.day}/{default.month}", default.source
            )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"))
    attendees = forms.IntegerField(label=_("Số người dự họp"), min_value=1)
    chaired_by = forms.CharField(label=_("Người chủ trì (trưởng thôn)"), max_length=128)
    secretary = forms.CharField(label=_("Thư ký"), max_length=128)
    minutes = forms.FileField(label=_("Biên bản họp (bản chụp, PDF/ảnh)"))

    def votes(self, data: Any, case_ids: list[int]) -> dict[int, int]:
        """Agree counts per case from the table inputs «agree_<case id>»."""
        result = {}
        for case_id in case_ids:
            raw = (data.get(f"agree_{case_id}") or "").strip()
            if raw:
                if not raw.isdigit():
                    self.add_error(None, _("Số người đồng ý phải là số nguyên."))
                    return {}
                result[case_id] = int(raw)
        if not result:
            self.add_error(None, _("Hãy ghi số người đồng ý cho ít nhất một hộ."))
        return result


class PostingForm(forms.Form):
    starts_on = forms.DateField(label=_("Ngày bắt đầu niêm yết"))
    places = forms.CharField(
        label=_("Nơi niêm yết"), max_length=255, required=False, initial="Nhà văn hóa thôn và trụ sở UBND xã"
    )


class ObjectionForm(forms.Form):
    lodged_by = forms.CharField(label=_("Người khiếu nại"), max_length=128)
    lodged_on = forms.DateField(label=_("Ngày nhận"))
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}))
    answered_on = forms.DateField(label=_("Ngày trả lời"))
    resurvey = forms.BooleanField(label=_("Rà soát lại hộ này"), required=False)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=64, help_text=_("Ví dụ 125/QĐ-UBND"))
    signed_on = forms.DateField(label=_("Ngày ký"))


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại"), max_length=500)
