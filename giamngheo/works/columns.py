"""The Vietnamese column headers of the works and participants files (interchange format: export = import)."""

from __future__ import annotations

from giamngheo.programs.models import BudgetSource

# Vietnamese names of the budget sources as file headers (the choice labels, kept Vietnamese in every
# language so a file exported in English still imports).
SOURCE_HEADERS = {
    BudgetSource.CENTRAL: "Vốn ngân sách trung ương (triệu đồng)",
    BudgetSource.LOCAL: "Vốn ngân sách địa phương (triệu đồng)",
    BudgetSource.PROVINCE: "Vốn ngân sách tỉnh (triệu đồng)",
    BudgetSource.DISTRICT: "Vốn ngân sách huyện (triệu đồng)",
    BudgetSource.COMMUNE: "Vốn ngân sách xã (triệu đồng)",
    BudgetSource.MOBILISED: "Vốn huy động khác (triệu đồng)",
    BudgetSource.POLICY_CREDIT: "Vốn tín dụng chính sách (triệu đồng)",
}

WORK_COLUMNS = {
    "id": "Mã công trình",
    "name": "Tên công trình",
    "kind": "Loại công trình",
    "commune_code": "Mã xã",
    "commune": "Xã",
    "investor": "Chủ đầu tư",
    "started_on": "Ngày khởi công",
    "planned_completion_on": "Ngày hoàn thành theo kế hoạch",
    "completed_on": "Ngày hoàn thành thực tế",
    "handed_over_on": "Ngày bàn giao",
    "progress": "Tiến độ (%)",
    "status": "Tình trạng",
    "latitude": "Vĩ độ",
    "longitude": "Kinh độ",
    **{f"capital_{source}": header for source, header in SOURCE_HEADERS.items()},
}
WORK_REQUIRED = ("name", "kind", "commune_code")

MODEL_COLUMNS = {
    "id": "Mã",
    "name": "Tên mô hình, dự án",
    "kind": "Loại",
    "communes": "Xã",
    "lead_agency": "Cơ quan chủ trì",
    "partner": "Hợp tác xã, doanh nghiệp liên kết",
    "started_on": "Ngày bắt đầu",
    "ended_on": "Ngày kết thúc",
    "households": "Số hộ tham gia",
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "budget": "Kinh phí (triệu đồng)",
}

PARTICIPANT_COLUMNS = {
    "household": "Mã hộ",
    "head_name": "Chủ hộ",
    "commune": "Xã",
    "status": "Diện hộ khi tham gia",
    "joined_on": "Ngày tham gia",
    "labour_days": "Ngày công",
    "money": "Tiền (đồng)",
    "in_kind": "Hiện vật",
}
PARTICIPANT_REQUIRED = ("household", "joined_on")
