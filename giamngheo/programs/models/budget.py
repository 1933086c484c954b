"""Budgets in million VND (Decimal, never float): planned lines, stated totals, allocations, disbursements."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel

# Plans count money in million VND; the support ledger in đồng.
DONG_PER_MILLION = Decimal(1_000_000)


class BudgetSource(models.TextChoices):
    CENTRAL = "central", _("Ngân sách trung ương")
    LOCAL = "local", _("Ngân sách địa phương (chưa tách cấp)")
    PROVINCE = "province", _("Ngân sách cấp tỉnh")
    DISTRICT = "district", _("Ngân sách cấp huyện")
    COMMUNE = "commune", _("Ngân sách cấp xã")
    MOBILISED = "mobilised", _("Vốn huy động khác")
    POLICY_CREDIT = "policy_credit", _("Vốn tín dụng chính sách")


# The source groups a plan states totals for; local budget gathers every local level.
SOURCE_GROUPS: dict[str, tuple[str, ...]] = {
    "total": tuple(BudgetSource.values),
    "central": (BudgetSource.CENTRAL,),
    "local": (BudgetSource.LOCAL, BudgetSource.PROVINCE, BudgetSource.DISTRICT, BudgetSource.COMMUNE),
    "province": (BudgetSource.PROVINCE,),
    "district": (BudgetSource.DISTRICT,),
    "commune": (BudgetSource.COMMUNE,),
    "mobilised": (BudgetSource.MOBILISED,),
    "policy_credit": (BudgetSource.POLICY_CREDIT,),
}
SOURCE_GROUP_LABELS = {
    "total": _("Tổng kinh phí"),
    "central": _("Ngân sách trung ương"),
    "local": _("Ngân sách địa phương"),
    "province": _("Ngân sách cấp tỉnh"),
    "district": _("Ngân sách cấp huyện"),
    "commune": _("Ngân sách cấp xã"),
    "mobilised": _("Vốn huy động khác"),
    "policy_credit": _("Vốn tín dụng chính sách"),
}


class Expenditure(models.TextChoices):
    INVESTMENT = "investment", _("Vốn đầu tư phát triển")
    RECURRENT = "recurrent", _("Vốn sự nghiệp")
    UNSPECIFIED = "unspecified", _("Không tách")


class BudgetLine(models.Model):
    """Planned money for a project (or the whole plan) from one source, investment or recurrent."""

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="budget_lines")
    project = models.ForeignKey(
        "programs.PlanProject",
        verbose_name=_("dự án"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        help_text=_("Để trống: kinh phí chung của kế hoạch, chưa phân theo dự án"),
    )
    source = models.CharField(_("nguồn vốn"), max_length=16, choices=BudgetSource.choices)
    expenditure = models.CharField(
        _("loại vốn"), max_length=16, choices=Expenditure.choices, default=Expenditure.UNSPECIFIED
    )
    amount = models.DecimalField(_("số tiền (triệu đồng)"), max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("kinh phí")
        ordering: ClassVar = ["plan", "project", "source", "expenditure"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_not_negative"),
            # One cell of the project × source × expenditure table.
            models.UniqueConstraint(
                fields=["plan", "project", "source", "expenditure"],
                condition=Q(project__isnull=False),
                name="budgetline_unique_cell",
            ),
            # The same for the plan-wide row of a source (no project); NULLs would not collide.
            models.UniqueConstraint(
                fields=["plan", "source", "expenditure"],
                condition=Q(project__isnull=True),
                name="budgetline_unique_plan_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} / {self.get_expenditure_display()}: {self.amount}"


class BudgetStatement(models.Model):
    """A total the plan's text states (e.g. "365.665 triệu đồng"), checked against the lines."""

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="budget_statements")
    group = models.CharField(_("nhóm nguồn"), max_length=16, choices=list(SOURCE_GROUP_LABELS.items()))
    expenditure = models.CharField(
        _("loại vốn"), max_length=16, choices=Expenditure.choices, default=Expenditure.UNSPECIFIED
    )
    amount = models.DecimalField(_("số tiền theo văn bản (triệu đồng)"), max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = _("tổng kinh phí theo văn bản")
        verbose_name_plural = _("tổng kinh phí theo văn bản")
        ordering: ClassVar = ["plan", "group", "expenditure"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["plan", "group", "expenditure"], name="budgetstatement_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetstatement_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.group}/{self.expenditure}: {self.amount}"


class BudgetAllocation(InsertOnlyModel):
    """Money assigned (giao dự toán) to a budget line for a year; corrections are new rows."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="allocations")
    year = models.PositiveSmallIntegerField(_("năm"))
    amount = models.DecimalField(_("số tiền (triệu đồng)"), max_digits=16, decimal_places=3)
    decided_on = models.DateField(_("ngày giao"))
    reference = models.CharField(_("quyết định giao"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dự toán được giao")
        verbose_name_plural = _("dự toán được giao")
        ordering: ClassVar = ["line", "year", "pk"]
        constraints: ClassVar = [
            # A cut is a negative row; the total never goes below zero (checked in the service).
            models.CheckConstraint(condition=~Q(amount=0), name="budgetallocation_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Disbursement(InsertOnlyModel):
    """Money paid out (giải ngân) from a budget line within a period; corrections are new rows."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="disbursements")
    period = models.ForeignKey(
        "core.Period", verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("số tiền (triệu đồng)"), max_digits=16, decimal_places=3)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giải ngân")
        verbose_name_plural = _("giải ngân")
        ordering: ClassVar = ["line", "period", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(amount=0), name="disbursement_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.period_id}: {self.amount}"
