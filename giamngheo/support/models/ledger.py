"""Beneficiary lists (proposed, selected, approved) and the insert-only ledger of support given."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    APPROVED = "approved", _("Đã phê duyệt")
    CANCELLED = "cancelled", _("Đã hủy")


class BeneficiaryList(models.Model):
    """A commune's list of households or members to receive one support type in a year."""

    support_type = models.ForeignKey(
        "support.SupportType", verbose_name=_("loại hỗ trợ"), on_delete=models.PROTECT, related_name="lists"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên danh sách"), max_length=255)
    reference_date = models.DateField(_("ngày xét đối tượng"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    budget_line = models.ForeignKey(
        "programs.BudgetLine",
        verbose_name=_("dòng kinh phí của kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    budget_source = models.CharField(_("nguồn kinh phí"), max_length=16, blank=True)
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_number = models.CharField(_("số quyết định phê duyệt"), max_length=64, blank=True)
    decided_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("nguồn danh sách"), max_length=16, default="proposed")  # proposed | import
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("danh sách đối tượng hỗ trợ")
        verbose_name_plural = _("danh sách đối tượng hỗ trợ")
        ordering: ClassVar = ["-year", "commune", "-id"]
        indexes: ClassVar = [models.Index(fields=["commune", "year"], name="benlist_commune_year_idx")]
        constraints: ClassVar = [
            # An approved list names the decision that approved it.
            models.CheckConstraint(
                condition=~Q(status="approved") | (Q(decided_on__isnull=False) & ~Q(decision_number="")),
                name="beneficiarylist_approved_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BeneficiaryEntry(models.Model):
    """One household (or member) on a list: whether it qualifies, why, and whether the officer chose it."""

    list = models.ForeignKey(BeneficiaryList, on_delete=models.CASCADE, related_name="entries")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "registry.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    eligible = models.BooleanField(_("đủ điều kiện"))
    reason = models.CharField(_("lý do"), max_length=500)
    selected = models.BooleanField(_("được chọn"), default=False)
    amount = models.BigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    quantity = models.DecimalField(_("số lượng"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("đối tượng trong danh sách")
        verbose_name_plural = _("đối tượng trong danh sách")
        ordering: ClassVar = ["list", "household__code", "member__member_no"]
        constraints: ClassVar = [
            # A household (or member) appears once on a list.
            models.UniqueConstraint(
                fields=["list", "household"], condition=Q(member__isnull=True), name="entry_unique_household"
            ),
            models.UniqueConstraint(
                fields=["list", "member"], condition=Q(member__isnull=False), name="entry_unique_member"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="entry_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list_id}: {self.household_id}"


class RecordStatus(models.TextChoices):
    APPROVED = "approved", _("Đã phê duyệt")
    DELIVERED = "delivered", _("Đã trao, đã chi")
    CANCELLED = "cancelled", _("Đã hủy")


class SupportRecord(InsertOnlyModel):
    """A line of the ledger: support approved, delivered or cancelled for a household or member.

    Records are never changed: delivering or cancelling an approved support is a new record that
    `supersedes` the previous one, so the chain tells the whole story and the last link is the state.
    """

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="support_records"
    )
    member = models.ForeignKey(
        "registry.Member",
        verbose_name=_("thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_records",
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    support_type = models.ForeignKey(
        "support.SupportType", verbose_name=_("loại hỗ trợ"), on_delete=models.PROTECT, related_name="records"
    )
    entry = models.ForeignKey(
        BeneficiaryEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=RecordStatus.choices)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay cho bản ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    on = models.DateField(_("ngày"))
    amount = models.BigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    quantity = models.DecimalField(_("số lượng"), max_digits=12, decimal_places=2, null=True, blank=True)
    budget_source = models.CharField(_("nguồn kinh phí"), max_length=16, blank=True)
    budget_line = models.ForeignKey(
        "programs.BudgetLine",
        verbose_name=_("dòng kinh phí"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_records",
    )
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence = models.FileField(_("chứng từ"), upload_to="support/evidence/%Y/", blank=True)
    reason = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bản ghi hỗ trợ")
        verbose_name_plural = _("sổ theo dõi hỗ trợ")
        ordering: ClassVar = ["household", "-on", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["household", "support_type"], name="record_household_type_idx"),
            models.Index(fields=["commune", "on"], name="record_commune_on_idx"),
            models.Index(fields=["province", "support_type", "on"], name="record_province_type_on_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="record_amount_not_negative"
            ),
            # Money is counted as an amount, in kind or a service as a quantity; a cancellation has neither.
            models.CheckConstraint(
                condition=Q(status="cancelled") | Q(amount__isnull=False) | Q(quantity__isnull=False),
                name="record_has_amount_or_quantity",
            ),
            # A cancellation says why.
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(reason=""), name="record_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.support_type_id} {self.status} {self.on}"
