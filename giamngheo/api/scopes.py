"""The scopes a service token may hold, and the one scope each API operation needs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    UNITS_READ = "units:read", _("Đọc đơn vị hành chính")
    HOUSEHOLDS_READ = "households:read", _("Đọc sổ hộ, thành viên, phiếu khảo sát, kết quả đánh giá")
    HOUSEHOLDS_WRITE = "households:write", _("Thêm, sửa hộ, thành viên, phiếu khảo sát")
    PLANS_READ = "plans:read", _("Đọc kế hoạch, chỉ tiêu, giá trị chỉ số")
    INDICATORS_WRITE = "indicators:write", _("Nhập giá trị chỉ số")
    SUPPORT_READ = "support:read", _("Đọc danh mục, kế hoạch, danh sách, sổ hỗ trợ, hồ sơ nhà ở")
    SUPPORT_WRITE = "support:write", _("Lập, sửa, duyệt danh sách và ghi nhận hỗ trợ")
    JOBS_READ = "jobs:read", _("Đọc vị trí tuyển dụng, khóa học, giới thiệu việc làm")
    JOBS_WRITE = "jobs:write", _("Giới thiệu người lao động")
    CAMPAIGNS_READ = "campaigns:read", _("Đọc đợt rà soát, tiến độ, hồ sơ rà soát, đơn đề nghị Mẫu 01/04")
    CAMPAIGNS_WRITE = "campaigns:write", _("Ghi các bước rà soát của xã, đơn đề nghị Mẫu 01/04")
    REPORTS_READ = "reports:read", _("Đọc kỳ báo cáo, báo cáo định kỳ")
    REPORTS_SUBMIT = "reports:submit", _("Nhập số liệu, ghi chú, gửi báo cáo định kỳ")
    REPORTS_APPROVE = "reports:approve", _("Duyệt hoặc trả lại báo cáo của cấp dưới")
    ACTIVITIES_READ = (
        "activities:read",
        _("Đọc truyền thông, tập huấn cán bộ, kiểm tra giám sát, khen thưởng, đóng góp"),
    )
    ACTIVITIES_WRITE = "activities:write", _("Ghi việc thực hiện kiến nghị sau kiểm tra, giám sát")
    WORKS_READ = "works:read", _("Đọc công trình hạ tầng, mô hình sinh kế và người tham gia")
    WORKS_WRITE = "works:write", _("Thêm công trình, ghi tiến độ công trình")
    ME_READ = "me:read", _("Đọc thông tin mã truy cập đang dùng")
    # Not an operation's scope: without it, every personal ID the token reads comes masked (ADR 1602).
    PERSONAL_IDS_READ = (
        "personal_ids:read",
        _("Xem đầy đủ số định danh cá nhân (mỗi lần xem được ghi nhật ký)"),
    )


# Every operation of /api/v1/openapi.json, by operationId. An operation missing here is refused to every
# service token (403) and fails tests/api/test_service_tokens.py; an entry of a module not mounted yet (the
# review and report routers are built on another branch) maps nothing until it is.
OPERATION_SCOPES: dict[str, Scope] = {
    "giamngheo_api_units_unit_list": Scope.UNITS_READ,
    "giamngheo_api_units_unit_detail": Scope.UNITS_READ,
    "giamngheo_api_units_unit_succession": Scope.UNITS_READ,
    "giamngheo_api_me_me": Scope.ME_READ,
    "giamngheo_api_plans_plans": Scope.PLANS_READ,
    "giamngheo_api_plans_plan_detail": Scope.PLANS_READ,
    "giamngheo_api_plans_indicators": Scope.PLANS_READ,
    "giamngheo_api_plans_values": Scope.PLANS_READ,
    "giamngheo_api_plans_value_set": Scope.INDICATORS_WRITE,
    "giamngheo_api_registry_household_list": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_household_create": Scope.HOUSEHOLDS_WRITE,
    "giamngheo_api_registry_household_detail": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_household_update": Scope.HOUSEHOLDS_WRITE,
    "giamngheo_api_registry_member_list": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_member_create": Scope.HOUSEHOLDS_WRITE,
    "giamngheo_api_registry_member_update": Scope.HOUSEHOLDS_WRITE,
    "giamngheo_api_registry_round_list": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_round_create": Scope.HOUSEHOLDS_WRITE,
    "giamngheo_api_registry_round_detail": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_assessment_list": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_registry_assessment_detail": Scope.HOUSEHOLDS_READ,
    "giamngheo_api_support_support_type_list": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_plan_list": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_plan_detail": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_plan_update": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_plan_create": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_plan_visit": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_list_list": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_list_detail": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_list_propose": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_entry_update": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_list_approve": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_list_cancel": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_record_list": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_record_detail": Scope.SUPPORT_READ,
    "giamngheo_api_support_support_record_create": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_record_deliver": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_support_record_cancel": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_housing_case_list": Scope.SUPPORT_READ,
    "giamngheo_api_support_housing_case_detail": Scope.SUPPORT_READ,
    "giamngheo_api_support_housing_case_create": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_housing_case_approve": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_housing_case_progress": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_housing_case_accept": Scope.SUPPORT_WRITE,
    "giamngheo_api_support_housing_case_cancel": Scope.SUPPORT_WRITE,
    "giamngheo_api_jobs_vacancy_list": Scope.JOBS_READ,
    "giamngheo_api_jobs_vacancy_candidates": Scope.JOBS_READ,
    "giamngheo_api_jobs_course_list": Scope.JOBS_READ,
    "giamngheo_api_jobs_referral_list": Scope.JOBS_READ,
    "giamngheo_api_jobs_referral_create_api": Scope.JOBS_WRITE,
    # Review campaigns, their cases and the commune's steps (giamngheo/api/reviews.py).
    "giamngheo_api_reviews_review_campaign_list": Scope.CAMPAIGNS_READ,
    "giamngheo_api_reviews_review_campaign_detail": Scope.CAMPAIGNS_READ,
    "giamngheo_api_reviews_review_campaign_progress": Scope.CAMPAIGNS_READ,
    "giamngheo_api_reviews_review_case_list": Scope.CAMPAIGNS_READ,
    "giamngheo_api_reviews_review_case_detail": Scope.CAMPAIGNS_READ,
    "giamngheo_api_reviews_review_cases_list": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_cases_collect": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_cases_confirm": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_meeting_record": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_posting_start": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_objection_record": Scope.CAMPAIGNS_WRITE,
    "giamngheo_api_reviews_review_objection_answer": Scope.CAMPAIGNS_WRITE,
    # Mẫu 01/04 requests to be reviewed (giamngheo/api/review_requests.py).
    "giamngheo_api_review_requests_review_request_list": Scope.CAMPAIGNS_READ,
    "giamngheo_api_review_requests_review_request_detail": Scope.CAMPAIGNS_READ,
    "giamngheo_api_review_requests_review_request_create": Scope.CAMPAIGNS_WRITE,
    # Reporting rounds and periodic reports (giamngheo/api/reports.py).
    "giamngheo_api_reports_reporting_round_list": Scope.REPORTS_READ,
    "giamngheo_api_reports_reporting_round_detail": Scope.REPORTS_READ,
    "giamngheo_api_reports_report_list": Scope.REPORTS_READ,
    "giamngheo_api_reports_report_detail": Scope.REPORTS_READ,
    "giamngheo_api_reports_report_annotation_set": Scope.REPORTS_SUBMIT,
    "giamngheo_api_reports_report_value_set": Scope.REPORTS_SUBMIT,
    "giamngheo_api_reports_report_submit": Scope.REPORTS_SUBMIT,
    "giamngheo_api_reports_report_approve": Scope.REPORTS_APPROVE,
    "giamngheo_api_reports_report_return": Scope.REPORTS_APPROVE,
    # Communication, officer training, oversight and registers (giamngheo/api/activities.py).
    "giamngheo_api_activities_communication_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_officer_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_officer_course_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_inspection_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_inspection_detail_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_commendation_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_donation_list_api": Scope.ACTIVITIES_READ,
    "giamngheo_api_activities_follow_up_create_api": Scope.ACTIVITIES_WRITE,
    "giamngheo_api_jobs_job_event_list": Scope.JOBS_READ,
    # Infrastructure works and livelihood models (giamngheo/api/works.py).
    "giamngheo_api_works_work_list": Scope.WORKS_READ,
    "giamngheo_api_works_work_detail": Scope.WORKS_READ,
    "giamngheo_api_works_model_list": Scope.WORKS_READ,
    "giamngheo_api_works_model_detail": Scope.WORKS_READ,
    "giamngheo_api_works_participant_list": Scope.WORKS_READ,
    "giamngheo_api_works_work_create_api": Scope.WORKS_WRITE,
    "giamngheo_api_works_work_progress_create": Scope.WORKS_WRITE,
}


def scope_of(operation_id: str) -> Scope | None:
    """The scope an operation needs (None: not mapped, so no service token may call it)."""
    return OPERATION_SCOPES.get(operation_id)


def parse_scopes(text: str) -> set[str]:
    """The known scopes of a space-separated list (as OAuth 2 writes them); unknown words are dropped."""
    return {word for word in text.split() if word in Scope.values}
