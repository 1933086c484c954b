"""The province's annual run: every household re-classified under the standard in force, with its figures."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualRunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi hệ thống")


class AnnualRun(models.Model):
    """One re-classification of a province's households on a reference date (queued, run, counted)."""

    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    standard = models.CharField(_("chuẩn nghèo"), max_length=16)
    reference_date = models.DateField(_("ngày tham chiếu"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=8, choices=AnnualRunStatus.choices, default=AnnualRunStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(_("số hộ"), default=0)
    assessed = models.PositiveIntegerField(_("số hộ có kết quả mới"), default=0)
    unchanged = models.PositiveIntegerField(_("số hộ đã có kết quả"), default=0)
    without_survey = models.PositiveIntegerField(_("số hộ chưa có phiếu"), default=0)
    # Seconds per phase (read, classify, write, statistics): measurements, open-ended by nature.
    timings = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần phân loại lại cả tỉnh")
        verbose_name_plural = _("lần phân loại lại cả tỉnh")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.province_id} {self.standard} {self.reference_date} ({self.status})"


class AnnualRunCommune(models.Model):
    """A commune's households by category after an annual run (the run's statistics, one row per commune)."""

    run = models.ForeignKey(AnnualRun, on_delete=models.CASCADE, related_name="communes")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    households = models.PositiveIntegerField(default=0)
    poor = models.PositiveIntegerField(default=0)
    near_poor = models.PositiveIntegerField(default=0)
    average = models.PositiveIntegerField(default=0)
    not_poor = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar = [
            # The statistics of a run hold one row per commune.
            models.UniqueConstraint(fields=["run", "commune"], name="annual_run_commune_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.commune_id}"
