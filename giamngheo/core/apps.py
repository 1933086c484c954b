"""Django app configuration for core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "giamngheo.core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        """Give Django's blank choice of every drop-down a label from our catalogue (one place)."""
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("— Chọn —")
