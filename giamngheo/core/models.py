"""Core models: insert-only audit events and reporting periods."""

from __future__ import annotations

import calendar
import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.audit import audit_action_label


class InsertOnlyQuerySet(models.QuerySet[Any]):
    """A queryset that refuses bulk updates and deletes: history is never rewritten."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError(f"{self.model.__name__} rows are insert-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{self.model.__name__} rows are insert-only.")


class InsertOnlyModel(models.Model):
    """Base for history rows: saved once, never changed or deleted."""

    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{type(self).__name__} rows are insert-only.")


class AuditEvent(InsertOnlyModel):
    """Who did what to which object, with the state before and after, when and from where."""

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=255, blank=True)
    # The area of the object acted on (not of the actor): who may read the event. Empty: a global object.
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn của đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    province = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("tỉnh của đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering: ClassVar = ["-occurred_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @property
    def action_label(self) -> str:
        """The human label of the action, in the active language."""
        return audit_action_label(self.action)


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF_YEAR = "half_year", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


# How many numbered periods of each kind a year has.
PERIODS_PER_YEAR = {
    PeriodKind.YEAR: 1,
    PeriodKind.HALF_YEAR: 2,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.QUARTER: 4,
    PeriodKind.MONTH: 12,
}


def period_bounds(year: int, kind: str, number: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a period (9 months runs January to September)."""
    if kind == PeriodKind.YEAR:
        first_month, months = 1, 12
    elif kind == PeriodKind.HALF_YEAR:
        first_month, months = 1 + 6 * (number - 1), 6
    elif kind == PeriodKind.NINE_MONTHS:
        first_month, months = 1, 9
    elif kind == PeriodKind.QUARTER:
        first_month, months = 1 + 3 * (number - 1), 3
    else:
        first_month, months = number, 1
    last_month = first_month + months - 1
    return (
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


class Period(models.Model):
    """A reporting period: a year, a half-year, the first nine months, a quarter or a month."""

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("số thứ tự trong năm"), default=1)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering: ClassVar = ["year", "kind", "number"]
        constraints: ClassVar = [
            # One row per period, so reports of the same period join on one key.
            models.UniqueConstraint(fields=["year", "kind", "number"], name="period_unique_year_kind_number"),
            # Numbers stay within the year: 2 half-years, 4 quarters, 12 months, one year or 9 months.
            models.CheckConstraint(
                condition=(
                    (Q(kind__in=["year", "nine_months"]) & Q(number=1))
                    | (Q(kind="half_year") & Q(number__gte=1, number__lte=2))
                    | (Q(kind="quarter") & Q(number__gte=1, number__lte=4))
                    | (Q(kind="month") & Q(number__gte=1, number__lte=12))
                ),
                name="period_number_in_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The period as officers write it: 6 tháng đầu năm 2026, Quý 3/2026, Tháng 9/2026."""
        if self.kind == PeriodKind.YEAR:
            return str(_("Năm %(year)s")) % {"year": self.year}
        if self.kind == PeriodKind.NINE_MONTHS:
            return str(_("9 tháng năm %(year)s")) % {"year": self.year}
        if self.kind == PeriodKind.HALF_YEAR:
            if self.number == 1:
                return str(_("6 tháng đầu năm %(year)s")) % {"year": self.year}
            return str(_("6 tháng cuối năm %(year)s")) % {"year": self.year}
        if self.kind == PeriodKind.QUARTER:
            return str(_("Quý %(number)s/%(year)s")) % {"number": self.number, "year": self.year}
        return str(_("Tháng %(number)s/%(year)s")) % {"number": self.number, "year": self.year}


class IdempotencyKey(models.Model):
    """A create form's one-time token, recorded with what it created: a second submit finds the first."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    action = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mã chống gửi trùng")
        verbose_name_plural = _("mã chống gửi trùng")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key}"
