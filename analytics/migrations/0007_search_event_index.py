"""A partial index on the searches that found nothing, for the Searches-with-no-results
dashboard: it reads only those rows (a small share of the searches, themselves a tenth of
the log) instead of every search of the period.

Created through the schema editor (so for PostgreSQL and SQLite alike) from the same ``Q``
the selector filters by (``verb``, ``payload__results=0``), so the planner can prove the
condition; it is not declared in ``Event.Meta``, so the model's state does not change.
"""

from django.db import migrations, models
from django.db.models import Q

INDEX = models.Index(
    fields=["occurred_at"],
    name="event_search_no_results",
    condition=Q(verb="search.performed", payload__results=0),
)


def create_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("analytics", "Event"), INDEX)


def drop_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("analytics", "Event"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0006_conversation_phrases"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
