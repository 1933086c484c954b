"""The indicator catalogue of the results framework: what each indicator measures and how it is obtained.

Plan targets are set against these indicators; monitoring computes and collects their values.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
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


class Indicator(models.Model):
    """An indicator of the results framework: how it is obtained, its unit, which direction is better."""

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
        ]

    def __str__(self) -> str:
        return self.name
