"""Load a year (2026) of support for the Huế demo registry (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.support import support_demo_load


class Command(BaseCommand):
    help = "Nạp một năm hỗ trợ mẫu (2026) cho sổ hộ mẫu TP Huế (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = support_demo_load()
        if not result.created:
            self.stdout.write(f"Đã có dữ liệu hỗ trợ mẫu: {result.plans} kế hoạch hộ, không nạp lại.")
            return
        self.stdout.write(
            f"Đã tạo {result.plans} kế hoạch hộ, {result.records} dòng sổ hỗ trợ, "
            f"{result.housing_cases} hồ sơ nhà ở trong {result.seconds:.1f} giây."
        )
