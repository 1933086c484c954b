"""The API's 422 body: the code, a Vietnamese message naming the first refused field, and every field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

# Where a value came from, then the view's parameter name, come first in a pydantic location.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
PARAMETERS = {"payload", "filters", "ninja_pagination"}
REASONS: dict[str, Any] = {
    "extra_forbidden": _("trường không được gửi (không có trong API hoặc do máy chủ tự xác định)"),
    "missing": _("thiếu trường bắt buộc"),
    "json_invalid": _("nội dung không phải JSON hợp lệ"),
}
DEFAULT_REASON = _("giá trị không hợp lệ")


def field_name(location: Iterable[Any]) -> str:
    """`["body", "payload", "head", "full_name"]` → `"head.full_name"`."""
    parts = [str(part) for part in location]
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    if parts and parts[0] in PARAMETERS:
        parts = parts[1:]
    return ".".join(parts)


def _reason(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in REASONS:
        return str(REASONS[kind])
    message = str(error.get("msg", ""))
    if kind == "value_error" and message.startswith("Value error, "):
        return message.removeprefix("Value error, ")
    if kind in ("none_required",) or "none" in kind:
        return str(_("không được để trống (null)"))
    return f"{DEFAULT_REASON} ({message})" if message else str(DEFAULT_REASON)


def validation_error_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """{code, message, field, errors: [{field, message}]} from pydantic/ninja errors."""
    fields = [{"field": field_name(error.get("loc", ())), "message": _reason(error)} for error in errors]
    first = fields[0] if fields else {"field": "", "message": str(DEFAULT_REASON)}
    message = f"«{first['field']}»: {first['message']}" if first["field"] else first["message"]
    return {"code": "invalid", "message": message, "field": first["field"] or None, "errors": fields}


HTTP_ERRORS: dict[int, tuple[str, Any]] = {
    400: ("invalid", _("Nội dung yêu cầu không đọc được: cần JSON hợp lệ.")),
    401: ("unauthenticated", _("Cần đăng nhập hoặc mã truy cập (Authorization: Bearer …) hợp lệ.")),
    403: ("permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
    429: ("throttled", _("Quá nhiều yêu cầu; hãy thử lại sau.")),
}


def http_error_body(status: int) -> dict[str, Any]:
    """{code, message} for an HTTP error raised by the framework (not by a service)."""
    code, message = HTTP_ERRORS.get(status, ("invalid", DEFAULT_REASON))
    return {"code": code, "message": str(message)}
