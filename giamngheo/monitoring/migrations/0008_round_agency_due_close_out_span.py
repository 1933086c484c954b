"""Line agencies get their own deadline in a round (filled from the communes' for existing rounds); a
close-out round may span several years (`from_year`)."""

from django.db import migrations, models
from django.db.models import F, Q


def agency_due_from_commune_due(apps, schema_editor):
    ReportingRound = apps.get_model("monitoring", "ReportingRound")
    ReportingRound.objects.update(agency_due=F("commune_due"))


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0007_report_document_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reportinground",
            name="commune_due",
            field=models.DateField(verbose_name="hạn cấp xã gửi"),
        ),
        migrations.AddField(
            model_name="reportinground",
            name="agency_due",
            field=models.DateField(null=True, verbose_name="hạn sở, ngành gửi"),
        ),
        migrations.RunPython(agency_due_from_commune_due, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reportinground",
            name="agency_due",
            field=models.DateField(verbose_name="hạn sở, ngành gửi"),
        ),
        migrations.AddField(
            model_name="reportinground",
            name="from_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="tổng kết từ năm"),
        ),
        migrations.AddConstraint(
            model_name="reportinground",
            constraint=models.CheckConstraint(
                condition=Q(province_due__gte=F("agency_due")), name="round_province_after_agency"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportinground",
            constraint=models.CheckConstraint(
                condition=Q(from_year__isnull=True) | Q(kind="close_out"), name="round_from_year_only_close_out"
            ),
        ),
    ]
