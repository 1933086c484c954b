"""One application error type with a stable code and a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# Stable error codes. The API returns the code; pages show the message.
MESSAGES: dict[str, Any] = {
    "not_found": _("Không tìm thấy đối tượng, hoặc đối tượng nằm ngoài địa bàn của bạn."),
    "permission_denied": _("Bạn không có quyền thực hiện thao tác này."),
    "invalid": _("Dữ liệu không hợp lệ."),
    "conflict": _("Dữ liệu đã bị người khác thay đổi; hãy tải lại trang và thử lại."),
    "unit_not_found": _("Không tìm thấy đơn vị hành chính."),
    "unit_level_invalid": _("Cấp đơn vị hành chính không phù hợp."),
    "village_parent_invalid": _("Thôn, tổ dân phố phải thuộc một xã, phường hoặc đặc khu đang có hiệu lực."),
    "village_duplicate": _("Xã này đã có thôn, tổ dân phố cùng tên hoặc cùng mã."),
    "attribute_period_invalid": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
    "assignment_role_scope": _("Vai trò này không được giao cho địa bàn ở cấp đã chọn."),
    "assignment_outside_area": _("Bạn chỉ có thể giao địa bàn nằm trong địa bàn của mình."),
    "user_duplicate": _("Tên đăng nhập đã tồn tại."),
    "period_invalid": _("Kỳ báo cáo không hợp lệ."),
}


class AppError(Exception):
    """An expected failure of a service, with a code, a message for the user and optional details."""

    def __init__(self, code: str, message: str | None = None, *, field: str | None = None, **details: Any):
        self.code = code
        self.message = str(message if message is not None else MESSAGES.get(code, MESSAGES["invalid"]))
        self.field = field
        self.details = details
        super().__init__(f"{code}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        """Return the error as a JSON-ready dictionary."""
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        if self.details:
            data["details"] = {key: str(value) for key, value in self.details.items()}
        return data


class NotFound(AppError):
    """The object does not exist or lies outside the user's area (the two are not told apart)."""

    def __init__(self, message: str | None = None, **details: Any):
        super().__init__("not_found", message, **details)


class PermissionDenied(AppError):
    """The user's role does not allow the action."""

    def __init__(self, message: str | None = None, **details: Any):
        super().__init__("permission_denied", message, **details)
