"""Plans: header, legal bases, projects in local numbering, indicator targets and their allocation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from giamngheo.geo.models import AdminUnit


class PlanKind(models.TextChoices):
    MULTI_YEAR = "multi_year", _("Kế hoạch giai đoạn")
    ANNUAL = "annual", _("Kế hoạch năm")


class Plan(models.Model):
    """A plan (kế hoạch) issued by a unit for one year or several, implementing a program.

    `unit` is the issuing unit as it was (often a legacy district or province); `province` and
    `commune` are the current units its territory lies in, used for area scoping.
    """

    program = models.ForeignKey(
        "programs.Program", verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="plans"
    )
    unit = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh hiện hành"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("xã hiện hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("loại kế hoạch"), max_length=16, choices=PlanKind.choices)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    number = models.CharField(_("số hiệu"), max_length=64, help_text=_("Ví dụ: 03/KH-UBND"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    is_draft = models.BooleanField(_("dự thảo"), default=False)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    general_objective = models.TextField(_("mục tiêu chung"), blank=True)
    scope = models.TextField(_("phạm vi, đối tượng, thời gian"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering: ClassVar = ["-start_year", "province", "number"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="plan_years_ordered"),
            # An annual plan covers exactly one year.
            models.CheckConstraint(
                condition=~Q(kind="annual") | Q(end_year=F("start_year")), name="plan_annual_one_year"
            ),
            # One issuing unit does not number two plans alike.
            models.UniqueConstraint(fields=["unit", "number", "start_year"], name="plan_unique_number"),
        ]
        indexes: ClassVar = [models.Index(fields=["province", "commune"], name="plan_scope_idx")]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    @property
    def managed_at(self) -> AdminUnit:
        """Where the plan's managers sit: a commune's plan is its commune's, others the province's."""
        return self.commune or self.province

    @property
    def years(self) -> str:
        return (
            str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"
        )


class PlanLegalBasis(models.Model):
    """A legal basis (căn cứ) of a plan: a decision or a parent plan, linked when it is in the system."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("văn bản"), max_length=500)
    parent_plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_bases",
    )

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering: ClassVar = ["plan", "order"]
        constraints: ClassVar = [
            # A plan cannot implement itself.
            models.CheckConstraint(condition=~Q(parent_plan=F("plan")), name="plan_basis_not_self"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanProject(models.Model):
    """A project or sub-project as the plan numbers it, mapped to the national catalogue."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects")
    local_number = models.CharField(_("số hiệu trong kế hoạch"), max_length=32)
    local_name = models.CharField(_("tên trong kế hoạch"), max_length=400)
    component = models.ForeignKey(
        "programs.ProgramComponent",
        verbose_name=_("dự án trong danh mục quốc gia"),
        on_delete=models.PROTECT,
        related_name="plan_projects",
    )
    lead_agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    coordinating_agencies = models.ManyToManyField(
        "programs.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    objective = models.TextField(_("mục tiêu, nội dung"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dự án của kế hoạch")
        verbose_name_plural = _("dự án của kế hoạch")
        ordering: ClassVar = ["plan", "order"]
        constraints: ClassVar = [
            # Budget lines and tasks name a project by its local number.
            models.UniqueConstraint(fields=["plan", "local_number"], name="planproject_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.local_number}: {self.local_name}"


class TargetKind(models.TextChoices):
    LEVEL = "level", _("Mức đạt cuối kỳ")
    CHANGE_PER_YEAR = "change_per_year", _("Mức giảm/tăng bình quân mỗi năm")
    CHANGE_OVER_PERIOD = "change_over_period", _("Mức giảm/tăng cả giai đoạn")
    COUNT = "count", _("Số lượng")
    COVERAGE = "coverage", _("Tỷ lệ bao phủ")


class TargetBound(models.TextChoices):
    AT_MOST = "at_most", _("không quá")
    AT_LEAST = "at_least", _("ít nhất")
    RANGE = "range", _("trong khoảng")
    ABOUT = "about", _("khoảng")


class TargetGroup(models.TextChoices):
    ALL = "all", _("Toàn địa bàn")
    RURAL = "rural", _("Khu vực nông thôn")
    URBAN = "urban", _("Khu vực thành thị")
    MOUNTAINOUS = "mountainous", _("Khu vực miền núi")
    ETHNIC_MINORITY = "ethnic_minority", _("Hộ, vùng đồng bào dân tộc thiểu số")
    POOR_DISTRICT = "poor_district", _("Huyện nghèo")
    COASTAL_DIFFICULT = "coastal_difficult", _("Xã đặc biệt khó khăn vùng bãi ngang, ven biển")
    HIGH_POVERTY_COMMUNES = "high_poverty_communes", _("Xã có tỷ lệ nghèo trên 25%")
    MERIT_HOUSEHOLDS = "merit_households", _("Hộ có thành viên là người có công")
    POOR_NEAR_POOR = "poor_near_poor", _("Hộ nghèo, hộ cận nghèo")
    POOR_COMMUNE = "poor_commune", _("Xã nghèo (Chương trình 2026–2035)")


class PlanTarget(models.Model):
    """A specific objective: an indicator to reach a level, a yearly change, a count or a coverage."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        "programs.Indicator", verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="targets"
    )
    group = models.CharField(_("nhóm đối tượng"), max_length=32, choices=TargetGroup.choices, default="all")
    target_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("riêng cho đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("loại chỉ tiêu"), max_length=24, choices=TargetKind.choices)
    bound = models.CharField(_("giới hạn"), max_length=16, choices=TargetBound.choices)
    value_low = models.DecimalField(
        _("giá trị (thấp)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    value_high = models.DecimalField(
        _("giá trị (cao)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("năm phải đạt"))
    baseline_value = models.DecimalField(
        _("giá trị gốc"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    text = models.CharField(_("nguyên văn chỉ tiêu"), max_length=500)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering: ClassVar = ["plan", "order", "pk"]
        constraints: ClassVar = [
            # A range needs both ends, low before high; other bounds need one value.
            models.CheckConstraint(
                condition=(
                    Q(
                        bound="range",
                        value_low__isnull=False,
                        value_high__isnull=False,
                        value_low__lte=F("value_high"),
                    )
                    | (~Q(bound="range") & (Q(value_low__isnull=False) | Q(value_high__isnull=False)))
                ),
                name="plantarget_values_match_bound",
            ),
            # A baseline value belongs to a year.
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_year__isnull=False),
                name="plantarget_baseline_has_year",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def value(self) -> Decimal | None:
        """The single value of a one-sided target (the low end of a range)."""
        return self.value_low if self.value_low is not None else self.value_high


RATE_QUANTUM = Decimal("0.01")


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with two decimals, rounded half up as statistical tables are."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


class AllocationTotals:
    """What the system computes from poor households at the start, total households, reduction and projection.

    Shared by the rows of an allocation table (stored, typed on screen or imported) and by their sum.
    """

    start_poor: int
    start_total: int
    reduction: int
    projected_total: int

    @property
    def remaining(self) -> int:
        return self.start_poor - self.reduction

    @property
    def start_rate(self) -> Decimal | None:
        return rate(self.start_poor, self.start_total)

    @property
    def target_rate(self) -> Decimal | None:
        return rate(self.remaining, self.projected_total)


class AllocationFigures(AllocationTotals):
    """A row of an allocation table: its computed rates, and whether they match the rates the plan states."""

    label: str
    stated_start_rate: Decimal | None
    stated_target_rate: Decimal | None

    @property
    def start_ok(self) -> bool:
        return self.stated_start_rate is None or self.stated_start_rate == self.start_rate

    @property
    def target_ok(self) -> bool:
        return self.stated_target_rate is None or self.stated_target_rate == self.target_rate


class PlanAllocation(AllocationFigures, models.Model):
    """One row of the table allocating a poverty-reduction target to a sub-unit (seed 003's appendix).

    The plan states start count and rate, reduction, remaining and target rate; the system holds the
    household totals behind the rates and computes rate, remaining and target rate from them, then
    checks them against what the plan states.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="allocations")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("đơn vị (như trong kế hoạch)"), max_length=128)
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống khi đơn vị đã sắp xếp lại và không còn trong danh mục"),
    )
    start_poor = models.PositiveIntegerField(_("số hộ nghèo đầu kỳ"))
    start_total = models.PositiveIntegerField(_("tổng số hộ đầu kỳ"))
    reduction = models.PositiveIntegerField(_("số hộ giảm trong kỳ"))
    projected_total = models.PositiveIntegerField(_("tổng số hộ dự kiến cuối kỳ"))
    stated_start_rate = models.DecimalField(
        _("tỷ lệ đầu kỳ theo văn bản (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    stated_target_rate = models.DecimalField(
        _("tỷ lệ mục tiêu theo văn bản (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phân bổ chỉ tiêu")
        verbose_name_plural = _("phân bổ chỉ tiêu")
        ordering: ClassVar = ["plan", "order"]
        constraints: ClassVar = [
            # A unit cannot escape more poor households than it has, nor have more poor than households.
            models.CheckConstraint(
                condition=Q(reduction__lte=F("start_poor")), name="allocation_reduction_le_start"
            ),
            models.CheckConstraint(
                condition=Q(start_poor__lte=F("start_total")), name="allocation_poor_le_total"
            ),
            models.CheckConstraint(
                condition=Q(projected_total__gt=0), name="allocation_projected_total_positive"
            ),
            models.UniqueConstraint(fields=["plan", "label"], name="allocation_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label
