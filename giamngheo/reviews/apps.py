"""Django app configuration for reviews."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "giamngheo.reviews"
    verbose_name = _("Rà soát hộ nghèo, hộ cận nghèo")
