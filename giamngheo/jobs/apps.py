"""Django app configuration for jobs, vocational training and work abroad."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "giamngheo.jobs"
    verbose_name = _("Việc làm, đào tạo nghề, đi làm việc ở nước ngoài")
