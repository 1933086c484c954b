"""The labour register (survey rows per member), employers, vacancies, referrals, courses and work abroad."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel
from giamngheo.registry.models import HouseholdStatus


def status_label(value: str) -> str:
    """The recognised status kept on a row (the household's status then), as the user reads it."""
    return str(HouseholdStatus(value).label) if value in HouseholdStatus.values else value


class Employment(models.TextChoices):
    WAGE_CONTRACT = "wage_contract", _("Làm công có hợp đồng")
    WAGE_NO_CONTRACT = "wage_no_contract", _("Làm công không có hợp đồng")
    SELF_EMPLOYED = "self_employed", _("Tự làm, sản xuất kinh doanh")
    UNEMPLOYED = "unemployed", _("Không có việc làm")
    STUDYING = "studying", _("Đang đi học")
    UNABLE = "unable", _("Không có khả năng lao động")


class Qualification(models.IntegerChoices):
    """Vocational qualification levels in ascending order (Law on Vocational Education 2014)."""

    NONE = 0, _("Chưa qua đào tạo")
    SHORT = 1, _("Đào tạo dưới 3 tháng")
    ELEMENTARY = 2, _("Sơ cấp")
    INTERMEDIATE = 3, _("Trung cấp")
    COLLEGE = 4, _("Cao đẳng")
    UNIVERSITY = 5, _("Đại học trở lên")


class LabourSurvey(InsertOnlyModel):
    """One member's answers in a labour survey round; the latest row is the member's labour profile."""

    member = models.ForeignKey(
        "registry.Member", verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    surveyed_on = models.DateField(_("ngày khảo sát"))
    employment = models.CharField(_("việc làm"), max_length=24, choices=Employment.choices)
    qualification = models.PositiveSmallIntegerField(
        _("trình độ chuyên môn kỹ thuật"), choices=Qualification.choices, default=Qualification.NONE
    )
    has_certificate = models.BooleanField(_("có bằng cấp, chứng chỉ"), default=False)
    skills = models.CharField(_("kỹ năng, nghề"), max_length=255, blank=True)
    wants_work = models.BooleanField(_("muốn tìm việc làm"), default=False)
    wants_training = models.BooleanField(_("muốn học nghề"), default=False)
    training_trade = models.CharField(_("nghề muốn học"), max_length=128, blank=True)
    wants_abroad = models.BooleanField(_("muốn đi làm việc ở nước ngoài"), default=False)
    stays_in_commune = models.BooleanField(_("chỉ làm việc trong xã"), default=False)
    constraint_note = models.CharField(_("khó khăn, hạn chế"), max_length=255, blank=True)
    source = models.CharField(max_length=16, default="form")  # form | import
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["member", "-surveyed_on", "-id"], name="labour_member_latest")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.surveyed_on}"


