"""A demo province grown to a million households on PostgreSQL, for the report and load benches.

    python -m bench.scale_data [--households 1000000] [--database-url postgres://postgres@127.0.0.1:5432]
                               [--database giamngheo_bench_scale]

Builds what `make run` builds (units, demo accounts, registry, plans, support catalogue) in a fresh database,
then adds synthetic households over Huế's communes in a few `INSERT … SELECT generate_series` statements:
3 members each; a survey round (with its members' facts) and an assessment for every poor and near-poor
household and one in five of the others (deprivations drawn from the standard's keys); a "new poor/near
poor" transition for the poor and near-poor; a review campaign of the year with one household in twenty
listed (a third of them decided); and a reporting round of the current half-year with the latest plan of
Huế (one report per commune and one for the province); VACUUM ANALYZE, then the report counts
(`rebuild_report_counts`, docs/adr/1504). Idempotent only in the sense that it drops and recreates the
database.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
DATABASE = "giamngheo_bench_scale"
COMMANDS = (
    "load_admin_units",
    "load_demo",
    "load_demo_registry",
    "load_demo_plans",
    "load_support_catalogue",
)


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


HOUSEHOLDS_SQL = """
INSERT INTO registry_household (code, province_id, commune_id, village_id, address, residence, registered_on,
    status, head_name, search_name, is_ethnic_minority, has_merit_member, latest_category,
    latest_assessment_id, is_active, closed_on, closed_reason, version, created_at, updated_at)
SELECT 'S' || lpad(g::text, 8, '0'), %(province)s, c.ids[1 + (hashint4(g) & 2147483647) %% c.n], NULL, '',
    'permanent', DATE '2024-01-01',
    CASE WHEN g %% 100 < 4 THEN 'poor' WHEN g %% 100 < 9 THEN 'near_poor' ELSE 'none' END,
    initcap(s.name), s.name, g %% 10 = 3, false, '', NULL, true, NULL, '', 1, now(), now()
FROM generate_series(1, %(n)s) g
CROSS JOIN (SELECT array_agg(id ORDER BY id) ids, count(*) n FROM geo_adminunit
            WHERE tree = 'current' AND level = 'commune' AND province_id = %(province)s
              AND valid_to IS NULL) c
CROSS JOIN LATERAL (
    SELECT (ARRAY['nguyen','tran','le','pham','hoang','ho','kan','bui','dang','vo'])[1 + g %% 10]
    || ' ' || (ARRAY['van','thi','huu','duc','minh','thanh','ngoc'])[1 + (g / 10) %% 7]
    || ' ' || (ARRAY['an','binh','chau','dung','hoa','lan','nam','son','tam','vinh','ha'])[1 + (g / 70) %% 11]
    AS name) s
"""

MEMBERS_SQL = """
INSERT INTO registry_member (household_id, member_no, full_name, search_name, personal_id, birth_date,
    birth_year, sex, ethnicity, relation, has_merit, is_active, left_on, left_reason, version, created_at,
    updated_at)
SELECT h.id, m, h.head_name, h.search_name, '', NULL, 1950 + (h.id + m * 7) %% 70,
    CASE WHEN m = 2 THEN 'female' ELSE 'male' END, '01', CASE WHEN m = 1 THEN 'head' ELSE 'other' END,
    false, true, NULL, '', 1, now(), now()
FROM registry_household h CROSS JOIN generate_series(1, 3) m
WHERE h.code LIKE 'S%%'
"""

ROUNDS_SQL = """
INSERT INTO registry_surveyround (household_id, reference_date, source, import_batch_id, area,
    income_per_capita, income_score, has_house, foundation_material, walls_material, roof_material,
    floor_area_m2, water_source, latrine, internet_use, phone_use, digital_services_use, has_television,
    has_radio, has_computer, has_smartphone, loudspeaker_access, waste_treatment, agricultural,
    recorded_by_id, recorded_at)
SELECT h.id, DATE '2026-09-01', 'import', NULL, 'rural', 1000000 + (h.id %% 30) * 100000, NULL, true, '', '',
    '', NULL, '', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, h.id %% 3 = 0, NULL, now()
