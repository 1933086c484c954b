"""Campaigns, review cases and their events, meetings, postings, objections, decisions, transitions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.choices import FastChoiceLabels
from giamngheo.core.models import InsertOnlyModel


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", _("Rà soát định kỳ hằng năm")
    MONTHLY = "monthly", _("Rà soát thường xuyên hằng tháng")


class ApprovalChain(models.TextChoices):
    COMMUNE_PROVINCE = "commune_province", _("Xã → Tỉnh (chính quyền hai cấp)")
    COMMUNE_DISTRICT_PROVINCE = "commune_district_province", _("Xã → Huyện → Tỉnh (trước 1/7/2025)")


class Campaign(models.Model):
    """One review of a province: the annual review (1/9–14/12) or a monthly regular review."""

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=8, choices=CampaignKind.choices)
    name = models.CharField(_("tên đợt"), max_length=255)
    standard = models.CharField(_("chuẩn nghèo"), max_length=16)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("hạn công nhận"))
    list_by = models.DateField(_("hạn lập danh sách"), null=True, blank=True)
    survey_by = models.DateField(_("hạn rà soát, chấm điểm"), null=True, blank=True)
    meeting_by = models.DateField(_("hạn họp dân"), null=True, blank=True)
    posting_by = models.DateField(_("hạn niêm yết"), null=True, blank=True)
    report_by = models.DateField(_("hạn báo cáo tỉnh"), null=True, blank=True)
    posting_working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc niêm yết"),
        default=3,
        help_text=_("Mặc định 3 ngày làm việc [chưa xác minh: nguồn ghi 3–7]"),
    )
    approval_chain = models.CharField(
        _("trình tự phê duyệt"),
        max_length=32,
        choices=ApprovalChain.choices,
        default=ApprovalChain.COMMUNE_PROVINCE,
    )
    is_closed = models.BooleanField(_("đã kết thúc"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt rà soát")
        verbose_name_plural = _("đợt rà soát")
        ordering: ClassVar = ["-year", "-starts_on"]
        constraints: ClassVar = [
            # One annual review per province and year; monthly reviews are told apart by their start.
            models.UniqueConstraint(
                fields=["province", "kind", "year", "starts_on"], name="campaign_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Step(models.TextChoices):
    LISTED = "listed", _("Đã lập danh sách")
    SURVEYED = "surveyed", _("Đã rà soát, chấm điểm")
    AGREED = "agreed", _("Họp dân thống nhất")
    DISAGREED = "disagreed", _("Họp dân chưa thống nhất (rà soát lại)")
    POSTED = "posted", _("Đang niêm yết công khai")
    OBJECTED = "objected", _("Có khiếu nại")
    DECIDED = "decided", _("Đã có quyết định công nhận")


# The steps a case may move to from each step; anything else is refused and explained.
TRANSITIONS: dict[str, set[str]] = {
    Step.LISTED: {Step.SURVEYED},
    Step.SURVEYED: {Step.SURVEYED, Step.AGREED, Step.DISAGREED},
    Step.DISAGREED: {Step.SURVEYED},
    Step.AGREED: {Step.POSTED, Step.SURVEYED},
    Step.POSTED: {Step.OBJECTED, Step.DECIDED},
    Step.OBJECTED: {Step.POSTED, Step.SURVEYED},
    Step.DECIDED: set(),
}


class CaseReason(models.TextChoices):
    CURRENT_POOR = "current_poor", _("Đang là hộ nghèo")
    CURRENT_NEAR_POOR = "current_near_poor", _("Đang là hộ cận nghèo")
    REQUEST = "request", _("Có giấy đề nghị (Mẫu 01 / Mẫu 04)")
    DATA_QUALITY = "data_quality", _("Cần kiểm tra lại dữ liệu")
    OTHER = "other", _("Khác")


class Outcome(models.TextChoices):
    NEW_POOR = "new_poor", _("Hộ nghèo phát sinh mới")
    NEW_NEAR_POOR = "new_near_poor", _("Hộ cận nghèo phát sinh mới")
    RELAPSE_POOR = "relapse_poor", _("Tái nghèo")
    RELAPSE_NEAR_POOR = "relapse_near_poor", _("Tái cận nghèo")
    NEAR_POOR_TO_POOR = "near_poor_to_poor", _("Hộ cận nghèo trở thành hộ nghèo")
    POOR_TO_NEAR_POOR = "poor_to_near_poor", _("Hộ nghèo trở thành hộ cận nghèo")
    ESCAPED_POOR = "escaped_poor", _("Thoát nghèo")
    ESCAPED_NEAR_POOR = "escaped_near_poor", _("Thoát cận nghèo")
    REMAINS_POOR = "remains_poor", _("Tiếp tục là hộ nghèo")
    REMAINS_NEAR_POOR = "remains_near_poor", _("Tiếp tục là hộ cận nghèo")
    NOT_RECOGNISED = "not_recognised", _("Không thuộc diện")


class ReviewCase(FastChoiceLabels, models.Model):
    """A household under review in a campaign, with the step it has reached."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="review_cases")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "geo.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("lý do đưa vào danh sách"), max_length=24, choices=CaseReason.choices)
    step = models.CharField(_("bước"), max_length=12, choices=Step.choices, default=Step.LISTED)
    status_before = models.CharField(_("diện hộ trước rà soát"), max_length=16)
    assessment = models.ForeignKey(
        "registry.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed = models.CharField(_("kết quả dự kiến"), max_length=24, choices=Outcome.choices, blank=True)
    outcome = models.CharField(_("kết quả công nhận"), max_length=24, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hộ trong đợt rà soát")
        verbose_name_plural = _("hộ trong đợt rà soát")
        ordering: ClassVar = ["campaign", "commune", "village", "household__code"]
        constraints: ClassVar = [
            # A household is reviewed once per campaign.
            models.UniqueConstraint(fields=["campaign", "household"], name="reviewcase_unique_household"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["campaign", "commune", "step"], name="reviewcase_commune_step_idx")
        ]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.campaign_id}: {self.step}"


class CaseEvent(InsertOnlyModel):
    """Every step a case took, by whom and when."""

    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="events")
    from_step = models.CharField(max_length=12, blank=True)
    to_step = models.CharField(max_length=12)
    note = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_step} → {self.to_step}"


