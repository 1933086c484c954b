"""The Excel template officers fill in: instructions, the two data sheets with drop-down lists, code lists."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter
import xlsxwriter.worksheet
from django.utils import timezone

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
from giamngheo.standards.interchange import MATERIAL_COLUMNS, VALUE_OPTIONAL, required_columns
from giamngheo.standards.loader import load_codes, load_column_labels, load_ethnicities, standard_for_year

SKIPPED_HOUSEHOLD = {"area"}  # taken from the commune's urban/rural attribute
TEXT_KEYS = {"household_code", "commune_code", "personal_id"}  # codes keep their leading zeros
ROWS_WITH_LISTS = 20_000


def instructions() -> list[str]:
    """The «Hướng dẫn» sheet, built from the checks the import makes with the current standard."""
    standard = standard_for_year(timezone.localdate().year)
    household_labels, member_labels = (dict(columns) for columns in sheet_columns())
    needed_households, needed_members = required_columns(standard)
    required_households = [
        household_labels[key]
        for key in household_labels
        if key in needed_households and key not in (*VALUE_OPTIONAL, *MATERIAL_COLUMNS)
    ]
    required_members = [
        member_labels[key] for key in member_labels if key in needed_members and key not in VALUE_OPTIONAL
    ]
    ages = standard.working_age
    return [
        "MẪU NHẬP DANH SÁCH HỘ GIA ĐÌNH VÀ THÀNH VIÊN",
        "",
        "1. Trang «Hộ gia đình»: mỗi dòng một hộ. «Mã hộ» là mã ổn định của hộ (không trùng).",
        "2. Trang «Thành viên»: mỗi dòng một người; «Mã hộ» + «STT thành viên» xác định người đó.",
        "   Mỗi hộ có đúng một chủ hộ.",
        "3. Các cột có danh sách chọn: chọn trong danh sách, hoặc gõ tên có dấu hay không dấu, chữ hoa hay "
        "chữ thường đều được (ví dụ «Nữ», «nu», «Ta-ôi», «taoi»). Xem trang «Danh mục».",
        "4. Có/không: ghi «Có» hoặc «Không» (1/0 cũng được). Ngày: 31/12/1990. "
        "Số tiền: 1500000 hoặc 1.500.000.",
        "5. Số định danh cá nhân: 12 chữ số; hệ thống kiểm tra mã tỉnh, giới tính và năm sinh ghi trong số.",
        f"6. KHÔNG được để trống (chuẩn {standard.id}): trang «Hộ gia đình»: "
        + "; ".join(f"«{label}»" for label in required_households)
        + ". Trang «Thành viên»: "
        + "; ".join(f"«{label}»" for label in required_members)
        + "; và «Ngày sinh» hoặc «Năm sinh».",
        f"   «Việc làm» được để trống cho người ngoài tuổi lao động (dưới {ages.minimum} tuổi, trên "
        f"{ages.max_male} tuổi với nam, trên {ages.max_female} tuổi với nữ, tính đến ngày tham chiếu).",
        "   Các ô khác để trống khi chưa rõ; hệ thống không coi thông tin chưa rõ là thiếu hụt.",
        "7. Khi tải lên, hệ thống kiểm tra toàn bộ tệp và cho tải về tệp lỗi: trang «Tất cả lỗi» liệt kê "
        "mọi lỗi, lỗi tệp và cột trước, rồi ô bỏ trống hoặc không đọc được, rồi các lỗi khác; các trang sau "
        "là các dòng gốc kèm cột «Lỗi».",
        "   Chỉ khi tệp không còn lỗi mới được nhập, và tệp được nhập trọn vẹn hoặc không nhập gì.",
        "8. Nhập lại cùng một tệp không thay đổi gì; hộ đã có (cùng mã hộ) được cập nhật theo tệp. Hộ không "
        "thay đổi được ghi nhận là đã rà soát ở ngày tham chiếu của lần nhập (tính là đã có phiếu trong đợt "
        "rà soát).",
        "9. Khu vực thành thị/nông thôn lấy theo thuộc tính của xã trong hệ thống, không cần ghi.",
        "10. «Phiếu điền sẵn» của một xã (tải ở trang Nhập tệp) có đúng các cột và danh sách chọn của mẫu "
        "này: sửa các ô cần sửa rồi tải lên lại.",
    ]


def _code_lists() -> dict[str, list[str]]:
    codes = load_codes()
    lists = {name: list(values.values()) for name, values in codes.items()}
    lists["ethnicity"] = list(load_ethnicities().values())
    lists["yes_no"] = ["Có", "Không"]
    lists["residence"] = list(RESIDENCE_CODES.values())
    lists["status"] = list(STATUS_CODES.values())
    return lists


def sheet_columns() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (key, header) columns of the households sheet and of the members sheet, in order."""
    labels = load_column_labels()
    household = [("commune_code", HOUSEHOLD_EXTRA["commune_code"])]
    household += [(key, label) for key, label in labels["household"].items() if key not in SKIPPED_HOUSEHOLD]
    household += [(key, label) for key, label in HOUSEHOLD_EXTRA.items() if key != "commune_code"]
    member = [*labels["member"].items(), *MEMBER_EXTRA.items()]
    return household, member


