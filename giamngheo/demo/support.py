"""A year (2026) of support for the Huế demo registry, through the support services, consistent with seed 003.

Seed 003 asks for a plan and a helper for every poor household, health insurance for all poor and near-poor
people, policy credit, and houses for poor households of A Lưới (Project 5). The demo writes, with a fixed
seed and through the same services the pages use (so eligibility, double-support rules and the audit hold):

- a household plan for nine in ten poor households: causes, the engine's suggested solutions, a helper from
  a commune organisation, one in three registering to escape poverty this year;
- in the demo communes (A Lưới 1 and A Lưới 2), health-insurance card lists for poor and near-poor people,
  proposed, selected and approved by the commune chair, most cards then handed over;
- Social Policy Bank loans delivered to one poor household in four;
- Project 5 housing cases for poor households of the former poor district A Lưới that lack decent housing,
  at every stage from proposed to accepted.

Running it again changes nothing once the plans of the year exist.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES
from giamngheo.demo.registry import CODE_PREFIX, PROVINCE, _actor
from giamngheo.geo.designations import communes_designated
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import Household
from giamngheo.support.catalogue import support_type_find
from giamngheo.support.eligibility import carry_legacy_until
from giamngheo.support.models import HouseholdPlan, HousingCase, PovertyCause, SupportRecord
from giamngheo.support.services.housing import (
    housing_case_accept,
    housing_case_approve,
    housing_case_open,
    housing_case_progress,
    housing_need,
)
from giamngheo.support.services.lists import beneficiary_list_approve, beneficiary_list_propose
from giamngheo.support.services.plans import PlanDraft, household_plans_create_many
from giamngheo.support.services.records import support_record_add, support_records_deliver_many

YEAR = 2026
SEED = 2026
PLANNED_ON = dt.date(2026, 2, 10)
LISTED_ON = dt.date(2026, 1, 15)
TODAY = dt.date(2026, 11, 30)  # the demo's year runs to the end of November
PLAN_SHARE, ESCAPE_SHARE, LOAN_SHARE, CARD_DELIVERED_SHARE = 0.9, 1 / 3, 0.25, 0.85
HELPERS = (
    ("Hội Liên hiệp Phụ nữ xã", "Chi hội trưởng phụ nữ thôn"),
    ("Hội Nông dân xã", "Chi hội trưởng nông dân thôn"),
    ("Đoàn Thanh niên xã", "Bí thư chi đoàn thôn"),
    ("Hội Cựu chiến binh xã", "Chi hội trưởng cựu chiến binh"),
    ("Ủy ban MTTQ Việt Nam xã", "Trưởng ban công tác Mặt trận thôn"),
)
# Stages of the housing cases, as shares of the households that need a house, and the dates they reached.
HOUSING_STAGES = (
    ("accepted", 0.35),
    ("completed", 0.10),
    ("roofed", 0.10),
    ("started", 0.15),
    ("approved", 0.15),
    ("proposed", 0.15),
)
STAGE_DATES = {
    "approved": dt.date(2026, 4, 1),
    "started": dt.date(2026, 5, 4),
    "roofed": dt.date(2026, 7, 15),
    "completed": dt.date(2026, 9, 20),
    "accepted": dt.date(2026, 10, 15),
}
FUNDING = {"new": {"central": 40_000_000, "local": 10_000_000}, "repair": {"central": 20_000_000}}


@dataclass(frozen=True)
class SupportDemoResult:
    created: bool
    plans: int
    records: int
    housing_cases: int
    seconds: float = 0.0


def _counts(created: bool, started: float) -> SupportDemoResult:
    demo = {"household__code__startswith": CODE_PREFIX}
    return SupportDemoResult(
        created=created,
        plans=HouseholdPlan.objects.filter(year=YEAR, **demo).count(),
        records=SupportRecord.objects.filter(**demo).count(),
        housing_cases=HousingCase.objects.filter(year=YEAR, **demo).count(),
        seconds=time.perf_counter() - started,
    )


def _plans(actor: User, poor: list[Household], rng: random.Random) -> None:
    causes = list(PovertyCause.objects.order_by("order", "code"))
    drafts = []
    for household in poor:
        if rng.random() >= PLAN_SHARE:
            continue
        organisation, helper = rng.choice(HELPERS)
        chosen = rng.sample(causes, k=min(len(causes), rng.choice((1, 2))))
        drafts.append(
            PlanDraft(
                household=household,
                causes=chosen,
                helper_name=helper,
                helper_organisation=organisation,
                registers_to_escape=rng.random() < ESCAPE_SHARE,
            )
        )
    # Solutions left empty: each plan takes the engine's suggestions, judged for all households at once.
    household_plans_create_many(actor=actor, year=YEAR, drafts=drafts, on=PLANNED_ON)


def _health_insurance(actor: User, province: AdminUnit, rng: random.Random) -> None:
    communes = AdminUnit.objects.filter(
        tree=Tree.CURRENT, level=Level.COMMUNE, code__in=DEMO_COMMUNES
    ).order_by("code")
    for commune in communes:
        for code in ("bhyt-ho-ngheo", "bhyt-ho-can-ngheo"):
            # A proposed list has its eligible people selected already: the chair approves it as proposed.
            cards = beneficiary_list_propose(
                actor=actor,
                support_type=support_type_find(province, code),
                commune=commune,
                year=YEAR,
                reference_date=LISTED_ON,
            )
            beneficiary_list_approve(
                actor=actor,
                beneficiary_list=cards,
                version=cards.version,
                decision_number=f"{cards.pk}/QĐ-UBND",
                decided_on=LISTED_ON + dt.timedelta(days=10),
            )
            handed_over = [
                record
                for record in SupportRecord.objects.filter(entry__list=cards).order_by("pk")
                if rng.random() < CARD_DELIVERED_SHARE
            ]
            support_records_deliver_many(
                actor=actor, records=handed_over, on=dt.date(2026, 2, 1), today=TODAY
            )


def _loans(actor: User, province: AdminUnit, poor: list[Household], rng: random.Random) -> None:
    loan = support_type_find(province, "vay-ho-ngheo")
    for household in poor:
        if rng.random() < LOAN_SHARE:
            support_record_add(
                actor=actor,
                household=household,
                member=None,
                support_type=loan,
                on=dt.date(2026, rng.randint(3, 10), rng.randint(1, 28)),
                amount=rng.choice((50, 70, 100)) * 1_000_000,
                today=TODAY,
            )


def _housing(actor: User, province: AdminUnit, poor: list[Household], rng: random.Random) -> None:
    carried = communes_designated("poor_district", "yes", PLANNED_ON, carry_legacy_until=carry_legacy_until())
    types = {
        "new": support_type_find(province, "da5-nha-xay-moi"),
        "repair": support_type_find(province, "da5-nha-sua-chua"),
    }
    needing = [h for h in poor if h.commune_id in carried and housing_need(h) is not None]
    start = 0
    for stage, share in HOUSING_STAGES:
        count = round(share * len(needing))
        for household in needing[start : start + count]:
            work = "new" if rng.random() < 0.7 else "repair"
            case = housing_case_open(
                actor=actor,
                household=household,
                support_type=types[work],
                work=work,
                year=YEAR,
                on=PLANNED_ON,
            )
            if stage == "proposed":
                continue
            case = housing_case_approve(
                actor=actor, case=case, version=case.version, funding=FUNDING[work],
                on=STAGE_DATES["approved"], decision_number=f"{case.pk}/QĐ-UBND",
            )  # fmt: skip
            for step in ("started", "roofed", "completed"):
                if list(STAGE_DATES).index(step) > list(STAGE_DATES).index(stage):
                    break
                case = housing_case_progress(
                    actor=actor,
                    case=case,
                    version=case.version,
                    stage=step,
                    on=STAGE_DATES[step],
                    today=TODAY,
                )
            if stage == "accepted":
                housing_case_accept(
                    actor=actor, case=case, version=case.version, on=STAGE_DATES["accepted"],
                    floor_area_m2=Decimal(36), hard_foundation=True, hard_frame=True, hard_roof=True,
                    today=TODAY,
                )  # fmt: skip
        start += count


def support_demo_load(*, seed: int = SEED) -> SupportDemoResult:
    """Write the demo year of support unless its plans exist; running it again changes nothing."""
    started = time.perf_counter()
    if HouseholdPlan.objects.filter(year=YEAR, household__code__startswith=CODE_PREFIX).exists():
        return _counts(False, started)
    rng = random.Random(seed)  # noqa: S311 — a reproducible demo, not a secret
    with transaction.atomic():
        actor = _actor()
        province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=PROVINCE)
        poor = list(
            Household.objects.filter(code__startswith=CODE_PREFIX, status="poor", is_active=True)
            .select_related("commune", "province", "village", "latest_assessment")
            .order_by("code")
        )
        _plans(actor, poor, rng)
        _health_insurance(actor, province, rng)
        _loans(actor, province, poor, rng)
        _housing(actor, province, poor, rng)
    return _counts(True, started)
