"""Load or refresh administrative units, attributes, designations and succession (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.geo.loader import admin_units_load


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính (hiện hành và trước 1/7/2025) và bảng kế thừa; chạy lại không thay đổi gì."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = admin_units_load()
        self.stdout.write(f"{report.summary()} ({time.perf_counter() - started:.1f} giây)")
        if options["verbosity"] > 1:
            for line in report.skipped:
                self.stdout.write(f"  bỏ qua: {line}")
