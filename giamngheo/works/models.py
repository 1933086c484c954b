"""Infrastructure works with progress and maintenance; livelihood models with households and evaluations.

Money is in million VND (Decimal), like plan budgets (ADR 0604); a household's own money contribution is in
đồng. Progress, maintenance and evaluations are insert-only history rows; the work keeps its latest figure.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel
from giamngheo.programs.links import PlanLinks
from giamngheo.programs.models import BudgetSource
from giamngheo.registry.models import HouseholdStatus


class WorkKind(models.TextChoices):
    ROAD = "road", _("Đường giao thông")
    SCHOOL = "school", _("Trường học")
    CLINIC = "clinic", _("Trạm y tế")
    BRIDGE = "bridge", _("Cầu")
    POWER = "power", _("Điện")
    IRRIGATION = "irrigation", _("Thủy lợi")
    WATER = "water", _("Nước sinh hoạt")
    MARKET = "market", _("Chợ")
    OTHER = "other", _("Công trình khác")


class WorkStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa khởi công")
    IN_PROGRESS = "in_progress", _("Đang thi công")
    COMPLETED = "completed", _("Đã hoàn thành")
    HANDED_OVER = "handed_over", _("Đã bàn giao")


class Work(PlanLinks):
    """An infrastructure work (Project 1): where, who invests, under which project, its money and progress."""

    name = models.CharField(_("tên công trình"), max_length=255)
    kind = models.CharField(_("loại công trình"), max_length=16, choices=WorkKind.choices)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty: the commune People's Committee is the investor (chủ đầu tư).
    investor = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("chủ đầu tư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    component = models.ForeignKey(
        "programs.ProgramComponent",
        verbose_name=_("dự án trong danh mục quốc gia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    planned_completion_on = models.DateField(_("ngày hoàn thành theo kế hoạch"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành thực tế"), null=True, blank=True)
    handed_over_on = models.DateField(_("ngày bàn giao đưa vào sử dụng"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("quy mô, ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="work_progress_percent"),
            # A completed work is at 100 %; a handed-over work is completed first.
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(progress=100), name="work_completed_full"
            ),
            models.CheckConstraint(
                condition=Q(handed_over_on__isnull=True)
                | Q(completed_on__isnull=False, handed_over_on__gte=models.F("completed_on")),
                name="work_handover_after_completion",
            ),
            # Both coordinates or neither, inside the earth's ranges.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__range=(-90, 90), longitude__range=(-180, 180)),
                name="work_coordinates_pair",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["commune", "kind"], name="work_commune_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def status(self) -> str:
        if self.handed_over_on:
            return WorkStatus.HANDED_OVER
        if self.completed_on:
            return WorkStatus.COMPLETED
        if self.started_on or self.progress:
            return WorkStatus.IN_PROGRESS
        return WorkStatus.PLANNED

    @property
    def status_label(self) -> str:
        return str(WorkStatus(self.status).label)


def work_status_q(status: str) -> Q:
    """Works in a status, as a filter (the same rule as `Work.status`)."""
    rules: dict[str, Q] = {
        WorkStatus.HANDED_OVER: Q(handed_over_on__isnull=False),
        WorkStatus.COMPLETED: Q(completed_on__isnull=False, handed_over_on__isnull=True),
        WorkStatus.IN_PROGRESS: Q(completed_on__isnull=True)
        & (Q(started_on__isnull=False) | Q(progress__gt=0)),
        WorkStatus.PLANNED: Q(completed_on__isnull=True, started_on__isnull=True, progress=0),
    }
    return rules.get(status, Q())


class WorkCapital(models.Model):
    """The capital of a work from one source, million VND."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="capital")
    source = models.CharField(_("nguồn vốn"), max_length=16, choices=BudgetSource.choices)
    amount = models.DecimalField(_("số tiền (triệu đồng)"), max_digits=16, decimal_places=3)

    class Meta:
        constraints: ClassVar = [
            # One row per source: the form edits amounts by source.
            models.UniqueConstraint(fields=["work", "source"], name="workcapital_one_per_source"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="workcapital_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class WorkProgress(InsertOnlyModel):
    """A progress report of a work: on which day it stood at which percentage, said by whom."""

    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="progress_reports")
    on = models.DateField(_("ngày"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="workprogress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.work_id} {self.on}: {self.percent}%"


class WorkMaintenance(InsertOnlyModel):
    """Maintenance or repair done on a work after handover."""

    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="maintenance")
    on = models.DateField(_("ngày"))
    description = models.CharField(_("nội dung duy tu, bảo dưỡng"), max_length=255)
    cost = models.DecimalField(
        _("kinh phí (triệu đồng)"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="workmaintenance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_id} {self.on}"


class ModelKind(models.TextChoices):
    MODEL = "model", _("Mô hình giảm nghèo, sinh kế")
    PRODUCTION = "production", _("Dự án hỗ trợ phát triển sản xuất")
    COMMUNITY = "community", _("Dự án do cộng đồng đề xuất")


class LivelihoodModel(PlanLinks):
    """A livelihood model or production project (Projects 2 and 3.1) in one or more communes of a province."""

    name = models.CharField(_("tên mô hình, dự án"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=ModelKind.choices)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    communes = models.ManyToManyField("geo.AdminUnit", verbose_name=_("xã"), related_name="+")
    lead_agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.CharField(_("hợp tác xã, doanh nghiệp liên kết"), max_length=255, blank=True)
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("nhân rộng từ mô hình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("nội dung, quy mô"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="livelihoodmodel_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__range=(-90, 90), longitude__range=(-180, 180)),
                name="livelihoodmodel_coordinates_pair",
            ),
            # A model is not its own origin.
            models.CheckConstraint(
                condition=~Q(replicated_from=models.F("pk")), name="livelihoodmodel_not_own_origin"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ModelBudget(models.Model):
    """The budget of a model from one source, million VND."""

    model = models.ForeignKey(LivelihoodModel, on_delete=models.CASCADE, related_name="budget")
    source = models.CharField(_("nguồn vốn"), max_length=16, choices=BudgetSource.choices)
    amount = models.DecimalField(_("số tiền (triệu đồng)"), max_digits=16, decimal_places=3)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["model", "source"], name="modelbudget_one_per_source"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="modelbudget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class Participant(models.Model):
    """A household taking part in a model, its category when it joined and what it contributes."""

    model = models.ForeignKey(LivelihoodModel, on_delete=models.PROTECT, related_name="participants")
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    status_at_joining = models.CharField(_("diện hộ khi tham gia"), max_length=16)
    joined_on = models.DateField(_("ngày tham gia"))
    labour_days = models.DecimalField(_("đóng góp ngày công"), max_digits=8, decimal_places=1, default=0)
    money = models.BigIntegerField(_("đóng góp tiền (đồng)"), default=0)
    in_kind = models.CharField(_("đóng góp hiện vật"), max_length=255, blank=True)
    support_record = models.ForeignKey(
        "support.SupportRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            # A household joins a model once: importing the same list twice adds nothing.
            models.UniqueConstraint(fields=["model", "household"], name="participant_once_per_model"),
            models.CheckConstraint(
                condition=Q(labour_days__gte=0, money__gte=0), name="participant_contribution_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.model_id}"

    @property
    def status_label(self) -> str:
        value = self.status_at_joining
        return str(HouseholdStatus(value).label) if value in HouseholdStatus.values else value


class EvaluationResult(models.TextChoices):
    EFFECTIVE = "effective", _("Hiệu quả, nên nhân rộng")
    PARTLY = "partly", _("Hiệu quả một phần")
    NOT_EFFECTIVE = "not_effective", _("Không hiệu quả")


class Evaluation(InsertOnlyModel):
    """An evaluation of a model's economic, social and environmental effect; the latest one stands."""

    model = models.ForeignKey(LivelihoodModel, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("ngày đánh giá"))
    evaluator = models.CharField(_("người, cơ quan đánh giá"), max_length=255)
    economic = models.TextField(_("hiệu quả kinh tế"))
    social = models.TextField(_("hiệu quả xã hội"))
    environmental = models.TextField(_("tác động môi trường"))
    result = models.CharField(_("kết luận"), max_length=16, choices=EvaluationResult.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.model_id} {self.evaluated_on}: {self.result}"
