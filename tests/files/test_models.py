"""The file share's models: one company library, libraries that match their kind, names unique
among live files and folders, opaque storage names, the visibility querysets, and the data
migration that gives existing communities their libraries."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from communities.models import CommunityType
from files import services
from files.models import File, FileVersion, Folder, Library, LibraryKind, version_upload_to
from tests.communities.conftest import build_community
from tests.files.conftest import fresh, upload

pytestmark = pytest.mark.django_db


def test_there_is_one_company_library(company_library):
    with pytest.raises(IntegrityError), transaction.atomic():
        Library.objects.create(kind=LibraryKind.COMPANY, name="Another", slug="another")


@pytest.mark.parametrize("owner", ["community", "owner", "both", "neither"])
def test_a_library_belongs_to_what_its_kind_says(author, public_community, owner):
    fields = {"community": public_community, "owner": author}
    if owner in ("community", "owner"):
        fields = {owner: fields[owner]}
    elif owner == "neither":
        fields = {}
    kind = LibraryKind.PERSONAL if owner == "community" else LibraryKind.COMMUNITY

    with pytest.raises(IntegrityError), transaction.atomic():
        Library.objects.create(kind=kind, name="Mismatch", slug="mismatch", **fields)


def test_names_are_unique_among_live_items_of_a_folder_only(author, personal_library):
    file = services.file_upload(actor=author, library=personal_library, upload=upload("a.txt"))
    folder = services.folder_create(actor=author, library=personal_library, name="A")

    with pytest.raises(IntegrityError), transaction.atomic():
        File.objects.create(author=author, library=personal_library, name="a.txt")
    with pytest.raises(IntegrityError), transaction.atomic():
        Folder.objects.create(library=personal_library, name="A")
    services.file_delete(actor=author, file=file)
    services.folder_delete(actor=author, folder=folder)
    File.objects.create(author=author, library=personal_library, name="a.txt")
    Folder.objects.create(library=personal_library, name="A")


def test_stored_names_are_random_and_never_the_uploaded_name():
    names = {version_upload_to(None, "../../Gaji Direksi 2026.xlsx") for _ in range(50)}

    assert len(names) == 50
    assert all(n.startswith("files/") and len(n) == 38 and "Gaji" not in n for n in names)


def test_a_file_knows_its_address_extension_and_state(author, personal_library):
    file = services.file_upload(actor=author, library=personal_library,
                                upload=upload("Budget.Final.XLSX", b"x"))  # fmt: skip
    version = file.current

    assert str(file) == "Budget.Final.XLSX" and file.extension == "xlsx"
    assert file.get_absolute_url() == f"/files/file/{file.pk}/"
    assert version.get_absolute_url() == f"/files/file/{file.pk}/v/1/download/"
    assert str(version) == "Budget.Final.XLSX v1"
    assert personal_library.get_absolute_url() == f"/files/{personal_library.slug}/"
    assert not file.is_deleted and File(name="README").extension == ""


def test_the_querysets_apply_the_one_visibility_rule(
    member, outsider, private_library, public_library, secret_library, secret_member
):
    private = services.file_upload(actor=member, library=private_library, upload=upload("a.txt"))
    secret = services.file_upload(actor=secret_member, library=secret_library,
                                  upload=upload("b.txt"))  # fmt: skip

    assert set(Library.objects.visible_to(fresh(outsider))) >= {public_library}
    assert private_library not in Library.objects.visible_to(fresh(outsider))
    assert secret_library not in Library.objects.visible_to(fresh(outsider))
    assert list(File.objects.visible_to(fresh(outsider))) == []
    assert list(File.objects.visible_to(fresh(member))) == [private]
    assert list(File.objects.visible_to(fresh(secret_member))) == [secret]
    assert not Folder.objects.visible_to(fresh(outsider)).filter(library=private_library).exists()
    assert private.is_visible_to(fresh(member)) and not private.is_visible_to(fresh(outsider))
    services.file_delete(actor=member, file=private)
    assert list(File.objects.visible_to(fresh(member))) == []


def test_deleting_a_file_row_takes_its_versions_comments_and_reactions(author, personal_library,
                                                                       colleague):  # fmt: skip
    from feed.models import Comment, Reaction
    from feed.services.conversation import comment_create, reaction_set

    file = services.file_upload(actor=author, library=personal_library, upload=upload())
    comment_create(author=colleague, target=file, body="Thanks!")
    reaction_set(user=colleague, target=file, kind="like")

    file.delete()

    assert not FileVersion.objects.exists()
    assert not Comment.objects.exists() and not Reaction.objects.exists()


def test_the_data_migration_gives_every_existing_community_a_library(db):
    migration = import_module("files.migrations.0002_libraries")
    clubs = [build_community(name=f"Club {n}", type=CommunityType.PRIVATE) for n in range(3)]
    clubs.append(build_community(name="Trash", slug="trash"))
    Library.objects.all().delete()

    migration.create_libraries(apps, None)
    migration.create_libraries(apps, None)  # Twice: nothing doubles.

    assert Library.objects.filter(kind=LibraryKind.COMPANY).count() == 1
    assert {lib.community for lib in Library.objects.filter(kind=LibraryKind.COMMUNITY)} == set(
        clubs
    )
    assert Library.objects.get(community=clubs[-1]).slug == "trash-2"
