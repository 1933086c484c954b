"""Django app configuration for reviews."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "giamngheo.reviews"
    verbose_name = _("Rà soát hộ nghèo, hộ cận nghèo")

    def ready(self) -> None:
        from giamngheo.reviews.count_triggers import ensure_count_triggers

        # Infrastructure, not domain flow: the report counts' triggers exist after every migrate.
        post_migrate.connect(ensure_count_triggers, sender=self, dispatch_uid="report_count_triggers")
