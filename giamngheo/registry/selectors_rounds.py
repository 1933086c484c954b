"""Reads of survey rounds, assessments and survey drafts, limited to the user's area."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from giamngheo.core.errors import NotFound
from giamngheo.registry.models import Assessment, Household, MemberFacts, SurveyRound
from giamngheo.registry.models_drafts import SurveyDraft
from giamngheo.registry.selectors import households_for_user


def rounds_of(household: Household) -> QuerySet[SurveyRound]:
    """A household's survey rounds, newest first, with member facts and assessment ids."""
    return (
        SurveyRound.objects.filter(household=household)
        .prefetch_related(
            Prefetch("member_facts", queryset=MemberFacts.objects.order_by("member__member_no")),
            Prefetch("assessments", queryset=Assessment.objects.only("id", "round_id").order_by("-id")),
        )
        .order_by("-reference_date", "-id")
    )


def survey_round_get_for_user(user: Any, pk: int) -> SurveyRound:
    """One survey round of a household in the user's area, or NotFound."""
    try:
        return rounds_of_area(user).get(pk=pk)
    except SurveyRound.DoesNotExist as error:
        raise NotFound() from error


def rounds_of_area(user: Any) -> QuerySet[SurveyRound]:
    return SurveyRound.objects.filter(household__in=households_for_user(user)).prefetch_related(
        Prefetch("member_facts", queryset=MemberFacts.objects.order_by("member__member_no")),
        Prefetch("assessments", queryset=Assessment.objects.only("id", "round_id").order_by("-id")),
    )


def assessments_of(household: Household) -> QuerySet[Assessment]:
    return Assessment.objects.filter(household=household).order_by("-reference_date", "-id")


def assessment_get_for_user(user: Any, pk: int) -> Assessment:
    """One assessment of a household in the user's area, or NotFound."""
    try:
        assessment: Assessment = Assessment.objects.filter(household__in=households_for_user(user)).get(pk=pk)
    except Assessment.DoesNotExist as error:
        raise NotFound() from error
    return assessment


def survey_draft_for(user: Any, household: Household) -> SurveyDraft | None:
    """The user's own draft of the household's survey form (nobody sees another officer's draft)."""
    return SurveyDraft.objects.filter(household=household, author=user).first()
