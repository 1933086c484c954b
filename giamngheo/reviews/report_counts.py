"""The campaign report's counts, kept: per-household facts brought up to date from the changed households.

A campaign's facts (`CampaignHouseholdFacts`, one row per household of its province in its report) are
computed by the report's own statement (`report_sql.household_rows`), whole the first time a report of the
campaign is asked (or by `rebuild_report_counts`), then only for the households the database triggers noted
as changed (`changes_sql`): their facts are recomputed for every kept campaign, and the difference between
their old and new facts, counted by key, is added to the counts (`CampaignCount`) in one upsert. The report
then reads the counts instead of the province's households. See docs/adr/1504-report-counts.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import Member
from giamngheo.reviews.models import Campaign
from giamngheo.reviews.models_counts import (
    CampaignCount,
    CampaignCountsBuilt,
    CampaignHouseholdFacts,
    HouseholdChanged,
)
from giamngheo.reviews.outcomes import NEAR_POOR, POOR
from giamngheo.reviews.report_sql import OTHER_KINDS, GroupRow, household_rows

FACTS = CampaignHouseholdFacts._meta.db_table
COUNTS = CampaignCount._meta.db_table
MEMBERS = Member._meta.db_table
UNITS = AdminUnit._meta.db_table
CHUNK = 1000  # households recomputed per statement
WHOLE = 50_000  # more changed households than this: the campaign is recomputed whole
LOCK = 1504  # PostgreSQL advisory lock: one refresh at a time
KEY = ("commune_id", "start_status", "end_status", "is_ethnic_minority", "average_agricultural", "deprived")


def _in(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _in_province(campaign: Campaign) -> tuple[str, list[Any]]:
    """The households of every current commune of the campaign's province, managed when it started."""
    condition = (
        f"h.commune_id IN (SELECT u.id FROM {UNITS} u "  # noqa: S608 — a table name from the model
        "WHERE u.tree = %s AND u.level = %s AND u.province_id = %s)"
        " AND (h.closed_on IS NULL OR h.closed_on >= %s)"
    )
    return condition, [Tree.CURRENT, Level.COMMUNE, campaign.province_id, campaign.starts_on]


def _recount(cursor: Any, campaign: Campaign) -> None:
    """Count the campaign's facts whole."""
    columns = ", ".join(KEY)
    cursor.execute(f"DELETE FROM {COUNTS} WHERE campaign_id = %s", [campaign.pk])  # noqa: S608 — model names
    cursor.execute(
        f"INSERT INTO {COUNTS} (campaign_id, {columns}, households, persons) "  # noqa: S608
        f"SELECT campaign_id, {columns}, COUNT(*), SUM(persons) FROM {FACTS} WHERE campaign_id = %s "
        f"GROUP BY campaign_id, {columns}",
        [campaign.pk],
    )


def _grouped(cursor: Any, campaign: Campaign, households: Sequence[int]) -> dict[tuple[Any, ...], list[int]]:
    """The listed households' facts counted by key: [households, persons]."""
    columns = ", ".join(KEY)
    cursor.execute(
        f"SELECT {columns}, COUNT(*), SUM(persons) FROM {FACTS} "  # noqa: S608 — table names from the models
        f"WHERE campaign_id = %s AND household_id IN ({_in(households)}) GROUP BY {columns}",
        [campaign.pk, *households],
    )
    return {tuple(row[:-2]): [int(row[-2]), int(row[-1] or 0)] for row in cursor.fetchall()}


def _add(cursor: Any, campaign: Campaign, delta: dict[tuple[Any, ...], list[int]]) -> None:
    """Add the differences to the counts in one upsert (a key's row is created at its first household)."""
    changed = [(key, n, persons) for key, (n, persons) in sorted(delta.items()) if n or persons]
    if not changed:
        return
    columns = ", ".join(KEY)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(changed))
    cursor.execute(
        f"INSERT INTO {COUNTS} AS c (campaign_id, {columns}, households, persons) VALUES {values} "  # noqa: S608
        f"ON CONFLICT (campaign_id, {columns}) DO UPDATE SET "
        "households = c.households + excluded.households, persons = c.persons + excluded.persons",
        [value for key, n, persons in changed for value in (campaign.pk, *key, n, persons)],
    )


