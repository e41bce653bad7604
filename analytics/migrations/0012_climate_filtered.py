from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0011_climate_rollups"),
    ]

    operations = [
        migrations.AddField(
            model_name="climatesentimentweek",
            name="department_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="department id"),
        ),
        migrations.AddField(
            model_name="climatesentimentweek",
            name="office_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="office id"),
        ),
        migrations.AddField(
            model_name="climatetopicweek",
            name="department_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="department id"),
        ),
        migrations.AddField(
            model_name="climatetopicweek",
            name="level",
            field=models.CharField(
                choices=[
                    ("all", "All writing"),
                    ("department", "Public writing, per department"),
                    ("office", "Public writing, per office"),
                    ("community", "Public writing, per community"),
                    ("dep_office", "Public writing, per department and office"),
                    ("dep_comm", "Public writing, per department and community"),
                    ("off_comm", "Public writing, per office and community"),
                    ("dep_off_cm", "Public writing, per department, office and community"),
                ],
                default="all",
                max_length=10,
                verbose_name="level",
            ),
        ),
        migrations.AddField(
            model_name="climatetopicweek",
            name="office_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="office id"),
        ),
        migrations.AlterField(
            model_name="climatesentimentweek",
            name="level",
            field=models.CharField(
                choices=[
                    ("all", "All writing"),
                    ("department", "Public writing, per department"),
                    ("office", "Public writing, per office"),
                    ("community", "Public writing, per community"),
                    ("dep_office", "Public writing, per department and office"),
                    ("dep_comm", "Public writing, per department and community"),
                    ("off_comm", "Public writing, per office and community"),
                    ("dep_off_cm", "Public writing, per department, office and community"),
                ],
                max_length=10,
                verbose_name="level",
            ),
        ),
        migrations.AddIndex(
            model_name="climatesentimentweek",
            index=models.Index(
                fields=["level", "department_id", "week"], name="climate_level_dep_week"
            ),
        ),
        migrations.AddIndex(
            model_name="climatesentimentweek",
            index=models.Index(
                fields=["level", "office_id", "week"], name="climate_level_off_week"
            ),
        ),
        migrations.AddIndex(
            model_name="climatetopicweek",
            index=models.Index(
                fields=["level", "department_id", "week"], name="climate_topic_dep_week"
            ),
        ),
        migrations.AddIndex(
            model_name="climatetopicweek",
            index=models.Index(
                fields=["level", "office_id", "week"], name="climate_topic_off_week"
            ),
        ),
    ]
