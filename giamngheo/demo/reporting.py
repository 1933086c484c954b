"""An open periodic-report round for the Huế demo, so communes and agencies see a report to send.

Seed 002 asks for the official annual report by 20 December; the communes' and agencies' reports come a few
days before (15 December here). In the first half of the year the demo opens the 6-month round instead
(communes by 15 June, the province by 20 June). Nothing is entered or sent. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from giamngheo.accounts.models import User
from giamngheo.core.models import PeriodKind
from giamngheo.core.services import period_get_or_create
from giamngheo.demo.registry import PROVINCE
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.models import ReportingRound, RoundKind
from giamngheo.monitoring.services import round_open


@transaction.atomic
def demo_reporting_load(today: dt.date | None = None) -> list[str]:
    """Open this period's official round for the demo province (once); lines saying what was done."""
    today = today or timezone.localdate()
    if today.month >= 7:
        period = period_get_or_create(year=today.year, kind=PeriodKind.YEAR, number=1)
        due, province_due = dt.date(today.year, 12, 15), dt.date(today.year, 12, 20)
    else:
        period = period_get_or_create(year=today.year, kind=PeriodKind.HALF_YEAR, number=1)
        due, province_due = dt.date(today.year, 6, 15), dt.date(today.year, 6, 20)
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=PROVINCE)
    if ReportingRound.objects.filter(province=province, period=period, kind=RoundKind.OFFICIAL).exists():
        return []
    opened = round_open(
        actor=User.objects.get(username="tinh.hue"),
        province=province,
        period=period,
        commune_due=due,
        agency_due=due,
        province_due=province_due,
    )
    return [f"Đợt báo cáo: {opened} — {opened.reports.count()} báo cáo"]
