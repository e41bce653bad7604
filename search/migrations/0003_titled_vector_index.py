"""A small GIN index for search as you type: the vectors of titled things (articles, forum
threads, wiki pages, files), whose titles it suggests at any age, while other content is
suggested from the newest documents only (``search.engine.postgres.suggest``). PostgreSQL
only, like migration 0002."""

from django.db import migrations

FORWARD = [
    """
    CREATE INDEX IF NOT EXISTS search_doc_titled_vector ON search_searchdocument
    USING gin (vector) WHERE title <> '' AND kind NOT IN ('person', 'community')
    """,
]

BACKWARD = ["DROP INDEX IF EXISTS search_doc_titled_vector"]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_full_text")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
