"""The national program catalogue (programs, projects, sub-projects, components) and implementing agencies."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure we are of a legal fact (see law.md): confirmed, secondary, unconfirmed."""

    CONFIRMED = "C", _("Đã xác nhận")
    SECONDARY = "S", _("Nguồn thứ cấp")
    UNCONFIRMED = "U", _("Chưa xác nhận")


class Program(models.Model):
    """A national target program, e.g. the 2021–2025 poverty program or the merged 2026–2035 program."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=400)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=400)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    source = models.CharField(_("nguồn"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering: ClassVar = ["start_year", "code"]
        constraints: ClassVar = [
            # A program runs forward in time.
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="program_years_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"


class ComponentKind(models.TextChoices):
    PROJECT = "project", _("Dự án")
    SUB_PROJECT = "sub_project", _("Tiểu dự án")
    COMPONENT = "component", _("Hợp phần")
    CONTENT = "content", _("Nội dung thành phần")


class ProgramComponent(models.Model):
    """A project, sub-project, component or content component of a program, in national numbering."""

    program = models.ForeignKey(
        Program, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="components"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("mã"), max_length=16, help_text=_("Ví dụ: P3.1 = Dự án 3, Tiểu dự án 1"))
    kind = models.CharField(_("loại"), max_length=16, choices=ComponentKind.choices)
    number = models.CharField(_("số hiệu"), max_length=32, help_text=_("Cách văn bản gọi: Dự án 3"))
    name = models.CharField(_("tên"), max_length=400)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    source = models.CharField(_("nguồn"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành phần chương trình")
        verbose_name_plural = _("danh mục dự án, tiểu dự án")
        ordering: ClassVar = ["program", "order", "code"]
        constraints: ClassVar = [
            # Plans map their local numbering onto these codes, so a code names one component.
            models.UniqueConstraint(fields=["program", "code"], name="programcomponent_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.name}"


class AgencyKind(models.TextChoices):
    """The kind of agency that leads a support type; a province's agencies are tagged with one."""

    LABOUR = "labour", _("Cơ quan quản lý giảm nghèo (Sở Nông nghiệp và Môi trường)")
    HEALTH = "health", _("Sở Y tế")
    CONSTRUCTION = "construction", _("Sở Xây dựng")
    EDUCATION = "education", _("Sở Giáo dục và Đào tạo")
    SOCIAL_POLICY_BANK = "social_policy_bank", _("Ngân hàng Chính sách xã hội")
    SOCIAL_INSURANCE = "social_insurance", _("Bảo hiểm xã hội")
    INFORMATION = "information", _("Sở Văn hóa, Thể thao và Du lịch (thông tin, truyền thông)")
    AGRICULTURE = "agriculture", _("Cơ quan nông nghiệp, khuyến nông")
    EMPLOYMENT = "employment", _("Sở Nội vụ (lao động, việc làm)")
    INDUSTRY = "industry", _("Sở Công Thương (điện)")
    COMMUNE = "commune", _("Ủy ban nhân dân xã")


class Agency(models.Model):
    """An agency that leads or coordinates tasks (a department, a district People's Committee, a bank)."""

    province = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("tỉnh (đơn vị hiện hành)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(
        _("loại cơ quan"),
        max_length=24,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Cơ quan chủ trì những loại hỗ trợ nào; để trống nếu không chủ trì loại hỗ trợ nào"),
    )

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering: ClassVar = ["province", "name"]
        constraints: ClassVar = [
            # Tasks group by agency; two rows with one name would split an agency's workload.
            models.UniqueConstraint(fields=["province", "name"], name="agency_unique_name"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class AgencyMember(models.Model):
    """A user working for an agency: they see its support lists and update its tasks."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="agency_memberships",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cán bộ của cơ quan")
        verbose_name_plural = _("cán bộ của cơ quan")
        ordering: ClassVar = ["agency", "user"]
        constraints: ClassVar = [
            # Membership is a yes/no fact: a second row would have to be removed twice.
            models.UniqueConstraint(fields=["agency", "user"], name="agencymember_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.agency_id}"
