"""Who qualifies for a support type on a day, and why (or why not): one rule set for lists, forms and the API.

Everything is read in a handful of queries per commune (households, members, status history, earlier
support, the commune's designations), then each household or member is judged in memory, so proposing a
list for a commune of thousands of households stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from giamngheo.geo.designations import commune_designations_on
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, HouseholdStatus, Member, StatusTransition
from giamngheo.reviews.history import ESCAPE_KINDS
from giamngheo.reviews.models import TransitionLink
from giamngheo.reviews.outcomes import is_newly_escaped
from giamngheo.support.models import RecordStatus, SupportLevel, SupportRecord, SupportType


@dataclass(frozen=True)
class Verdict:
    """Whether a household (or member) qualifies, with every reason in Vietnamese."""

    eligible: bool
    reasons: tuple[str, ...]
    blocking_record_id: int | None = None

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class StatusOn:
    """A household's recognised status on a day and, if it escaped poverty within 36 months, when."""

    status: str
    escaped_on: dt.date | None


@dataclass
class CommuneFacts:
    """What the rules need about a commune's households, read once."""

    on: dt.date
    designations: dict[str, str]
    statuses: dict[int, StatusOn]
    earlier: dict[tuple[int, int | None], list[SupportRecord]] = field(default_factory=dict)


def carry_legacy_until() -> dt.date:
    """Until when the 2021–2025 designations of former districts still apply (configurable, see ADR 0701)."""
    return dt.date.fromisoformat(settings.SUPPORT_LEGACY_DESIGNATIONS_UNTIL)


def _recognised_on(transition: StatusTransition) -> dt.date:
    """The day the escape was recognised: the decision's signing date when a review decided it."""
    try:
        decision = transition.review_link.decision
    except TransitionLink.DoesNotExist:
        decision = None
    return decision.signed_on if decision is not None else transition.effective_on


def statuses_on(households: Iterable[Household], on: dt.date) -> dict[int, StatusOn]:
    """Each household's recognised status on a day, from its transitions (one query)."""
    households = list(households)
    by_household: dict[int, list[StatusTransition]] = defaultdict(list)
    for transition in (
        StatusTransition.objects.filter(household__in=[h.pk for h in households])
        .order_by("household_id", "effective_on", "id")
        .select_related("review_link__decision")
    ):
        by_household[transition.household_id].append(transition)
    result: dict[int, StatusOn] = {}
    for household in households:
        transitions = by_household.get(household.pk, [])
        status = household.status
        if transitions:
            before = [t for t in transitions if t.effective_on <= on]
            status = before[-1].to_status if before else transitions[0].from_status
        escaped: dt.date | None = None
        for transition in transitions:
            if transition.effective_on > on:
                break
            if transition.kind in ESCAPE_KINDS:
                escaped = _recognised_on(transition)
            elif transition.to_status == HouseholdStatus.POOR:
                escaped = None
        result[household.pk] = StatusOn(status, escaped if is_newly_escaped(escaped, on) else None)
    return result


def earlier_support(households: Iterable[Household]) -> dict[tuple[int, int | None], list[SupportRecord]]:
    """Support not cancelled, by (household, member), the last link of each record chain (one query)."""
    found: dict[tuple[int, int | None], list[SupportRecord]] = defaultdict(list)
    records = (
        SupportRecord.objects.filter(household__in=[h.pk for h in households], superseded_by__isnull=True)
        .exclude(status=RecordStatus.CANCELLED)
        .select_related("support_type")
        .order_by("on", "id")
    )
    for record in records:
        found[(record.household_id, record.member_id)].append(record)
        if record.member_id is not None:
            found[(record.household_id, None)].append(record)
    return found


def commune_facts(commune: AdminUnit, households: list[Household], on: dt.date) -> CommuneFacts:
    return CommuneFacts(
        on=on,
        designations=commune_designations_on(commune, on, carry_legacy_until=carry_legacy_until()),
        statuses=statuses_on(households, on),
        earlier=earlier_support(households),
    )


