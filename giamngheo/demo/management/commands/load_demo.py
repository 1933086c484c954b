"""Create demo accounts (one per role) and demo villages; running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.accounts import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tài khoản mỗi vai trò và các thôn mẫu ở TP Huế (chạy lại không thay đổi gì)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_load()
        self.stdout.write(f"Dữ liệu mẫu: thêm mới {len(created)} mục.")
        if options["verbosity"] > 1:
            for demo in DEMO_USERS:
                self.stdout.write(f"  {demo.username:16} {DEMO_PASSWORD}  {demo.role}")
