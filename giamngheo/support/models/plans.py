"""A poor household's support plan: causes, chosen solutions, the helper assigned, and follow-up visits."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel


class HouseholdPlan(models.Model):
    """«Kế hoạch hỗ trợ hộ» for one year: why the household is poor, what will be done, who helps it."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="support_plans"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    category = models.CharField(_("diện hộ khi lập"), max_length=16)
    assessment = models.ForeignKey(
        "registry.Assessment",
        verbose_name=_("kết quả đánh giá làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    causes = models.ManyToManyField("support.PovertyCause", verbose_name=_("nguyên nhân nghèo"), blank=True)
    other_cause = models.CharField(_("nguyên nhân khác"), max_length=255, blank=True)
    helper_name = models.CharField(_("người giúp đỡ"), max_length=128)
    helper_organisation = models.CharField(_("cơ quan, tổ chức giúp đỡ"), max_length=255, blank=True)
    helper_phone = models.CharField(_("điện thoại người giúp đỡ"), max_length=20, blank=True)
    registers_to_escape = models.BooleanField(_("hộ đăng ký thoát nghèo trong năm"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch hỗ trợ hộ")
        verbose_name_plural = _("kế hoạch hỗ trợ hộ")
        ordering: ClassVar = ["commune", "household", "-year"]
        constraints: ClassVar = [
            # The commune's appendix lists one plan per household and year.
            models.UniqueConstraint(fields=["household", "year"], name="householdplan_one_per_year"),
        ]
        indexes: ClassVar = [models.Index(fields=["commune", "year"], name="householdplan_commune_year_idx")]

    def __str__(self) -> str:
        return f"{self.household_id} / {self.year}"


class PlanSolution(models.Model):
    """A support type chosen for a household's plan, proposed by the engine or by the officer."""

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.CASCADE, related_name="solutions")
    support_type = models.ForeignKey(
        "support.SupportType", verbose_name=_("giải pháp hỗ trợ"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        "registry.Member",
        verbose_name=_("thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suggested = models.BooleanField(_("hệ thống gợi ý"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("giải pháp hỗ trợ")
        verbose_name_plural = _("giải pháp hỗ trợ")
        ordering: ClassVar = ["plan", "id"]
        constraints: ClassVar = [
            # A solution is named once per plan (and member, for member-level support).
            models.UniqueConstraint(
                fields=["plan", "support_type"],
                condition=Q(member__isnull=True),
                name="plansolution_unique_household_type",
            ),
            models.UniqueConstraint(
                fields=["plan", "support_type", "member"],
                condition=Q(member__isnull=False),
                name="plansolution_unique_member_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.support_type_id}"


class FollowUpVisit(InsertOnlyModel):
    """A helper's visit to the household, with what was seen and agreed; never rewritten."""

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("ngày thăm"))
    visitor = models.CharField(_("người đến thăm"), max_length=128)
    note = models.TextField(_("nội dung"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần thăm hộ")
        verbose_name_plural = _("lần thăm hộ")
        ordering: ClassVar = ["plan", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id} @ {self.visited_on}"
