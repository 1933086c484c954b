"""Administrative units as an effective-dated tree with materialised ancestors, attributes and succession."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The two-level government (34 provinces, communes, no districts) took effect on this day.
REFORM_DATE = datetime.date(2025, 7, 1)
LEGACY_LAST_DAY = datetime.date(2025, 6, 30)


class Tree(models.TextChoices):
    CURRENT = "current", _("Hai cấp (từ 1/7/2025)")
    LEGACY = "legacy", _("Ba cấp (đến 30/6/2025)")


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    VILLAGE = "village", _("Thôn, tổ dân phố")


# Which column of AdminUnit holds the ancestor of each level; a unit's own level column points to itself.
ANCESTOR_FIELD = {
    Level.PROVINCE: "province",
    Level.DISTRICT: "district",
    Level.COMMUNE: "commune",
    Level.VILLAGE: "id",
}


class AdminUnit(models.Model):
    """A province, district, commune or village, in the current or the legacy tree.

    Every unit keeps its ancestors in columns (province, district, commune), each pointing to
    itself at its own level, so "everything under this unit" is one indexed equality filter.
    """

    tree = models.CharField(_("hệ thống"), max_length=8, choices=Tree.choices)
    level = models.CharField(_("cấp"), max_length=8, choices=Level.choices)
    code = models.CharField(
        _("mã"), max_length=16, help_text=_("Mã của Tổng cục Thống kê; thôn: mã xã + số thứ tự")
    )
    name = models.CharField(_("tên"), max_length=128)
    division_type = models.CharField(_("loại đơn vị"), max_length=32)
    search_name = models.CharField(_("tên không dấu"), max_length=128, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "self", verbose_name=_("tỉnh"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "self", verbose_name=_("huyện"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "self", verbose_name=_("xã"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering: ClassVar = ["tree", "code"]
        constraints: ClassVar = [
            # A statistics code names one unit of a level within one tree (codes repeat across trees).
            models.UniqueConstraint(fields=["tree", "level", "code"], name="adminunit_unique_code"),
            # The two-level tree has no districts.
            models.CheckConstraint(
                condition=~(Q(tree="current") & Q(level="district")), name="adminunit_no_district_in_current"
            ),
            # Only provinces stand without a parent.
            models.CheckConstraint(
                condition=Q(level="province") | Q(parent__isnull=False), name="adminunit_parent_required"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="adminunit_valid_range",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["tree", "level", "province"], name="adminunit_tree_level_prov_idx"),
            models.Index(fields=["parent", "name"], name="adminunit_parent_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def is_valid_on(self, day: datetime.date) -> bool:
        """Whether the unit existed on the given day."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def subtree_filter(self, prefix: str = "") -> Q:
        """A filter for rows under this unit (itself included), through a relation prefix like "commune__"."""
        field = ANCESTOR_FIELD[Level(self.level)]
        return Q(**{f"{prefix}{field}": self.pk})


class AttributeKind(models.TextChoices):
    AREA_TYPE = "area_type", _("Khu vực thành thị/nông thôn (chuẩn nghèo)")
    POOR_DISTRICT = "poor_district", _("Huyện nghèo (Quyết định 353/QĐ-TTg)")
    COASTAL_DIFFICULT = "coastal_difficult", _("Xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo")
    ETHNIC_MOUNTAINOUS = "ethnic_mountainous", _("Vùng đồng bào dân tộc thiểu số và miền núi")
    # The targeting unit of the 2026–2035 program (law.md §4.4, §5); its criteria and list are
    # unconfirmed [U]: communes are designated by hand on the unit page, with the decision as source.
    POOR_COMMUNE = "poor_commune", _("Xã nghèo (Chương trình 2026–2035)")


class AreaType(models.TextChoices):
    URBAN = "urban", _("Thành thị")
    RURAL = "rural", _("Nông thôn")


# Allowed values per attribute kind.
ATTRIBUTE_VALUES: dict[str, list[str]] = {
    AttributeKind.AREA_TYPE: [AreaType.URBAN, AreaType.RURAL],
    AttributeKind.POOR_DISTRICT: ["yes", "no"],
    AttributeKind.COASTAL_DIFFICULT: ["yes", "no"],
    AttributeKind.ETHNIC_MOUNTAINOUS: ["yes", "no"],
    AttributeKind.POOR_COMMUNE: ["yes", "no"],
}

# The label shown for each attribute value.
VALUE_LABELS = {
    "yes": _("Có"),
    "no": _("Không"),
    AreaType.URBAN: AreaType.URBAN.label,
    AreaType.RURAL: AreaType.RURAL.label,
}


class UnitAttribute(models.Model):
    """A unit's attribute over a date range; a change closes the open row and opens a new one."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="attributes"
    )
    kind = models.CharField(_("thuộc tính"), max_length=32, choices=AttributeKind.choices)
    value = models.CharField(_("giá trị"), max_length=16)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_default = models.BooleanField(
        _("mặc định của hệ thống"),
        default=False,
        help_text=_("Gán tự động theo loại đơn vị, chưa được xác nhận"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thuộc tính đơn vị")
        verbose_name_plural = _("thuộc tính đơn vị")
        ordering: ClassVar = ["unit", "kind", "valid_from"]
        constraints: ClassVar = [
            # At most one open-ended value per unit and kind: "the value now" is never ambiguous.
            models.UniqueConstraint(
                fields=["unit", "kind"],
                condition=Q(valid_to__isnull=True),
                name="unitattribute_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unitattribute_valid_range",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["kind", "value"], name="unitattribute_kind_value_idx")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_kind_display()} = {self.value}"


class Succession(models.Model):
    """An old unit's territory passing, wholly or in part, to a new unit on the reform date."""

    predecessor = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="predecessions"
    )
    effective_date = models.DateField(_("ngày hiệu lực"), default=REFORM_DATE)
    is_partial = models.BooleanField(
        _("chỉ một phần"), default=False, help_text=_("Đơn vị cũ bị chia cho nhiều đơn vị mới")
    )
    is_primary = models.BooleanField(
        _("đơn vị mới chính"),
        default=True,
        help_text=_("Khi đơn vị cũ bị chia, đơn vị mới nhận phần chính (dùng khi không rõ địa chỉ chi tiết)"),
    )
    source = models.CharField(_("nguồn"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        ordering: ClassVar = ["predecessor", "-is_primary", "successor"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            # Each old unit has exactly one primary successor, so a household always maps somewhere.
            models.UniqueConstraint(
                fields=["predecessor"], condition=Q(is_primary=True), name="succession_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