class VillageMeeting(models.Model):
    """The village meeting (họp dân) that discusses the review results of a village."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="meetings")
    village = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày họp"))
    attendees = models.PositiveIntegerField(_("số người dự"))
    chaired_by = models.CharField(_("chủ trì"), max_length=128)
    secretary = models.CharField(_("thư ký"), max_length=128)
    minutes = models.FileField(_("biên bản (bản chụp)"), upload_to="reviews/minutes/%Y/")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("họp dân")
        verbose_name_plural = _("họp dân")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(attendees__gt=0), name="meeting_has_attendees"),
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.held_on}"


class MeetingVote(InsertOnlyModel):
    """How many attendees agreed with one household's result; agreement needs at least half."""

    meeting = models.ForeignKey(VillageMeeting, on_delete=models.PROTECT, related_name="votes")
    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="votes")
    agree = models.PositiveIntegerField(_("số người đồng ý"))

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["meeting", "case"], name="meetingvote_unique_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.agree}"


class Posting(models.Model):
    """Public posting (niêm yết) of a village's results for a number of working days."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="postings")
    village = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("ngày bắt đầu niêm yết"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    ends_on = models.DateField(_("ngày kết thúc niêm yết"))
    places = models.CharField(_("nơi niêm yết"), max_length=255, default="Nhà văn hóa thôn và trụ sở UBND xã")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("niêm yết công khai")
        verbose_name_plural = _("niêm yết công khai")

    def __str__(self) -> str:
        return f"{self.village_id} {self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    """A complaint about one household's result, and the commune's answer."""

    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="objections")
    lodged_by = models.CharField(_("người khiếu nại"), max_length=128)
    lodged_on = models.DateField(_("ngày nhận"))
    content = models.TextField(_("nội dung"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    resurvey = models.BooleanField(_("rà soát lại"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("khiếu nại")
        verbose_name_plural = _("khiếu nại")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.lodged_by}"


class Decision(models.Model):
    """The commune chair's recognition decision for a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="decisions")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("số quyết định"), max_length=64)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on})"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    DISTRICT_AGREED = "district_agreed", _("Đã có ý kiến cấp huyện, chờ tỉnh duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Bị trả lại")


class Submission(models.Model):
    """A commune's campaign result reported up the chain, approved or returned with a reason."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="submissions")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(blank=True)
    district_opinion = models.TextField(_("ý kiến của UBND cấp huyện"), blank=True)
    district_opinion_on = models.DateField(_("ngày có ý kiến cấp huyện"), null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["campaign", "commune"], name="submission_unique_commune"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}: {self.status}"


class TransitionLink(InsertOnlyModel):
    """The campaign (and the decision) that caused a household's status transition."""

    transition = models.OneToOneField(
        "registry.StatusTransition", on_delete=models.PROTECT, related_name="review_link"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="transition_links")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="transition_links"
    )

    class Meta:
        verbose_name = _("căn cứ biến động diện hộ")
        verbose_name_plural = _("căn cứ biến động diện hộ")

    def __str__(self) -> str:
        return f"{self.transition_id}: {self.campaign_id}/{self.decision_id}"


class RequestForm(models.TextChoices):
    FORM_01 = "01", _("Mẫu 01 — Giấy đề nghị rà soát (định kỳ)")
    FORM_04 = "04", _("Mẫu 04 — Giấy đề nghị rà soát thường xuyên / công nhận thoát nghèo")


class ReviewRequest(models.Model):
    """A household's written request to be reviewed; a Mẫu 04 request must be decided within 15 days."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="review_requests"
    )
    form = models.CharField(_("mẫu"), max_length=2, choices=RequestForm.choices)
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    note = models.CharField(_("nội dung đề nghị"), max_length=500, blank=True)
    case = models.ForeignKey(
        ReviewCase, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giấy đề nghị rà soát")
        verbose_name_plural = _("giấy đề nghị rà soát")
        ordering: ClassVar = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.household_id} Mẫu {self.form} {self.received_on}"


# The campaign report's counts live in their own module.
from giamngheo.reviews.models_counts import (  # noqa: E402, F401
    CampaignCount,
    CampaignCountsBuilt,
    CampaignHouseholdFacts,
    HouseholdChanged,
)
