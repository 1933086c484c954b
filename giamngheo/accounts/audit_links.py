"""Reading audit events: where an audited object opens (and for whom), and what changed, field by field."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from giamngheo.accounts.roles import Permission

# object_type (model label) → (URL name, URL argument, permission needed besides reading the area).
OBJECT_PAGES: dict[str, tuple[str, str, str | None]] = {
    "registry.household": ("registry:household", "household_id", None),
    "reviews.campaign": ("reviews:campaign", "campaign_id", None),
    "programs.plan": ("programs:detail", "plan_id", None),
    "monitoring.report": ("monitoring:report_detail", "report_id", None),
    "monitoring.reportinground": ("monitoring:round_detail", "round_id", None),
    "support.beneficiarylist": ("support:list", "list_id", None),
    "support.supportrecord": ("support:record", "record_id", None),
    "support.housingcase": ("support:housing", "case_id", None),
    "geo.adminunit": ("areas:unit", "unit_id", None),
    "accounts.user": ("accounts:user_detail", "user_id", Permission.MANAGE_USERS),
}


def object_url(object_type: str, object_id: str, permissions: set[str]) -> str:
    """The page of an audited object, or "" when it has none or the reader may not open it."""
    page = OBJECT_PAGES.get(object_type)
    if page is None or not object_id.isdigit():
        return ""
    name, argument, needed = page
    if needed is not None and needed not in permissions:
        return ""
    try:
        return reverse(name, kwargs={argument: int(object_id)})
    except NoReverseMatch:
        return ""


def audit_changes(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for every field whose value differs, in field order; [] when unknown."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    fields = list(dict.fromkeys([*old, *new]))
    return [(name, old.get(name), new.get(name)) for name in fields if old.get(name) != new.get(name)]