def _compute(cursor: Any, campaign: Campaign, households: Sequence[int] | None) -> None:
    """(Re)compute the facts of the campaign's households (all, or those listed) and count the difference."""
    before: dict[tuple[Any, ...], list[int]] = {}
    if households is None:
        cursor.execute(f"DELETE FROM {FACTS} WHERE campaign_id = %s", [campaign.pk])  # noqa: S608
    else:
        before = _grouped(cursor, campaign, households)
        cursor.execute(
            f"DELETE FROM {FACTS} WHERE campaign_id = %s AND household_id IN ({_in(households)})",  # noqa: S608
            [campaign.pk, *households],
        )
    condition, params = _in_province(campaign)
    members_where, members_params = "is_active", []
    if households is not None:
        condition += f" AND h.id IN ({_in(households)})"
        params += list(households)
        members_where += f" AND household_id IN ({_in(households)})"
        members_params = list(households)
    rows, rows_params = household_rows(campaign, condition, params, OTHER_KINDS)
    cursor.execute(
        f"""
INSERT INTO {FACTS} (campaign_id, household_id, commune_id, start_status, end_status, is_ethnic_minority,
  average_agricultural, deprived, persons)
SELECT %s, r.household_id, r.commune_id, r.start_status, r.end_status, r.is_ethnic_minority,
  r.average_agricultural = 1,
  CASE WHEN r.end_status IN (%s, %s) THEN COALESCE(r.deprived, '') ELSE '' END,
  CASE WHEN r.end_status = 'closed' THEN 0 ELSE COALESCE(p.n, 0) END
FROM ({rows}) r
LEFT JOIN (SELECT household_id, COUNT(*) AS n FROM {MEMBERS} WHERE {members_where} GROUP BY household_id) p
  ON p.household_id = r.household_id
""",  # noqa: S608 — table names from the models, values as parameters
        [campaign.pk, POOR, NEAR_POOR, *rows_params, *members_params],
    )
    if households is None:
        _recount(cursor, campaign)
        return
    delta = _grouped(cursor, campaign, households)
    for key, (n, persons) in before.items():
        counted = delta.setdefault(key, [0, 0])
        counted[0] -= n
        counted[1] -= persons
    _add(cursor, campaign, delta)


def _settings(cursor: Any) -> None:
    if connection.vendor == "postgresql":
        # As for the grouped report (report_sql): hash joins and aggregates in memory, no JIT compilation.
        cursor.execute(
            "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true), "
            "set_config('enable_sort', 'off', true), pg_advisory_xact_lock(%s)",
            [LOCK],
        )


def _whole(cursor: Any, campaign: Campaign) -> None:
    _compute(cursor, campaign, None)
    CampaignCountsBuilt.objects.filter(campaign=campaign).delete()
    CampaignCountsBuilt.objects.create(
        campaign=campaign, starts_on=campaign.starts_on, ends_on=campaign.ends_on
    )


@transaction.atomic
def campaign_counts_refresh(campaign: Campaign) -> None:
    """Bring every kept campaign up to date with the changed households, and keep `campaign` if not yet."""
    with connection.cursor() as cursor:
        _settings(cursor)
        kept = []
        for built in CampaignCountsBuilt.objects.select_related("campaign").order_by("campaign_id"):
            if (built.starts_on, built.ends_on) == (built.campaign.starts_on, built.campaign.ends_on):
                kept.append(built.campaign)
            else:  # the campaign's dates changed: every fact depends on them
                built.delete()
        changes = list(HouseholdChanged.objects.order_by("id").values_list("id", "household_id"))
        households = sorted({household for _id, household in changes})
        for kept_campaign in kept:
            if len(households) > WHOLE:
                _whole(cursor, kept_campaign)
                continue
            for start in range(0, len(households), CHUNK):
                _compute(cursor, kept_campaign, households[start : start + CHUNK])
        ids = [change_id for change_id, _household in changes]
        for start in range(0, len(ids), CHUNK * 10):
            HouseholdChanged.objects.filter(id__in=ids[start : start + CHUNK * 10]).delete()
        if campaign.pk not in {kept_campaign.pk for kept_campaign in kept}:
            _whole(cursor, campaign)


@transaction.atomic
def campaign_counts_rebuild() -> int:
    """Recompute every campaign whole and forget the changes (idempotent); returns the campaigns kept."""
    with connection.cursor() as cursor:
        _settings(cursor)
        HouseholdChanged.objects.all().delete()
        CampaignCountsBuilt.objects.all().delete()
        campaigns = list(Campaign.objects.order_by("pk"))
        for campaign in campaigns:
            _whole(cursor, campaign)
    return len(campaigns)


def campaign_counts(
    campaign: Campaign, commune_ids: Sequence[int], indicator_keys: Sequence[str]
) -> tuple[list[GroupRow], dict[int, int]]:
    """The report's households grouped as `report_sql.grouped_households` gives them, and the persons of
    the households still managed at the end by commune, from the kept counts (brought up to date first)."""
    if not commune_ids:
        return [], {}
    campaign_counts_refresh(campaign)
    households: dict[tuple[int, str, str, bool, bool], int] = {}
    lacks: dict[tuple[int, str, str, bool, bool], dict[str, int]] = {}
    persons: dict[int, int] = {}
    rows = (
        CampaignCount.objects.filter(campaign=campaign, commune_id__in=list(commune_ids), households__gt=0)
        .order_by()
        .values_list(*KEY, "households", "persons")
    )
    for commune_id, start, end, minority, agricultural, deprived, counted, people in rows:
        key = (commune_id, start, end, bool(minority), bool(agricultural))
        households[key] = households.get(key, 0) + counted
        persons[commune_id] = persons.get(commune_id, 0) + people
        if deprived and end in (POOR, NEAR_POOR):  # kept for them only; keys hold no comma
            bucket = lacks.setdefault(key, {})
            for indicator_key in deprived.split(","):
                bucket[indicator_key] = bucket.get(indicator_key, 0) + counted
    groups = [
        GroupRow(*key, households=n, lacks={k: lacks.get(key, {}).get(k, 0) for k in indicator_keys})
        for key, n in households.items()
    ]
    return groups, persons
