"""Columns the registry adds to the interchange format, with their Vietnamese headers and code lists."""

from __future__ import annotations

from giamngheo.registry.imports.reader import HOUSEHOLD_SHEET, MEMBER_SHEET
from giamngheo.registry.models import HouseholdStatus, Residence

# Registry-only household columns: machine key → Vietnamese header.
HOUSEHOLD_EXTRA = {
    "commune_code": "Mã xã",
    "village": "Thôn, tổ dân phố",
    "address": "Địa chỉ",
    "residence": "Cư trú",
    "status": "Diện hộ đang được công nhận",
    "registered_on": "Ngày đăng ký",
}
MEMBER_EXTRA = {"has_merit": "Người có công"}

RESIDENCE_CODES = {value: str(label) for value, label in Residence.choices}
STATUS_CODES = {value: str(label) for value, label in HouseholdStatus.choices}
__all__ = ["HOUSEHOLD_SHEET", "MEMBER_SHEET", "RESIDENCE_CODES", "STATUS_CODES"]
