"""Campaign reports: movements reconcile on generated campaigns, provinces equal their communes, xlsx."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.geo.models import AdminUnit, Level, Succession, Tree
from giamngheo.registry.models import Household, Member, StatusTransition
from giamngheo.reviews.models import RequestForm, ReviewCase, ReviewRequest, Step, TransitionLink
from giamngheo.reviews.outcomes import OUTCOME_STATUS, proposed_outcome
from giamngheo.reviews.reports import campaign_report
from giamngheo.reviews.reports_xlsx import report_sheets
from giamngheo.reviews.services import cases_list, decision_make
from tests.fixtures.people import client_for, make_user
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2026, 10, 20)
MOVED = dt.date(2026, 11, 2)
STATUSES = ("poor", "near_poor", "none", "average")
CATEGORIES = ("poor", "near_poor", "average", "not_poor")
_codes = itertools.count(1)

# Which movement column each recorded outcome feeds, per list: an independent statement of the table.
POOR_COLUMNS = {
    "poor_to_near_poor": ("to_near_poor", -1),
    "escaped_poor": ("escaped", -1),
    "near_poor_to_poor": ("from_near_poor", 1),
    "relapse_poor": ("relapse", 1),
    "new_poor": ("new", 1),
}
NEAR_POOR_COLUMNS = {
    "near_poor_to_poor": ("to_poor", -1),
    "escaped_near_poor": ("escaped", -1),
    "poor_to_near_poor": ("from_poor", 1),
    "relapse_near_poor": ("relapse", 1),
    "new_near_poor": ("new", 1),
}


@dataclass(frozen=True)
class Spec:
    commune: int
    status: str
    category: str
    requested: bool
    escaped_before: bool
    moves_away: bool
    minority: bool
    persons: int


specs = st.builds(
    Spec,
    commune=st.integers(0, 1),
    status=st.sampled_from(STATUSES),
    category=st.sampled_from(CATEGORIES),
    requested=st.booleans(),
    escaped_before=st.booleans(),
    moves_away=st.integers(0, 5).map(lambda n: n == 0),
    minority=st.booleans(),
    persons=st.integers(0, 3),
)
arrivals = st.lists(st.tuples(st.integers(0, 1), st.sampled_from(("poor", "near_poor", "none"))), max_size=4)


def _household(commune: AdminUnit, status: str, *, minority: bool = False, on: dt.date = dt.date(2020, 1, 1)):
    return Household.objects.create(
        code=f"T{next(_codes):07d}",
        province_id=commune.province_id,
        commune=commune,
        registered_on=on,
        status=status,
        head_name="Hộ thử",
        is_ethnic_minority=minority,
    )


def _expected(rows, commune_count):
    """Start, end and columns per commune and list, from what the generator decided."""
    result = {
        name: [{"start": 0, "end": 0, "columns": {}} for _ in range(commune_count)]
        for name in ("poor", "near_poor")
    }

    def add(name, commune, key, n=1):
        columns = result[name][commune]["columns"]
        columns[key] = columns.get(key, 0) + n

    for commune, start, outcome, after_decision, moved, arrived in rows:
        end = "closed" if moved else after_decision
        for name, columns in (("poor", POOR_COLUMNS), ("near_poor", NEAR_POOR_COLUMNS)):
            result[name][commune]["start"] += start == name
            result[name][commune]["end"] += end == name
            if outcome in columns:
                add(name, commune, columns[outcome][0])
            if moved and after_decision == name:
                add(name, commune, "other_decrease")
            if arrived and after_decision == name:
                add(name, commune, "other_increase")
    return result


def _generate(households, arrived, communes, officers, chairs, campaign):
    """Households and requests, then steps 1 and 6 through the services, then moves and arrivals."""
    made = []
    for spec in households:
        household = _household(communes[spec.commune], spec.status, minority=spec.minority)
        Member.objects.bulk_create(
            Member(
                household=household,
                member_no=n + 1,
                full_name="Người thử",
                search_name="nguoi thu",
                birth_year=1980,
                sex="male",
            )
            for n in range(spec.persons)
        )
        if spec.escaped_before and spec.status not in ("poor", "near_poor"):
            StatusTransition.objects.create(
                household=household,
                kind="escaped_near_poor",
                from_status="near_poor",
                to_status=spec.status,
                effective_on=dt.date(2024, 11, 1),
            )
        if spec.requested:
            ReviewRequest.objects.create(
                household=household,
                form=RequestForm.FORM_01,
                received_on=dt.date(2026, 9, 5),
                recorded_by=officers[0],
            )
        made.append((spec, household))
    for commune, officer in zip(communes, officers, strict=True):
        cases_list(actor=officer, campaign=campaign, commune=commune)
    rows = []
    for spec, household in made:
        case = ReviewCase.objects.filter(campaign=campaign, household=household).first()
        assert (case is not None) == (spec.status in ("poor", "near_poor") or spec.requested)
        outcome, after = "", spec.status
        if case is not None:
            # The fast path: the rows steps 2–5 leave behind (a posted case with its proposal).
            escaped = spec.escaped_before and spec.status not in ("poor", "near_poor")
            outcome = proposed_outcome(spec.status, spec.category, escaped_before=escaped)
            ReviewCase.objects.filter(pk=case.pk).update(step=Step.POSTED, proposed=outcome)
            after = OUTCOME_STATUS[outcome]
        rows.append([spec.commune, spec.status, outcome, after, spec.moves_away, False])
    for index, commune in enumerate(communes):
        if ReviewCase.objects.filter(campaign=campaign, commune=commune).exists():
            decision_make(
                actor=chairs[index],
                campaign=campaign,
                commune=commune,
                number=f"{index}/QĐ",
                signed_on=SIGNED,
            )
    for spec, household in made:
        if spec.moves_away:  # what moving a household out of the commune records
            household.refresh_from_db()
            moved = StatusTransition.objects.create(
                household=household,
                kind="moved_away",
                from_status=household.status,
                to_status="none",
                effective_on=MOVED,
            )
            TransitionLink.objects.create(transition=moved, campaign=campaign)
            Household.objects.filter(pk=household.pk).update(
                is_active=False, closed_on=MOVED, closed_reason="moved_out"
            )
    for commune_index, status in arrived:
        household = _household(communes[commune_index], status, on=MOVED)
        StatusTransition.objects.create(
            household=household, kind="other", from_status="none", to_status=status, effective_on=MOVED
        )
        rows.append([commune_index, "none", "", status, False, True])
    return made, rows


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(households=st.lists(specs, min_size=1, max_size=14), arrived=arrivals)
def test_generated_campaigns_reconcile_and_province_equals_its_communes(
    households, arrived, officer_a, officer_b, chair_a, commune_a, commune_b, campaign, province_officer, hue
):
    communes = [commune_a, commune_b]
    chairs = [chair_a, make_user(f"chutich_b_{next(_codes)}", "commune_chair", commune_b)]
    with transaction.atomic():
        made, rows = _generate(households, arrived, communes, [officer_a, officer_b], chairs, campaign)
        expected = _expected(rows, 2)
        province = campaign_report(province_officer, campaign, hue)
        by_commune = {commune.pk: index for index, commune in enumerate(province.communes)}
        assert province.reconciles
        for name in ("poor", "near_poor"):
            movement = getattr(province, name)
            for index, commune in enumerate(communes):
                row = movement.rows[by_commune[commune.pk]]
                want = expected[name][index]
                assert (row.start, row.end) == (want["start"], want["end"])
                assert {key: n for key, n in row.columns.items() if n} == want["columns"]
                assert row.computed_end(movement.spec) == row.end
            assert movement.total.start == sum(row.start for row in movement.rows)
            assert movement.total.end == sum(row.end for row in movement.rows)
        for commune in communes:
            alone = campaign_report(province_officer, campaign, commune)
            index = by_commune[commune.pk]
            assert alone.poor.rows[0] == province.poor.rows[index]
            assert alone.near_poor.rows[0] == province.near_poor.rows[index]
            assert alone.summary[0] == province.summary[index]
            assert alone.ethnic[0] == province.ethnic[index]
        live = [spec for spec, _household in made if not spec.moves_away]
        assert province.summary_total.households == len(live) + len(arrived)
        assert province.summary_total.persons == sum(spec.persons for spec in live)
        assert province.summary_total.poor == expected["poor"][0]["end"] + expected["poor"][1]["end"]
        assert province.ethnic_total.minority_households == sum(spec.minority for spec in live)
        transaction.set_rollback(True)


def test_a_household_closed_without_its_transition_is_shown_as_not_reconciling(
    province_officer, officer_a, commune_a, village_a, campaign
):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Đi", "poor")
    Household.objects.filter(pk=household.pk).update(
        is_active=False, closed_on=dt.date(2026, 9, 10), closed_reason="moved_out"
    )
    report = campaign_report(province_officer, campaign, commune_a)
    assert (report.poor.rows[0].start, report.poor.rows[0].end) == (1, 0)
    assert not report.reconciles
    assert report.poor.mismatches == [report.poor.rows[0], report.poor.total]


def test_report_uses_grouped_queries_whatever_the_number_of_households(
    province_officer, commune_a, campaign, hue, django_assert_max_num_queries
):
    for n in range(30):
        _household(commune_a, STATUSES[n % 4], minority=n % 3 == 0)
    with django_assert_max_num_queries(16):  # the first report of a campaign computes its facts
        report = campaign_report(province_officer, campaign, hue)
    assert report.summary_total.households == 30
    assert report.summary_total.poor == 8
    _household(commune_a, "poor")
    with django_assert_max_num_queries(16):  # then brings the changed households up to date
        report = campaign_report(province_officer, campaign, hue)
    with django_assert_max_num_queries(10):  # or only reads
        report = campaign_report(province_officer, campaign, hue)
    assert report.summary_total.poor == 9


def test_deprivation_profile_counts_exact_indicator_keys(province_officer, commune_a, campaign):
    from giamngheo.registry.models import Assessment, SurveyRound

    household = _household(commune_a, "poor")
    survey_round = SurveyRound.objects.create(
        household=household, reference_date=dt.date(2026, 9, 2), area="rural", agricultural=True
    )
    assessment = Assessment.objects.create(
        household=household,
        round=survey_round,
        standard="2022-2025",
        reference_date=dt.date(2026, 9, 2),
        income_path="income",
        deprived="housing_quality,water,telecom",
        deprivation_count=3,
        score_b=30,
        category="poor",
        explanation={},
    )
    Household.objects.filter(pk=household.pk).update(latest_assessment=assessment)
    report = campaign_report(province_officer, campaign, commune_a)
    lacking = {key for key, n in report.deprivation[0].poor.items() if n}
    keys = {key for key, _name in report.indicators}
    assert lacking == {"housing_quality", "water", "telecom"} & keys
    assert report.deprivation_total.near_poor == dict.fromkeys(keys, 0)


def test_legacy_district_report_covers_the_primary_successors_of_its_communes(
    province_officer, campaign, commune_a
):
    legacy = (
        Succession.objects.filter(
            successor=commune_a,
            is_primary=True,
            predecessor__tree=Tree.LEGACY,
            predecessor__level=Level.COMMUNE,
        )
        .select_related("predecessor")
        .first()
    )
    assert legacy is not None
    district = AdminUnit.objects.get(pk=legacy.predecessor.district_id)
    _household(commune_a, "poor")
    report = campaign_report(province_officer, campaign, district)
    assert commune_a in report.communes
    assert all(commune.tree == Tree.CURRENT for commune in report.communes)
    assert report.summary_total.poor == 1


def test_report_page_and_workbook_open_for_the_area_and_404_outside(
    province_officer, officer_a, officer_b, commune_a, campaign, hue
):
    _household(commune_a, "poor", minority=True)
    page = client_for(officer_a).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={commune_a.pk}")
    assert page.status_code == 200
    assert "Diễn biến hộ nghèo" in page.content.decode()
    assert (
        client_for(officer_b).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={commune_a.pk}").status_code == 404
    )
    assert client_for(officer_a).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={hue.pk}").status_code == 404
    download = client_for(province_officer).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={hue.pk}&format=xlsx")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Diễn biến hộ nghèo",
        "Diễn biến hộ cận nghèo",
        "Thiếu hụt",
        "Dân tộc thiểu số",
    ]
    summary = workbook["Tổng hợp"]
    assert summary["A1"].value == "Xã, phường, đặc khu"
    last = summary.max_row
    assert summary.cell(last, 1).value == "Tổng cộng"
    assert (summary.cell(last, 2).value, summary.cell(last, 4).value, summary.cell(last, 5).value) == (
        1,
        1,
        100,
    )
    assert summary.cell(last, 5).number_format == "0.00"
    report = campaign_report(province_officer, campaign, hue)
    assert [sheet.title for sheet in report_sheets(report)] == workbook.sheetnames


def _calc_installed() -> bool:
    """LibreOffice with its spreadsheet (Calc): a Writer-only install cannot open a workbook at all."""
    soffice = shutil.which("soffice")
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc (soffice) is not installed")
def test_workbook_opens_in_libreoffice(province_officer, commune_a, campaign, hue, tmp_path):
    for n in range(6):
        _household(commune_a, STATUSES[n % 4], minority=n % 2 == 0)
    download = client_for(province_officer).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={hue.pk}&format=xlsx")
    workbook = tmp_path / "bao-cao.xlsx"
    workbook.write_bytes(b"".join(download.streaming_content))
    converted = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
