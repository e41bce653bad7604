from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0012_climate_filtered"),
    ]

    operations = [
        migrations.AlterField(
            model_name="conversationvolume",
            name="level",
            field=models.CharField(
                choices=[
                    ("all", "All writing, per kind"),
                    ("department", "Public writing, per department"),
                    ("community", "Public writing, per public community"),
                    ("office", "Public writing, per office"),
                    ("office_department", "Public writing, per office and department"),
                    ("office_community", "Public writing, per office and public community"),
                    ("cell", "Public writing, per department, office and community"),
                ],
                max_length=20,
                verbose_name="level",
            ),
        ),
    ]
