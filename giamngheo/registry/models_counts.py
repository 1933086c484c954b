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
