"""The survey form keeps a draft as it goes, shows Vietnamese numbers, and says when the session has ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from giamngheo.registry.models import Assessment, Household, SurveyDraft, SurveyRound
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.people import client_for
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, survey_post

pytestmark = pytest.mark.django_db


def preview(client, household, **changes):
    data = survey_post(household, **changes)
    data["action"] = "preview"
    return client.post(f"/ho/{household.pk}/phieu/", data, HTTP_HX_REQUEST="true")


def test_preview_reads_vietnamese_money_and_saves_a_draft(officer_a, household):
    client = client_for(officer_a)
    response = preview(client, household, **{"h-income_per_capita": "1.200.000", "h-floor_area_m2": "2,5"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Hộ cận nghèo" in content and 'data-testid="draft-saved"' in content
    draft = SurveyDraft.objects.get(household=household, author=officer_a)
    assert draft.fields["h-income_per_capita"] == "1.200.000"
    assert draft.fields["h-floor_area_m2"] == "2,5"
    assert "h-version" not in draft.fields and "action" not in draft.fields
    assert not Assessment.objects.exists()


def test_draft_comes_back_after_signing_in_again(officer_a, household):
    preview(client_for(officer_a), household, **{"h-income_per_capita": "1.200.000"})
    page = client_for(officer_a).get(f"/ho/{household.pk}/phieu/").content.decode()
    assert 'data-testid="draft-restored"' in page
    assert 'value="1.200.000"' in page


def test_saving_the_survey_deletes_the_draft(officer_a, household):
    client = client_for(officer_a)
    preview(client, household, **{"h-income_per_capita": "1.200.000"})
    response = client.post(
        f"/ho/{household.pk}/phieu/", survey_post(household, **{"h-income_per_capita": "1.200.000"})
    )
    assert response.status_code == 302
    assert not SurveyDraft.objects.exists()
    assert SurveyRound.objects.get().income_per_capita == 1200000


def test_discard_shows_the_last_round_again(officer_a, household):
    client = client_for(officer_a)
    preview(client, household, **{"h-income_per_capita": "7.000.000"})
    response = client.post(f"/ho/{household.pk}/phieu/", {"action": "discard"})
    assert response.status_code == 302
    assert not SurveyDraft.objects.exists()


def test_another_officer_does_not_see_the_draft(officer_a, household, commune_a):
    from giamngheo.accounts.roles import Role
    from tests.fixtures.people import make_user

    colleague = make_user("dong.nghiep", Role.COMMUNE_OFFICER, commune_a)
    preview(client_for(officer_a), household, **{"h-income_per_capita": "7.000.000"})
    page = client_for(colleague).get(f"/ho/{household.pk}/phieu/").content.decode()
    assert 'data-testid="draft-restored"' not in page and "7.000.000" not in page


def test_officer_of_another_commune_cannot_save_a_draft(officer_b, household):
    response = preview(client_for(officer_b), household, **{"h-income_per_capita": "1"})
    assert response.status_code == 404
    assert not SurveyDraft.objects.exists()


def test_ended_session_answers_401_to_the_preview_and_sign_in_to_the_page(household):
    response = preview(Client(), household)
    assert response.status_code == 401
    page = Client().get(f"/ho/{household.pk}/phieu/")
    assert page.status_code == 302 and "/dang-nhap/" in page["Location"]
    assert not SurveyDraft.objects.exists()


def test_form_shows_last_round_money_the_vietnamese_way(officer_a, household):
    household_values = dict(COMFORTABLE_HOUSEHOLD, income_per_capita=3_760_000)
    members = {member.pk: dict(HEALTHY_ADULT) for member in household.members.all()}
    survey_submit(
        actor=officer_a,
        household=household,
        reference_date=dt.date(2026, 10, 1),
        household_values=household_values,
        member_values=members,
        version=household.version,
    )
    page = client_for(officer_a).get(f"/ho/{household.pk}/phieu/").content.decode()
    assert 'value="3.760.000"' in page
    assert 'type="number"' not in page


def test_history_shows_formatted_money(officer_a, household):
    client = client_for(officer_a)
    client.post(f"/ho/{household.pk}/phieu/", survey_post(household, **{"h-income_per_capita": "3.760.000"}))
    household = Household.objects.get(pk=household.pk)
    client.post(f"/ho/{household.pk}/phieu/", survey_post(household, **{"h-income_per_capita": "1.200.000"}))
    page = client.get(f"/ho/{household.pk}/").content.decode()
    assert "3.760.000</span> → <strong>1.200.000" in page
    assert "3760000" not in page


def test_explanation_shows_legal_bases_in_words_not_codes(officer_a, household):
    client = client_for(officer_a)
    client.post(f"/ho/{household.pk}/phieu/", survey_post(household, **{"h-income_per_capita": "1.200.000"}))
    page = client.get(f"/ho/{household.pk}/").content.decode()
    assert "<summary>Căn cứ</summary>" in page
    assert "đã đối chiếu văn bản" in page
    for code in ("[C:", "[S]", "[U]", "[S:", "[C]", "VnExpress"):
        assert code not in page, code


def test_prune_stale_deletes_abandoned_drafts_and_old_tokens_only(officer_a, household, settings):
    from django.core.management import call_command
    from django.utils import timezone

    from giamngheo.core.idempotency import idempotency_claim
    from giamngheo.core.models import IdempotencyKey

    preview(client_for(officer_a), household, **{"h-income_per_capita": "1.200.000"})
    idempotency_claim(user=officer_a, key="old-token", action="plan_create")
    idempotency_claim(user=officer_a, key="new-token", action="plan_create")
    old = timezone.now() - dt.timedelta(days=settings.SURVEY_DRAFT_RETENTION_DAYS + 1)
    call_command("prune_stale")  # everything is fresh: nothing goes
    assert SurveyDraft.objects.count() == 1 and IdempotencyKey.objects.count() == 2

    SurveyDraft.objects.update(saved_at=old)
    IdempotencyKey.objects.filter(key="old-token").update(
        created_at=timezone.now() - dt.timedelta(days=settings.IDEMPOTENCY_KEY_RETENTION_DAYS + 1)
    )
    call_command("prune_stale")
    assert not SurveyDraft.objects.exists()
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new-token"]
