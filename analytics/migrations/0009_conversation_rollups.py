import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0008_department_and_period_rollups"),
        ("communities", "0001_initial"),
        ("profiles", "0004_directory_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConversationWeek",
            fields=[
                ("week", models.DateField(primary_key=True, serialize=False, verbose_name="week")),
                ("rolled_at", models.DateTimeField(verbose_name="rolled up at")),
                (
                    "complete",
                    models.BooleanField(default=False, verbose_name="week over when rolled up"),
                ),
                ("items", models.PositiveIntegerField(default=0, verbose_name="items")),
                (
                    "fingerprint",
                    models.CharField(max_length=100, verbose_name="fingerprint of the rows"),
                ),
                (
                    "public_communities",
                    models.JSONField(default=list, verbose_name="public communities counted"),
                ),
                (
                    "held_communities",
                    models.JSONField(
                        default=list,
                        verbose_name="communities whose public writing was left out",
                    ),
                ),
            ],
            options={
                "verbose_name": "conversation week",
                "verbose_name_plural": "conversation weeks",
                "ordering": ["-week"],
            },
        ),
        migrations.CreateModel(
            name="ConversationVolume",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("week", models.DateField(verbose_name="week")),
                ("span", models.PositiveSmallIntegerField(default=1, verbose_name="weeks")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("all", "All writing, per kind"),
                            ("department", "Public writing, per department"),
                            ("community", "Public writing, per public community"),
                            ("cell", "Public writing, per department, office and community"),
                        ],
                        max_length=10,
                        verbose_name="level",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("post", "Post"),
                            ("comment", "Comment"),
                            ("reply", "Forum reply"),
                            ("thread", "Forum thread"),
                            ("article", "Blog article"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("items", models.PositiveIntegerField(default=0, verbose_name="items")),
                ("people", models.PositiveIntegerField(default=0, verbose_name="distinct authors")),
                ("authors", models.BinaryField(verbose_name="authors (compressed bitmap)")),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="communities.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "department",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
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
                "verbose_name": "conversation volume",
                "verbose_name_plural": "conversation volumes",
                "ordering": ["-week", "level", "kind"],
                "indexes": [
                    models.Index(fields=["level", "span", "week"], name="conversation_level_week")
                ],
            },
        ),
        migrations.CreateModel(
            name="ConversationTopicDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "source",
                    models.CharField(
                        choices=[("tag", "Tag"), ("phrase", "Key phrase")],
                        max_length=6,
                        verbose_name="source",
                    ),
                ),
                ("name", models.CharField(max_length=255, verbose_name="name")),
                ("items", models.PositiveIntegerField(default=0, verbose_name="items")),
                ("people", models.PositiveIntegerField(default=0, verbose_name="distinct authors")),
                ("authors", models.BinaryField(verbose_name="authors (compressed bitmap)")),
            ],
            options={
                "verbose_name": "conversation topic day",
                "verbose_name_plural": "conversation topic days",
                "ordering": ["-day", "source", "name"],
                "indexes": [
                    models.Index(fields=["day", "source", "name"], name="conversation_topic_day")
                ],
            },
        ),
    ]
