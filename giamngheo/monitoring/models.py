"""Indicator values per unit × period × group, reporting rounds and reports with their transitions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel
from giamngheo.core.official_document import DocumentFields
from giamngheo.programs.models import Indicator


class IndicatorValue(models.Model):
    """The value of an indicator for a unit, a period and a group; changes are audited.

    `province` and `commune` are the current units the row lies in, for area scoping.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "geo.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey("core.Period", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("nhóm đối tượng"), max_length=32, default="all")
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=3)
    numerator = models.DecimalField(_("tử số"), max_digits=16, decimal_places=3, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=16, decimal_places=3, null=True, blank=True)
    note = models.CharField(_("ghi chú, nguồn số liệu"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giá trị chỉ số")
        verbose_name_plural = _("giá trị chỉ số")
        ordering: ClassVar = ["indicator", "unit", "period"]
        constraints: ClassVar = [
            # One current value per cell; its history is in the audit log.
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "group"], name="indicatorvalue_unique_cell"
            ),
            # A ratio has a positive denominator when one is given.
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="indicatorvalue_denominator_positive",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["province", "commune"], name="indicatorvalue_scope_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.unit_id}/{self.period_id}: {self.value}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


class RoundKind(models.TextChoices):
    OFFICIAL = "official", _("Báo cáo định kỳ (chính thức)")
    ESTIMATE = "estimate", _("Báo cáo ước thực hiện")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")
    CLOSE_OUT = "close_out", _("Báo cáo tổng kết")


class ReportingRound(models.Model):
    """A reporting round of a province for one period and kind: one report per unit and per line agency.

    An estimate («ước thực hiện», due mid-October) and the official report (due in December) of one year are
    two rounds of the same period; ad-hoc requests carry their own title, content and deadlines; a close-out
    covers a plan's whole span, or one of its projects (only the project's lead agency reports then).
    """

    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(
        "programs.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    period = models.ForeignKey(
        "core.Period", verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("loại báo cáo"), max_length=16, choices=RoundKind.choices, default=RoundKind.OFFICIAL
    )
    title = models.CharField(_("tên yêu cầu báo cáo"), max_length=255, blank=True)
    request = models.TextField(_("nội dung yêu cầu"), blank=True)
    project = models.ForeignKey(
        "programs.PlanProject",
        verbose_name=_("dự án (báo cáo tổng kết dự án)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune_due = models.DateField(_("hạn cấp xã gửi"))
    agency_due = models.DateField(_("hạn sở, ngành gửi"))
    province_due = models.DateField(_("hạn cấp tỉnh gửi"))
    # A close-out covers the program period from this year to the period's year (2021 → 2021–2025).
    from_year = models.PositiveSmallIntegerField(_("tổng kết từ năm"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering: ClassVar = ["-period__year", "-period__end_date", "province"]
        constraints: ClassVar = [
            # One estimate, one official report and one close-out per province and period; ad-hoc requests
            # and project close-outs are as many as needed (a project closes out once).
            models.UniqueConstraint(
                fields=["province", "period", "kind"],
                condition=Q(kind__in=["official", "estimate"]) | Q(kind="close_out", project__isnull=True),
                name="round_unique_province_period_kind",
            ),
            models.UniqueConstraint(
                fields=["province", "project"],
                condition=Q(project__isnull=False),
                name="round_unique_project_close_out",
            ),
            # Only a close-out names a project; an ad-hoc request says what it asks for.
            models.CheckConstraint(
                condition=Q(project__isnull=True) | Q(kind="close_out"), name="round_project_only_close_out"
            ),
            models.CheckConstraint(condition=~Q(kind="ad_hoc") | ~Q(title=""), name="round_ad_hoc_has_title"),
            models.CheckConstraint(
                condition=Q(province_due__gte=models.F("commune_due")), name="round_province_after_commune"
            ),
            # The standing agency aggregates the line agencies' reports before it sends its own.
            models.CheckConstraint(
                condition=Q(province_due__gte=models.F("agency_due")), name="round_province_after_agency"
            ),
            # Only a close-out spans several years, and it starts at or before the period's year.
            models.CheckConstraint(
                condition=Q(from_year__isnull=True) | Q(kind="close_out"),
                name="round_from_year_only_close_out",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} — {self.label}"

    @property
    def label(self) -> str:
        """What officers call the round: «Báo cáo ước thực hiện — Năm 2026», or the ad-hoc request's title."""
        name = self.title or str(self.get_kind_display())
        return f"{name} — {self.period.label}"


class Report(DocumentFields):
    """A monitoring report (Circular 10/2022, Mẫu 01) of one unit in a round, with its annotations.

    The document fields (number, date, recipients, signer) print it as an official document (Decree 30).

    Figures are generated from data while the report is open and frozen into `snapshot` on submission.
    """

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("sở, ngành báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "geo.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    due_date = models.DateField(_("hạn gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("duyệt/trả lúc"), null=True, blank=True)
    summary = models.TextField(_("đánh giá chung"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    snapshot = models.JSONField(_("số liệu đã chốt"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta(DocumentFields.Meta):
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering: ClassVar = ["round", "commune__code", "agency__name"]
        constraints: ClassVar = [
            # One report per unit and one per line agency in a round (an agency's unit is its province).
            models.UniqueConstraint(
                fields=["round", "unit"], condition=Q(agency__isnull=True), name="report_unique_round_unit"
            ),
            models.UniqueConstraint(
                fields=["round", "agency"],
                condition=Q(agency__isnull=False),
                name="report_unique_round_agency",
            ),
            # A line agency reports at province level, never for a commune.
            models.CheckConstraint(
                condition=Q(agency__isnull=True) | Q(commune__isnull=True), name="report_agency_not_commune"
            ),
            # A submitted or decided report says when it was submitted.
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["province", "commune"], name="report_scope_idx")]

    def __str__(self) -> str:
        return f"{self.reporter} — {self.round.period}"

    @property
    def reporter(self) -> str:
        """Who reports: the line agency, or the unit."""
        return self.agency.name if self.agency_id is not None and self.agency else self.unit.name

    @property
    def is_locked(self) -> bool:
        """Submitted reports wait for a decision; approved ones never change again."""
        return self.status in {ReportStatus.SUBMITTED, ReportStatus.APPROVED}


class ReportTransition(InsertOnlyModel):
    """A step of a report through submit, return and approve: who, when, with which comment."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("bước xử lý báo cáo")
        ordering: ClassVar = ["report", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"
