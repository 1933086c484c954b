"""Mark failed the imports left «validating» or «applying» by a worker that died (run at worker start)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.registry.imports.services import import_sweep


class Command(BaseCommand):
    help = "Đánh dấu lỗi các lần nhập tệp bị gián đoạn (không còn tín hiệu từ tiến trình nền)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = import_sweep()
        self.stdout.write(f"Đã đánh dấu {count} lần nhập bị gián đoạn.")
