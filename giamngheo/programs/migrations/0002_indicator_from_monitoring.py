"""The indicator catalogue moves to programs (step 2 of 3): programs.Indicator on the renamed table.

Only the migration state changes here: the table and its rows already exist (monitoring 0003). Plan
targets point at programs.Indicator; the content type follows so permissions keep their rows.
"""

from django.db import migrations, models

INDICATOR_FIELDS = [
    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
    ("code", models.CharField(max_length=48, unique=True, verbose_name="mã")),
    ("name", models.CharField(max_length=400, verbose_name="tên chỉ số")),
    ("unit_label", models.CharField(max_length=32, verbose_name="đơn vị tính")),
    (
        "source",
        models.CharField(
            choices=[("computed", "Tính tự động từ dữ liệu"), ("entered", "Cơ quan phụ trách nhập")],
            max_length=16,
            verbose_name="cách có số liệu",
        ),
    ),
    (
        "computation",
        models.CharField(
            blank=True,
            help_text="Tên hàm tính đã đăng ký (chỉ số tính tự động)",
            max_length=64,
            verbose_name="hàm tính",
        ),
    ),
    (
        "better",
        models.CharField(
            choices=[("lower", "Càng thấp càng tốt"), ("higher", "Càng cao càng tốt")],
            max_length=8,
            verbose_name="chiều tốt",
        ),
    ),
    (
        "aggregation",
        models.CharField(
            choices=[
                ("sum", "Cộng từ cấp dưới"),
                ("ratio", "Tỷ lệ từ tử số và mẫu số cấp dưới"),
                ("none", "Không cộng dồn"),
            ],
            max_length=8,
            verbose_name="cộng dồn",
        ),
    ),
    ("responsible", models.CharField(blank=True, max_length=255, verbose_name="cơ quan phụ trách số liệu")),
    ("framework_ref", models.CharField(blank=True, max_length=255, verbose_name="khung kết quả")),
    ("confidence", models.CharField(default="S", max_length=1, verbose_name="độ tin cậy")),
    ("description", models.TextField(blank=True, verbose_name="mô tả")),
    ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
]


def content_type_to_programs(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="programs", model="indicator").exists():
        content_type.objects.filter(app_label="monitoring", model="indicator").update(app_label="programs")


def content_type_to_monitoring(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="monitoring", model="indicator").exists():
        content_type.objects.filter(app_label="programs", model="indicator").update(app_label="monitoring")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("monitoring", "0003_indicator_table_rename"),
        ("programs", "0001_catalogue_plan_budget_task"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Indicator",
                    fields=INDICATOR_FIELDS,
                    options={
                        "verbose_name": "chỉ số",
                        "verbose_name_plural": "danh mục chỉ số",
                        "ordering": ["order", "code"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("source", "computed"), models.Q(("computation", ""), _negated=True)),
                                    models.Q(("source", "entered"), ("computation", "")),
                                    _connector="OR",
                                ),
                                name="indicator_computation_matches_source",
                            )
                        ],
                    },
                ),
                migrations.AlterField(
                    model_name="plantarget",
                    name="indicator",
                    field=models.ForeignKey(
                        on_delete=models.deletion.PROTECT,
                        related_name="targets",
                        to="programs.indicator",
                        verbose_name="chỉ số",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_programs, content_type_to_monitoring, elidable=True),
    ]
