"""The registers the pages, exports and API share: model, form, selectors, services and list columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from giamngheo.activities import forms, selectors
from giamngheo.activities import models as models_
from giamngheo.activities.services import oversight, registers, training
from giamngheo.core.numbers import format_vn_number


@dataclass(frozen=True)
class Column:
    label: Promise
    value: Callable[[Any], Any]


def _display(name: str) -> Callable[[Any], Any]:
    return lambda row: getattr(row, f"get_{name}_display")()


def _attr(path: str) -> Callable[[Any], Any]:
    def read(row: Any) -> Any:
        for part in path.split("."):
            row = getattr(row, part, None)
            if row is None:
                return None
        return row

    return read


def _unit(row: Any) -> str:
    return str((row.commune or row.province).name)


UNIT = Column(_("Đơn vị"), _unit)
AGENCY = Column(_("Cơ quan chủ trì"), lambda row: str(row.lead_agency or ""))
PROJECT = Column(
    _("Dự án của kế hoạch"), lambda row: row.plan_project.local_number if row.plan_project else ""
)


@dataclass(frozen=True)
class Register:
    """One register: what its pages list, which form and services write it, and how a row is found."""

    key: str
    slug: str
    title: Promise
    one: Promise
    model: type[models.Model]
    form: type[forms.RegisterForm]
    rows: Callable[[Any], models.QuerySet[Any]]
    get: Callable[[Any, int], Any]
    create: Callable[..., Any]
    update: Callable[..., Any]
    instance_arg: str
    date_field: str
    columns: tuple[Column, ...]
    needs_today: bool = True

    def cells(self, row: Any) -> list[Any]:
        return [column.value(row) for column in self.columns]


def shown(value: Any) -> str:
    """A cell as the pages show it: dates dd/mm/yyyy, numbers the Vietnamese way, yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | Decimal):
        return format_vn_number(value)
    return str(value)


REGISTERS: dict[str, Register] = {
    register.key: register
    for register in (
        Register(
            key="communication", slug="truyen-thong", title=_("Truyền thông giảm nghèo"),
            one=_("sản phẩm, hoạt động truyền thông"), model=models_.CommunicationItem,
            form=forms.CommunicationForm, rows=selectors.communication_for_user,
            get=selectors.communication_get_for_user, create=registers.communication_create,
            update=registers.communication_update, instance_arg="item", date_field="held_on",
            columns=(
                Column(_("Ngày"), _attr("held_on")), Column(_("Loại"), _display("kind")),
                Column(_("Tên"), _attr("title")), UNIT, AGENCY,
                Column(_("Kinh phí (triệu đồng)"), _attr("cost_total")),
                Column(_("Số người được tiếp cận"), _attr("reach")),
                Column(_("Người nghèo, cận nghèo"), _attr("reach_poor")), PROJECT,
            ),
        ),
        Register(
            key="courses", slug="tap-huan", title=_("Tập huấn cán bộ giảm nghèo"),
            one=_("lớp tập huấn"), model=models_.OfficerCourse, form=forms.OfficerCourseForm,
            rows=selectors.courses_for_user, get=selectors.course_get_for_user,
            create=training.officer_course_create, update=training.officer_course_update,
            instance_arg="course", date_field="starts_on", needs_today=False,
            columns=(
                Column(_("Từ ngày"), _attr("starts_on")), Column(_("Đến ngày"), _attr("ends_on")),
                Column(_("Tên lớp"), _attr("title")), Column(_("Cấp"), _display("level")), UNIT,
                Column(_("Đơn vị tổ chức"), _attr("organiser")),
                Column(_("Kinh phí (triệu đồng)"), _attr("cost")),
                Column(_("Tham dự"), _attr("attendee_count")),
                Column(_("Hoàn thành"), _attr("completed_count")),
            ),
        ),
        Register(
            key="officers", slug="can-bo", title=_("Cán bộ làm công tác giảm nghèo"),
            one=_("cán bộ"), model=models_.Officer, form=forms.OfficerForm,
            rows=selectors.officers_for_user, get=selectors.officer_get_for_user,
            create=training.officer_create, update=training.officer_update,
            instance_arg="officer", date_field="", needs_today=False,
            columns=(
                Column(_("Họ và tên"), _attr("full_name")), Column(_("Chức vụ"), _attr("position")), UNIT,
                Column(_("Tài khoản"), _attr("user.username")),
                Column(_("Đang làm công tác giảm nghèo"), _attr("is_active")),
            ),
        ),
        Register(
            key="inspections", slug="kiem-tra", title=_("Kiểm tra, giám sát"),
            one=_("đợt kiểm tra, giám sát"), model=models_.Inspection, form=forms.InspectionForm,
            rows=selectors.inspections_for_user, get=selectors.inspection_get_for_user,
            create=oversight.inspection_create, update=oversight.inspection_update,
            instance_arg="inspection", date_field="starts_on", needs_today=False,
            columns=(
                Column(_("Từ ngày"), _attr("starts_on")), Column(_("Loại"), _display("method")),
                Column(_("Hình thức"), _display("kind")), Column(_("Tên"), _attr("title")),
                Column(_("Đoàn, cơ quan kiểm tra"), _attr("body")), UNIT,
                Column(_("Cơ quan được kiểm tra"), lambda row: str(row.subject_agency or "")),
                Column(_("Kiến nghị"), _attr("recommendation_count")),
                Column(_("Chưa xong"), _attr("open_count")),
            ),
        ),
        Register(
            key="commendations", slug="thi-dua", title=_("Thi đua, khen thưởng"),
            one=_("khen thưởng"), model=models_.Commendation, form=forms.CommendationForm,
            rows=selectors.commendations_for_user, get=selectors.commendation_get_for_user,
            create=registers.commendation_create, update=registers.commendation_update,
            instance_arg="item", date_field="decided_on",
            columns=(
                Column(_("Ngày"), _attr("decided_on")), Column(_("Bước"), _display("stage")),
                Column(_("Đối tượng"), _display("recipient_kind")), Column(_("Tên"), _attr("recipient")),
                Column(_("Mã hộ"), _attr("household.code")), Column(_("Cấp"), _display("level")),
                Column(_("Số quyết định"), _attr("decision_number")), UNIT,
            ),
        ),
        Register(
            key="donations", slug="quy-vi-nguoi-ngheo", title=_("Quỹ Vì người nghèo"),
            one=_("khoản ủng hộ"), model=models_.Donation, form=forms.DonationForm,
            rows=selectors.donations_for_user, get=selectors.donation_get_for_user,
            create=registers.donation_create, update=registers.donation_update,
            instance_arg="item", date_field="donated_on",
            columns=(
                Column(_("Ngày"), _attr("donated_on")), Column(_("Người, đơn vị ủng hộ"), _attr("donor")),
                Column(_("Giá trị (đồng)"), _attr("amount")), Column(_("Bằng hiện vật"), _attr("in_kind")),
                Column(_("Nội dung"), _attr("description")), Column(_("Đơn vị nhận"), _unit),
            ),
        ),
    )
}  # fmt: skip
