"""Writes to the registry: households, members, splits and merges, surveys — each audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.idempotency import idempotency_claim, idempotency_complete
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import (
    Household,
    HouseholdStatus,
    Member,
    MemberExit,
    TransitionKind,
)
from giamngheo.registry.status import household_status_change
from giamngheo.registry.validation import (
    clean_text,
    validate_member_identity,
)

KINH = "01"
HEAD = "head"
MEMBER_CHANGED = _(
    "Thông tin thành viên đã được người khác sửa sau khi bạn mở trang; hãy tải lại trang và nhập lại."
)


@contextmanager
def _member_write() -> Iterator[None]:
    """Write a member's row, turning what the database refuses into the user's error (nothing is kept)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:  # another active member holds the personal ID
        raise AppError(ErrorCode.PERSONAL_ID_TAKEN, field="personal_id") from error
    except DataError as error:  # a value longer than its column
        raise AppError(
            ErrorCode.INVALID, _("Dữ liệu của thành viên không hợp lệ."), field="full_name"
        ) from error


def _household_snapshot(household: Household) -> dict[str, Any]:
    return {
        "code": household.code,
        "village": household.village_id,
        "address": household.address,
        "residence": household.residence,
        "status": household.status,
        "head_name": household.head_name,
        "is_active": household.is_active,
    }


def _member_snapshot(member: Member) -> dict[str, Any]:
    return {
        "member_no": member.member_no,
        "full_name": member.full_name,
        "personal_id": member.personal_id,
        "birth_date": member.birth_date,
        "birth_year": member.birth_year,
        "sex": member.sex,
        "ethnicity": member.ethnicity,
        "relation": member.relation,
        "has_merit": member.has_merit,
        "is_active": member.is_active,
    }


def _check_place(actor: Any, commune: AdminUnit, village: AdminUnit | None) -> None:
    if commune.tree != Tree.CURRENT or commune.level != Level.COMMUNE or not commune.is_current:
        raise AppError(
            ErrorCode.INVALID, _("Hộ phải thuộc một xã, phường, đặc khu đang có hiệu lực."), field="commune"
        )
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != commune.pk):
        raise AppError(ErrorCode.INVALID, _("Thôn, tổ dân phố không thuộc xã đã chọn."), field="village")
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, village or commune)


def next_household_code(commune: AdminUnit) -> str:
    """Commune code, a dash and a six-digit sequence: stable and unique (e.g. 20056-000123)."""
    prefix = f"{commune.code}-"
    codes = Household.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:06d}"


def household_refresh_summary(household: Household) -> None:
    """Recompute the head's name and the flags lists filter on, from the active members."""
    members = list(household.members.filter(is_active=True))
    head = next((member for member in members if member.relation == HEAD), None)
    household.head_name = head.full_name if head else ""
    household.search_name = search_key(household.head_name)
    household.is_ethnic_minority = head is not None and head.ethnicity != KINH
    household.has_merit_member = any(member.has_merit for member in members)
    household.save(update_fields=["head_name", "search_name", "is_ethnic_minority", "has_merit_member"])


