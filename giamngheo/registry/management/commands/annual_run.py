"""Re-classify every household of a province under a standard on a date (the province's annual run)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.annual.services import annual_run_now
from giamngheo.registry.assess import standard_for
from giamngheo.registry.models_annual import AnnualRunStatus
from giamngheo.standards.loader import StandardDataError


class Command(BaseCommand):
    help = "Phân loại lại mọi hộ của một tỉnh theo chuẩn nghèo tại một ngày tham chiếu (chạy hằng năm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="mã tỉnh (mã Cục Thống kê), ví dụ 46")
        parser.add_argument("--date", required=True, help="ngày tham chiếu, YYYY-MM-DD")
        parser.add_argument("--standard", default="", help="mã chuẩn nghèo; mặc định: chuẩn có hiệu lực")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reference_date = dt.date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(f"Ngày không hợp lệ: {options['date']!r}") from error
        province = AdminUnit.objects.filter(
            code=options["province"], level=Level.PROVINCE, tree=Tree.CURRENT
        ).first()
        if province is None:
            raise CommandError(f"Không có tỉnh mã {options['province']!r}")
        try:
            standard_id = standard_for(reference_date, options["standard"] or None).id
        except (StandardDataError, KeyError, FileNotFoundError) as error:
            raise CommandError(f"Không có chuẩn nghèo {options['standard']!r}") from error

        def report(name: str, seconds: float) -> None:
            self.stdout.write(f"  {name}: {seconds:.2f} s")

        run = annual_run_now(
            province=province, standard_id=standard_id, reference_date=reference_date, on_phase=report
        )
        if run.status != AnnualRunStatus.DONE:
            raise CommandError(f"Lần chạy {run.pk} lỗi: {run.message}")
        self.stdout.write(
            f"Lần chạy {run.pk}: {run.households} hộ, {run.assessed} kết quả mới, "
            f"{run.unchanged} đã có kết quả, {run.without_survey} chưa có phiếu."
        )
