"""The support catalogue: each kind of help a household or member can receive, its rules and its source."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.programs.models import AgencyKind, Confidence


class SupportLevel(models.TextChoices):
    HOUSEHOLD = "household", _("Hộ gia đình")
    MEMBER = "member", _("Thành viên")


class SupportUnit(models.TextChoices):
    MONEY = "money", _("Tiền")
    IN_KIND = "in_kind", _("Hiện vật")
    SERVICE = "service", _("Dịch vụ")
    LOAN = "loan", _("Vốn vay")


class Designation(models.TextChoices):
    """Area designations a support type may require (any one of those listed suffices)."""

    POOR_DISTRICT = "poor_district", _("Huyện nghèo")
    COASTAL_DIFFICULT = "coastal_difficult", _("Xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo")
    ETHNIC_MOUNTAINOUS = "ethnic_mountainous", _("Vùng đồng bào dân tộc thiểu số và miền núi")
    POOR_COMMUNE = "poor_commune", _("Xã nghèo (Chương trình 2026–2035)")


class SupportType(models.Model):
    """A kind of support (a project's content or a policy), with who qualifies and how often.

    National types come from `support/data/support_types.toml` (each with its legal source and a
    confidence tag); a province adds its local policies (province set).
    """

    code = models.SlugField(_("mã"), max_length=48)
    province = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("tỉnh (chính sách địa phương)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: chính sách, dự án của Trung ương áp dụng cho mọi tỉnh"),
    )
    name = models.CharField(_("tên"), max_length=255)
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    component = models.ForeignKey(
        "programs.ProgramComponent",
        verbose_name=_("dự án, tiểu dự án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_types",
    )
    policy = models.CharField(
        _("chính sách"), max_length=255, blank=True, help_text=_("Chính sách ngoài Chương trình, nếu có")
    )
    agency_kind = models.CharField(_("cơ quan chủ trì"), max_length=24, choices=AgencyKind.choices)
    needs_personal_ids = models.BooleanField(
        _("cơ quan cần số định danh đầy đủ"),
        default=False,
        help_text=_(
            "Danh sách cấp thẻ BHYT, cho vay: cơ quan chủ trì xem số định danh đầy đủ (có ghi nhật ký)"
        ),
    )
    level = models.CharField(_("đối tượng"), max_length=16, choices=SupportLevel.choices)
    unit = models.CharField(_("hình thức"), max_length=16, choices=SupportUnit.choices)
    quantity_label = models.CharField(
        _("đơn vị tính"), max_length=32, blank=True, help_text=_("Ví dụ: thẻ, lượt, con giống, căn nhà")
    )
    default_amount = models.BigIntegerField(
        _("mức hỗ trợ mặc định (đồng)"), null=True, blank=True, help_text=_("Để trống nếu không cố định")
    )
    addresses = models.CharField(
        _("chỉ số thiếu hụt được giải quyết"),
        max_length=255,
        blank=True,
        help_text=_("Mã chỉ số của chuẩn nghèo, cách nhau bởi dấu phẩy; «income» là thiếu hụt thu nhập"),
    )
    for_poor = models.BooleanField(_("hộ nghèo"), default=True)
    for_near_poor = models.BooleanField(_("hộ cận nghèo"), default=False)
    for_newly_escaped = models.BooleanField(_("hộ mới thoát nghèo (36 tháng)"), default=False)
    requires_designation = models.CharField(
        _("địa bàn yêu cầu"),
        max_length=64,
        blank=True,
        help_text=_("Mã địa bàn (huyện nghèo, xã bãi ngang…), cách nhau bởi dấu phẩy; để trống: mọi địa bàn"),
    )
    ethnic_minority_only = models.BooleanField(_("chỉ hộ dân tộc thiểu số"), default=False)
    merit_only = models.BooleanField(_("chỉ hộ có người có công"), default=False)
    min_age = models.PositiveSmallIntegerField(_("từ tuổi"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("đến tuổi"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=8, blank=True)
    once_only = models.BooleanField(
        _("chỉ hỗ trợ một lần"), default=False, help_text=_("Mỗi hộ (thành viên) chỉ được hỗ trợ một lần")
    )
    min_months_between = models.PositiveSmallIntegerField(
        _("khoảng cách tối thiểu giữa hai lần (tháng)"),
        default=0,
        help_text=_("0: không giới hạn; 12: mỗi năm một lần"),
    )
    excludes = models.ManyToManyField(
        "self",
        verbose_name=_("không hỗ trợ nếu đã nhận"),
        symmetrical=True,
        blank=True,
        help_text=_("Ví dụ: nhà ở Dự án 5 không hỗ trợ hộ đã được hỗ trợ nhà ở từ chương trình khác"),
    )
    budget_source = models.CharField(_("nguồn kinh phí thường dùng"), max_length=16, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại hỗ trợ")
        verbose_name_plural = _("danh mục hỗ trợ")
        ordering: ClassVar = ["order", "code"]
        constraints: ClassVar = [
            # Lists, records and imports name a type by code: one national code, one local per province.
            models.UniqueConstraint(
                fields=["code"], condition=Q(province__isnull=True), name="supporttype_unique_national_code"
            ),
            models.UniqueConstraint(
                fields=["province", "code"],
                condition=Q(province__isnull=False),
                name="supporttype_unique_local_code",
            ),
            # An age band runs forward.
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="supporttype_age_band_ordered",
            ),
            # Someone must be eligible.
            models.CheckConstraint(
                condition=Q(for_poor=True) | Q(for_near_poor=True) | Q(for_newly_escaped=True),
                name="supporttype_has_target_group",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def addressed_indicators(self) -> list[str]:
        return [key.strip() for key in self.addresses.split(",") if key.strip()]

    @property
    def designations(self) -> list[str]:
        return [key.strip() for key in self.requires_designation.split(",") if key.strip()]


class PovertyCause(models.Model):
    """One entry of the official list of causes of poverty that officers choose from."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("nguyên nhân"), max_length=255)
    legal_basis = models.CharField(_("căn cứ"), max_length=255)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nguyên nhân nghèo")
        verbose_name_plural = _("nguyên nhân nghèo")
        ordering: ClassVar = ["order", "code"]

    def __str__(self) -> str:
        return self.name