FROM registry_household h
WHERE h.code LIKE 'S%%' AND (h.status <> 'none' OR h.id %% 5 = 0)
"""

# Every surveyed household's members have their facts for the round, as the survey form and the import record
# them: the monitoring report's health insurance and schooling figures read them.
MEMBER_FACTS_SQL = """
INSERT INTO registry_memberfacts (employment, working_capacity, disability, social_allowance,
    health_insurance, education, in_school, nutrition, ill_untreated, member_id, round_id)
SELECT CASE WHEN m.member_no = 3 THEN 'not_in_labour_force' ELSE 'self_employed' END, 'full', 'none', NULL,
    (m.id %% 10) <> 0, CASE WHEN m.member_no = 3 THEN 'primary' ELSE 'lower_secondary' END,
    CASE WHEN 2026 - m.birth_year BETWEEN 6 AND 14 THEN (m.id %% 7) <> 0 END, 'not_measured', NULL, m.id, r.id
FROM registry_surveyround r JOIN registry_household h ON h.id = r.household_id
JOIN registry_member m ON m.household_id = h.id AND m.is_active
WHERE h.code LIKE 'S%%'
"""

ASSESSMENTS_SQL = """
INSERT INTO registry_assessment (household_id, round_id, standard, reference_date, income_path,
    income_per_capita, income_score, deprived, deprivation_count, score_b, category, low_income_worker,
    explanation, assessed_by_id, assessed_at)
SELECT r.household_id, r.id, %(standard)s, r.reference_date, 'income', r.income_per_capita, NULL, d.deprived,
    d.n, d.n * 10, CASE WHEN h.status = 'none' THEN
        CASE WHEN r.id %% 4 = 0 THEN 'average' ELSE 'not_poor' END ELSE h.status END,
    false, '{}'::jsonb, NULL, now()
FROM registry_surveyround r JOIN registry_household h ON h.id = r.household_id
CROSS JOIN LATERAL (
    SELECT coalesce(string_agg(k, ',' ORDER BY i), '') deprived, count(k) n
    FROM unnest(%(keys)s::text[]) WITH ORDINALITY AS u(k, i)
    WHERE (hashint4((r.id * 31 + i)::int) & 2147483647) %% 100
        < CASE WHEN h.status = 'none' THEN 5 ELSE 30 END
) d
WHERE h.code LIKE 'S%%'
"""

LATEST_SQL = """
UPDATE registry_household h SET latest_assessment_id = a.id, latest_category = a.category
FROM registry_assessment a WHERE a.household_id = h.id AND h.code LIKE 'S%%'
"""

TRANSITIONS_SQL = """
INSERT INTO registry_statustransition (household_id, kind, from_status, to_status, effective_on,
    recorded_by_id, recorded_at)
SELECT id, CASE WHEN status = 'poor' THEN 'new_poor' ELSE 'new_near_poor' END, 'none', status,
    DATE '2025-12-15', NULL, now()
FROM registry_household WHERE code LIKE 'S%%' AND status <> 'none'
"""

CASES_SQL = """
INSERT INTO reviews_reviewcase (campaign_id, household_id, province_id, commune_id, village_id, reason, step,
    status_before, assessment_id, proposed, outcome, version, updated_at)
SELECT %(campaign)s, h.id, h.province_id, h.commune_id, NULL,
    CASE WHEN h.status = 'none' THEN 'request' ELSE 'current_' || h.status END,
    CASE WHEN h.id %% 3 = 0 THEN 'decided' ELSE 'surveyed' END, h.status, h.latest_assessment_id, '',
    CASE WHEN h.id %% 3 = 0 THEN CASE h.status WHEN 'none' THEN 'new_near_poor'
         WHEN 'poor' THEN 'remains_poor' ELSE 'remains_near_poor' END ELSE '' END, 1, now()
