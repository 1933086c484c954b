"""Load the support catalogue and the causes of poverty (idempotent); run after the program catalogue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.programs.catalogue import catalogue_load
from giamngheo.support.catalogue import poverty_causes_load, support_catalogue_load


class Command(BaseCommand):
    help = "Nạp danh mục hỗ trợ và danh mục nguyên nhân nghèo (chạy lại không thay đổi gì)."

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue_load()
        types = support_catalogue_load()
        causes = poverty_causes_load()
        self.stdout.write(f"Danh mục hỗ trợ: {types} loại; nguyên nhân nghèo: {causes}.")
