"""Open the demo's review campaign and list the demo communes' households (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.reviews import demo_reviews_load


class Command(BaseCommand):
    help = "Mở đợt rà soát mẫu cho TP Huế và lập danh sách hộ của các xã mẫu (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        lines = demo_reviews_load()
        for line in lines or ["Đợt rà soát mẫu đã có."]:
            self.stdout.write(line)
