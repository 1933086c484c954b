"""One application error type with a stable code from one enumeration and a translatable message."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Stable error codes: the API returns the code; pages show the message (the label is the default).

    `invalid` with a `field` is a value that fails a check of that field; other codes name a rule.
    """

    # core
    NOT_FOUND = "not_found", _("Không tìm thấy đối tượng, hoặc đối tượng nằm ngoài địa bàn của bạn.")
    PERMISSION_DENIED = "permission_denied", _("Bạn không có quyền thực hiện thao tác này.")
    INVALID = "invalid", _("Dữ liệu không hợp lệ.")
    CONFLICT = "conflict", _("Dữ liệu đã bị người khác thay đổi; hãy tải lại trang và thử lại.")
    PERIOD_INVALID = "period_invalid", _("Kỳ báo cáo không hợp lệ.")
    ANNUAL_RUN_BUSY = "annual_run_busy", _("Tỉnh này đang có một lần phân loại lại chưa xong.")
    # geo
    UNIT_NOT_FOUND = "unit_not_found", _("Không tìm thấy đơn vị hành chính.")
    UNIT_LEVEL_INVALID = "unit_level_invalid", _("Cấp đơn vị hành chính không phù hợp.")
    VILLAGE_PARENT_INVALID = (
        "village_parent_invalid",
        _("Thôn, tổ dân phố phải thuộc một xã, phường hoặc đặc khu đang có hiệu lực."),
    )
    VILLAGE_DUPLICATE = "village_duplicate", _("Xã này đã có thôn, tổ dân phố cùng tên hoặc cùng mã.")
    ATTRIBUTE_PERIOD_INVALID = (
        "attribute_period_invalid",
        _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
    )
    # accounts
    ASSIGNMENT_ROLE_SCOPE = (
        "assignment_role_scope",
        _("Vai trò này không được giao cho địa bàn ở cấp đã chọn."),
    )
    ASSIGNMENT_OUTSIDE_AREA = (
        "assignment_outside_area",
        _("Bạn chỉ có thể giao địa bàn nằm trong địa bàn của mình."),
    )
    ASSIGNMENT_DUPLICATE = "assignment_duplicate", _("Người dùng đã có vai trò này trên địa bàn này.")
    USER_DUPLICATE = "user_duplicate", _("Tên đăng nhập đã tồn tại.")
    USER_SELF_LOCK = "user_self_lock", _("Bạn không thể tự khóa tài khoản của mình.")
    # registry
    HOUSEHOLD_CODE_DUPLICATE = "household_code_duplicate", _("Mã hộ đã tồn tại.")
    HOUSEHOLD_HEAD_EXISTS = "household_head_exists", _("Hộ đã có chủ hộ; hãy đổi chủ hộ trước.")
    HOUSEHOLD_WITHOUT_HEAD = "household_without_head", _("Hộ chưa có chủ hộ.")
    HOUSEHOLD_INACTIVE = "household_inactive", _("Hộ đã ra khỏi sổ.")
    PERSONAL_ID_TAKEN = (
        "personal_id_taken",
        _("Số định danh không hợp lệ hoặc đã được dùng; hãy kiểm tra lại."),
    )
    MEMBER_INACTIVE = "member_inactive", _("Thành viên đã ra khỏi hộ.")
    SURVEY_MISSING = "survey_missing", _("Hộ chưa có phiếu rà soát nào; cần khảo sát.")
    SURVEY_INCOMPLETE = "survey_incomplete", _("Thiếu thông tin của thành viên.")
    CERTIFICATE_NOT_RECOGNISED = (
        "certificate_not_recognised",
        _("Chỉ cấp giấy chứng nhận cho hộ nghèo hoặc hộ cận nghèo đã được công nhận."),
    )
    FILE_TOO_LARGE = "file_too_large", _("Tệp quá lớn.")
    IMPORT_NOT_READY = "import_not_ready", _("Chỉ nhập được tệp đã kiểm tra xong và không có lỗi.")
    # reviews
    CAMPAIGN_CLOSED = (
        "campaign_closed",
        _("Đợt rà soát đã kết thúc; chỉ thay đổi được sau khi mở lại có ghi lý do."),
    )
    CASE_STEP_INVALID = "case_step_invalid", _("Hộ không thể chuyển sang bước này của quy trình.")
    COMMUNE_OUTSIDE_CAMPAIGN = "commune_outside_campaign", _("Xã không thuộc tỉnh của đợt rà soát.")
    CASE_OUTSIDE_VILLAGE = "case_outside_village", _("Có hộ không thuộc thôn này trong đợt rà soát.")
    NOTHING_TO_POST = "nothing_to_post", _("Thôn chưa có hộ nào được họp dân thống nhất để niêm yết.")
    DECISION_BLOCKED = "decision_blocked", _("Chưa thể ra quyết định: còn hộ chưa sẵn sàng.")
    DECISION_TOO_EARLY = "decision_too_early", _("Chưa đến ngày được ký quyết định.")
    NOTHING_TO_DECIDE = "nothing_to_decide", _("Không có hộ nào chờ quyết định.")
    SUBMISSION_NOT_READY = "submission_not_ready", _("Xã chưa có quyết định công nhận cho mọi hộ để báo cáo.")
    SUBMISSION_STATE = "submission_state", _("Báo cáo không ở trạng thái cho phép thao tác này.")
    DISTRICT_OPINION_REQUIRED = (
        "district_opinion_required",
        _("Trình tự Xã → Huyện → Tỉnh: cần ghi ý kiến của UBND cấp huyện trước khi tỉnh duyệt."),
    )
    DISTRICT_STEP_ABSENT = (
        "district_step_absent",
        _("Đợt rà soát này không có bước ý kiến cấp huyện (chính quyền hai cấp)."),
    )
    # programs and monitoring
    BUDGET_OVERSPENT = "budget_overspent", _("Giải ngân vượt dự toán được giao.")
    AGENCY_MEMBER_EXISTS = "agency_member_exists", _("Người dùng đã là cán bộ của cơ quan này.")
    AGENCY_MEMBER_ABSENT = "agency_member_absent", _("Người dùng không phải cán bộ của cơ quan này.")
    TASK_NOT_OWN_AGENCY = (
        "task_not_own_agency",
        _("Chỉ cán bộ của cơ quan chủ trì (hoặc cán bộ cấp tỉnh) được cập nhật nhiệm vụ này."),
    )
    PLAN_LINK_OTHER_PLACE = (
        "plan_link_other_place",
        _("Dự án, dòng kinh phí hoặc nhiệm vụ không thuộc kế hoạch của tỉnh (hoặc của xã) của bản ghi."),
    )
    PLAN_LINKS_MIXED = (
        "plan_links_mixed",
        _("Dự án, dòng kinh phí và nhiệm vụ phải thuộc cùng một kế hoạch."),
    )
    REPORT_LOCKED = "report_locked", _("Báo cáo đã gửi hoặc đã duyệt; số liệu bị khóa.")
    REPORT_STATE = "report_state", _("Báo cáo không ở trạng thái cho phép thao tác này.")
    # the household and member validator (registry/validation.py): the message names the field
    REQUIRED = "required", _("Thiếu giá trị bắt buộc.")
    TEXT_TOO_LONG = "text_too_long", _("Nội dung dài quá mức cho phép.")
    INVALID_CHARACTER = "invalid_character", _("Có ký tự điều khiển hoặc ký tự ẩn không được phép.")
    NEGATIVE_AMOUNT = "negative_amount", _("Số tiền, diện tích không được là số âm.")
    AMOUNT_TOO_LARGE = "amount_too_large", _("Số lớn quá mức cho phép.")
    BIRTH_TOO_EARLY = "birth_too_early", _("Năm sinh không được trước năm 1900.")
    BIRTH_AFTER_REFERENCE = "birth_after_reference", _("Ngày, năm sinh không được sau ngày rà soát.")
    UNKNOWN_CODE = "unknown_code", _("Giá trị không có trong danh mục.")
    # roles (ADR 0011)
    ASSIGNMENT_SELF = "assignment_self", _("Bạn không thể tự giao hoặc thu hồi địa bàn của chính mình.")
    ASSIGNMENT_RANK = "assignment_rank", _("Chỉ người quản lý ở cấp trên mới được giao vai trò này.")
    PASSWORD_SELF = "password_self", _("Hãy đổi mật khẩu của mình ở trang cá nhân (cần mật khẩu cũ).")
    PASSWORD_RESET_RANK = "password_reset_rank", _("Chỉ người quản lý ở cấp trên mới được đặt lại mật khẩu.")
    THROTTLED = "throttled", _("Bạn đã thao tác quá nhiều lần; hãy thử lại sau ít phút.")
    # support
    SUPPORT_TYPE_UNKNOWN = "support_type_unknown", _("Không có loại hỗ trợ này.")
    SUPPORT_PLAN_EXISTS = "support_plan_exists", _("Hộ đã có kế hoạch hỗ trợ năm này.")
    SUPPORT_LIST_CLOSED = "support_list_closed", _("Danh sách đã phê duyệt hoặc đã hủy, không sửa được.")
    SUPPORT_LIST_EMPTY = "support_list_empty", _("Danh sách chưa chọn hộ nào.")
    SUPPORT_NOT_ELIGIBLE = "support_not_eligible", _("Không đủ điều kiện hỗ trợ.")
    SUPPORT_IMPORT_INVALID = "support_import_invalid", _("Tệp danh sách có lỗi; không nhập dòng nào.")
    SUPPORT_HOUSING_OPEN = "support_housing_open", _("Hộ đã có một hồ sơ nhà ở đang thực hiện.")
    SUPPORT_HOUSING_STANDARD = "support_housing_standard", _("Nhà chưa đạt tiêu chuẩn nghiệm thu.")
    # jobs
    JOBS_NOT_WORKING_AGE = "jobs_not_working_age", _("Thành viên không trong độ tuổi lao động.")
    JOBS_REFERRAL_EXISTS = "jobs_referral_exists", _("Người này đã được giới thiệu vào vị trí này.")
    JOBS_STEP_ORDER = "jobs_step_order", _("Bước này chưa làm được: hãy ghi bước trước.")
    JOBS_IMPORT_INVALID = "jobs_import_invalid", _("Tệp khảo sát lao động có lỗi; không nhập dòng nào.")
    JOBS_ATTENDANCE_LOW = "jobs_attendance_low", _("Học viên chưa đủ số buổi học để hoàn thành.")
    # ODK Central pull
    ODK_CENTRAL_NOT_CONFIGURED = (
        "odk_central_not_configured",
        _("Xã này chưa được cấu hình để lấy phiếu từ máy chủ ODK Central."),
    )
    ODK_CENTRAL_UNAVAILABLE = (
        "odk_central_unavailable",
        _("Không lấy được phiếu từ máy chủ ODK Central; hãy thử lại sau hoặc tải tệp xuất lên."),
    )
    ODK_CENTRAL_REFUSED = (
        "odk_central_refused",
        _("Máy chủ ODK Central từ chối tài khoản hoặc không có biểu mẫu đã cấu hình."),
    )
    # api (service tokens)
    SERVICE_TOKEN_EXPIRY = (
        "service_token_expiry",
        _("Ngày hết hạn của mã truy cập phải sau hôm nay và không quá thời hạn tối đa."),
    )
    SERVICE_TOKEN_SCOPES = "service_token_scopes", _("Cần chọn ít nhất một quyền hợp lệ cho mã truy cập.")
    SERVICE_TOKEN_BINDING = (
        "service_token_binding",
        _("Mã truy cập phải gắn với đúng một địa bàn hoặc một cơ quan trong địa bàn bạn quản lý."),
    )
    # activities
    ACTIVITIES_IMPORT_INVALID = "activities_import_invalid", _("Tệp có lỗi; không nhập dòng nào.")
    ACTIVITIES_OTHER_PLACE = (
        "activities_other_place",
        _("Cơ quan, kế hoạch hoặc hộ được chọn không thuộc địa bàn của bản ghi."),
    )
    ACTIVITIES_NOT_ESCAPED = (
        "activities_not_escaped",
        _("Hộ chưa thoát nghèo theo sổ hộ (chưa có biến động thoát nghèo đến ngày khen thưởng)."),
    )
    ACTIVITIES_CLOSED = "activities_closed", _("Kiến nghị đã kết thúc; không ghi thêm được.")
    WORKS_IMPORT_INVALID = "works_import_invalid", _("Tệp có lỗi; không nhập dòng nào.")
    WORKS_PROGRESS_BACKWARDS = (
        "works_progress_backwards",
        _("Tiến độ không được thấp hơn lần báo cáo trước."),
    )
    WORKS_PARTICIPANT_EXISTS = "works_participant_exists", _("Hộ này đã tham gia mô hình.")
    WORKS_HOUSEHOLD_OUTSIDE = (
        "works_household_outside",
        _("Hộ không ở xã nào của mô hình."),
    )


class AppError(Exception):
    """An expected failure of a service, with a code, a message for the user and optional details.

    The code is an ErrorCode member (a stored code value, e.g. an import row read back, is turned back
    into its member; anything else raises ValueError).
    """

    def __init__(self, code: ErrorCode, message: Any = None, *, field: str | None = None, **details: Any):
        self.code = ErrorCode(code)
        self.message = str(message if message is not None else self.code.label)
        self.field = field
        self.details = details
        super().__init__(f"{self.code.value}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        """Return the error as a JSON-ready dictionary."""
        data: dict[str, Any] = {"code": self.code.value, "message": self.message}
        if self.field:
            data["field"] = self.field
        if self.details:
            data["details"] = {key: str(value) for key, value in self.details.items()}
        return data


class NotFound(AppError):
    """The object does not exist or lies outside the user's area (the two are not told apart)."""

    def __init__(self, message: Any = None, **details: Any):
        super().__init__(ErrorCode.NOT_FOUND, message, **details)


class PermissionDenied(AppError):
    """The user's role does not allow the action."""

    def __init__(self, message: Any = None, **details: Any):
        super().__init__(ErrorCode.PERMISSION_DENIED, message, **details)
