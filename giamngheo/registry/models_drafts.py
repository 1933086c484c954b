"""Survey forms being filled in, kept as they are typed."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class SurveyDraft(models.Model):
    """A survey form being filled in, saved as it goes so that a lost connection or session loses nothing.

    One per officer and household; deleted when the survey is saved. `fields` holds the form's own field
    names and the text typed («1.200.000» stays as typed), not household facts: see docs/adr/0012.
    """

    household = models.ForeignKey("registry.Household", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            # the form holds one draft per officer and household: saving again replaces it
            models.UniqueConstraint(fields=["household", "author"], name="survey_draft_one_per_author"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}/{self.author_id}"
