"""Assessments store their explanation compactly; the page and the API read the same as from a full row."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from giamngheo.accounts.services import api_token_create
from giamngheo.registry import assess
from giamngheo.registry.models import Assessment, Household, Member
from giamngheo.registry.surveys import survey_submit
from giamngheo.standards import load_standard
from giamngheo.standards.explanation_store import compact, is_compact
from tests.fixtures.people import client_for
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE
from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db

POOR = dict(
    COMFORTABLE_HOUSEHOLD,
    income_per_capita=1_200_000,
    water_source="unprotected_dug_well",
    latrine="none",
    floor_area_m2=12,
)
FIELDS = (
    "household_id",
    "round_id",
    "standard",
    "reference_date",
    "income_path",
    "income_per_capita",
    "income_score",
    "deprived",
    "deprivation_count",
    "score_b",
    "category",
    "low_income_worker",
)


def assessed(officer, household) -> Assessment:
    members = household.members.filter(is_active=True)
    _round, assessment = survey_submit(
        actor=officer,
        household=household,
        reference_date=REFERENCE,
        household_values=dict(POOR),
        member_values={m.pk: dict(HEALTHY_ADULT) for m in members},
        version=household.version,
    )
    return assessment


def full_form_copy(assessment: Assessment) -> Assessment:
    """The same assessment as a row written before compaction: the full document stored."""
    old = Assessment.objects.create(
        **{field: getattr(assessment, field) for field in FIELDS},
        explanation=assessment.full_explanation,
    )
    Household.objects.filter(pk=assessment.household_id).update(latest_assessment=old)
    return old


def assessment_section(client, household) -> str:
    page = client.get(f"/ho/{household.pk}/").content.decode()
    return re.search(r'data-testid="assessment">.*?</section>', page, re.DOTALL).group(0)


def test_a_survey_stores_the_compact_form_and_the_page_reads_as_from_a_full_row(officer_a, household):
    assessment = assessed(officer_a, household)
    assessment.refresh_from_db()
    assert is_compact(assessment.explanation)
    assert "indicators" not in assessment.explanation
    client = client_for(officer_a)
    compact_section = assessment_section(client, household)

    full_form_copy(assessment)
    full_section = assessment_section(client, household)

    assert compact_section == full_section
    explanation = assessment.full_explanation
    assert len(explanation["indicators"]) > 10
    for verdict in explanation["indicators"]:
        assert verdict["name_vi"] in compact_section
        for cause in verdict["causes"]:
            assert cause in compact_section
    assert "Thiếu hụt" in compact_section


def test_the_support_plan_form_shows_the_same_sentence_for_both_forms(officer_a, household):
    assessment = assessed(officer_a, household)
    client = client_for(officer_a)
    url = f"/ho-tro/ho/{household.pk}/ke-hoach/2026/"
    compact_page = client.get(url).content.decode()
    old = full_form_copy(assessment)
    full_page = client.get(url).content.decode()
    shown = re.search(r'<p class="explanation">(.*?)</p>', compact_page, re.DOTALL).group(1)
    assert shown == re.search(r'<p class="explanation">(.*?)</p>', full_page, re.DOTALL).group(1)
    assert shown.startswith("Hộ nghèo") and old.explanation["explanation_vi"].startswith(shown[:40])


def test_the_api_gives_the_full_explanation_for_both_forms(officer_a, household):
    assessment = assessed(officer_a, household)
    old = full_form_copy(assessment)
    _token, raw = api_token_create(actor=officer_a, user=officer_a, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    new_out = client.get(f"/api/v1/assessments/{assessment.pk}").json()
    old_out = client.get(f"/api/v1/assessments/{old.pk}").json()
    assert new_out["explanation"] == old_out["explanation"] == old.explanation
    assert new_out["explanation_vi"] == old_out["explanation_vi"] == old.explanation["explanation_vi"]
    assert "hộ nghèo" in new_out["explanation_vi"]
    assert [v["key"] for v in new_out["explanation"]["indicators"] if v["deprived"]] == new_out["deprived"]


def test_an_import_stores_what_the_one_by_one_path_stores(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    file = workbook(
        [household_row("H001"), household_row("H002", income=5_000_000, latrine="Tự hoại")],
        member_rows("H001") + member_rows("H002", personal_id="")[:1],
    )
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    confirm(officer_a, batch, django_capture_on_commit_callbacks)
    assessments = list(Assessment.objects.select_related("household", "round").order_by("household__code"))
    assert [a.category for a in assessments] == ["poor", "not_poor"]
    for assessment in assessments:
        survey = assessment.round
        values, by_member = assess.round_values(survey)
        values["area"] = survey.area
        members = [
            (m, by_member[m.pk]) for m in Member.objects.filter(pk__in=by_member).order_by("member_no")
        ]
        result = assess.classify(
            load_standard(assessment.standard), assessment.household, values, members, survey.reference_date
        )
        assert is_compact(assessment.explanation)
        assert assessment.explanation == json.loads(json.dumps(compact(assess.explanation_json(result))))
        assert assessment.full_explanation == json.loads(json.dumps(assess.explanation_json(result)))
