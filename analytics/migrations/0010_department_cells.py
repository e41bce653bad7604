import django.db.models.deletion
from django.db import migrations, models

import analytics.models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0009_conversation_rollups"),
        ("profiles", "0004_directory_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="InteractionCellMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month")),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("all", "Every office and public place"),
                            ("office", "One office, every public place"),
                            ("community", "One office and public community"),
                        ],
                        max_length=9,
                        verbose_name="scope",
                    ),
                ),
                (
                    "community_id",
                    models.BigIntegerField(blank=True, null=True, verbose_name="community id"),
                ),
                (
                    "interactions",
                    models.PositiveIntegerField(default=0, verbose_name="interactions"),
                ),
                ("actors", analytics.models.PeopleField(verbose_name="people who acted")),
                ("targets", analytics.models.PeopleField(verbose_name="people acted on")),
                (
                    "actor_department",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="profiles.department",
                        verbose_name="department",
                    ),
                ),
                (
                    "actor_office",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="profiles.office",
                        verbose_name="office",
                    ),
                ),
                (
                    "target_department",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="profiles.department",
                        verbose_name="department acted on",
                    ),
                ),
            ],
            options={
                "verbose_name": "interaction cell month",
                "verbose_name_plural": "interaction cell months",
                "ordering": ["-month", "scope", "actor_department"],
            },
        ),
        migrations.DeleteModel(
            name="InteractionMonth",
        ),
        migrations.AddIndex(
            model_name="interactioncellmonth",
            index=models.Index(fields=["scope", "month"], name="interaction_cell_scope_month"),
        ),
        migrations.AddIndex(
            model_name="interactioncellmonth",
            index=models.Index(fields=["community_id", "month"], name="interaction_cell_community"),
        ),
        migrations.CreateModel(
            name="DepartmentTopicTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month")),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("all", "Every office and public place"),
                            ("office", "One office, every public place"),
                            ("community", "One office and public community"),
                        ],
                        max_length=9,
                        verbose_name="scope",
                    ),
                ),
                ("tag", models.CharField(blank=True, max_length=100, verbose_name="tag")),
                ("items", models.PositiveIntegerField(default=0, verbose_name="items")),
                ("people", models.PositiveIntegerField(default=0, verbose_name="people")),
                (
                    "department",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="profiles.department",
                        verbose_name="department",
                    ),
                ),
                (
                    "office",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="profiles.office",
                        verbose_name="office",
                    ),
                ),
            ],
            options={
                "verbose_name": "department topic total",
                "verbose_name_plural": "department topic totals",
                "ordering": ["-month", "scope", "department", "tag"],
                "indexes": [
                    models.Index(fields=["scope", "month"], name="topic_total_scope_month")
                ],
            },
        ),
    ]
