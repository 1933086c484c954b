"""Django app configuration for monitoring and evaluation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "giamngheo.monitoring"
    verbose_name = _("Giám sát, đánh giá")

    def ready(self) -> None:
        from giamngheo.monitoring import (
            activities_indicators,  # noqa: F401 — registers the computations from the activity registers
            jobs_event_indicators,  # noqa: F401 — fairs, sessions and training needs met
            jobs_indicators,  # noqa: F401 — registers the computations from people
            support_indicators,  # noqa: F401 — registers the ledger's computations
            works_indicators,  # noqa: F401 — registers the computations from works and models
        )
