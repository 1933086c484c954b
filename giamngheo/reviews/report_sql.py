"""The campaign report's household counts in one grouped SQL statement (joins, not a subquery per household).

Each household of the report's communes gets its start and end status exactly as `reports.report_households`
defines them (see the period rules in `reports`), but from joins: the campaign's review case (one per
household), and one pass over the households' status transitions that picks, per household, the last
transition before the campaign not made by it, the first transition ever and the last "other" transition of
the period (window functions). The used assessment and its survey round are joined once. The statement then
groups by commune, start, end, ethnic minority and "average agricultural", with a conditional count per
deprivation indicator for the poor and near-poor at the end. PostgreSQL and SQLite run the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from giamngheo.registry.models import Assessment, Household, StatusTransition, SurveyRound, TransitionKind
from giamngheo.reviews.models import Campaign, ReviewCase, Step, TransitionLink
from giamngheo.reviews.outcomes import NEAR_POOR, OUTCOME_STATUS, POOR

# Transitions that are not a review's decision: they end a household's period whatever the campaign decided.
OTHER_KINDS = (TransitionKind.MOVED_AWAY, TransitionKind.MERGED, TransitionKind.OTHER)


@dataclass(frozen=True)
class GroupRow:
    """Households of one commune with the same start and end status, minority flag and agricultural flag."""

    commune_id: int
    start_status: str
    end_status: str
    is_ethnic_minority: bool
    average_agricultural: bool
    households: int
    lacks: dict[str, int]  # poor and near-poor at the end deprived on each indicator


def _like_pattern(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%,{escaped},%"


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def household_rows(
    campaign: Campaign, in_report: str, in_report_params: Sequence[Any], other_kinds: Sequence[str]
) -> tuple[str, list[Any]]:
    """One row per household of the report: id, commune, start and end status, minority and agricultural
    flags, the used assessment's deprivations (a statement and its parameters).

    `in_report` is the condition on the household `h` (twice in the statement, with its parameters each
    time); the grouped report and the kept facts (`report_counts`) both run this statement.
    """
    household = Household._meta.db_table
    transition = StatusTransition._meta.db_table
    link = TransitionLink._meta.db_table
    case = ReviewCase._meta.db_table
    assessment = Assessment._meta.db_table
    survey = SurveyRound._meta.db_table
    kinds = _placeholders(other_kinds)
    outcome_whens = " ".join("WHEN %s THEN %s" for _outcome in OUTCOME_STATUS)
    outcome_params = [value for pair in OUTCOME_STATUS.items() for value in pair]
    sql = f"""
WITH history AS (
  SELECT household_id,
    MAX(CASE WHEN is_before = 1 AND before_rank = 1 THEN to_status END) AS before_status,
    MAX(CASE WHEN first_rank = 1 THEN from_status END) AS first_status,
    MAX(CASE WHEN is_other = 1 AND other_rank = 1 THEN to_status END) AS other_status
  FROM (
    SELECT f.household_id, f.from_status, f.to_status, f.is_before, f.is_other,
      ROW_NUMBER() OVER (PARTITION BY f.household_id, f.is_before ORDER BY f.effective_on DESC, f.id DESC)
        AS before_rank,
      ROW_NUMBER() OVER (PARTITION BY f.household_id ORDER BY f.effective_on, f.id) AS first_rank,
      ROW_NUMBER() OVER (PARTITION BY f.household_id, f.is_other ORDER BY f.effective_on DESC, f.id DESC)
        AS other_rank
    FROM (
      SELECT t.id, t.household_id, t.from_status, t.to_status, t.effective_on,
        CASE WHEN t.effective_on < %s AND (l.campaign_id IS NULL OR l.campaign_id <> %s)
          THEN 1 ELSE 0 END AS is_before,
        CASE WHEN t.kind IN ({kinds}) AND (l.campaign_id = %s
            OR (l.id IS NULL AND t.effective_on >= %s AND t.effective_on <= %s))
          THEN 1 ELSE 0 END AS is_other
      FROM {transition} t
      JOIN {household} h ON h.id = t.household_id
      LEFT JOIN {link} l ON l.transition_id = t.id
      WHERE {in_report}
    ) f
  ) ranked
  GROUP BY household_id
)
SELECT e.household_id, e.commune_id, e.start_status, e.end_status, e.is_ethnic_minority,
  e.average_agricultural, e.deprived
