"""Forms of the jobs pages: labour survey, employer and vacancy, referral steps, course, enrolment, abroad."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from giamngheo.geo.models import AdminUnit
from giamngheo.jobs.models import Employment, Qualification
from giamngheo.support.models import SupportType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LabourSurveyForm(forms.Form):
    surveyed_on = forms.DateField(label=_("Ngày khảo sát"), widget=DATE)
    employment = forms.ChoiceField(label=_("Việc làm"), choices=Employment.choices)
    qualification = forms.TypedChoiceField(
        label=_("Trình độ chuyên môn kỹ thuật"), choices=Qualification.choices, coerce=int
    )
    has_certificate = forms.BooleanField(label=_("Có bằng cấp, chứng chỉ"), required=False)
    skills = forms.CharField(
        label=_("Kỹ năng, nghề (cách nhau bởi dấu phẩy)"), max_length=255, required=False
    )
    wants_work = forms.BooleanField(label=_("Muốn tìm việc làm"), required=False)
    wants_training = forms.BooleanField(label=_("Muốn học nghề"), required=False)
    training_trade = forms.CharField(label=_("Nghề muốn học"), max_length=128, required=False)
    wants_abroad = forms.BooleanField(label=_("Muốn đi làm việc ở nước ngoài"), required=False)
    stays_in_commune = forms.BooleanField(label=_("Chỉ làm việc trong xã"), required=False)
    constraint_note = forms.CharField(label=_("Khó khăn, hạn chế"), max_length=255, required=False)


class PlaceForm(forms.Form):
    place = forms.ModelChoiceField(label=_("Nơi làm việc (xã)"), queryset=AdminUnit.objects.none())

    def __init__(self, *args: Any, places: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class VacancyForm(PlaceForm):
    employer_name = forms.CharField(label=_("Đơn vị tuyển dụng"), max_length=255)
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=14)
    sector = forms.CharField(label=_("Ngành nghề"), max_length=128, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    position = forms.CharField(label=_("Vị trí"), max_length=255)
    openings = forms.IntegerField(label=_("Số lượng"), min_value=1)
    wage = forms.IntegerField(label=_("Lương (đồng/tháng)"), min_value=0, required=False)
    age_min = forms.IntegerField(label=_("Tuổi từ"), initial=18)
    age_max = forms.IntegerField(label=_("Tuổi đến"), initial=45)
    sex = forms.ChoiceField(
        label=_("Giới tính"),
        choices=[("", _("Không yêu cầu")), ("male", _("Nam")), ("female", _("Nữ"))],
        required=False,
    )
    skills = forms.CharField(label=_("Kỹ năng, nghề cần có"), max_length=255, required=False)
    qualification = forms.TypedChoiceField(
        label=_("Trình độ tối thiểu"), choices=Qualification.choices, coerce=int, initial=0
    )
    deadline = forms.DateField(label=_("Hạn nộp hồ sơ"), widget=DATE)

    EMPLOYER = ("employer_name", "tax_code", "sector", "address")


class VacancyEditForm(forms.Form):
    """The terms of a posted vacancy (its employer and place stay)."""

    position = VacancyForm.base_fields["position"]
    openings = VacancyForm.base_fields["openings"]
    wage = VacancyForm.base_fields["wage"]
    age_min = VacancyForm.base_fields["age_min"]
    age_max = VacancyForm.base_fields["age_max"]
    sex = VacancyForm.base_fields["sex"]
    skills = VacancyForm.base_fields["skills"]
    qualification = VacancyForm.base_fields["qualification"]
    deadline = VacancyForm.base_fields["deadline"]


class StepForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Bước"),
        choices=[
            ("interview", _("Phỏng vấn")),
            ("placement", _("Nhận việc")),
            ("follow_up_3", _("Theo dõi sau 3 tháng")),
            ("follow_up_6", _("Theo dõi sau 6 tháng")),
            ("close", _("Nghỉ việc")),
        ],
    )
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    kept = forms.TypedChoiceField(
        label=_("Còn làm việc (khi theo dõi)"),
        choices=[("", "—"), ("1", _("Còn làm")), ("0", _("Đã nghỉ"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CourseForm(forms.Form):
    place = forms.ModelChoiceField(label=_("Nơi học (xã)"), queryset=AdminUnit.objects.none())
    name = forms.CharField(label=_("Tên khóa học"), max_length=255)
    provider = forms.CharField(label=_("Cơ sở đào tạo"), max_length=255)
    trade = forms.CharField(label=_("Nghề"), max_length=128)
    level = forms.TypedChoiceField(label=_("Trình độ"), choices=Qualification.choices, coerce=int, initial=1)
    starts_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DATE)
    ends_on = forms.DateField(label=_("Ngày kết thúc"), widget=DATE)
    support_type = forms.ModelChoiceField(label=_("Loại hỗ trợ"), queryset=SupportType.objects.none())
    funding_source = forms.CharField(label=_("Nguồn kinh phí"), max_length=64, required=False)
    min_attendance = forms.IntegerField(
        label=_("Chuyên cần tối thiểu để hoàn thành (%)"), min_value=0, max_value=100, initial=80
    )

    def __init__(
        self, *args: Any, places: QuerySet[AdminUnit], support_types: QuerySet[SupportType], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]
        self.fields["support_type"].queryset = support_types  # type: ignore[attr-defined]


class MemberPickForm(forms.Form):
    member = forms.IntegerField(label=_("Mã thành viên"), widget=forms.HiddenInput)
    on = forms.DateField(label=_("Ngày"), widget=DATE)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE)
    certificate_no = forms.CharField(label=_("Số chứng chỉ"), max_length=64, required=False)


class AbroadForm(forms.Form):
    country = forms.CharField(label=_("Nước đến"), max_length=64)
    sector = forms.CharField(label=_("Ngành nghề"), max_length=128, required=False)
    company = forms.CharField(label=_("Doanh nghiệp đưa đi"), max_length=255, required=False)
    departed_on = forms.DateField(label=_("Ngày xuất cảnh"), widget=DATE)
    contract_ends_on = forms.DateField(label=_("Ngày hết hợp đồng"), widget=DATE)
    pre_departure_training = forms.BooleanField(label=_("Đã học định hướng, ngoại ngữ"), required=False)
    support_type = forms.ModelChoiceField(
        label=_("Hỗ trợ đã nhận"), queryset=SupportType.objects.none(), required=False
    )
    support_amount = forms.IntegerField(label=_("Số tiền hỗ trợ (đồng)"), min_value=0, required=False)

    def __init__(self, *args: Any, support_types: QuerySet[SupportType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["support_type"].queryset = support_types  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    on = forms.DateField(label=_("Ngày về nước"), widget=DATE)
