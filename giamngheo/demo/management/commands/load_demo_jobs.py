"""Load a year (2026) of jobs work for the Huế demo registry (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from giamngheo.demo.jobs import jobs_demo_load


class Command(BaseCommand):
    help = "Nạp một năm việc làm mẫu (khảo sát lao động, tuyển dụng, đào tạo, đi nước ngoài) cho TP Huế."

    def handle(self, *args: Any, **options: Any) -> None:
        result = jobs_demo_load()
        verb = "Đã tạo" if result.created else "Đã có dữ liệu việc làm mẫu, không nạp lại:"
        self.stdout.write(
            f"{verb} {result.surveys} phiếu khảo sát lao động, {result.referrals} lượt giới thiệu, "
            f"{result.enrolments} học viên, {result.event_attendees} lượt tham dự ngày hội, phiên giao dịch, "
            f"{result.workers_abroad} người đi làm việc ở nước ngoài "
            f"({result.seconds:.1f} giây)."
        )
