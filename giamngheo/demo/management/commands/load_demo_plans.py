"""Load the program catalogue, the indicator catalogue and the five seed plans (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.demo.plans import demo_plans_load


class Command(BaseCommand):
    help = "Nạp danh mục chương trình, danh mục chỉ số và năm kế hoạch mẫu (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        admin = User.objects.filter(username="quantri").first()
        if admin is None:
            demo_load()
            admin = User.objects.get(username="quantri")
        created = demo_plans_load(admin)
        self.stdout.write(f"Đã tạo {len(created)} kế hoạch: {', '.join(created) or 'không có'}")
