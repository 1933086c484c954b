"""Choice labels shown through the cached table are the field's, in the language of the request."""

from __future__ import annotations

from django.utils import translation

from giamngheo.registry.models import Household, HouseholdStatus
from giamngheo.reviews.models import ReviewCase, Step


def test_labels_follow_the_language_and_unknown_values_show_as_stored():
    household = Household(status=HouseholdStatus.POOR)
    case = ReviewCase(step=Step.SURVEYED)
    with translation.override("vi"):
        assert household.get_status_display() == "Hộ nghèo"
        vietnamese_step = case.get_step_display()
        assert vietnamese_step == str(Step.SURVEYED.label)
    with translation.override("en"):
        assert household.get_status_display() == "Poor household"  # the table holds labels, not their text
        assert case.get_step_display() == str(Step.SURVEYED.label) != vietnamese_step
    household.status = "unknown"
    assert household.get_status_display() == "unknown"
