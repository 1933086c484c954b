"""The one validator of a household and a member: rules as data, shared by forms, API and the columnar import.

Rules are data (column lengths from the model fields, forbidden characters, amount bounds, the birth
range, code lists with their synonyms) read by both the per-record functions here and the Polars
expressions in `registry.imports.validate`, so the two paths cannot drift apart (property-tested).

Personal identification number (số định danh cá nhân), 12 digits: 3 digits for the province of birth
registration (001–096), 1 digit for century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s…),
2 digits for the last two digits of the birth year, 6 random digits (Decree 137/2015/NĐ-CP, Circular
07/2016/TT-BCA; structure from secondary sources [S]). The century-sex and year digits are checked against
the recorded sex and birth year.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.registry.models import Household, Member
from giamngheo.standards.facts import HOUSEHOLD_CODED_COLUMNS, MEMBER_CODED_COLUMNS
from giamngheo.standards.interchange import code_key, code_mapping
from giamngheo.standards.loader import load_codes, load_ethnicities

MIN_BIRTH_YEAR = 1900
MAX_AGE = 120  # the data-quality report flags older members for checking
# Characters never accepted in text: C0/C1 controls, zero-width, bidirectional overrides and isolates, BOM.
FORBIDDEN_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x200B, 0x200D),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
# Whitespace folded to one space before the forbidden characters are looked for (tab, new line, NBSP…).
WHITESPACE_RANGES = ((0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x20), (0xA0, 0xA0))


def _python_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in ranges) + "]"


def _rust_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"\\x{{{start:X}}}-\\x{{{end:X}}}" for start, end in ranges) + "]"


FORBIDDEN = re.compile(_python_class(FORBIDDEN_RANGES))
WHITESPACE = re.compile(_python_class(WHITESPACE_RANGES) + "+")
FORBIDDEN_POLARS = _rust_class(FORBIDDEN_RANGES)
WHITESPACE_POLARS = _rust_class(WHITESPACE_RANGES) + "+"

# Text columns: name → (model, model field); the length limit is the column's.
TEXT_FIELDS: dict[str, tuple[Any, str]] = {
    "full_name": (Member, "full_name"),
    "personal_id": (Member, "personal_id"),
    "address": (Household, "address"),
    "household_code": (Household, "code"),
}
# Amounts of a survey: name → (lowest, highest) accepted; the highest keeps within the column.
AMOUNTS: dict[str, tuple[Decimal, Decimal]] = {
    "income_per_capita": (Decimal(0), Decimal(10**12)),
    "income_score": (Decimal(0), Decimal(10**6)),
    "floor_area_m2": (Decimal(0), Decimal("99999.9")),
}

# Stable error codes of the validator and their Vietnamese messages (the import shows the same text).
MESSAGES: dict[str, Any] = {
    "required": _("không được để trống"),
    "text_too_long": _("dài quá %(limit)s ký tự"),
    "invalid_character": _("có ký tự điều khiển hoặc ký tự ẩn không được phép"),
    "negative_amount": _("không được là số âm"),
    "amount_too_large": _("lớn quá mức cho phép (%(limit)s)"),
    "birth_too_early": _("năm sinh không được trước năm 1900"),
    "birth_after_reference": _("ngày, năm sinh không được sau ngày rà soát"),
    "unknown_code": _("giá trị không có trong danh mục"),
}
LABELS: dict[str, Any] = {
    "full_name": _("Họ và tên"),
    "personal_id": _("Số định danh cá nhân"),
    "address": _("Địa chỉ"),
    "household_code": _("Mã hộ"),
    "income_per_capita": _("Thu nhập bình quân"),
    "income_score": _("Điểm A"),
    "floor_area_m2": _("Diện tích nhà ở"),
    "foundation_material": _("Vật liệu nền móng"),
    "walls_material": _("Vật liệu khung-tường"),
    "roof_material": _("Vật liệu mái"),
    "water_source": _("Nguồn nước sinh hoạt"),
    "latrine": _("Loại nhà tiêu"),
    "employment": _("Việc làm"),
    "working_capacity": _("Khả năng lao động"),
    "disability": _("Khuyết tật"),
    "education": _("Trình độ học vấn"),
    "nutrition": _("Tình trạng dinh dưỡng"),
    "birth_year": _("Năm sinh"),
    "birth_date": _("Ngày sinh"),
    "ethnicity": _("Dân tộc"),
    "relation": _("Quan hệ với chủ hộ"),
    "sex": _("Giới tính"),
}


def text_limit(name: str) -> int:
    """Maximum length of a text column, read from its model field."""
    model, field = TEXT_FIELDS[name]
    return int(model._meta.get_field(field).max_length)


def message(code: str, **values: Any) -> str:
    """The validator's message for an error code, in the active language."""
    return str(MESSAGES[code] % values)


def fail(code: ErrorCode, field: str, **values: Any) -> AppError:
    """An AppError of the validator: the field's label and the rule's message."""
    text = _("%(field)s: %(message)s.") % {
        "field": LABELS.get(field, field),
        "message": message(code, **values),
    }
    return AppError(ErrorCode(code), text, field=field)


