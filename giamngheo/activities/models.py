"""Registers of Projects 6 and 7.1, oversight and emulation: what was done, where, by whom, at what cost."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel
from giamngheo.programs.links import PlanLinks

# Money in million VND (max_digits=14, decimal_places=3), as plans count it (ADR 0604).


class Placed(PlanLinks):
    """A row of a register: the current province and (for a commune's row) commune it belongs to, the
    lead agency, and the plan's project, budget line and task it carries out (all optional)."""

    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: việc của cấp tỉnh"),
    )
    lead_agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        """The unit the row is recorded at: its commune, else its province."""
        return self.commune or self.province


class CommunicationKind(models.TextChoices):
    BROADCAST = "broadcast", _("Chương trình phát thanh, truyền hình")
    ARTICLE = "article", _("Tin, bài báo")
    LEAFLET = "leaflet", _("Tờ rơi, tài liệu")
    POSTER = "poster", _("Pa nô, áp phích")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    DIALOGUE = "dialogue", _("Đối thoại chính sách")
    COMPETITION = "competition", _("Hội thi, cuộc thi")
    INFORMATION_POINT = "information_point", _("Điểm thông tin công cộng")
    RADIO_STATION = "radio_station", _("Đài truyền thanh xã")


class CommunicationItem(Placed):
    """A communication product or event of Project 6, with its cost by source and the people it reached."""

    kind = models.CharField(_("loại"), max_length=24, choices=CommunicationKind.choices)
    title = models.CharField(_("tên sản phẩm, hoạt động"), max_length=255)
    held_on = models.DateField(_("ngày thực hiện"))
    cost_central = models.DecimalField(
        _("kinh phí trung ương (triệu đồng)"), default=0, max_digits=14, decimal_places=3
    )
    cost_local = models.DecimalField(
        _("kinh phí địa phương (triệu đồng)"), default=0, max_digits=14, decimal_places=3
    )
    cost_other = models.DecimalField(
        _("kinh phí huy động khác (triệu đồng)"), default=0, max_digits=14, decimal_places=3
    )
    reach = models.PositiveIntegerField(_("số người được tiếp cận"), default=0)
    reach_poor = models.PositiveIntegerField(_("trong đó người nghèo, cận nghèo"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sản phẩm, hoạt động truyền thông")
        verbose_name_plural = _("truyền thông giảm nghèo")
        ordering: ClassVar = ["-held_on", "-id"]
        constraints: ClassVar = [
            # The poor reached are among the people reached.
            models.CheckConstraint(condition=Q(reach_poor__lte=F("reach")), name="communication_reach_poor"),
            # Money is spent, never negative.
            models.CheckConstraint(
                condition=Q(cost_central__gte=0, cost_local__gte=0, cost_other__gte=0),
                name="communication_cost_not_negative",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["province", "commune", "held_on"], name="communication_scope")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def cost_total(self):  # type: ignore[no-untyped-def]
        return self.cost_central + self.cost_local + self.cost_other


class Officer(models.Model):
    """A poverty-reduction officer of a unit: the denominator of «tỷ lệ cán bộ được tập huấn» (ADR 1701).

    A row may be a user of the system (their name and unit then come from the account) or a named officer
    without an account (a village head, a commune's union officer).
    """

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang làm công tác giảm nghèo"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("cán bộ làm công tác giảm nghèo")
        verbose_name_plural = _("cán bộ làm công tác giảm nghèo")
        ordering: ClassVar = ["province", "commune", "full_name"]
        constraints: ClassVar = [
            # A user is one officer: counting them twice would inflate the denominator.
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="officer_one_per_user"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        return self.commune or self.province


class CourseLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương tổ chức")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class OfficerCourse(Placed):
    """A training course for poverty-reduction officers (Project 7.1)."""

    title = models.CharField(_("tên lớp tập huấn, bồi dưỡng"), max_length=255)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255)
    level = models.CharField(_("cấp tổ chức"), max_length=16, choices=CourseLevel.choices)
    cost = models.DecimalField(_("kinh phí (triệu đồng)"), default=0, max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("lớp tập huấn cán bộ")
        verbose_name_plural = _("tập huấn cán bộ")
        ordering: ClassVar = ["-starts_on", "-id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="officercourse_dates_order"
            ),
            models.CheckConstraint(condition=Q(cost__gte=0), name="officercourse_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """An officer called to a course: whether they attended and completed it."""

    course = models.ForeignKey(OfficerCourse, on_delete=models.PROTECT, related_name="attendances")
    officer = models.ForeignKey(Officer, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(_("có tham dự"), default=True)
    completed = models.BooleanField(_("hoàn thành"), default=False)

    class Meta:
        verbose_name = _("học viên lớp tập huấn")
        verbose_name_plural = _("học viên lớp tập huấn")
        constraints: ClassVar = [
            # An officer is on a course's list once; the import finds the row again.
            models.UniqueConstraint(fields=["course", "officer"], name="attendance_once_per_course"),
            # Only who attended can complete.
            models.CheckConstraint(
                condition=Q(attended=True) | Q(completed=False), name="attendance_completed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} @ {self.course_id}"


class InspectionKind(models.TextChoices):
    PLANNED = "planned", _("Theo kế hoạch")
    AD_HOC = "ad_hoc", _("Đột xuất")


class InspectionMethod(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")


class Inspection(Placed):
    """An inspection or supervision of a unit (and optionally an agency): its findings and recommendations.

    `lead_agency` is the agency leading the inspection; `subject_agency` the agency inspected; the place
    columns name the subject unit (a commune, or the province for a province-wide one).
    """

    kind = models.CharField(_("hình thức"), max_length=16, choices=InspectionKind.choices)
    method = models.CharField(_("loại"), max_length=16, choices=InspectionMethod.choices)
    title = models.CharField(_("tên đợt kiểm tra, giám sát"), max_length=255)
    body = models.CharField(_("đoàn, cơ quan kiểm tra"), max_length=255)
    subject_agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan được kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    scope = models.TextField(_("nội dung, phạm vi"), blank=True)
    findings = models.TextField(_("kết quả, phát hiện"), blank=True)

    class Meta:
        verbose_name = _("đợt kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")
        ordering: ClassVar = ["-starts_on", "-id"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="inspection_dates_order"),
        ]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện xong")
    DROPPED = "dropped", _("Không thực hiện (có lý do)")


OPEN_STATUSES = (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)


class Recommendation(models.Model):
    """A recommendation of an inspection, addressed to a unit or agency, with a due date; its status moves
    only through follow-ups (insert-only history)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    content = models.TextField(_("nội dung kiến nghị"))
    responsible_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("hạn thực hiện"))
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering: ClassVar = ["inspection", "number"]
        constraints: ClassVar = [
            # Recommendations are cited by number («kiến nghị số 2»).
            models.UniqueConstraint(fields=["inspection", "number"], name="recommendation_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:60]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < today


class FollowUp(InsertOnlyModel):
    """What was done about a recommendation on a day, with its evidence and the status it left."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="follow_ups")
    on = models.DateField(_("ngày"))
    action = models.TextField(_("việc đã làm"))
    evidence = models.CharField(_("minh chứng"), max_length=255, blank=True)
    new_status = models.CharField(_("tình trạng mới"), max_length=16, choices=RecommendationStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theo dõi thực hiện kiến nghị")
        verbose_name_plural = _("theo dõi thực hiện kiến nghị")
        ordering: ClassVar = ["recommendation", "on", "id"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.on} → {self.new_status}"


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình thoát nghèo")


class CommendationStage(models.TextChoices):
    NOMINATED = "nominated", _("Đề nghị khen thưởng")
    AWARDED = "awarded", _("Đã khen thưởng")


class CommendationLevel(models.TextChoices):
    STATE = "state", _("Nhà nước, Thủ tướng Chính phủ")
    MINISTRY = "ministry", _("Bộ, ngành, đoàn thể trung ương")
    PROVINCE = "province", _("Chủ tịch UBND tỉnh")
    COMMUNE = "commune", _("Chủ tịch UBND xã")
    FRONT = "front", _("Mặt trận Tổ quốc")


class Commendation(Placed):
    """A nomination or commendation in «Cả nước chung tay vì người nghèo»; a household commended for escaping
    poverty is the registry's household, checked to have escaped."""

    stage = models.CharField(_("bước"), max_length=16, choices=CommendationStage.choices)
    recipient_kind = models.CharField(_("đối tượng"), max_length=16, choices=RecipientKind.choices)
    recipient = models.CharField(_("tên tập thể, cá nhân, chủ hộ"), max_length=255)
    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("hộ trong sổ hộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("cấp khen thưởng"), max_length=16, choices=CommendationLevel.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("ngày"))
    reason = models.TextField(_("thành tích"), blank=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("thi đua, khen thưởng")
        ordering: ClassVar = ["-decided_on", "-id"]
        constraints: ClassVar = [
            # A household commendation names the household; others do not.
            models.CheckConstraint(
                condition=(Q(recipient_kind="household") & Q(household__isnull=False))
                | (~Q(recipient_kind="household") & Q(household__isnull=True)),
                name="commendation_household_link",
            ),
            # An award has its decision.
            models.CheckConstraint(
                condition=~Q(stage="awarded") | ~Q(decision_number=""), name="commendation_award_decision"
            ),
        ]

    def __str__(self) -> str:
        return self.recipient


class Donation(Placed):
    """A donation to the «Vì người nghèo» fund at a unit, in đồng (cash, or goods valued)."""

    donor = models.CharField(_("người, đơn vị ủng hộ"), max_length=255)
    donated_on = models.DateField(_("ngày ủng hộ"))
    amount = models.BigIntegerField(_("giá trị (đồng)"))
    in_kind = models.BooleanField(_("bằng hiện vật"), default=False)
    description = models.CharField(_("nội dung"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ủng hộ Quỹ Vì người nghèo")
        verbose_name_plural = _("Quỹ Vì người nghèo")
        ordering: ClassVar = ["-donated_on", "-id"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="donation_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.donor
