"""Django app configuration for infrastructure works and livelihood models."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "giamngheo.works"
    verbose_name = _("Công trình hạ tầng, mô hình giảm nghèo")
