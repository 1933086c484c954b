"""Status transitions of households, owned by registry (moved from reviews, see reviews 0004)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0003_household_member_name_trigram'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='StatusTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('new_poor', 'Phát sinh mới hộ nghèo'), ('new_near_poor', 'Phát sinh mới hộ cận nghèo'), ('relapse_poor', 'Tái nghèo'), ('relapse_near_poor', 'Tái cận nghèo'), ('near_poor_to_poor', 'Cận nghèo trở thành nghèo'), ('poor_to_near_poor', 'Nghèo trở thành cận nghèo'), ('escaped_poor', 'Thoát nghèo'), ('escaped_near_poor', 'Thoát cận nghèo'), ('moved_away', 'Chuyển đi'), ('merged', 'Nhập hộ'), ('other', 'Khác')], max_length=24)),
                ('from_status', models.CharField(max_length=16)),
                ('to_status', models.CharField(max_length=16)),
                ('effective_on', models.DateField(verbose_name='ngày hiệu lực')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('household', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='registry.household')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'biến động diện hộ',
                'verbose_name_plural': 'biến động diện hộ',
                'ordering': ['household', 'effective_on', 'id'],
                'indexes': [models.Index(fields=['household', '-effective_on'], name='household_transition_idx')],
            },
        ),
    ]
