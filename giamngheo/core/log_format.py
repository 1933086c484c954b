"""Log records as JSON lines (one object per line) for collectors, with the standard library only."""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from typing import Any

# Attributes every LogRecord has; anything else was passed with extra={...} and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, extras, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def error_fields(error: BaseException) -> dict[str, str]:
    """An error for the log: its type and frames, not its message (which may quote a name or an ID)."""
    return {
        "error_type": type(error).__qualname__,
        "traceback": "".join(traceback.format_tb(error.__traceback__)),
    }
