"""Django app configuration for communication, officer training, inspections and emulation registers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "giamngheo.activities"
    verbose_name = _("Truyền thông, tập huấn cán bộ, kiểm tra giám sát, thi đua")
