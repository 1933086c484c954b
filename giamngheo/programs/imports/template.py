"""The plan import template: a guide, the four sheets with drop-down lists, and the lists."""

from __future__ import annotations

import io

import xlsxwriter

from giamngheo.programs.imports.columns import (
    COLUMNS,
    LINE,
    ROWS_WITH_LISTS,
    STATEMENT,
)
from giamngheo.programs.models import (
    BudgetSource,
    Expenditure,
    Indicator,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.budget import SOURCE_GROUP_LABELS

INSTRUCTIONS = [
    "MẪU NHẬP BẢNG CỦA KẾ HOẠCH",
    "",
    "1. «Chỉ tiêu»: mỗi dòng một chỉ tiêu; «Nguyên văn chỉ tiêu» xác định chỉ tiêu",
    "   (nhập lại cùng nguyên văn là sửa chỉ tiêu đó).",
    "   Giới hạn «không quá»: ghi giá trị cao; «ít nhất», «khoảng»: ghi giá trị thấp;",
    "   «trong khoảng»: ghi cả hai.",
    "2. «Phân bổ»: mỗi dòng một đơn vị trực thuộc (không ghi dòng toàn tỉnh: hệ thống tự cộng).",
    "   Hệ thống tính số hộ còn lại, tỷ lệ đầu kỳ và tỷ lệ mục tiêu (còn lại / tổng số hộ dự kiến) và so với",
    "   tỷ lệ ghi trong văn bản. Trang này thay cả bảng phân bổ của kế hoạch.",
    "3. «Kinh phí»: mỗi dòng một ô dự án × nguồn vốn × loại vốn, đơn vị triệu đồng.",
    "   Để trống dự án: kinh phí chung. Loại dòng «Tổng theo văn bản»: tổng văn bản nêu",
    "   (tổng kinh phí, ngân sách trung ương…) để đối chiếu với các dòng.",
    "4. «Nhiệm vụ»: mỗi dòng một nhiệm vụ; «STT» xác định nhiệm vụ (nhập lại cùng STT là sửa).",
    "5. Số: 7540 hoặc 7.540; tỷ lệ: 2,27. Ngày: 31/12/2025.",
    "   Ở các cột có danh sách, chọn giá trị trong danh sách.",
    "6. Trang để trống thì phần đó của kế hoạch giữ nguyên. Hệ thống kiểm tra toàn bộ tệp,",
    "   cho xem trước, và chỉ nhập khi không còn lỗi: nhập trọn vẹn hoặc không nhập gì.",
    "   Nhập lại cùng tệp không thay đổi gì.",
]


def _choice_lists() -> dict[str, list[str]]:
    return {
        "indicator": [indicator.name for indicator in Indicator.objects.order_by("order", "code")],
        "group": [str(label) for label in TargetGroup.labels],
        "kind": [str(label) for label in TargetKind.labels],
        "bound": [str(label) for label in TargetBound.labels],
        "row_kind": [LINE, STATEMENT],
        "source": [str(label) for label in BudgetSource.labels]
        + [str(label) for key, label in SOURCE_GROUP_LABELS.items() if key in {"total", "local"}],
        "expenditure": [str(label) for label in Expenditure.labels],
    }


def build_template() -> bytes:
    """The plan import template as .xlsx bytes: a guide, four sheets with drop-downs, the lists."""
    lists = _choice_lists()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#FDECC8", "border": 1, "text_wrap": True})
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 120)
    for index, line in enumerate(INSTRUCTIONS):
        guide.write(index, 0, line, bold if index == 0 else None)
    sheets = {title: workbook.add_worksheet(title) for title in COLUMNS}
    catalog = workbook.add_worksheet("Danh mục")
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(lists.items()):
        catalog.write(0, column, name, bold)
        catalog.write_column(1, column, values)
        letter = xlsxwriter.utility.xl_col_to_name(column)
        ranges[name] = f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}"
    for title, columns in COLUMNS.items():
        sheet = sheets[title]
        sheet.freeze_panes(1, 0)
        for index, (key, header, _required) in enumerate(columns):
            sheet.write(0, index, header, bold)
            sheet.set_column(index, index, max(12, min(40, len(header) + 2)))
            if key in ranges:
                sheet.data_validation(
                    1, index, ROWS_WITH_LISTS, index, {"validate": "list", "source": ranges[key]}
                )
    workbook.close()
    return buffer.getvalue()
