"""Users, their area assignments and API tokens."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Role


class User(AbstractUser):
    """A person who signs in; what they see is decided by their area assignments."""

    full_name = models.CharField(_("họ và tên"), max_length=128, blank=True)
    organization = models.CharField(_("cơ quan, đơn vị"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def audit_unit(self) -> Any:
        """Where events about this user are read: the unit of their first active assignment."""
        assignment = (
            self.assignments.filter(is_active=True, unit__isnull=False)
            .select_related("unit")
            .order_by("pk")
            .first()
        )
        return assignment.unit if assignment is not None else None


class AreaAssignment(models.Model):
    """A role a user holds over an administrative unit (or the whole country when no unit is named)."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("Để trống: toàn quốc"),
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phân công địa bàn")
        verbose_name_plural = _("phân công địa bàn")
        ordering: ClassVar = ["user", "role"]
        constraints: ClassVar = [
            # The same role over the same unit twice would only confuse the area switcher.
            models.UniqueConstraint(
                fields=["user", "role", "unit"], condition=Q(is_active=True), name="assignment_unique_active"
            ),
            # Only national roles may stand without a unit.
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(role__in=[Role.SYSTEM_ADMIN, Role.OVERSIGHT_VIEWER]),
                name="assignment_unit_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit or _('Toàn quốc')}"


def token_digest(raw: str) -> str:
    """The stored form of an API token: its SHA-256, so a database leak reveals no usable token."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token an agency system uses to call the API as a user."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=128)
    prefix = models.CharField(_("tiền tố"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