def _write_rows(
    sheet: xlsxwriter.worksheet.Worksheet, keys: list[str], rows: list[dict[str, Any]], date_format: Any
) -> None:
    """Data rows under the header: text stays text (codes, IDs), numbers are numbers, dates are dates."""
    for index, row in enumerate(rows, start=1):
        for column, key in enumerate(keys):
            value = row.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(index, column, value, date_format)
            elif isinstance(value, bool):
                sheet.write_string(index, column, "Có" if value else "Không")
            elif isinstance(value, int | float):
                sheet.write_number(index, column, value)
            else:
                sheet.write_string(index, column, str(value))


def build_template(
    households: list[dict[str, Any]] | None = None, members: list[dict[str, Any]] | None = None
) -> bytes:
    """The import template as .xlsx bytes; with rows, the «phiếu điền sẵn» of those households."""
    lists = _code_lists()
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#FDECC8", "border": 1, "text_wrap": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text_format = workbook.add_format({"num_format": "@"})
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 120)
    for index, line in enumerate(instructions()):
        guide.write(index, 0, line, bold if index == 0 else None)
    catalog = workbook.add_worksheet("Danh mục")
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(lists.items()):
        catalog.write(0, column, name, bold)
        catalog.write_column(1, column, values)
        letter = xlsxwriter.utility.xl_col_to_name(column)
        ranges[name] = f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}"
    household_columns, member_columns = sheet_columns()
    for title, columns, coded, booleans, rows in (
        (
            HOUSEHOLD_SHEET,
            household_columns,
            HOUSEHOLD_CODED_COLUMNS,
            {*HOUSEHOLD_BOOLEAN_COLUMNS},
            households or [],
        ),
        (
            MEMBER_SHEET,
            member_columns,
            {**MEMBER_CODED_COLUMNS, "ethnicity": "ethnicity"},
            {*MEMBER_BOOLEAN_COLUMNS, "has_merit"},
            members or [],
        ),
    ):
        sheet = workbook.add_worksheet(title)
        sheet.freeze_panes(1, 1)
        for index, (key, label) in enumerate(columns):
            sheet.write(0, index, label, bold)
            width = max(12, min(30, len(label)))
            sheet.set_column(index, index, width, text_format if key in TEXT_KEYS else None)
            source = coded.get(key) or ("yes_no" if key in booleans else None)
            source = {"residence": "residence", "status": "status"}.get(key, source)
            if source in ranges:
                sheet.data_validation(
                    1,
                    index,
                    max(ROWS_WITH_LISTS, len(rows) + 1000),
                    index,
                    {"validate": "list", "source": ranges[source], "show_error": False},
                )
        _write_rows(sheet, [key for key, _label in columns], rows, date_format)
    workbook.close()
    return buffer.getvalue()