FROM (
  SELECT b.household_id, b.commune_id, b.start_status, b.is_ethnic_minority, b.deprived,
    CASE WHEN b.category = %s AND b.agricultural = %s THEN 1 ELSE 0 END AS average_agricultural,
    CASE WHEN b.closed_on IS NOT NULL AND b.closed_on <= %s THEN 'closed'
      ELSE COALESCE(b.other_status, b.decided_status, b.start_status) END AS end_status
  FROM (
    SELECT h.id AS household_id, h.commune_id, h.is_ethnic_minority, h.closed_on, hi.other_status,
      a.category, a.deprived, r.agricultural,
      COALESCE(c.status_before, hi.before_status, hi.first_status, h.status) AS start_status,
      CASE WHEN c.step = %s THEN CASE c.outcome {outcome_whens} ELSE NULL END END AS decided_status
    FROM {household} h
    LEFT JOIN {case} c ON c.household_id = h.id AND c.campaign_id = %s
    LEFT JOIN history hi ON hi.household_id = h.id
    LEFT JOIN {assessment} a ON a.id = COALESCE(c.assessment_id, h.latest_assessment_id)
    LEFT JOIN {survey} r ON r.id = a.round_id
    WHERE {in_report}
  ) b
) e
"""  # noqa: S608 — table names from the models, values as parameters
    params: list[Any] = [
        campaign.starts_on,
        campaign.pk,
        *other_kinds,
        campaign.pk,
        campaign.starts_on,
        campaign.ends_on,
        *in_report_params,
        "average",
        True,
        campaign.ends_on,
        Step.DECIDED,
        *outcome_params,
        campaign.pk,
        *in_report_params,
    ]
    return sql, params


def report_condition(campaign: Campaign, commune_ids: Sequence[int]) -> tuple[str, list[Any]]:
    """The households of a report: of its communes, still managed when the campaign started."""
    condition = (
        f"h.commune_id IN ({_placeholders(commune_ids)}) AND (h.closed_on IS NULL OR h.closed_on >= %s)"
    )
    return condition, [*commune_ids, campaign.starts_on]


def grouped_households(
    campaign: Campaign, commune_ids: Sequence[int], indicator_keys: Sequence[str], other_kinds: Sequence[str]
) -> list[GroupRow]:
    """The report's households counted by commune, start, end, minority and agricultural-average flags."""
    if not commune_ids:
        return []
    rows, rows_params = household_rows(campaign, *report_condition(campaign, commune_ids), other_kinds)
    lacks = ", ".join(
        f"SUM(CASE WHEN s.d LIKE %s ESCAPE '\\' THEN 1 ELSE 0 END) AS lacks_{index}"
        for index, _key in enumerate(indicator_keys)
    )
    sql = f"""
SELECT s.commune_id, s.start_status, s.end_status, s.is_ethnic_minority, s.average_agricultural,
  COUNT(*) AS households{", " + lacks if lacks else ""}
FROM (
  SELECT r.commune_id, r.start_status, r.end_status, r.is_ethnic_minority, r.average_agricultural,
    CASE WHEN r.end_status IN (%s, %s) THEN ',' || COALESCE(r.deprived, '') || ',' END AS d
  FROM ({rows}) r
) s
GROUP BY s.commune_id, s.start_status, s.end_status, s.is_ethnic_minority, s.average_agricultural
"""  # noqa: S608 — table names from the models, values as parameters
    params: list[Any] = [*[_like_pattern(key) for key in indicator_keys], POOR, NEAR_POOR, *rows_params]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One pass over a province's households: hash joins and a hash aggregate that fit in memory,
            # no JIT compilation (it costs seconds and saves nothing on a query read once), and a hash
            # aggregate rather than sorting a million rows (the planner cannot estimate the groups).
            cursor.execute(
                "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true), "
                "set_config('enable_sort', 'off', true)"
            )
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        GroupRow(
            commune_id=row[0],
            start_status=row[1],
            end_status=row[2],
            is_ethnic_minority=bool(row[3]),
            average_agricultural=bool(row[4]),
            households=row[5],
            lacks={key: int(row[6 + index] or 0) for index, key in enumerate(indicator_keys)},
        )
        for row in rows
    ]
