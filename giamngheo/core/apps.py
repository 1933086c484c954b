"""Django app configuration for core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "giamngheo.core"
    verbose_name = _("Nền tảng")
