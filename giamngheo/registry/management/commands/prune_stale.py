"""Delete abandoned survey drafts and old create-form tokens (run daily by a timer; docs/operations.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from giamngheo.core.idempotency import idempotency_prune
from giamngheo.registry.surveys import survey_drafts_prune


class Command(BaseCommand):
    help = "Xoá bản nháp phiếu khảo sát bỏ dở quá hạn và mã chống gửi trùng cũ."

    def handle(self, *args: Any, **options: Any) -> None:
        drafts = survey_drafts_prune(older_than=dt.timedelta(days=settings.SURVEY_DRAFT_RETENTION_DAYS))
        keys = idempotency_prune(older_than=dt.timedelta(days=settings.IDEMPOTENCY_KEY_RETENTION_DAYS))
        self.stdout.write(f"Đã xoá {drafts} bản nháp phiếu khảo sát và {keys} mã chống gửi trùng cũ.")
