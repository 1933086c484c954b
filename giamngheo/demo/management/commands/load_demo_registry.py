"""Load the synthetic Huế registry with survey rounds and assessments; running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from giamngheo.demo.registry import DEFAULT_SCALE, DEFAULT_SEED, demo_summary_lines, registry_demo_load


class Command(BaseCommand):
    help = (
        "Tạo sổ hộ mẫu cho TP Huế: hộ tổng hợp ở mọi xã, tỷ lệ nghèo theo huyện cũ bằng số liệu năm 2023 "
        "(Kế hoạch 03/KH-UBND); chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=DEFAULT_SCALE,
            help=f"Tỷ lệ so với số hộ thật (~332.000 hộ); mặc định {DEFAULT_SCALE:g}",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        result = registry_demo_load(scale=options["scale"], seed=options["seed"])
        for line in demo_summary_lines(result):
            self.stdout.write(line)
