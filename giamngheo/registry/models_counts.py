"""Active households counted by unit, status, group flags and latest deprivations (kept by triggers)."""

from __future__ import annotations

from django.db import models


class HouseholdCount(models.Model):
    """How many active households share one key: the current figures of the monitoring report.

    Database triggers on the household table keep it current for every writer (services, imports, the annual
    run, raw SQL): see `registry.counts` and docs/adr/1504-report-counts.md. `assessed` and `deprived` come
    from the household's latest assessment, an insert-only row that never changes once linked. Rows whose
    count falls to zero stay; readers sum. The key is unique (NULL villages equal) on PostgreSQL through an
    index created with the triggers.
    """

    # No database constraint: the row is derived data, and units are referenced by the households already.
    province = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    village = models.ForeignKey(
        "geo.AdminUnit", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    status = models.CharField(max_length=16)
    is_ethnic_minority = models.BooleanField()
    has_merit_member = models.BooleanField()
    assessed = models.BooleanField()  # the household has a latest assessment
    deprived = models.CharField(max_length=255, blank=True)  # its comma-separated deprivation keys
    households = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.commune_id}/{self.status}: {self.households}"


class RoundMemberCount(models.Model):
    """A survey round's active members by health insurance and schooling: the monitoring report's figures.

    Derived data kept by database triggers on member facts (insert-only) and on members (a departure, a
    corrected birth year): see `registry.member_counts` and docs/adr/1507. A child is aged 6 to 14 in the
    year of the round's reference date, by year of birth.
    """

    round = models.OneToOneField(
        "registry.SurveyRound", primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )  # fmt: skip
    insurance_known = models.IntegerField()  # active members whose card is known (yes or no)
    insured = models.IntegerField()
    children = models.IntegerField()  # active members aged 6-14 whose schooling is known
    at_school = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.round_id}: {self.insured}/{self.insurance_known}, {self.at_school}/{self.children}"
