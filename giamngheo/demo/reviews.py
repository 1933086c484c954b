"""An open review campaign for the Huế demo, so the officers' home pages show a review in progress.

The annual review runs from 1 September to 14 December (Decision 24/2021/QĐ-TTg); when the demo is built in
that window the campaign uses it, otherwise a window around today so that it is open whenever the demo is
looked at. The demo communes (A Lưới 1 and A Lưới 2) list their poor and near-poor households, so their
officers find households to survey; nothing else is decided. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES
from giamngheo.demo.registry import PROVINCE
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.reviews.models import Campaign, CampaignKind
from giamngheo.reviews.services.campaigns import campaign_create
from giamngheo.reviews.services.steps import cases_list

DEMO_COMMUNE_OFFICERS = ("xa.aluoi1", "xa.aluoi2")  # the officers of DEMO_COMMUNES, in order


def demo_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The campaign's start and recognition deadline: the legal window if today is in it, else around it."""
    legal = (dt.date(today.year, 9, 1), dt.date(today.year, 12, 14))
    if legal[0] <= today <= legal[1]:
        return legal
    return today - dt.timedelta(days=30), today + dt.timedelta(days=45)


@transaction.atomic
def demo_reviews_load(today: dt.date | None = None) -> list[str]:
    """Open the campaign (once) and list the demo communes' households; lines saying what was done."""
    today = today or timezone.localdate()
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=PROVINCE)
    if Campaign.objects.filter(province=province, kind=CampaignKind.ANNUAL, is_closed=False).exists():
        return []
    starts_on, ends_on = demo_window(today)
    campaign = campaign_create(
        actor=User.objects.get(username="tinh.hue"),
        province=province,
        year=ends_on.year,
        kind=CampaignKind.ANNUAL,
        starts_on=starts_on,
        ends_on=ends_on,
        deadlines=_deadlines(starts_on, ends_on, today),
    )
    lines = [f"Đợt rà soát: {campaign.name}"]
    for code, username in zip(DEMO_COMMUNES, DEMO_COMMUNE_OFFICERS, strict=True):
        commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=code)
        listed = cases_list(actor=User.objects.get(username=username), campaign=campaign, commune=commune)
        lines.append(f"{commune.name}: lập danh sách {listed} hộ")
    return lines


def _deadlines(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> dict[str, dt.date | None]:
    """Step deadlines in the order of the procedure, the steps still ahead spread over the days left."""
    list_by = min(starts_on + dt.timedelta(days=10), ends_on)
    base = max(today, list_by)
    left = max((ends_on - base).days, 0)
    return {
        "list_by": list_by,
        "survey_by": base + dt.timedelta(days=round(left * 0.3)),
        "meeting_by": base + dt.timedelta(days=round(left * 0.5)),
        "posting_by": base + dt.timedelta(days=round(left * 0.7)),
    }
