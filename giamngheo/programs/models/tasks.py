"""Tasks of a plan (the assignment matrix) with their status history, and the reporting calendar."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.models import InsertOnlyModel, PeriodKind


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Dừng thực hiện")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    YEARLY = "yearly", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")


class Task(models.Model):
    """A row of the task matrix: content, lead and coordinating agencies, product and deadline.

    A recurring task («tháng 12 hằng năm», «hằng quý») has its first deadline in `due_date` and falls
    due again every year or quarter until the plan's last year; each occurrence is completed on its own
    (`TaskOccurrenceDone`) and judged late against its own deadline (`programs.recurrence`).
    """

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="tasks")
    project = models.ForeignKey(
        "programs.PlanProject",
        verbose_name=_("dự án"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    number = models.CharField(_("STT"), max_length=16)
    content = models.CharField(_("nội dung công việc"), max_length=500)
    lead_agency = models.ForeignKey(
        "programs.Agency", verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, related_name="tasks"
    )
    coordinating_agencies = models.ManyToManyField(
        "programs.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    coordination_text = models.CharField(
        _("phối hợp (nguyên văn)"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: các sở, ngành, địa phương"),
    )
    product = models.CharField(_("sản phẩm"), max_length=255, blank=True)
    timeframe = models.CharField(_("thời gian (nguyên văn)"), max_length=128, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurrence = models.CharField(
        _("lặp lại"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering: ClassVar = ["plan", "order"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_unique_number"),
            # A recurring task needs its first deadline to count the others from.
            models.CheckConstraint(
                condition=Q(recurrence="once") | Q(due_date__isnull=False),
                name="task_recurring_has_first_due",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["lead_agency", "status"], name="task_agency_status_idx")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content}"


class TaskUpdate(InsertOnlyModel):
    """A status change of a task with a note: the task's history, never rewritten."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("tình trạng"), max_length=16, choices=TaskStatus.choices)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật nhiệm vụ")
        verbose_name_plural = _("cập nhật nhiệm vụ")
        ordering: ClassVar = ["task", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.status}"


class TaskOccurrenceDone(InsertOnlyModel):
    """The completion of one occurrence of a recurring task (the deadline it answers), never rewritten."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences_done")
    due_date = models.DateField(_("hạn của lần thực hiện"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần thực hiện nhiệm vụ")
        verbose_name_plural = _("lần thực hiện nhiệm vụ")
        ordering: ClassVar = ["task", "due_date"]
        constraints: ClassVar = [
            # An occurrence is completed once; a second completion is refused by the database.
            models.UniqueConstraint(fields=["task", "due_date"], name="taskoccurrence_unique_due"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.due_date}"


class ReporterLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")
    AGENCY = "agency", _("Sở, ngành")
    PROVINCE = "province", _("Cấp tỉnh (cơ quan thường trực)")


class ReportingRule(models.Model):
    """One line of a plan's reporting regime: who reports what to whom by which day."""

    plan = models.ForeignKey("programs.Plan", on_delete=models.CASCADE, related_name="reporting_rules")
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=16, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField(_("số kỳ"), default=1)
    label = models.CharField(_("tên báo cáo"), max_length=255)
    reporter_level = models.CharField(_("cấp báo cáo"), max_length=16, choices=ReporterLevel.choices)
    recipient = models.CharField(_("gửi đến"), max_length=255)
    due_month = models.PositiveSmallIntegerField(_("tháng hạn"))
    due_day = models.PositiveSmallIntegerField(_("ngày hạn"))
    due_year = models.PositiveSmallIntegerField(
        _("năm hạn"), null=True, blank=True, help_text=_("Để trống: hằng năm")
    )

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = _("lịch báo cáo")
        ordering: ClassVar = ["plan", "due_month", "due_day"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(due_month__gte=1, due_month__lte=12, due_day__gte=1, due_day__lte=31),
                name="reportingrule_due_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.due_day}/{self.due_month}"
