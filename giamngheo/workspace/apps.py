"""Django app configuration for the workspace (home pages)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "giamngheo.workspace"
    verbose_name = _("Trang làm việc")
