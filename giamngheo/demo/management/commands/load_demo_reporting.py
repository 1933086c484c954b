"""Open the demo's periodic-report round for this period (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.reporting import demo_reporting_load


class Command(BaseCommand):
    help = "Mở đợt báo cáo định kỳ mẫu của TP Huế cho kỳ hiện tại (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        for line in demo_reporting_load() or ["Đợt báo cáo mẫu đã có."]:
            self.stdout.write(line)
