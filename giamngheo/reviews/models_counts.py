"""The campaign report's counts: per-household facts, their counts, and the households changed since."""

from __future__ import annotations

from django.db import models


class CampaignCountsBuilt(models.Model):
    """A campaign whose facts and counts are held, with the dates they were computed for (docs/adr/1504).

    A campaign whose dates no longer match is recomputed whole; one not listed is computed on first use.
    """

    campaign = models.OneToOneField("reviews.Campaign", on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.starts_on}–{self.ends_on}"


class CampaignHouseholdFacts(models.Model):
    """One household of a campaign's report: its commune, start and end status, flags and deprivations.

    Derived data: the same statement as the report's reference (`report_sql`) restricted to the household;
    `deprived` is kept for the poor and near-poor at the end only, `persons` for households still managed at
    the end only.
    """

    campaign = models.ForeignKey("reviews.Campaign", on_delete=models.CASCADE, related_name="+")
    household_id = models.BigIntegerField()
    commune_id = models.BigIntegerField()
    start_status = models.CharField(max_length=16)
    end_status = models.CharField(max_length=16)
    is_ethnic_minority = models.BooleanField()
    average_agricultural = models.BooleanField()
    deprived = models.CharField(max_length=255, blank=True)
    persons = models.IntegerField()

    class Meta:
        constraints = [
            # one row per household of a campaign: the refresh deletes and inserts it by this key
            models.UniqueConstraint(
                fields=["campaign", "household_id"], name="campaignfacts_one_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.household_id}"


class CampaignCount(models.Model):
    """A campaign's facts counted by commune, start, end, flags and deprivations (the report reads it)."""

    campaign = models.ForeignKey("reviews.Campaign", on_delete=models.CASCADE, related_name="+")
    commune_id = models.BigIntegerField()
    start_status = models.CharField(max_length=16)
    end_status = models.CharField(max_length=16)
    is_ethnic_minority = models.BooleanField()
    average_agricultural = models.BooleanField()
    deprived = models.CharField(max_length=255, blank=True)
    households = models.IntegerField()
    persons = models.IntegerField()

    class Meta:
        constraints = [
            # the refresh adds to a key's row: one row per key
            models.UniqueConstraint(
                fields=[
                    "campaign",
                    "commune_id",
                    "start_status",
                    "end_status",
                    "is_ethnic_minority",
                    "average_agricultural",
                    "deprived",
                ],
                name="campaigncount_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.campaign_id}/{self.commune_id}/{self.start_status}>{self.end_status}: {self.households}"
        )


class HouseholdChanged(models.Model):
    """A household whose report facts may have changed, written by database triggers on every table the
    facts read (households, members, transitions, links, review cases, survey rounds); consumed by the
    refresh. Rows, not a unique key: a change committed while a refresh runs leaves its own row behind."""

    household_id = models.BigIntegerField()

    def __str__(self) -> str:
        return str(self.household_id)
