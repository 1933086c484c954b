"""Load a year (2026) of activity registers for the Huế demo (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.activities import activities_demo_load


class Command(BaseCommand):
    help = (
        "Nạp mẫu truyền thông, tập huấn cán bộ, kiểm tra giám sát, khen thưởng, Quỹ Vì người nghèo (TP Huế)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = activities_demo_load()
        verb = "Đã tạo" if result.created else "Đã có dữ liệu hoạt động mẫu, không nạp lại:"
        self.stdout.write(
            f"{verb} {result.events} hoạt động truyền thông, {result.officers} cán bộ giảm nghèo, "
            f"{result.inspections} đợt kiểm tra, {result.commendations} khen thưởng."
        )
