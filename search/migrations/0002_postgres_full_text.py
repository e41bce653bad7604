"""PostgreSQL's half of the index: the weighted tsvector, kept by a trigger, and its indexes.

Titles are indexed in ``simple`` (names stay as written) and in ``english`` and
``indonesian`` (stemmed: "pembayaran" is stored as "bayar"), keywords and text in the two
stemmed configurations. Weights: title A, keywords B, text D. The trigram index on titles
finds people and communities from misspelt names. SQLite has none of this and skips it.

The texts are plain, but PostgreSQL's parser reads ``<word ...>`` as markup and drops it, so a
post quoting ``<script>`` would lose the words after it: a space after each ``<`` prevents it.
"""

from django.db import migrations

VECTOR = """
    setweight(to_tsvector('simple', replace(coalesce(NEW.title, ''), '<', '< ')), 'A') ||
    setweight(to_tsvector('english', replace(coalesce(NEW.title, ''), '<', '< ')), 'A') ||
    setweight(to_tsvector('indonesian', replace(coalesce(NEW.title, ''), '<', '< ')), 'A') ||
    setweight(to_tsvector('english', replace(coalesce(NEW.keywords, ''), '<', '< ')), 'B') ||
    setweight(to_tsvector('indonesian', replace(coalesce(NEW.keywords, ''), '<', '< ')), 'B') ||
    setweight(to_tsvector('english', replace(coalesce(NEW.body, ''), '<', '< ')), 'D') ||
    setweight(to_tsvector('indonesian', replace(coalesce(NEW.body, ''), '<', '< ')), 'D')
"""

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""
    CREATE FUNCTION search_document_vector() RETURNS trigger AS $$
    BEGIN
        NEW.vector := {VECTOR};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER search_document_vector
    BEFORE INSERT OR UPDATE OF title, keywords, body ON search_searchdocument
    FOR EACH ROW EXECUTE FUNCTION search_document_vector()
    """,
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
    """
    CREATE INDEX search_doc_name_trgm ON search_searchdocument
    USING gin (lower(title) gin_trgm_ops) WHERE kind IN ('person', 'community')
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_name_trgm",
    "DROP INDEX IF EXISTS search_doc_vector",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
