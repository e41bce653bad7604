"""The company space, and a space for every community made before the wiki existed (later
communities get theirs from ``wiki.subscribers`` when they are created)."""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify

RESERVED = {"changes", "me", "new", "api", "search"}


def _free(Space, wanted: str) -> str:
    base = slugify(wanted, allow_unicode=True)[:114] or "space"
    candidate, number = base, 1
    while candidate in RESERVED or Space.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def create_spaces(apps, schema_editor):
    Space = apps.get_model("wiki", "Space")
    Community = apps.get_model("communities", "Community")
    if not Space.objects.filter(kind="company").exists():
        Space.objects.create(
            kind="company", name=f"{settings.SITE_NAME} wiki", slug=_free(Space, "company")
        )
    for community in Community.objects.filter(wiki_space__isnull=True).order_by("pk"):
        Space.objects.create(
            kind="community",
            community=community,
            name=community.name[:120],
            slug=_free(Space, community.slug),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0001_initial"),
        ("communities", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_spaces, migrations.RunPython.noop)]