class Employer(models.Model):
    """An employer offering vacancies in a province (a company, cooperative or household business)."""

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên đơn vị"), max_length=255)
    tax_code = models.CharField(_("mã số thuế"), max_length=14)
    sector = models.CharField(_("ngành nghề"), max_length=128, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            # One employer per tax code and province: the form finds it again instead of duplicating it.
            models.UniqueConstraint(fields=["province", "tax_code"], name="employer_unique_tax_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    """Jobs an employer offers at a place, with the requirements the matching score reads."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("đơn vị tuyển dụng"), on_delete=models.PROTECT, related_name="vacancies"
    )
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("nơi làm việc"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("vị trí"), max_length=255)
    openings = models.PositiveIntegerField(_("số lượng"))
    wage = models.BigIntegerField(_("lương (đồng/tháng)"), null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(_("tuổi từ"), default=18)
    age_max = models.PositiveSmallIntegerField(_("tuổi đến"), default=45)
    sex = models.CharField(_("giới tính"), max_length=8, blank=True)  # blank: any
    skills = models.CharField(_("kỹ năng, nghề cần có"), max_length=255, blank=True)
    qualification = models.PositiveSmallIntegerField(
        _("trình độ tối thiểu"), choices=Qualification.choices, default=Qualification.NONE
    )
    deadline = models.DateField(_("hạn nộp hồ sơ"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            # An age window must be a window.
            models.CheckConstraint(condition=Q(age_min__lte=models.F("age_max")), name="vacancy_age_window"),
            models.CheckConstraint(condition=Q(openings__gte=1), name="vacancy_openings_positive"),
        ]

    def __str__(self) -> str:
        return self.position


class Referral(models.Model):
    """A candidate sent to a vacancy: referral → interview → placement, kept at 3 and 6 months."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="referrals")
    member = models.ForeignKey(
        "registry.Member", verbose_name=_("người lao động"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    household_status = models.CharField(_("diện hộ khi giới thiệu"), max_length=16)
    score = models.PositiveSmallIntegerField(_("điểm phù hợp"))
    reasons = models.JSONField(_("lý do"), default=list)
    referred_on = models.DateField(_("ngày giới thiệu"))
    interviewed_on = models.DateField(_("ngày phỏng vấn"), null=True, blank=True)
    placed_on = models.DateField(_("ngày nhận việc"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    kept_3_months = models.BooleanField(_("còn làm sau 3 tháng"), null=True)
    kept_6_months = models.BooleanField(_("còn làm sau 6 tháng"), null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        "JobEvent", verbose_name=_("tại sự kiện"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals",
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            # A person is referred to a vacancy once; a second click finds the first referral.
            models.UniqueConstraint(fields=["vacancy", "member"], name="referral_once_per_vacancy"),
            # Kept at 6 months implies kept at 3 months.
            models.CheckConstraint(
                condition=~Q(kept_6_months=True) | Q(kept_3_months=True), name="referral_kept_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.vacancy_id}"

    @property
    def household_status_label(self) -> str:
        return status_label(self.household_status)

    @property
    def sustainable(self) -> bool:
        """«Việc làm bền vững»: placed and still working at the 6-month follow-up."""
        return bool(self.placed_on and self.kept_6_months)


class Course(models.Model):
    """A vocational training course; its support type comes from the support catalogue."""

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("nơi học"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên khóa học"), max_length=255)
    provider = models.CharField(_("cơ sở đào tạo"), max_length=255)
    trade = models.CharField(_("nghề"), max_length=128)
    level = models.PositiveSmallIntegerField(
        _("trình độ"), choices=Qualification.choices, default=Qualification.SHORT
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    support_type = models.ForeignKey(
        "support.SupportType", verbose_name=_("loại hỗ trợ"), on_delete=models.PROTECT, related_name="+"
    )
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=64, blank=True)
    min_attendance = models.PositiveSmallIntegerField(
        _("tỷ lệ chuyên cần tối thiểu để hoàn thành (%)"), default=80
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="course_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(min_attendance__lte=100), name="course_min_attendance_pct"),
        ]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """A member enrolled in a course; completion writes a support record through the support services."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    enrolled_on = models.DateField(_("ngày ghi danh"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    certificate_no = models.CharField(_("số chứng chỉ"), max_length=64, blank=True)
    support_record = models.ForeignKey(
        "support.SupportRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar = [
            # A member is enrolled in a course once.
            models.UniqueConstraint(fields=["course", "member"], name="enrolment_once_per_course"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.course_id}"


class AbroadWorker(models.Model):
    """A member working abroad under contract; the household's status is read from the registry over time."""

    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    household_status = models.CharField(_("diện hộ khi đi"), max_length=16)
    country = models.CharField(_("nước đến"), max_length=64)
    sector = models.CharField(_("ngành nghề"), max_length=128, blank=True)
    company = models.CharField(_("doanh nghiệp đưa đi"), max_length=255, blank=True)
    departed_on = models.DateField(_("ngày xuất cảnh"))
    contract_ends_on = models.DateField(_("ngày hết hợp đồng"))
    pre_departure_training = models.BooleanField(_("đã học định hướng, ngoại ngữ"), default=False)
    support_record = models.ForeignKey(
        "support.SupportRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_on = models.DateField(_("ngày về nước"), null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(departed_on__lte=models.F("contract_ends_on")), name="abroad_contract_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.country}"

    @property
    def household_status_label(self) -> str:
        return status_label(self.household_status)


class ReferralStep(models.TextChoices):
    REFERRED = "referred", _("Giới thiệu")
    INTERVIEW = "interview", _("Phỏng vấn")
    PLACEMENT = "placement", _("Nhận việc")
    FOLLOW_UP_3 = "follow_up_3", _("Theo dõi sau 3 tháng")
    FOLLOW_UP_6 = "follow_up_6", _("Theo dõi sau 6 tháng")
    CLOSE = "close", _("Kết thúc, nghỉ việc")


class ReferralEvent(InsertOnlyModel):
    """One step of a referral as it was recorded (insert-only): the referral's history."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(_("bước"), max_length=16, choices=ReferralStep.choices)
    on = models.DateField(_("ngày"))
    kept = models.BooleanField(_("còn làm việc"), null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.step} @ {self.on}"


class CourseSession(models.Model):
    """A day of a course on which attendance is taken."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("ngày học"))
    topic = models.CharField(_("nội dung"), max_length=255, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["course", "held_on"], name="course_session_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} @ {self.held_on}"


class Attendance(models.Model):
    """Present or absent: one enrolled member at one session."""

    session = models.ForeignKey(CourseSession, on_delete=models.PROTECT, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendances")
    present = models.BooleanField(_("có mặt"))

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}: {self.present}"


class JobEventKind(models.TextChoices):
    FAIR = "fair", _("Ngày hội việc làm")
    MOBILE = "mobile", _("Phiên giao dịch việc làm lưu động")


class JobEvent(models.Model):
    """A job fair or a mobile job session: who organised it, employers and vacancies, who came."""

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("địa bàn tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=8, choices=JobEventKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    held_on = models.DateField(_("ngày tổ chức"))
    venue = models.CharField(_("địa điểm"), max_length=255)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255)
    employers = models.ManyToManyField(
        Employer, verbose_name=_("đơn vị tuyển dụng tham gia"), blank=True, related_name="+"
    )
    vacancies = models.ManyToManyField(
        Vacancy, verbose_name=_("vị trí tuyển dụng"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class EventAttendee(models.Model):
    """Someone who came to a job event: a member of the register, or a walk-in known by name only."""

    event = models.ForeignKey(JobEvent, on_delete=models.PROTECT, related_name="attendees")
    member = models.ForeignKey("registry.Member", null=True, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("registry.Household", null=True, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    household_status = models.CharField(_("diện hộ khi tham dự"), max_length=16, blank=True)
    walk_in_name = models.CharField(_("họ tên (người ngoài sổ)"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(member__isnull=False),
                name="event_attendee_once",
            ),
            # Either a member of the register or a name.
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(walk_in_name=""), name="event_attendee_who"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.member_id or self.walk_in_name}"

    @property
    def household_status_label(self) -> str:
        return status_label(self.household_status) if self.household_status else ""


class TrainingNeed(models.Model):
    """Training needs a commune entered for a year and trade (besides the wishes of its labour survey)."""

    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    trade = models.CharField(_("nghề"), max_length=128)
    people = models.PositiveIntegerField(_("số người có nhu cầu"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["commune", "year", "trade"], name="training_need_once"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.year} {self.trade}"
