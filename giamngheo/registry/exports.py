"""Exports of the registry: households, members and assessments of the user's area, streamed row by row.

Each table is read with one query (`values_list(...).iterator(chunk_size=…)`), so memory and the number
of queries stay constant however many rows there are. Personal IDs are masked unless the user asks for
them and `personal_ids` lets them see them over the household's place.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from giamngheo.core.exports import Sheet
from giamngheo.registry import personal_ids
from giamngheo.registry.models import Assessment, HouseholdStatus, Member, Residence, Sex
from giamngheo.registry.selectors import HouseholdFilter, household_list
from giamngheo.standards.loader import StandardDataError, load_codes, load_ethnicities, load_standard
from giamngheo.standards.model import CATEGORY_LABELS_VI

CHUNK_SIZE = 2000
YES, NO = "Có", "Không"

KINDS: dict[str, str] = {
    "households": "Hộ gia đình",
    "members": "Thành viên",
    "assessments": "Kết quả đánh giá",
}
FILE_STEMS = {"households": "ho-gia-dinh", "members": "thanh-vien", "assessments": "ket-qua-danh-gia"}

HOUSEHOLD_HEADER = (
    "Mã hộ",
    "Tỉnh",
    "Xã",
    "Thôn",
    "Địa chỉ",
    "Cư trú",
    "Ngày đăng ký",
    "Chủ hộ",
    "Hộ dân tộc thiểu số",
    "Có người có công",
    "Số nhân khẩu",
    "Diện hộ được công nhận",
    "Kết quả đánh giá gần nhất",
    "Ngày tham chiếu",
    "Chuẩn nghèo",
    "Điểm B",
    "Đang quản lý",
    "Ngày ra khỏi sổ",
)
MEMBER_HEADER = (
    "Mã hộ",
    "Xã",
    "Thôn",
    "STT thành viên",
    "Họ và tên",
    "Số định danh cá nhân",
    "Ngày sinh",
    "Năm sinh",
    "Giới tính",
    "Dân tộc",
    "Quan hệ với chủ hộ",
    "Người có công",
)
ASSESSMENT_HEADER = (
    "Mã hộ",
    "Xã",
    "Thôn",
    "Chủ hộ",
    "Ngày tham chiếu",
    "Chuẩn nghèo",
    "Phân loại",
    "Cách xác định thu nhập",
    "Thu nhập bình quân (đồng/người/tháng)",
    "Điểm A",
    "Điểm B",
    "Số chỉ số thiếu hụt",
    "Chỉ số thiếu hụt",
    "Có người lao động thu nhập thấp",
    "Ngày đánh giá",
)
INCOME_PATHS = {"income": "Theo thu nhập", "score": "Theo điểm A"}


@dataclass(frozen=True)
class ExportRequest:
    """What a user asked to export: the list filters, the tables and whether to show personal IDs."""

    filters: HouseholdFilter
    kinds: tuple[str, ...]
    full_personal_ids: bool = False


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def full_ids_count(user: Any, request: ExportRequest) -> int:
    """How many personal IDs the export will show in full (0 unless asked for and allowed somewhere)."""
    if not request.full_personal_ids or "members" not in request.kinds:
        return 0
    if not personal_ids.may_see_somewhere(user):
        return 0
    households = household_list(user, request.filters).order_by().values("pk")
    return (
        Member.objects.filter(household__in=households, is_active=True)
        .exclude(personal_id="")
        .annotate(id_visible=personal_ids.visible_expression(user))
        .filter(id_visible=True)
        .count()
    )


def household_rows(user: Any, filters: HouseholdFilter) -> Iterator[Sequence[Any]]:
    """One row per household of the list."""
    active_members = (
        Member.objects.filter(household=OuterRef("pk"), is_active=True)
        .order_by()
        .values("household")
        .annotate(count=Count("pk"))
        .values("count")
    )
    statuses = dict(HouseholdStatus.choices)
    residences = dict(Residence.choices)
    rows = (
        household_list(user, filters)
        .annotate(member_count=Coalesce(Subquery(active_members, output_field=IntegerField()), 0))
        .values_list(
            "code",
            "province__name",
            "commune__name",
            "village__name",
            "address",
            "residence",
            "registered_on",
            "head_name",
            "is_ethnic_minority",
            "has_merit_member",
            "member_count",
            "status",
            "latest_category",
            "latest_assessment__reference_date",
            "latest_assessment__standard",
            "latest_assessment__score_b",
            "is_active",
            "closed_on",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        (code, province, commune, village, address, residence, registered, head, minority, merit) = row[:10]
        (members, status, category, reference, standard, score_b, active, closed) = row[10:]
        yield (
            code,
            province,
            commune,
            village or "",
            address,
            str(residences.get(residence, residence)),
            registered,
            head,
            _yes_no(minority),
            _yes_no(merit),
            members,
            str(statuses.get(status, status)),
            CATEGORY_LABELS_VI.get(category, category),
            reference,
            standard or "",
            score_b,
            _yes_no(active),
            closed,
        )


def member_rows(user: Any, filters: HouseholdFilter, *, full_personal_ids: bool) -> Iterator[Sequence[Any]]:
    """One row per active member of the listed households; IDs masked unless shown for that row."""
    households = household_list(user, filters).order_by().values("pk")
    relations = load_codes()["relation"]
    ethnicities = load_ethnicities()
    sexes = dict(Sex.choices)
    rows = (
        Member.objects.filter(household__in=households, is_active=True)
        .annotate(id_visible=personal_ids.visible_expression(user, wanted=full_personal_ids))
        .order_by("household__commune_id", "household__code", "member_no")
        .values_list(
            "household__code",
            "household__commune__name",
            "household__village__name",
            "member_no",
            "full_name",
            "personal_id",
            "id_visible",
            "birth_date",
            "birth_year",
            "sex",
            "ethnicity",
            "relation",
            "has_merit",
        )
    )
    for (
        code,
        commune,
        village,
        number,
        name,
        personal_id,
        visible,
        born,
        year,
        sex,
        ethnic,
        relation,
        merit,
    ) in rows.iterator(chunk_size=CHUNK_SIZE):
        yield (
            code,
            commune,
            village or "",
            number,
            name,
            personal_id if visible else personal_ids.mask_personal_id(personal_id),
            born,
            year,
            str(sexes.get(sex, sex)),
            ethnicities.get(ethnic, ethnic),
            relations.get(relation, relation),
            _yes_no(merit),
        )


@functools.cache
def _indicator_names(standard_id: str) -> dict[str, str]:
    try:
        standard = load_standard(standard_id)
    except StandardDataError:
        return {}
    return {indicator.key: indicator.name_vi for indicator in standard.indicators}


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


def assessment_rows(user: Any, filters: HouseholdFilter) -> Iterator[Sequence[Any]]:
    """Every assessment (the history, newest first per household) of the listed households."""
    households = household_list(user, filters).order_by().values("pk")
    rows = (
        Assessment.objects.filter(household__in=households)
        .order_by("household__commune_id", "household__code", "-reference_date", "-id")
        .values_list(
            "household__code",
            "household__commune__name",
            "household__village__name",
            "household__head_name",
            "reference_date",
            "standard",
            "category",
            "income_path",
            "income_per_capita",
            "income_score",
            "score_b",
            "deprivation_count",
            "deprived",
            "low_income_worker",
            "assessed_at",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        (code, commune, village, head, reference, standard, category, path, income, score_a) = row[:10]
        (score_b, count, deprived, low_income, assessed_at) = row[10:]
        names = _indicator_names(standard)
        yield (
            code,
            commune,
            village or "",
            head,
            reference,
            standard,
            CATEGORY_LABELS_VI.get(category, category),
            INCOME_PATHS.get(path, path),
            income,
            score_a,
            score_b,
            count,
            "; ".join(names.get(key, key) for key in deprived.split(",") if key),
            _yes_no(low_income),
            _local_date(assessed_at),
        )


def export_sheets(user: Any, request: ExportRequest) -> list[Sheet]:
    """The requested tables as sheets whose rows are read lazily, when the file is written."""
    sheets = []
    for kind in request.kinds:
        if kind == "households":
            sheets.append(Sheet(KINDS[kind], HOUSEHOLD_HEADER, household_rows(user, request.filters)))
        elif kind == "members":
            rows = member_rows(user, request.filters, full_personal_ids=request.full_personal_ids)
            sheets.append(Sheet(KINDS[kind], MEMBER_HEADER, rows))
        elif kind == "assessments":
            sheets.append(Sheet(KINDS[kind], ASSESSMENT_HEADER, assessment_rows(user, request.filters)))
        else:
            raise ValueError(kind)
    return sheets


def filters_summary(filters: HouseholdFilter) -> dict[str, Any]:
    """The filters actually set, for the audit trail."""
    return {key: value for key, value in vars(filters).items() if value not in ("", None, False)}
