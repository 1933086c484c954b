"""The Excel template officers fill in: instructions, the two data sheets with drop-down lists, code lists."""

from __future__ import annotations

import io

import xlsxwriter

from giamngheo.core.exports import new_workbook
from giamngheo.registry.imports.columns import (
    HOUSEHOLD_EXTRA,
    HOUSEHOLD_SHEET,
    MEMBER_EXTRA,
    MEMBER_SHEET,
    RESIDENCE_CODES,
    STATUS_CODES,
)
from giamngheo.standards.facts import (
    HOUSEHOLD_BOOLEAN_COLUMNS,
    HOUSEHOLD_CODED_COLUMNS,
    MEMBER_BOOLEAN_COLUMNS,
    MEMBER_CODED_COLUMNS,
)
from giamngheo.standards.loader import load_codes, load_column_labels, load_ethnicities

SKIPPED_HOUSEHOLD = {"area"}  # taken from the commune's urban/rural attribute
ROWS_WITH_LISTS = 20_000

INSTRUCTIONS = [
    "MẪU NHẬP DANH SÁCH HỘ GIA ĐÌNH VÀ THÀNH VIÊN",
    "",
    "1. Trang «Hộ gia đình»: mỗi dòng một hộ. «Mã hộ» là mã ổn định của hộ (không trùng).",
    "2. Trang «Thành viên»: mỗi dòng một người; «Mã hộ» + «STT thành viên» xác định người đó.",
    "   Mỗi hộ có đúng một chủ hộ.",
    "3. Các cột có danh sách chọn: chọn giá trị trong danh sách (hoặc gõ mã). Xem trang «Danh mục».",
    "4. Có/không: ghi «Có» hoặc «Không» (1/0 cũng được). Ngày: 31/12/1990. Số tiền: 1500000 hoặc 1.500.000.",
    "5. Số định danh cá nhân: 12 chữ số; hệ thống kiểm tra mã tỉnh, giới tính và năm sinh ghi trong số.",
    "6. Để trống ô nào chưa rõ; hệ thống không coi thông tin chưa rõ là thiếu hụt.",
    "7. Khi tải lên, hệ thống kiểm tra toàn bộ tệp và cho tải về tệp lỗi (các dòng gốc kèm cột «Lỗi»).",
    "   Chỉ khi tệp không còn lỗi mới được nhập, và tệp được nhập trọn vẹn hoặc không nhập gì.",
    "8. Nhập lại cùng một tệp không thay đổi gì; hộ đã có (cùng mã hộ) được cập nhật theo tệp.",
    "9. Khu vực thành thị/nông thôn lấy theo thuộc tính của xã trong hệ thống, không cần ghi.",
]


def _code_lists() -> dict[str, list[str]]:
    codes = load_codes()
    lists = {name: list(values.values()) for name, values in codes.items()}
    lists["ethnicity"] = list(load_ethnicities().values())
    lists["yes_no"] = ["Có", "Không"]
    lists["residence"] = list(RESIDENCE_CODES.values())
    lists["status"] = list(STATUS_CODES.values())
    return lists


def build_template() -> bytes:
    """The import template as .xlsx bytes."""
    labels = load_column_labels()
    lists = _code_lists()
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#FDECC8", "border": 1, "text_wrap": True})
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 120)
    for index, line in enumerate(INSTRUCTIONS):
        guide.write(index, 0, line, bold if index == 0 else None)
    catalog = workbook.add_worksheet("Danh mục")
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(lists.items()):
        catalog.write(0, column, name, bold)
        catalog.write_column(1, column, values)
        letter = xlsxwriter.utility.xl_col_to_name(column)
        ranges[name] = f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}"
    household_columns = [("commune_code", HOUSEHOLD_EXTRA["commune_code"], None)]
    household_columns += [
        (key, label, None) for key, label in labels["household"].items() if key not in SKIPPED_HOUSEHOLD
    ]
    household_columns += [
        (key, label, None) for key, label in HOUSEHOLD_EXTRA.items() if key != "commune_code"
    ]
    member_columns = [(key, label, None) for key, label in labels["member"].items()]
    member_columns += [(key, label, None) for key, label in MEMBER_EXTRA.items()]
    for title, columns, coded, booleans in (
        (HOUSEHOLD_SHEET, household_columns, HOUSEHOLD_CODED_COLUMNS, {*HOUSEHOLD_BOOLEAN_COLUMNS}),
        (
            MEMBER_SHEET,
            member_columns,
            {**MEMBER_CODED_COLUMNS, "ethnicity": "ethnicity"},
            {*MEMBER_BOOLEAN_COLUMNS, "has_merit"},
        ),
    ):
        sheet = workbook.add_worksheet(title)
        sheet.freeze_panes(1, 1)
        for index, (key, label, _) in enumerate(columns):
            sheet.write(0, index, label, bold)
            sheet.set_column(index, index, max(12, min(30, len(label))))
            source = coded.get(key) or ("yes_no" if key in booleans else None)
            source = {"residence": "residence", "status": "status"}.get(key, source)
            if source in ranges:
                sheet.data_validation(
                    1,
                    index,
                    ROWS_WITH_LISTS,
                    index,
                    {
                        "validate": "list",
                        "source": ranges[source],
                        "show_error": False,
                    },
                )
    workbook.close()
    return buffer.getvalue()
