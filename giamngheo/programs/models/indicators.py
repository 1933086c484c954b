"""The indicator catalogue of the results framework: what each indicator measures and how it is obtained.

Plan targets are set against these indicators; monitoring computes and collects their values.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", _("Tính tự động từ dữ liệu")
    ENTERED = "entered", _("Cơ quan phụ trách nhập")


class Better(models.TextChoices):
    LOWER = "lower", _("Càng thấp càng tốt")
    HIGHER = "higher", _("Càng cao càng tốt")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng từ cấp dưới")
    RATIO = "ratio", _("Tỷ lệ từ tử số và mẫu số cấp dưới")
    NONE = "none", _("Không cộng dồn")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def valid_between(self, first_year: int, last_year: int) -> IndicatorQuerySet:
        """The indicators that apply in at least one of these years (a plan's years)."""
        return self.filter(Q(valid_from_year__isnull=True) | Q(valid_from_year__lte=last_year)).filter(
            Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=first_year)
        )


class Indicator(models.Model):
    """An indicator of the results framework: how it is obtained, its unit, which direction is better.

    `valid_from_year`/`valid_to_year` bound the program periods whose results framework holds it (the
    2021–2025 program counts poor districts escaping poverty; the 2026–2035 program counts poor communes).
    """

    code = models.CharField(_("mã"), max_length=48, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=400)
    unit_label = models.CharField(_("đơn vị tính"), max_length=32)
    source = models.CharField(_("cách có số liệu"), max_length=16, choices=IndicatorSource.choices)
    computation = models.CharField(
        _("hàm tính"), max_length=64, blank=True, help_text=_("Tên hàm tính đã đăng ký (chỉ số tính tự động)")
    )
    better = models.CharField(_("chiều tốt"), max_length=8, choices=Better.choices)
    aggregation = models.CharField(_("cộng dồn"), max_length=8, choices=Aggregation.choices)
    responsible = models.CharField(_("cơ quan phụ trách số liệu"), max_length=255, blank=True)
    framework_ref = models.CharField(_("khung kết quả"), max_length=255, blank=True)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, default="S")
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from_year = models.PositiveSmallIntegerField(
        _("áp dụng từ năm"), null=True, blank=True, help_text=_("Để trống: mọi giai đoạn")
    )
    valid_to_year = models.PositiveSmallIntegerField(
        _("áp dụng đến năm"), null=True, blank=True, help_text=_("Để trống: mọi giai đoạn")
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("danh mục chỉ số")
        ordering: ClassVar = ["order", "code"]
        constraints: ClassVar = [
            # A computed indicator names its function; an entered one has none.
            models.CheckConstraint(
                condition=(Q(source="computed") & ~Q(computation=""))
                | (Q(source="entered") & Q(computation="")),
                name="indicator_computation_matches_source",
            ),
            # A validity window cannot end before it starts.
            models.CheckConstraint(
                condition=Q(valid_from_year__isnull=True)
                | Q(valid_to_year__isnull=True)
                | Q(valid_from_year__lte=models.F("valid_to_year")),
                name="indicator_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_in(self, year: int) -> bool:
        """Whether the results framework of the program period holding this year has the indicator."""
        return (self.valid_from_year is None or self.valid_from_year <= year) and (
            self.valid_to_year is None or year <= self.valid_to_year
        )

    @property
    def validity_label(self) -> str:
        """The years the indicator applies to, as shown next to its name («2021–2025», «từ 2026»)."""
        if self.valid_from_year and self.valid_to_year:
            return f"{self.valid_from_year}–{self.valid_to_year}"
        if self.valid_from_year:
            return gettext("từ %(year)s") % {"year": self.valid_from_year}
        if self.valid_to_year:
            return gettext("đến %(year)s") % {"year": self.valid_to_year}
        return ""
