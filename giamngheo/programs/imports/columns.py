"""The sheets of the plan import and their columns (key, header, required), in the template's order."""

from __future__ import annotations

TARGETS, ALLOCATION, BUDGET, TASKS = "Chỉ tiêu", "Phân bổ", "Kinh phí", "Nhiệm vụ"
LINE, STATEMENT = "Kinh phí", "Tổng theo văn bản"
ROWS_WITH_LISTS = 500

# (key, header, required) per sheet, in the template's order.
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    TARGETS: [
        ("text", "Nguyên văn chỉ tiêu", True),
        ("indicator", "Chỉ số", True),
        ("group", "Nhóm đối tượng", False),
        ("unit_code", "Mã đơn vị (nếu riêng cho đơn vị)", False),
        ("kind", "Loại chỉ tiêu", True),
        ("bound", "Giới hạn", True),
        ("value_low", "Giá trị thấp", False),
        ("value_high", "Giá trị cao", False),
        ("target_year", "Năm phải đạt", True),
        ("baseline_value", "Giá trị gốc", False),
        ("baseline_year", "Năm gốc", False),
        ("note", "Ghi chú", False),
    ],
    ALLOCATION: [
        ("label", "Đơn vị", True),
        ("unit_code", "Mã đơn vị", False),
        ("start_poor", "Số hộ nghèo đầu kỳ", True),
        ("start_total", "Tổng số hộ đầu kỳ", True),
        ("reduction", "Số hộ giảm trong kỳ", True),
        ("projected_total", "Tổng số hộ dự kiến cuối kỳ", True),
        ("stated_start_rate", "Tỷ lệ đầu kỳ theo văn bản (%)", False),
        ("stated_target_rate", "Tỷ lệ mục tiêu theo văn bản (%)", False),
        ("note", "Ghi chú", False),
    ],
    BUDGET: [
        ("row_kind", "Loại dòng", False),
        ("project", "Dự án (số hiệu trong kế hoạch)", False),
        ("source", "Nguồn vốn", True),
        ("expenditure", "Loại vốn", False),
        ("amount", "Số tiền (triệu đồng)", True),
    ],
    TASKS: [
        ("number", "STT", True),
        ("content", "Nội dung công việc", True),
        ("lead_agency", "Cơ quan chủ trì", True),
        ("coordinating_agencies", "Cơ quan phối hợp (cách nhau bằng ;)", False),
        ("coordination_text", "Phối hợp (nguyên văn)", False),
        ("product", "Sản phẩm", False),
        ("timeframe", "Thời gian (nguyên văn)", False),
        ("due_date", "Hạn hoàn thành (ngày/tháng/năm)", False),
        ("project", "Dự án (số hiệu trong kế hoạch)", False),
    ],
}
