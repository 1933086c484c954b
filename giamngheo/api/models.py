"""Service tokens: API access for an agency or a partner system, bound to a unit or an agency."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.api.scopes import parse_scopes


class ServiceToken(models.Model):
    """A bearer token of a partner system: its scopes, its unit or agency, its expiry; it acts as its
    creator narrowed to that unit or agency (never more than the creator sees)."""

    name = models.CharField(_("tên hệ thống, cơ quan dùng mã"), max_length=128)
    prefix = models.CharField(_("tiền tố"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(_("quyền"), max_length=500, help_text=_("Các quyền, cách nhau bằng dấu cách"))
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "programs.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_tokens",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="service_tokens",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("mã truy cập dịch vụ")
        verbose_name_plural = _("mã truy cập dịch vụ")
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            # A token is bound to exactly one place: a unit, or an agency (whose province is its place).
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(agency__isnull=True))
                | (Q(unit__isnull=True) & Q(agency__isnull=False)),
                name="service_token_one_binding",
            ),
            # A token that never expires is refused: expiry is the last line of defence for a lost token.
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="service_token_expires"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_set(self) -> set[str]:
        return parse_scopes(self.scopes)

    @property
    def place(self) -> Any:
        """The unit the token is bound to: its own unit, or its agency's province."""
        return self.unit if self.unit_id is not None else self.agency.province  # type: ignore[union-attr]

    @property
    def audit_unit(self) -> Any:
        return self.place

    def is_active(self, now: Any = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
