"""One-time form tokens: a double submit of a create form returns what the first submit created."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import IdempotencyKey

KEY_LENGTH = 64


def idempotency_key_new() -> str:
    """A fresh random token for a create form's hidden field."""
    return secrets.token_urlsafe(24)


def idempotency_claim(*, user: Any, key: str, action: str) -> str | None:
    """Record the token inside the caller's transaction; the id the earlier submit created, or None.

    Two submits at once: the second insert waits on the unique index until the first transaction ends;
    if the first committed, the second finds its row (and the object it created), if it rolled back the
    second goes ahead as if alone.
    """
    if not key:
        return None
    if len(key) > KEY_LENGTH:
        raise AppError(ErrorCode.INVALID, _("Mã chống gửi trùng không hợp lệ."), field="idempotency_key")
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(user=user, key=key, action=action)
    except IntegrityError:
        earlier = IdempotencyKey.objects.filter(user=user, key=key).first()
        if earlier is None or earlier.action != action or not earlier.object_id:
            raise AppError(ErrorCode.INVALID, _("Biểu mẫu này đã được gửi; hãy tải lại trang.")) from None
        return earlier.object_id
    return None


def idempotency_complete(*, user: Any, key: str, object_id: Any) -> None:
    """Remember what the token's submit created."""
    if key:
        IdempotencyKey.objects.filter(user=user, key=key).update(object_id=str(object_id))


def idempotency_prune(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the tokens older than `older_than`: a resubmit that late is a new submit. Returns the count."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
