"""Buttons by role: walking the main pages as each role, no link or button ends in «Không có quyền» (403),
and an oversight viewer is offered no button that writes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.accounts.roles import Role
from giamngheo.areas.services import village_create
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services as monitoring
from giamngheo.monitoring.models import Report
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Program
from giamngheo.programs.services import plan_create, task_add
from giamngheo.reviews.services import cases_list
from giamngheo.support.catalogue import poverty_causes_load, support_catalogue_load
from giamngheo.support.models import SupportType
from giamngheo.support.services.lists import beneficiary_list_propose
from giamngheo.support.services.plans import household_plan_create
from tests.fixtures.people import client_for, make_user
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
SKIPPED = ("/tai-khoan/dang-xuat/", "/i18n/", "/api/", "/static/")
LINK = re.compile(r'<a [^>]*href="(/[^"#]*)"')
POST_FORM = re.compile(r'<form ([^>]*method="post"[^>]*)>(.*?)</form>', re.I | re.S)


@pytest.fixture
def world(admin_user, province_officer, officer_a, commune_a, hue, campaign):
    """One household of commune A on every list: a review case, a support plan and list, a plan, a round."""
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn Ka Vân")
    household = make_household(officer_a, commune_a, village, "Hồ Văn Nghèo", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    catalogue_load()
    indicator_catalogue_load()
    support_catalogue_load()
    poverty_causes_load()
    on = dt.date(2026, 10, 1)
    household_plan_create(
        actor=officer_a,
        household=household,
        year=2026,
        causes=[],
        other_cause="Ốm",
        helper_name="Lê A",
        on=on,
    )
    support_list = beneficiary_list_propose(
        actor=officer_a,
        support_type=SupportType.objects.get(code="bhyt-ho-ngheo"),
        commune=commune_a,
        year=2026,
        reference_date=on,
    )
    program = Program.objects.create(code="MTQG-GN", name="Chương trình", start_year=2026, end_year=2030)
    plan = plan_create(
        actor=province_officer,
        program=program,
        unit=hue,
        kind="annual",
        start_year=2026,
        end_year=2026,
        number="1/KH-UBND",
        issuer="UBND tỉnh",
        title="Kế hoạch giảm nghèo 2026",
    )
    task_add(actor=province_officer, plan=plan, number="1", content="Rà soát", lead_agency="Sở Y tế")
    reporting_round = monitoring.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=dt.date(2026, 6, 20),
        province_due=dt.date(2026, 6, 25),
    )
    return {
        "village": village,
        "pages": [
            "/",
            "/ho/",
            f"/ho/{household.pk}/",
            "/ra-soat/",
            f"/ra-soat/{campaign.pk}/",
            f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/",
            "/ke-hoach/",
            f"/ke-hoach/{plan.pk}/",
            "/giam-sat/dot/",
            f"/giam-sat/dot/{reporting_round.pk}/",
            "/ho-tro/",
            f"/ho-tro/danh-sach/{support_list.pk}/",
            f"/ho-tro/ho/{household.pk}/",
            f"/don-vi/{commune_a.pk}/",
            f"/giam-sat/bao-cao/{Report.objects.get(round=reporting_round, commune=commune_a).pk}/",
            "/ho-tro/so-theo-doi/",
            "/ho-tro/nha-o/",
            "/ke-hoach/nhiem-vu-cua-toi/",
            "/ho/chat-luong/",
            "/ra-soat/de-nghi/",
            "/tai-khoan/nhat-ky/",
        ],
    }


def _users(world, hue, commune_a, officer_a, province_officer):
    from tests.fixtures.support import join_agency

    agency = make_user("nganh", Role.AGENCY_OFFICER, hue)
    join_agency(agency, "Sở Y tế", "health")
    return {
        "oversight_province": make_user("giamsat", Role.OVERSIGHT_VIEWER, hue),
        "oversight_commune": make_user("giamsat_xa", Role.OVERSIGHT_VIEWER, commune_a),
        "village_reviewer": make_user("thon", Role.VILLAGE_REVIEWER, world["village"]),
        "chair": make_user("chutich", Role.COMMUNE_CHAIR, commune_a),
        "agency": agency,
        "commune_officer": officer_a,
        "province_officer": province_officer,
    }


def _walk(user, pages):
    """Follow every link, and send every writing button empty, on the pages the user can open.

    Returns what answered «Không có quyền» (403), the pages with a writing button, and how many links were
    followed. An empty form is refused for its content (400) by a user who may use it, never with a 403.
    """
    client = client_for(user)
    refused, seen, forms, heavy = [], set(), [], []
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        if len(queries) > MAX_QUERIES:
            heavy.append((page, len(queries)))
        if response.status_code != 200:
            continue  # a page outside the user's area or role is not on their way
        head, _main, body = response.content.decode().partition('<main class="page">')
        for attributes, inner in POST_FORM.findall(body):
            if "<button" in inner or 'type="submit"' in inner:
                forms.append(page)
                action = re.search(r'action="([^"]*)"', attributes)
                target = (action.group(1).replace("&amp;", "&") if action else "") or page
                if client.post(target, {}).status_code == 403:
                    refused.append((page, target))
        for found in LINK.findall(head) + LINK.findall(body):
            link = found.replace("&amp;", "&")
            if link in seen or link.startswith(SKIPPED):
                continue
            seen.add(link)
            if client.get(link).status_code == 403:
                refused.append((page, link))
    return refused, forms, len(seen), heavy


@pytest.mark.parametrize(
    "role",
    [
        "oversight_province",
        "oversight_commune",
        "village_reviewer",
        "chair",
        "agency",
        "commune_officer",
        "province_officer",
    ],
)
def test_no_link_ends_in_no_permission(role, world, hue, commune_a, officer_a, province_officer):
    user = _users(world, hue, commune_a, officer_a, province_officer)[role]
    refused, forms, followed, heavy = _walk(user, world["pages"])
    assert refused == []
    assert heavy == []  # every main page of every role stays under the query budget
    assert followed >= 15
    if role.startswith("oversight"):
        assert forms == []  # read-only: no button that writes