def _age_on(member: Member, on: dt.date) -> int:
    if member.birth_date is not None:
        return (
            on.year
            - member.birth_date.year
            - ((on.month, on.day) < (member.birth_date.month, member.birth_date.day))
        )
    return on.year - member.birth_year


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _group_reason(support_type: SupportType, status: StatusOn) -> tuple[bool, str]:
    if status.status == HouseholdStatus.POOR and support_type.for_poor:
        return True, _("Hộ nghèo")
    if status.status == HouseholdStatus.NEAR_POOR and support_type.for_near_poor:
        return True, _("Hộ cận nghèo")
    if status.escaped_on is not None and support_type.for_newly_escaped:
        return True, _("Hộ mới thoát nghèo từ %(day)s") % {
            "day": date_format(status.escaped_on, "SHORT_DATE_FORMAT")
        }
    label = HouseholdStatus(status.status).label if status.status in HouseholdStatus.values else status.status
    return False, _("Không thuộc đối tượng (diện hộ: %(label)s)") % {"label": label}


def excluded_ids(support_type: SupportType) -> set[int]:
    """The support types that rule this one out, read once per support type object."""
    cached: set[int] | None = getattr(support_type, "_excluded_ids", None)
    if cached is None:
        cached = {excluded.pk for excluded in support_type.excludes.all()}  # a prefetch is used if made
        support_type._excluded_ids = cached  # type: ignore[attr-defined]
    return cached


def _limit_reason(
    support_type: SupportType, records: list[SupportRecord], on: dt.date
) -> tuple[str, int] | None:
    excluded = excluded_ids(support_type)
    for record in reversed(records):
        same = record.support_type_id == support_type.pk
        when = date_format(record.on, "SHORT_DATE_FORMAT")
        if record.support_type_id in excluded:
            return (
                _("Đã được hỗ trợ «%(name)s» ngày %(day)s (bản ghi số %(id)s), không hỗ trợ trùng")
                % {"name": record.support_type.name, "day": when, "id": record.pk},
                record.pk,
            )
        if same and support_type.once_only:
            return (
                _("Đã được hỗ trợ ngày %(day)s (bản ghi số %(id)s); chỉ hỗ trợ một lần")
                % {"day": when, "id": record.pk},
                record.pk,
            )
        if (
            same
            and support_type.min_months_between
            and _months_between(record.on, on) < support_type.min_months_between
        ):
            return (
                _("Đã được hỗ trợ ngày %(day)s (bản ghi số %(id)s); chưa đủ %(months)s tháng")
                % {"day": when, "id": record.pk, "months": support_type.min_months_between},
                record.pk,
            )
    return None


def judge(
    support_type: SupportType, household: Household, member: Member | None, facts: CommuneFacts
) -> Verdict:
    """Whether one household (member) qualifies for a support type on the facts' day, with every reason."""
    reasons: list[str] = []
    eligible = True
    ok, reason = _group_reason(support_type, facts.statuses[household.pk])
    eligible &= ok
    reasons.append(reason)
    designations = support_type.designations
    if designations:
        held = [facts.designations[kind] for kind in designations if kind in facts.designations]
        if held:
            reasons.append(_("Địa bàn: %(source)s") % {"source": held[0]})
        else:
            eligible = False
            reasons.append(_("Xã không thuộc địa bàn được hỗ trợ"))
    if support_type.ethnic_minority_only and not household.is_ethnic_minority:
        eligible = False
        reasons.append(_("Không phải hộ dân tộc thiểu số"))
    if support_type.merit_only and not household.has_merit_member:
        eligible = False
        reasons.append(_("Hộ không có người có công với cách mạng"))
    if support_type.level == SupportLevel.MEMBER:
        if member is None:
            return Verdict(False, (*reasons, _("Loại hỗ trợ này dành cho từng thành viên")))
        age = _age_on(member, facts.on)
        if support_type.min_age is not None and age < support_type.min_age:
            eligible = False
            reasons.append(_("%(age)s tuổi, dưới %(min)s tuổi") % {"age": age, "min": support_type.min_age})
        elif support_type.max_age is not None and age > support_type.max_age:
            eligible = False
            reasons.append(_("%(age)s tuổi, trên %(max)s tuổi") % {"age": age, "max": support_type.max_age})
        if support_type.sex and member.sex != support_type.sex:
            eligible = False
            reasons.append(_("Không đúng giới tính của chính sách"))
    limit = _limit_reason(
        support_type, facts.earlier.get((household.pk, member.pk if member else None), []), facts.on
    )
    if limit is not None:
        return Verdict(False, (*reasons, limit[0]), blocking_record_id=limit[1])
    return Verdict(eligible, tuple(reasons))
