"""Load the Huế demo works (Project 1) and models (Projects 2 and 3.1) (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.works import works_demo_load


class Command(BaseCommand):
    help = "Nạp công trình hạ tầng, mô hình giảm nghèo mẫu cho TP Huế (kế hoạch 03/KH-UBND)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = works_demo_load()
        verb = "Đã tạo" if result.created else "Đã có dữ liệu công trình, mô hình mẫu, không nạp lại:"
        self.stdout.write(
            f"{verb} {result.works} công trình, {result.models} mô hình, dự án, "
            f"{result.participants} hộ tham gia."
        )
