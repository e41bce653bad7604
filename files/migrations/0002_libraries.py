"""The company library, and a library for every community made before the file share
existed (later communities get theirs from ``files.subscribers`` when they are created)."""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify

RESERVED = {"file", "files", "new", "api", "search", "me", "recent", "trash", "upload"}


def _free(Library, wanted: str) -> str:
    base = slugify(wanted, allow_unicode=True)[:114] or "library"
    candidate, number = base, 1
    while (
        candidate in RESERVED
        or candidate.isdigit()
        or Library.objects.filter(slug=candidate).exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def create_libraries(apps, schema_editor):
    Library = apps.get_model("files", "Library")
    Community = apps.get_model("communities", "Community")
    if not Library.objects.filter(kind="company").exists():
        Library.objects.create(
            kind="company", name=f"{settings.SITE_NAME} files", slug=_free(Library, "company")
        )
    for community in Community.objects.filter(file_library__isnull=True).order_by("pk"):
        Library.objects.create(
            kind="community",
            community=community,
            name=community.name[:120],
            slug=_free(Library, community.slug),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("files", "0001_initial"),
        ("communities", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_libraries, migrations.RunPython.noop)]
