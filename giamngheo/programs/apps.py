"""Django app configuration for program plans."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "giamngheo.programs"
    verbose_name = _("Chương trình và kế hoạch")
