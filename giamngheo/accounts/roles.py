"""Roles, the unit levels each role may be assigned to, and what each role may do."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VILLAGE_REVIEWER = "village_reviewer", _("Rà soát viên thôn, tổ dân phố")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ giảm nghèo cấp xã")
    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND cấp xã")
    PROVINCE_OFFICER = "province_officer", _("Cán bộ cấp tỉnh (Sở Nông nghiệp và Môi trường)")
    AGENCY_OFFICER = "agency_officer", _("Cán bộ sở, ngành")
    OVERSIGHT_VIEWER = "oversight_viewer", _("Giám sát (Mặt trận Tổ quốc, HĐND)")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


# Which assignment a session starts in when a user holds several: the widest responsibility first.
ROLE_RANK = {
    Role.SYSTEM_ADMIN: 0,
    Role.PROVINCE_OFFICER: 1,
    Role.COMMUNE_CHAIR: 2,
    Role.COMMUNE_OFFICER: 3,
    Role.AGENCY_OFFICER: 4,
    Role.OVERSIGHT_VIEWER: 5,
    Role.VILLAGE_REVIEWER: 6,
}

# The unit levels an assignment of each role may name; None means the whole country.
ROLE_LEVELS: dict[str, set[str | None]] = {
    Role.VILLAGE_REVIEWER: {"village", "commune"},
    Role.COMMUNE_OFFICER: {"commune"},
    Role.COMMUNE_CHAIR: {"commune"},
    Role.PROVINCE_OFFICER: {"province"},
    Role.AGENCY_OFFICER: {"province", "commune"},
    Role.OVERSIGHT_VIEWER: {"province", "commune", None},
    Role.SYSTEM_ADMIN: {"province", None},
}


class Permission(models.TextChoices):
    VIEW = "view", _("Xem dữ liệu trong địa bàn")
    MANAGE_VILLAGES = "manage_villages", _("Quản lý thôn, tổ dân phố")
    EDIT_UNIT_ATTRIBUTES = "edit_unit_attributes", _("Sửa thuộc tính đơn vị hành chính")
    MANAGE_USERS = "manage_users", _("Quản lý người dùng")
    VIEW_AUDIT = "view_audit", _("Xem nhật ký hệ thống")
    EDIT_HOUSEHOLDS = "edit_households", _("Cập nhật hộ gia đình, thành viên, phiếu rà soát")
    IMPORT_HOUSEHOLDS = "import_households", _("Nhập danh sách hộ từ tệp")
    VIEW_PERSONAL_IDS = "view_personal_ids", _("Xem đầy đủ số định danh cá nhân")
    MANAGE_PLANS = "manage_plans", _("Lập kế hoạch, chỉ tiêu, kinh phí, mở đợt báo cáo")
    UPDATE_TASKS = "update_tasks", _("Cập nhật tiến độ nhiệm vụ")
    ENTER_INDICATORS = "enter_indicators", _("Nhập số liệu chỉ số")
    SUBMIT_REPORTS = "submit_reports", _("Soạn và gửi báo cáo định kỳ")
    APPROVE_REPORTS = "approve_reports", _("Duyệt hoặc trả lại báo cáo của cấp dưới")
    MANAGE_CAMPAIGNS = "manage_campaigns", _("Mở, kết thúc đợt rà soát; duyệt kết quả rà soát của xã")
    REVIEW_WORK = "review_work", _("Lập danh sách, ghi họp dân, niêm yết, khiếu nại trong đợt rà soát")
    DECIDE_RECOGNITION = "decide_recognition", _("Ký quyết định công nhận hộ nghèo, hộ cận nghèo")
    MANAGE_SUPPORT = "manage_support", _("Lập kế hoạch hỗ trợ hộ, danh sách đối tượng, hồ sơ nhà ở")
    APPROVE_SUPPORT = "approve_support", _("Phê duyệt danh sách đối tượng hỗ trợ")
    RECORD_SUPPORT = "record_support", _("Ghi nhận hỗ trợ đã trao, đã chi")
    MANAGE_JOBS = "manage_jobs", _("Khảo sát lao động, tuyển dụng, giới thiệu việc làm, đào tạo nghề")
    MANAGE_ACTIVITIES = (
        "manage_activities",
        _("Ghi truyền thông, tập huấn cán bộ, kiểm tra giám sát, thi đua khen thưởng, Quỹ Vì người nghèo"),
    )
    MANAGE_WORKS = "manage_works", _("Ghi công trình hạ tầng, mô hình giảm nghèo, dự án sản xuất")


ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.VILLAGE_REVIEWER: {Permission.VIEW, Permission.EDIT_HOUSEHOLDS},
    Role.COMMUNE_OFFICER: {
        Permission.VIEW,
        Permission.MANAGE_VILLAGES,
        Permission.EDIT_HOUSEHOLDS,
        Permission.IMPORT_HOUSEHOLDS,
        Permission.VIEW_PERSONAL_IDS,
        Permission.ENTER_INDICATORS,
        Permission.SUBMIT_REPORTS,
        Permission.REVIEW_WORK,
        Permission.MANAGE_SUPPORT,
        Permission.RECORD_SUPPORT,
        Permission.MANAGE_JOBS,
        Permission.MANAGE_ACTIVITIES,
        Permission.MANAGE_WORKS,
        # Their own commune's plan only: plans are managed at the plan's own unit (programs.scope).
        Permission.MANAGE_PLANS,
    },
    Role.COMMUNE_CHAIR: {
        Permission.VIEW,
        Permission.MANAGE_VILLAGES,
        Permission.VIEW_PERSONAL_IDS,
        Permission.SUBMIT_REPORTS,
        Permission.REVIEW_WORK,
        Permission.DECIDE_RECOGNITION,
        Permission.APPROVE_SUPPORT,
    },
    Role.PROVINCE_OFFICER: {
        Permission.VIEW,
        Permission.MANAGE_VILLAGES,
        Permission.EDIT_UNIT_ATTRIBUTES,
        Permission.MANAGE_USERS,
        Permission.VIEW_AUDIT,
        Permission.EDIT_HOUSEHOLDS,
        Permission.IMPORT_HOUSEHOLDS,
        Permission.VIEW_PERSONAL_IDS,
        Permission.MANAGE_PLANS,
        Permission.UPDATE_TASKS,
        Permission.ENTER_INDICATORS,
        Permission.SUBMIT_REPORTS,
        Permission.APPROVE_REPORTS,
        Permission.MANAGE_CAMPAIGNS,
        Permission.MANAGE_SUPPORT,
        Permission.RECORD_SUPPORT,
        Permission.MANAGE_JOBS,
        Permission.MANAGE_ACTIVITIES,
        Permission.MANAGE_WORKS,
    },
    Role.AGENCY_OFFICER: {
        Permission.VIEW,
        Permission.UPDATE_TASKS,
        Permission.ENTER_INDICATORS,
        Permission.RECORD_SUPPORT,
        Permission.MANAGE_JOBS,
        # Follow-ups of the recommendations addressed to their agency only (activities.services).
        Permission.MANAGE_ACTIVITIES,
        Permission.MANAGE_WORKS,
    },
    Role.OVERSIGHT_VIEWER: {Permission.VIEW, Permission.VIEW_AUDIT},
    Role.SYSTEM_ADMIN: set(Permission.values),
}


# The main menu entries each role sees (users and audit also need their permission); a user sees the union.
# The program's own pages, which every role but the village reviewer has; reviews and the API pages by role.
_PROGRAM_MENUS = {"households", "support", "jobs", "activities", "works", "plans", "reports", "units"}
ROLE_MENUS: dict[str, set[str]] = {
    Role.VILLAGE_REVIEWER: {"households", "reviews"},
    Role.COMMUNE_OFFICER: _PROGRAM_MENUS | {"reviews"},
    Role.COMMUNE_CHAIR: _PROGRAM_MENUS | {"reviews"},
    Role.PROVINCE_OFFICER: _PROGRAM_MENUS | {"reviews", "api"},
    Role.AGENCY_OFFICER: _PROGRAM_MENUS | {"api"},
    Role.OVERSIGHT_VIEWER: _PROGRAM_MENUS | {"reviews"},
    Role.SYSTEM_ADMIN: _PROGRAM_MENUS | {"reviews", "api"},
}
