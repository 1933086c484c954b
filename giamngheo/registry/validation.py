"""Validation of member identity: names, birth, sex, ethnicity, relation and the 12-digit personal ID.

Personal identification number (số định danh cá nhân), 12 digits: 3 digits for the province of birth
registration (001–096), 1 digit for century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s…),
2 digits for the last two digits of the birth year, 6 random digits (Decree 137/2015/NĐ-CP, Circular
07/2016/TT-BCA; structure from secondary sources [S]). The century-sex and year digits are checked against
the recorded sex and birth year.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.standards.loader import load_codes, load_ethnicities

MAX_AGE = 120


@functools.cache
def relations() -> dict[str, str]:
    return load_codes()["relation"]


@functools.cache
def ethnicities() -> dict[str, str]:
    return load_ethnicities()


def personal_id_problem(personal_id: str, *, sex: str | None, birth_year: int | None) -> str | None:
    """Why a personal ID is invalid, in Vietnamese, or None when it is valid."""
    if len(personal_id) != 12 or not personal_id.isdigit():
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
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise AppError(ErrorCode.INVALID, _("Họ và tên không được để trống."), field="full_name")
    if sex not in ("male", "female"):
        raise AppError(ErrorCode.INVALID, _("Giới tính phải là Nam hoặc Nữ."), field="sex")
    if birth_date is not None:
        if birth_date > today:
            raise AppError(ErrorCode.INVALID, _("Ngày sinh không được sau ngày hôm nay."), field="birth_date")
        birth_year = birth_date.year
    if birth_year is None:
        raise AppError(ErrorCode.INVALID, _("Cần ngày sinh hoặc năm sinh."), field="birth_year")
    if not today.year - MAX_AGE <= birth_year <= today.year:
        raise AppError(
            ErrorCode.INVALID,
            _("Năm sinh phải từ %(first)s đến %(last)s.")
            % {"first": today.year - MAX_AGE, "last": today.year},
            field="birth_year",
        )
    ethnicity = (ethnicity or "01").strip().zfill(2)
    if ethnicity not in ethnicities():
        raise AppError(
            ErrorCode.INVALID, _("Mã dân tộc không có trong danh mục 54 dân tộc."), field="ethnicity"
        )
    if relation not in relations():
        raise AppError(ErrorCode.INVALID, _("Quan hệ với chủ hộ không hợp lệ."), field="relation")
    personal_id = (personal_id or "").strip().replace(" ", "")
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