FROM registry_household h WHERE h.code LIKE 'S%%' AND h.id %% 20 = 7
"""


def _fill(households: int) -> dict[str, float]:
    """In the child: the demo, then the synthetic households and their surroundings; seconds per step."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from giamngheo.accounts.models import User
    from giamngheo.geo.models import AdminUnit
    from giamngheo.reviews.services.campaigns import campaign_create
    from giamngheo.standards.loader import load_standard

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    for command in COMMANDS:
        call_command(command, verbosity=0)
    timings["demo (s)"] = round(time.perf_counter() - started, 1)
    hue = AdminUnit.objects.get(tree="current", level="province", code="46")
    officer = User.objects.get(username="tinh.hue")
    today = timezone.localdate()
    campaign = campaign_create(
        actor=officer,
        province=hue,
        year=today.year,
        kind="annual",
        starts_on=datetime.date(today.year, 9, 1),
        ends_on=datetime.date(today.year, 12, 15),
    )
    keys = [indicator.key for indicator in load_standard(campaign.standard).indicators]
    steps = (
        ("households", HOUSEHOLDS_SQL, {"n": households, "province": hue.pk}),
        ("members", MEMBERS_SQL, {}),
        ("survey rounds", ROUNDS_SQL, {}),
        ("member facts", MEMBER_FACTS_SQL, {}),
        ("assessments", ASSESSMENTS_SQL, {"standard": campaign.standard, "keys": keys}),
        ("latest assessment", LATEST_SQL, {}),
        ("transitions", TRANSITIONS_SQL, {}),
        ("review cases", CASES_SQL, {"campaign": campaign.pk}),
    )
    with connection.cursor() as cursor:
        for name, sql, params in steps:
            step_started = time.perf_counter()
            cursor.execute(sql, params)
            timings[f"{name} (s)"] = round(time.perf_counter() - step_started, 1)
            print(f"{name}: {cursor.rowcount} rows, {timings[f'{name} (s)']} s", flush=True)
        # the members' insert rewrote every household (search names, docs/adr/1506): reclaim the old rows
        cursor.execute("VACUUM ANALYZE")
    open_reporting_round(hue, officer)
    # The raw inserts above fired the triggers (household counts current, changed households noted): the
    # campaign's facts are computed whole once here rather than by the first report.
    step_started = time.perf_counter()
    call_command("rebuild_report_counts", verbosity=0)
    timings["report counts (s)"] = round(time.perf_counter() - step_started, 1)
    timings["total (s)"] = round(time.perf_counter() - started, 1)
    return timings


def open_reporting_round(hue: Any, officer: Any) -> None:
    """The reporting round of the current half-year with the latest plan of Huế (made on its legacy unit)."""
    from django.utils import timezone

    from giamngheo.core.services import period_get_or_create
    from giamngheo.monitoring.services import round_open
    from giamngheo.programs.models import Plan
    from giamngheo.programs.scope import equivalent_current_unit

    today = timezone.localdate()
    half = 1 if today.month <= 6 else 2
    period = period_get_or_create(year=today.year, kind="half_year", number=half)
    plans = Plan.objects.select_related("unit").order_by("-start_year", "-pk")
    plan = next(plan for plan in plans if equivalent_current_unit(plan.unit) == hue)
    round_open(
        actor=officer,
        province=hue,
        period=period,
        plan=plan,
        commune_due=period.end_date + datetime.timedelta(days=5),
        province_due=period.end_date + datetime.timedelta(days=10),
    )


def database_environment(url: str, database: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(DATABASE_URL=f"{url}/{database}", DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings")
    return environment


def build(households: int, url: str, database: str) -> None:
    """Drop and recreate the database, then fill it in a child process."""
    _admin(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _admin(url, f'CREATE DATABASE "{database}"')
    subprocess.run(  # noqa: S603 — our own command line
        [sys.executable, "-m", "bench.scale_data", "--child", "--households", str(households)],
        cwd=ROOT,
        env=database_environment(url, database),
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(_fill(args.households))
        return
    build(args.households, args.database_url, args.database)


if __name__ == "__main__":
    main()
