"""Key phrases stored with each scored item (the Conversation dashboard's topics read them
instead of the text). Existing rows start with none: ``manage.py analytics_backfill`` (the
sentiment backfill) fills them; the migration computes nothing."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0005_climate_alerts"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentsentiment",
            name="phrases",
            field=models.JSONField(blank=True, default=list, verbose_name="key phrases"),
        ),
        migrations.AddIndex(
            model_name="contentsentiment",
            index=models.Index(
                fields=["written_at"],
                include=("kind", "author", "department", "office", "community", "is_public"),
                name="sentiment_written_cover",
            ),
        ),
    ]