def _lock(household: Household, version: int | None) -> Household:
    """Lock the household row; refuse if someone saved it since the form was opened."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if version is not None and locked.version != version:
        raise AppError(ErrorCode.CONFLICT)
    return locked


def _lock_commune(commune: AdminUnit) -> None:
    """Serialise new household codes of one commune: the numbering reads the highest code, then adds one."""
    AdminUnit.objects.select_for_update().filter(pk=commune.pk).exists()


def _bump(household: Household) -> None:
    Household.objects.filter(pk=household.pk).update(version=F("version") + 1)
    household.version += 1


@transaction.atomic
def household_register(
    *,
    actor: Any,
    commune: AdminUnit,
    village: AdminUnit | None,
    head: dict[str, Any],
    address: str = "",
    residence: str = "permanent",
    registered_on: dt.date | None = None,
    idempotency_key: str = "",
) -> Household:
    """Register a household with its head; the code follows the commune's numbering.

    With an `idempotency_key` (a create form's one-time token) a second submit returns the household
    the first one registered instead of registering it twice.
    """
    _check_place(actor, commune, village)
    address = clean_text(address, field="address")
    earlier = idempotency_claim(user=actor, key=idempotency_key, action="household.register")
    if earlier is not None:
        return Household.objects.get(pk=earlier)
    _lock_commune(commune)
    code = next_household_code(commune)
    try:
        with transaction.atomic():
            household = Household.objects.create(
                code=code,
                province_id=commune.province_id or commune.pk,
                commune=commune,
                village=village,
                address=address,
                residence=residence,
                registered_on=registered_on or timezone.localdate(),
            )
    except IntegrityError as error:  # numbered under the commune's lock: only a code typed elsewhere clashes
        raise AppError(
            ErrorCode.HOUSEHOLD_CODE_DUPLICATE, _("Mã hộ %(code)s đã tồn tại.") % {"code": code}, field="code"
        ) from error
    member_add(
        actor=actor, household=household, relation=HEAD, **{k: v for k, v in head.items() if k != "relation"}
    )
    household.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditAction.HOUSEHOLD_REGISTER,
        obj=household,
        after=_household_snapshot(household),
    )
    idempotency_complete(user=actor, key=idempotency_key, object_id=household.pk)
    return household


@transaction.atomic
def household_update(
    *, actor: Any, household: Household, village: AdminUnit | None, address: str, residence: str, version: int
) -> Household:
    """Change where a household lives within its commune, or its residence type."""
    household = _lock(household, version)
    _check_place(actor, household.commune, village)
    household, _changed = model_update(
        instance=household,
        fields=("village", "address", "residence"),
        data={"village": village, "address": clean_text(address, field="address"), "residence": residence},
        actor=actor,
        action=AuditAction.HOUSEHOLD_UPDATE,
    )
    return household


@transaction.atomic
def member_add(
    *,
    actor: Any,
    household: Household,
    full_name: str,
    sex: str,
    birth_year: int | None = None,
    birth_date: dt.date | None = None,
    personal_id: str = "",
    ethnicity: str = KINH,
    relation: str = "other",
    has_merit: bool = False,
    idempotency_key: str = "",
) -> Member:
    """Add a person to a household (birth, marriage, moving in); a repeated form token returns the first."""
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    identity = validate_member_identity(
        full_name=full_name,
        sex=sex,
        birth_year=birth_year,
        birth_date=birth_date,
        personal_id=personal_id,
        ethnicity=ethnicity,
        relation=relation,
    )
    earlier = idempotency_claim(user=actor, key=idempotency_key, action="member.add")
    if earlier is not None:
        return Member.objects.get(pk=earlier)
    # The household's row lock orders concurrent adds: numbering and the one-head rule see each other.
    household.version = _lock(household, None).version
    if identity["relation"] == HEAD and household.members.filter(is_active=True, relation=HEAD).exists():
        raise AppError(ErrorCode.HOUSEHOLD_HEAD_EXISTS, field="relation")
    number = (household.members.aggregate(n=Max("member_no"))["n"] or 0) + 1
    with _member_write():
        member = Member.objects.create(
            household=household,
            member_no=number,
            search_name=search_key(identity["full_name"]),
            has_merit=has_merit,
            **identity,
        )
    household_refresh_summary(household)
    _bump(household)
    audit_record(actor=actor, action=AuditAction.MEMBER_ADD, obj=member, after=_member_snapshot(member))
    idempotency_complete(user=actor, key=idempotency_key, object_id=member.pk)
    return member


@transaction.atomic
def member_update(*, actor: Any, member: Member, version: int | None = None, **changes: Any) -> Member:
    """Correct a member's identity (name, personal ID, birth, sex, ethnicity, relation, merit).

    `version` is the member's version when the form was opened: a save since then refuses this one.
    """
    household = member.household
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    member = Member.objects.select_for_update().select_related("household").get(pk=member.pk)
    if version is not None and member.version != version:
        raise AppError(ErrorCode.CONFLICT, MEMBER_CHANGED)
    if not member.is_active:
        raise AppError(ErrorCode.MEMBER_INACTIVE, _("Thành viên đã ra khỏi hộ, không sửa được."))
    has_merit = changes.pop("has_merit", member.has_merit)
    current = {
        key: getattr(member, key)
        for key in ("full_name", "sex", "birth_year", "birth_date", "personal_id", "ethnicity", "relation")
    }
    current.update(changes)
    identity = validate_member_identity(**current)
    if (
        identity["relation"] == HEAD
        and member.relation != HEAD
        and household.members.filter(is_active=True, relation=HEAD).exclude(pk=member.pk).exists()
    ):
        raise AppError(ErrorCode.HOUSEHOLD_HEAD_EXISTS, field="relation")
    data = {**identity, "has_merit": has_merit, "search_name": search_key(identity["full_name"])}
    with _member_write():
        member, _changed = model_update(
            instance=member, fields=data, data=data, actor=actor, action=AuditAction.MEMBER_UPDATE
        )
    household_refresh_summary(household)
    _bump(household)
    return member


@transaction.atomic
def member_leave(*, actor: Any, member: Member, reason: str, on: dt.date) -> Member:
    """Record that a member moved out or died; the row stays as history."""
    household = member.household
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    if reason not in (MemberExit.MOVED_OUT, MemberExit.DIED):
        raise AppError(ErrorCode.INVALID, _("Lý do không hợp lệ."), field="reason")
    if not member.is_active:
        raise AppError(ErrorCode.MEMBER_INACTIVE, _("Thành viên đã ra khỏi hộ."))
    member, _changed = model_update(
        instance=member,
        fields=("is_active", "left_on", "left_reason"),
        data={"is_active": False, "left_on": on, "left_reason": reason},
        actor=actor,
        action=AuditAction.MEMBER_DIED if reason == MemberExit.DIED else AuditAction.MEMBER_MOVED_OUT,
    )
    household_refresh_summary(household)
    _bump(household)
    return member


def _move_members(members: list[Member], target: Household, reason: str, on: dt.date) -> list[Member]:
    moved = []
    number = target.members.aggregate(n=Max("member_no"))["n"] or 0
    for member in members:
        member.is_active, member.left_on, member.left_reason = False, on, reason
        member.version += 1
        member.save(update_fields=["is_active", "left_on", "left_reason", "version", "updated_at"])
        number += 1
        moved.append(
            Member.objects.create(
                household=target,
                member_no=number,
                full_name=member.full_name,
                search_name=member.search_name,
                personal_id=member.personal_id,
                birth_date=member.birth_date,
                birth_year=member.birth_year,
                sex=member.sex,
                ethnicity=member.ethnicity,
                relation="other",
                has_merit=member.has_merit,
            )
        )
    return moved


@transaction.atomic
def household_split(
    *,
    actor: Any,
    household: Household,
    members: list[Member],
    new_head: Member,
    village: AdminUnit | None,
    address: str,
    on: dt.date,
    version: int,
) -> Household:
    """Split some members off into a new household (tách hộ), with one of them as its head."""
    household = _lock(household, version)
    _check_place(actor, household.commune, village)
    address = clean_text(address, field="address")
    ids = {member.pk for member in members}
    if not ids or new_head.pk not in ids:
        raise AppError(
            ErrorCode.INVALID,
            _("Hãy chọn các thành viên tách hộ và chủ hộ mới trong số đó."),
            field="members",
        )
    active = set(household.members.filter(is_active=True).values_list("pk", flat=True))
    if not ids <= active:
        raise AppError(ErrorCode.INVALID, _("Chỉ tách được thành viên đang trong hộ."), field="members")
    if ids == active:
        raise AppError(ErrorCode.INVALID, _("Phải còn ít nhất một người ở lại hộ cũ."), field="members")
    _lock_commune(household.commune)
    new = Household.objects.create(
        code=next_household_code(household.commune),
        province_id=household.province_id,
        commune=household.commune,
        village=village,
        address=address,
        residence=household.residence,
        registered_on=on,
    )
    ordered = sorted(members, key=lambda member: (member.pk != new_head.pk, member.member_no))
    moved = _move_members(ordered, new, MemberExit.SPLIT, on)
    moved[0].relation = HEAD
    moved[0].save(update_fields=["relation"])
    household_refresh_summary(household)
    household_refresh_summary(new)
    _bump(household)
    audit_record(
        actor=actor,
        action=AuditAction.HOUSEHOLD_SPLIT,
        obj=household,
        after={"new_household": new.code, "members": [m.full_name for m in moved]},
    )
    audit_record(actor=actor, action=AuditAction.HOUSEHOLD_REGISTER, obj=new, after=_household_snapshot(new))
    return new


@transaction.atomic
def household_merge(*, actor: Any, source: Household, target: Household, on: dt.date) -> Household:
    """Merge every member of `source` into `target` (nhập hộ) and close `source`."""
    if source.pk == target.pk or source.commune_id != target.commune_id:
        raise AppError(ErrorCode.INVALID, _("Chỉ nhập hai hộ khác nhau trong cùng một xã."), field="target")
    for household in (source, target):
        require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    # Both rows locked in id order: A into B and B into A at once wait, never deadlock.
    locked = {
        household.pk: household
        for household in Household.objects.select_for_update()
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if not source.is_active or not target.is_active:
        raise AppError(
            ErrorCode.CONFLICT,
            _("Một trong hai hộ đã ra khỏi sổ (có thể vừa được nhập vào hộ khác)."),
            field="target",
        )
    members = list(source.members.filter(is_active=True))
    moved = _move_members(members, target, MemberExit.MERGED, on)
    household_status_change(
        actor=actor,
        household=source,
        to_status=HouseholdStatus.NONE,
        kind=TransitionKind.MERGED,
        effective_on=on,
    )
    source.is_active, source.closed_on, source.closed_reason = False, on, "merged"
    source.save(update_fields=["is_active", "closed_on", "closed_reason", "updated_at"])
    household_refresh_summary(source)
    household_refresh_summary(target)
    _bump(source)
    _bump(target)
    audit_record(
        actor=actor,
        action=AuditAction.HOUSEHOLD_MERGE,
        obj=source,
        after={"into": target.code, "members": [m.full_name for m in moved]},
    )
    return target


@transaction.atomic
def household_close(*, actor: Any, household: Household, reason: str, on: dt.date, version: int) -> Household:
    """Take a household off the registry because it moved away (its history stays)."""
    household = _lock(household, version)
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    if reason != "moved_away":
        raise AppError(ErrorCode.INVALID, _("Lý do không hợp lệ."), field="reason")
    if not household.is_active:
        raise AppError(ErrorCode.HOUSEHOLD_INACTIVE)
    before = _household_snapshot(household)
    household_status_change(
        actor=actor,
        household=household,
        to_status=HouseholdStatus.NONE,
        kind=TransitionKind.MOVED_AWAY,
        effective_on=on,
    )
    household.members.filter(is_active=True).update(
        is_active=False, left_on=on, left_reason=MemberExit.MOVED_OUT, version=F("version") + 1
    )
    household.is_active, household.closed_on, household.closed_reason = False, on, reason
    household.save(update_fields=["is_active", "closed_on", "closed_reason", "updated_at"])
    _bump(household)
    audit_record(
        actor=actor,
        action=AuditAction.HOUSEHOLD_CLOSE,
        obj=household,
        before=before,
        after=_household_snapshot(household),
    )
    return household
