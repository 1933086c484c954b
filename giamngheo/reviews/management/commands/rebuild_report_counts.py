"""Recount what the reports read (household counts, campaign facts) from the base tables (docs/adr/1504)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.registry.counts import report_counts_rebuild
from giamngheo.reviews.report_counts import campaign_counts_rebuild


class Command(BaseCommand):
    help = "Đếm lại số hộ và số liệu các đợt rà soát dùng cho báo cáo (chạy lại không thay đổi gì thêm)."

    def handle(self, *args: Any, **options: Any) -> None:
        households = report_counts_rebuild()
        campaigns = campaign_counts_rebuild()
        if options["verbosity"]:
            self.stdout.write(f"Đã đếm lại {households} hộ đang quản lý và {campaigns} đợt rà soát.")
