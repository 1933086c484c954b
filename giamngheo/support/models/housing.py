"""Housing cases (Project 5 and local temporary-house removal): approval, funding, progress and acceptance."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel


class HousingWork(models.TextChoices):
    NEW = "new", _("Xây mới")
    REPAIR = "repair", _("Sửa chữa")


class HousingStage(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt")
    STARTED = "started", _("Khởi công")
    ROOFED = "roofed", _("Đã lợp mái")
    COMPLETED = "completed", _("Hoàn thành")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    CANCELLED = "cancelled", _("Đã hủy")


# The order a case moves through; a case may also be cancelled from any stage before acceptance.
STAGE_ORDER = [
    HousingStage.PROPOSED,
    HousingStage.APPROVED,
    HousingStage.STARTED,
    HousingStage.ROOFED,
    HousingStage.COMPLETED,
    HousingStage.ACCEPTED,
]


class HousingCase(models.Model):
    """A household's house to build or repair with support, from proposal to acceptance."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="housing_cases"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    support_type = models.ForeignKey(
        "support.SupportType", verbose_name=_("chính sách hỗ trợ"), on_delete=models.PROTECT, related_name="+"
    )
    work = models.CharField(_("hình thức"), max_length=8, choices=HousingWork.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    stage = models.CharField(
        _("tiến độ"), max_length=16, choices=HousingStage.choices, default=HousingStage.PROPOSED
    )
    round = models.ForeignKey(
        "registry.SurveyRound",
        verbose_name=_("phiếu rà soát làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    eligibility_note = models.CharField(_("căn cứ đủ điều kiện"), max_length=500)
    floor_area_m2 = models.DecimalField(
        _("diện tích sàn (m²)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    hard_foundation = models.BooleanField(_("nền cứng"), null=True)
    hard_frame = models.BooleanField(_("khung, tường cứng"), null=True)
    hard_roof = models.BooleanField(_("mái cứng"), null=True)
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)
    record = models.OneToOneField(
        "support.SupportRecord",
        verbose_name=_("bản ghi hỗ trợ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="housing_case",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ hỗ trợ nhà ở")
        verbose_name_plural = _("hồ sơ hỗ trợ nhà ở")
        ordering: ClassVar = ["commune", "-year", "household"]
        indexes: ClassVar = [
            models.Index(fields=["province", "year", "stage"], name="housing_prov_year_stage_idx")
        ]
        constraints: ClassVar = [
            # One open housing case per household: a second would pay the same house twice.
            models.UniqueConstraint(
                fields=["household"],
                condition=~Q(stage="cancelled"),
                name="housingcase_one_open_per_household",
            ),
            # An accepted house says when it was accepted.
            models.CheckConstraint(
                condition=~Q(stage="accepted") | Q(accepted_on__isnull=False),
                name="housingcase_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.get_work_display()} {self.year}"


class HousingFunding(models.Model):
    """Money for a housing case from one source (central, local, mobilised, household's own, loan)."""

    case = models.ForeignKey(HousingCase, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("nguồn"), max_length=16)
    amount = models.BigIntegerField(_("số tiền (đồng)"))

    class Meta:
        verbose_name = _("nguồn vốn nhà ở")
        verbose_name_plural = _("nguồn vốn nhà ở")
        ordering: ClassVar = ["case", "source"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["case", "source"], name="housingfunding_unique_source"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="housingfunding_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.source} {self.amount}"


class HousingProgress(InsertOnlyModel):
    """A stage reached by a housing case, with its date, a note and optionally a photo."""

    case = models.ForeignKey(HousingCase, on_delete=models.PROTECT, related_name="progress")
    stage = models.CharField(_("giai đoạn"), max_length=16, choices=HousingStage.choices)
    on = models.DateField(_("ngày"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    photo = models.FileField(_("ảnh"), upload_to="support/housing/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tiến độ nhà ở")
        verbose_name_plural = _("tiến độ nhà ở")
        ordering: ClassVar = ["case", "on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.stage} {self.on}"