def clean_text(value: str | None, *, field: str, required: bool = False) -> str:
    """NFC, whitespace folded and trimmed; refuse control/invisible characters and overlong text."""
    text = WHITESPACE.sub(" ", unicodedata.normalize("NFC", value or "")).strip(" ")
    if FORBIDDEN.search(text):
        raise fail(ErrorCode.INVALID_CHARACTER, field)
    if required and not text:
        raise fail(ErrorCode.REQUIRED, field)
    limit = text_limit(field)
    if len(text) > limit:
        raise fail(ErrorCode.TEXT_TOO_LONG, field, limit=limit)
    return text


def check_amount(value: Any, *, field: str) -> None:
    """Refuse a negative or out-of-range amount (income, score, area); None means unknown."""
    if value is None or value == "":
        return
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise AppError(
            ErrorCode.INVALID, _("%(field)s: cần một số.") % {"field": LABELS.get(field, field)}, field=field
        ) from error
    low, high = AMOUNTS[field]
    if number < low:
        raise fail(ErrorCode.NEGATIVE_AMOUNT, field)
    if number > high:
        raise fail(ErrorCode.AMOUNT_TOO_LARGE, field, limit=high)


def _check_codes(values: dict[str, Any], columns: dict[str, str]) -> None:
    for field, code_list in columns.items():
        value = values.get(field)
        if value not in (None, "") and value not in load_codes()[code_list]:
            raise fail(ErrorCode.UNKNOWN_CODE, field)


def check_household_facts(values: dict[str, Any]) -> None:
    """The amounts and coded answers of a survey's household facts (None means unknown)."""
    for field in AMOUNTS:
        check_amount(values.get(field), field=field)
    _check_codes(values, {k: v for k, v in HOUSEHOLD_CODED_COLUMNS.items() if k != "area"})


def check_member_facts(values: dict[str, Any]) -> None:
    """The coded answers of a member's survey facts."""
    _check_codes(values, {k: v for k, v in MEMBER_CODED_COLUMNS.items() if k not in ("sex", "relation")})


def check_birth(*, birth_year: int | None, birth_date: dt.date | None, reference: dt.date) -> None:
    """Birth not before 1900 and not after the reference (survey) date."""
    if birth_date is not None and birth_date > reference:
        raise fail(ErrorCode.BIRTH_AFTER_REFERENCE, "birth_date")
    year = birth_date.year if birth_date is not None else birth_year
    if year is None:
        return
    if year < MIN_BIRTH_YEAR:
        raise fail(ErrorCode.BIRTH_TOO_EARLY, "birth_date" if birth_date is not None else "birth_year")
    if year > reference.year:
        raise fail(ErrorCode.BIRTH_AFTER_REFERENCE, "birth_year")


def clean_code(value: str | None, *, field: str, code_list: str) -> str:
    """A code of a code list from its code, label or documented synonym (case- and accent-insensitive)."""
    code = code_mapping(code_list).get(code_key(value or ""))
    if code is None:
        raise fail(ErrorCode.UNKNOWN_CODE, field)
    return code


@functools.cache
def relations() -> dict[str, str]:
    return load_codes()["relation"]


@functools.cache
def ethnicities() -> dict[str, str]:
    return load_ethnicities()


def personal_id_problem(personal_id: str, *, sex: str | None, birth_year: int | None) -> str | None:
    """Why a personal ID is invalid, in Vietnamese, or None when it is valid."""
    if len(personal_id) != 12 or not personal_id.isdigit() or not personal_id.isascii():
        return gettext("Số định danh cá nhân phải gồm đúng 12 chữ số.")
    if not 1 <= int(personal_id[:3]) <= 96:
        return gettext("Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096.")
    marker = int(personal_id[3])
    century = 1900 + 100 * (marker // 2)
    coded_sex = "male" if marker % 2 == 0 else "female"
    if sex is not None and sex != coded_sex:
        return gettext("Chữ số thứ tư của số định danh không khớp giới tính.")
    if birth_year is not None and century + int(personal_id[4:6]) != birth_year:
        return gettext("Chữ số thứ tư đến thứ sáu của số định danh không khớp năm sinh.")
    return None


def validate_member_identity(
    *,
    full_name: str,
    sex: str,
    birth_year: int | None,
    birth_date: dt.date | None,
    personal_id: str,
    ethnicity: str,
    relation: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Clean and check a member's identity; raise AppError naming the field on the first problem."""
    today = today or timezone.localdate()
    full_name = clean_text(full_name, field="full_name", required=True)
    if sex not in ("male", "female"):
        raise AppError(ErrorCode.INVALID, _("Giới tính phải là Nam hoặc Nữ."), field="sex")
    if birth_date is None and birth_year is None:
        raise AppError(ErrorCode.INVALID, _("Cần ngày sinh hoặc năm sinh."), field="birth_year")
    check_birth(birth_year=birth_year, birth_date=birth_date, reference=today)
    if birth_date is not None:
        birth_year = birth_date.year
    ethnicity = clean_code((ethnicity or "01").strip().zfill(2), field="ethnicity", code_list="ethnicity")
    if relation not in relations():
        raise fail(ErrorCode.UNKNOWN_CODE, "relation")
    personal_id = clean_text((personal_id or "").replace(" ", ""), field="personal_id")
    if personal_id:
        problem = personal_id_problem(personal_id, sex=sex, birth_year=birth_year)
        if problem:
            raise AppError(ErrorCode.INVALID, problem, field="personal_id")
    return {
        "full_name": full_name,
        "sex": sex,
        "birth_year": birth_year,
        "birth_date": birth_date,
        "personal_id": personal_id,
        "ethnicity": ethnicity,
        "relation": relation,
    }
