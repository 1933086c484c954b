"""Recount the household counts the reports read from the households (idempotent; docs/adr/1504)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.registry.counts import report_counts_rebuild


class Command(BaseCommand):
    help = "Đếm lại bảng số hộ dùng cho báo cáo từ sổ hộ (chạy lại không thay đổi gì thêm)."

    def handle(self, *args: Any, **options: Any) -> None:
        households = report_counts_rebuild()
        if options["verbosity"]:
            self.stdout.write(f"Đã đếm lại {households} hộ đang quản lý.")
