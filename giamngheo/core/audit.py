"""The audit actions a service may record, spelled `entity.verb`, each with a label for the audit log."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # accounts
    USER_CREATE = "user.create", _("Tạo người dùng")
    USER_UPDATE = "user.update", _("Sửa người dùng")
    USER_PASSWORD_RESET = "user.password_reset", _("Đặt lại mật khẩu người dùng")
    ASSIGNMENT_ADD = "assignment.add", _("Giao địa bàn")
    ASSIGNMENT_REVOKE = "assignment.revoke", _("Thu hồi địa bàn")
    API_TOKEN_CREATE = "api_token.create", _("Tạo khóa API")
    API_TOKEN_REVOKE = "api_token.revoke", _("Thu hồi khóa API")
    # geo
    VILLAGE_CREATE = "village.create", _("Thêm thôn, tổ dân phố")
    VILLAGE_UPDATE = "village.update", _("Sửa thôn, tổ dân phố")
    VILLAGE_CLOSE = "village.close", _("Đóng thôn, tổ dân phố")
    UNIT_ATTRIBUTE_SET = "unit_attribute.set", _("Đặt thuộc tính đơn vị hành chính")
    # registry
    HOUSEHOLD_REGISTER = "household.register", _("Đăng ký hộ")
    HOUSEHOLD_UPDATE = "household.update", _("Sửa thông tin hộ")
    HOUSEHOLD_SPLIT = "household.split", _("Tách hộ")
    HOUSEHOLD_MERGE = "household.merge", _("Nhập hộ")
    HOUSEHOLD_CLOSE = "household.close", _("Đóng hồ sơ hộ")
    MEMBER_ADD = "member.add", _("Thêm thành viên")
    MEMBER_UPDATE = "member.update", _("Sửa thành viên")
    MEMBER_MOVED_OUT = "member.moved_out", _("Thành viên chuyển đi")
    MEMBER_DIED = "member.died", _("Thành viên chết")
    SURVEY_SUBMIT = "survey.submit", _("Nộp phiếu khảo sát")
    CERTIFICATE_ISSUE = "certificate.issue", _("Cấp giấy chứng nhận")
    IMPORT_UPLOAD = "import.upload", _("Tải lên tệp nhập")
    IMPORT_CONFIRM = "import.confirm", _("Xác nhận nhập")
    IMPORT_APPLY = "import.apply", _("Áp dụng tệp nhập")
    EXPORT_QUEUE = "export.queue", _("Yêu cầu xuất dữ liệu")
    EXPORT_PERSONAL_IDS = "export.personal_ids", _("Xuất số định danh cá nhân")
    PERSONAL_ID_VIEW = "personal_id.view", _("Xem số định danh cá nhân đầy đủ")
    PERSONAL_ID_SEARCH = "personal_id.search", _("Tìm theo số định danh cá nhân")
    IMPORT_ERROR_FILE = "import.error_file", _("Tải tệp lỗi của lần nhập")
    # reviews
    CAMPAIGN_CREATE = "campaign.create", _("Tạo đợt rà soát")
    CAMPAIGN_LIST = "campaign.list", _("Lập danh sách rà soát")
    CAMPAIGN_CLOSE = "campaign.close", _("Kết thúc đợt rà soát")
    CAMPAIGN_REOPEN = "campaign.reopen", _("Mở lại đợt rà soát")
    REVIEW_REQUEST_RECORD = "review_request.record", _("Ghi nhận đơn đề nghị rà soát")
    SUBMISSION_SUBMIT = "submission.submit", _("Gửi kết quả rà soát")
    SUBMISSION_APPROVE = "submission.approve", _("Duyệt kết quả rà soát")
    SUBMISSION_RETURN = "submission.return", _("Trả lại kết quả rà soát")
    SUBMISSION_DISTRICT_OPINION = "submission.district_opinion", _("Ghi ý kiến cấp huyện")
    MEETING_RECORD = "meeting.record", _("Ghi biên bản họp thôn")
    POSTING_START = "posting.start", _("Bắt đầu niêm yết")
    OBJECTION_RECORD = "objection.record", _("Ghi nhận khiếu nại")
    OBJECTION_ANSWER = "objection.answer", _("Trả lời khiếu nại")
    DECISION_MAKE = "decision.make", _("Ra quyết định công nhận")
    # programs
    PLAN_CREATE = "plan.create", _("Tạo kế hoạch")
    PLAN_UPDATE = "plan.update", _("Sửa kế hoạch")
    LEGAL_BASIS_ADD = "legal_basis.add", _("Thêm căn cứ pháp lý")
    LEGAL_BASIS_REMOVE = "legal_basis.remove", _("Xóa căn cứ pháp lý")
    PLAN_PROJECT_ADD = "plan_project.add", _("Thêm dự án vào kế hoạch")
    PLAN_PROJECT_UPDATE = "plan_project.update", _("Sửa dự án của kế hoạch")
    TARGET_ADD = "target.add", _("Thêm chỉ tiêu")
    TARGET_UPDATE = "target.update", _("Sửa chỉ tiêu")
    TARGET_REMOVE = "target.remove", _("Xóa chỉ tiêu")
    TARGET_ALLOCATION_SET = "target_allocation.set", _("Đặt phân bổ chỉ tiêu theo địa bàn")
    TASK_ADD = "task.add", _("Thêm nhiệm vụ")
    TASK_UPDATE = "task.update", _("Sửa nhiệm vụ")
    TASK_REMOVE = "task.remove", _("Xóa nhiệm vụ")
    TASK_STATUS_SET = "task.status_set", _("Đổi trạng thái nhiệm vụ")
    BUDGET_LINE_SET = "budget_line.set", _("Đặt dòng kinh phí")
    BUDGET_LINE_REMOVE = "budget_line.remove", _("Xóa dòng kinh phí")
    BUDGET_STATEMENT_REMOVE = "budget_statement.remove", _("Xóa thuyết minh kinh phí")
    BUDGET_ALLOCATION_RECORD = "budget_allocation.record", _("Ghi nhận giao vốn")
    DISBURSEMENT_RECORD = "disbursement.record", _("Ghi nhận giải ngân")
    REPORTING_RULE_ADD = "reporting_rule.add", _("Thêm chế độ báo cáo")
    REPORTING_RULE_UPDATE = "reporting_rule.update", _("Sửa chế độ báo cáo")
    REPORTING_RULE_REMOVE = "reporting_rule.remove", _("Xóa chế độ báo cáo")
    AGENCY_MEMBER_ADD = "agency_member.add", _("Thêm cán bộ vào cơ quan")
    AGENCY_MEMBER_REMOVE = "agency_member.remove", _("Đưa cán bộ ra khỏi cơ quan")
    # monitoring
    INDICATOR_VALUE_SET = "indicator_value.set", _("Nhập giá trị chỉ số")
    REPORTING_ROUND_OPEN = "reporting_round.open", _("Mở kỳ báo cáo")
    REPORT_SUBMIT = "report.submit", _("Gửi báo cáo")
    REPORT_APPROVE = "report.approve", _("Duyệt báo cáo")
    REPORT_RETURN = "report.return", _("Trả lại báo cáo")
    REPORT_ANNOTATE = "report.annotate", _("Ghi chú báo cáo")
    # support
    SUPPORT_PLAN_CREATE = "support_plan.create", _("Lập kế hoạch hỗ trợ hộ")
    SUPPORT_PLAN_UPDATE = "support_plan.update", _("Sửa kế hoạch hỗ trợ hộ")
    SUPPORT_PLAN_VISIT = "support_plan.visit", _("Ghi lần thăm hộ")
    SUPPORT_LIST_CREATE = "support_list.create", _("Lập danh sách đối tượng hỗ trợ")
    SUPPORT_LIST_IMPORT = "support_list.import", _("Nhập danh sách đối tượng hỗ trợ từ tệp")
    SUPPORT_LIST_ENTRY_UPDATE = "support_list.entry_update", _("Chọn đối tượng trong danh sách hỗ trợ")
    SUPPORT_LIST_APPROVE = "support_list.approve", _("Phê duyệt danh sách hỗ trợ")
    SUPPORT_LIST_CANCEL = "support_list.cancel", _("Hủy danh sách hỗ trợ")
    SUPPORT_LIST_PRINT = "support_list.print", _("In danh sách chi trả hỗ trợ")
    SUPPORT_RECORD_CREATE = "support_record.create", _("Ghi nhận hỗ trợ")
    SUPPORT_RECORD_DELIVER = "support_record.deliver", _("Ghi nhận đã trao, đã chi")
    SUPPORT_RECORD_CANCEL = "support_record.cancel", _("Hủy bản ghi hỗ trợ")
    HOUSING_CASE_CREATE = "housing_case.create", _("Lập hồ sơ hỗ trợ nhà ở")
    HOUSING_CASE_APPROVE = "housing_case.approve", _("Phê duyệt hồ sơ nhà ở")
    HOUSING_CASE_PROGRESS = "housing_case.progress", _("Ghi tiến độ nhà ở")
    HOUSING_CASE_ACCEPT = "housing_case.accept", _("Nghiệm thu nhà ở")
    HOUSING_CASE_CANCEL = "housing_case.cancel", _("Hủy hồ sơ nhà ở")


def audit_action_label(value: str) -> str:
    """The label of a stored action, or the stored code itself for a spelling no longer defined."""
    try:
        return str(AuditAction(value).label)
    except ValueError:
        return value
