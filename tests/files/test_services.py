"""The file share's services: libraries, folders, uploads and versions, the trash, sharing
to the feed; bad input is refused with a clear message and nothing is stored."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from communities import services as communities
from communities.models import CommunityType
from feed.models import Post
from files import services
from files.models import File, FileVersion, Folder, Library, LibraryKind, TextState
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import named
from tests.files.conftest import join, png_bytes, stored, upload

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def stored_files() -> set[str]:
    """Every name under files/ in the storage."""
    if not default_storage.exists("files"):
        return set()
    return {f"files/{name}" for name in default_storage.listdir("files")[1]}


def make_file(actor, library, name="notes.txt", data=b"Quarterly numbers\n", **fields):
    return services.file_upload(actor=actor, library=library, upload=upload(name, data), **fields)


# --- libraries -----------------------------------------------------------------------------------


def test_the_company_library_exists_once(company_library):
    again = services.library_company_ensure()

    assert again == company_library
    assert company_library.kind == LibraryKind.COMPANY and company_library.slug == "company"
    assert Library.objects.filter(kind=LibraryKind.COMPANY).count() == 1


def test_a_new_community_gets_its_library_when_it_is_created(run, author, published):
    community = run(communities.community_create, creator=author, name="Design Guild")

    library = Library.objects.get(community=community)
    assert library.kind == LibraryKind.COMMUNITY and library.name == "Design Guild"
    assert services.library_ensure_for_community(community=community) == library
    assert named(published, "files.library_created")


def test_a_personal_library_is_made_once_under_a_free_address(author):
    first = services.library_create_personal(owner=author)

    assert services.library_create_personal(owner=author) == first
    assert first.slug == "u-ratna" and first.owner == author


def test_a_library_address_never_takes_a_reserved_word_or_a_number(db):
    file_club = build_community(name="File", slug="file")
    numbers = build_community(name="2026", slug="2026")

    assert services.library_ensure_for_community(community=file_club).slug == "file-2"
    assert services.library_ensure_for_community(community=numbers).slug == "2026-2"


# --- uploads -----------------------------------------------------------------------------------


def test_uploading_a_file_stores_its_bytes_under_an_opaque_name(
    run, author, personal_library, published
):
    file = run(make_file, author, personal_library, name="Laporan Q3.txt", description="Numbers",
               tags=["finance", "#Q3"])  # fmt: skip

    file.refresh_from_db()
    version = file.current
    assert (file.name, file.author, file.community, file.folder) == (
        "Laporan Q3.txt", author, None, None,
    )  # fmt: skip
    assert (file.size, file.content_type, file.version_count) == (18, "text/plain", 1)
    assert sorted(t.name for t in file.tags.all()) == ["finance", "q3"]
    assert version.number == 1 and version.original_name == "Laporan Q3.txt"
    assert len(version.sha256) == 64 and version.uploaded_by == author
    assert version.blob.name.startswith("files/") and "Laporan" not in version.blob.name
    assert len(version.blob.name) == len("files/") + 32
    assert version.blob.read() == b"Quarterly numbers\n"
    assert version.text_state == TextState.DONE and version.text == "Quarterly numbers"
    [event] = named(published, "file.uploaded")
    assert event.object_id == file.pk and event.payload["size"] == 18


def test_a_community_file_is_placed_in_its_community(member, private_library, private_community):
    file = make_file(member, private_library)

    assert file.community == private_community and file.library == private_library


def test_the_name_given_wins_over_the_uploaded_one_and_both_are_cleaned(author, personal_library):
    file = services.file_upload(
        actor=author, library=personal_library, upload=upload("../../etc/passwd"),
        name="<script>.html",
    )  # fmt: skip

    assert file.name == "script.html"
    assert file.current.original_name == "passwd"


def test_a_path_traversal_name_stays_a_plain_name(author, personal_library):
    file = make_file(author, personal_library, name="../../etc/passwd")

    assert file.name == "passwd"
    assert ".." not in file.current.blob.name and file.current.blob.name.startswith("files/")


def test_an_image_that_is_not_an_image_is_what_its_bytes_are(author, personal_library):
    fake = make_file(author, personal_library, name="photo.png", data=b"<script>alert(1)</script>")
    real = make_file(author, personal_library, name="real.png", data=png_bytes())

    assert fake.content_type == fake.current.content_type == "application/octet-stream"
    assert real.content_type == "image/png"


def test_a_zero_byte_file_is_refused_with_a_clear_message(author, personal_library):
    before = stored_files()

    with pytest.raises(ValidationError) as info:
        make_file(author, personal_library, name="empty.txt", data=b"")

    [error] = info.value.error_dict["upload"]
    assert error.code == "empty"
    assert "empty.txt is empty" in error.messages[0]
    assert not File.objects.exists() and stored_files() == before


def test_a_51_mb_upload_is_refused_with_a_clear_message_and_nothing_is_stored(
    author, personal_library
):
    before = stored_files()
    big = SimpleUploadedFile("video.mp4", b"\0" * (51 * MB))

    with pytest.raises(ValidationError) as info:
        services.file_upload(actor=author, library=personal_library, upload=big)

    [error] = info.value.error_dict["upload"]
    assert error.code == "too_large"
    message = error.messages[0].replace("\xa0", " ")
    assert message == "video.mp4 is 51.0 MB; the limit for one file is 50.0 MB."
    assert not File.objects.exists() and not FileVersion.objects.exists()
    assert stored_files() == before


@override_settings(FILE_MAX_BYTES=10)
def test_the_size_limit_is_a_setting(author, personal_library):
    make_file(author, personal_library, data=b"0123456789")

    with pytest.raises(ValidationError) as info:
        make_file(author, personal_library, name="b.txt", data=b"0123456789A")
    assert info.value.error_dict["upload"][0].code == "too_large"


def test_every_error_of_an_upload_is_reported_at_once(author, personal_library):
    with pytest.raises(ValidationError) as info:
        services.file_upload(actor=author, library=personal_library, upload=upload(data=b""),
                             description="x" * 2001, tags=[f"t{n}" for n in range(11)])  # fmt: skip

    assert set(info.value.error_dict) == {"upload", "description", "tags"}


def test_a_taken_name_offers_a_new_version_of_the_other_file(author, personal_library):
    first = make_file(author, personal_library, name="Plan.txt")
    before = stored_files()

    with pytest.raises(ValidationError) as info:
        make_file(author, personal_library, name="plan.TXT")

    [error] = info.value.error_dict["name"]
    assert error.code == "name_taken" and error.params["file_id"] == first.pk
    assert "Upload it as a new version" in error.messages[0]
    assert stored_files() == before


def test_the_same_name_is_fine_in_another_folder(author, personal_library):
    folder = services.folder_create(actor=author, library=personal_library, name="2026")
    make_file(author, personal_library, name="plan.txt")

    again = make_file(author, personal_library, name="plan.txt", folder=folder)

    assert again.folder == folder


def test_a_folder_of_another_library_is_refused(author, personal_library, company_library,
                                                communicator):  # fmt: skip
    elsewhere = services.folder_create(actor=communicator, library=company_library, name="HR")

    with pytest.raises(ValidationError) as info:
        make_file(author, personal_library, folder=elsewhere)
    assert "folder" in info.value.error_dict


def test_a_failed_upload_leaves_no_bytes_behind(author, personal_library, monkeypatch):
    from files.services import files as file_services

    def broken(file, version):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(file_services, "_make_current", broken)
    before = stored_files()

    with pytest.raises(RuntimeError):
        make_file(author, personal_library)

    assert stored_files() == before


# --- versions ----------------------------------------------------------------------------------


def test_a_new_version_becomes_current_and_the_old_one_stays(run, author, personal_library,
                                                             colleague, published):  # fmt: skip
    file = make_file(author, personal_library, name="logo.txt", data=b"draft")

    version = run(
        services.file_upload_version, actor=author, file=file,
        upload=upload("logo-final.png", png_bytes()), comment="The final one",
    )  # fmt: skip

    file.refresh_from_db()
    assert (version.number, version.comment, version.original_name) == (
        2, "The final one", "logo-final.png",
    )  # fmt: skip
    assert file.current == version and file.name == "logo.txt"
    assert (file.version_count, file.content_type, file.size) == (2, "image/png", version.size)
    assert list(file.versions.values_list("number", flat=True)) == [2, 1]
    assert named(published, "file.version_uploaded")


def test_restoring_an_old_version_makes_a_new_current_one_with_a_copy_of_its_bytes(
    author, personal_library
):
    file = make_file(author, personal_library, data=b"first")
    services.file_upload_version(actor=author, file=file, upload=upload(data=b"second"))

    services.file_version_restore(actor=author, file=file, number=1)

    file.refresh_from_db()
    first = file.versions.get(number=1)
    assert file.current.number == 3 and file.current.restored_from == 1
    assert file.current.blob.name != first.blob.name
    assert file.current.blob.read() == b"first" and file.current.sha256 == first.sha256
    assert file.current.comment == "Restored version 1"
    assert file.version_count == 3


def test_the_current_version_cannot_be_restored_or_deleted(author, personal_library):
    file = make_file(author, personal_library)

    with pytest.raises(ValidationError):
        services.file_version_restore(actor=author, file=file, number=1)
    with pytest.raises(ValidationError):
        services.file_version_delete(actor=author, file=file, number=1)
    with pytest.raises(Http404):
        services.file_version_delete(actor=author, file=file, number=7)


def test_deleting_an_old_version_deletes_its_stored_bytes(run, author, personal_library):
    file = make_file(author, personal_library, data=b"old")
    services.file_upload_version(actor=author, file=file, upload=upload(data=b"new"))
    old = file.versions.get(number=1)
    assert stored(old.blob.name)

    run(services.file_version_delete, actor=author, file=file, number=1)

    file.refresh_from_db()
    assert not stored(old.blob.name)
    assert stored(file.current.blob.name)
    assert file.version_count == 1 and not FileVersion.objects.filter(pk=old.pk).exists()


def test_the_bytes_of_a_deleted_version_stay_until_the_transaction_commits(
    author, personal_library
):
    file = make_file(author, personal_library, data=b"old")
    services.file_upload_version(actor=author, file=file, upload=upload(data=b"new"))
    old = file.versions.get(number=1)

    services.file_version_delete(actor=author, file=file, number=1)  # Not committed yet.

    assert stored(old.blob.name)


def test_anyone_who_uploads_there_adds_versions_but_only_the_uploader_deletes_them(
    member, private_library, private_community
):
    file = make_file(member, private_library, data=b"one")
    other = join(UserFactory(username="joko"), private_community)

    services.file_upload_version(actor=other, file=file, upload=upload(data=b"two"))
    with pytest.raises(PermissionDenied):
        services.file_version_delete(actor=other, file=file, number=1)
    services.file_version_delete(actor=member, file=file, number=1)


# --- edit, move, delete, restore ---------------------------------------------------------------


def test_editing_a_file_changes_its_name_description_and_topics(author, personal_library,
                                                                published, run):  # fmt: skip
    file = make_file(author, personal_library, tags=["old"])

    edited = run(services.file_edit, actor=author, file=file, name="../Minutes.txt",
                 description="From Monday", tags="rapat, Budget")  # fmt: skip

    assert (edited.name, edited.description) == ("Minutes.txt", "From Monday")
    assert sorted(t.name for t in edited.tags.all()) == ["budget", "rapat"]
    [event] = named(published, "file.edited")
    assert event.payload["fields"] == ["name", "description", "tags"]


def test_renaming_to_a_taken_name_is_refused(author, personal_library):
    make_file(author, personal_library, name="a.txt")
    second = make_file(author, personal_library, name="b.txt")

    with pytest.raises(ValidationError) as info:
        services.file_edit(actor=author, file=second, name="A.txt")
    assert info.value.error_dict["name"][0].code == "name_taken"


def test_moving_a_file_between_folders(author, personal_library):
    folder = services.folder_create(actor=author, library=personal_library, name="Archive")
    file = make_file(author, personal_library)

    assert services.file_move(actor=author, file=file, folder=folder).folder == folder
    assert services.file_move(actor=author, file=file, folder=None).folder is None


def test_deleting_a_file_puts_it_in_the_trash_and_its_uploader_restores_it(
    author, personal_library
):
    file = make_file(author, personal_library)

    services.file_delete(actor=author, file=file)
    file.refresh_from_db()
    assert file.is_deleted and file.deleted_by == author
    assert not File.objects.visible_to(author).exists()
    assert stored(file.current.blob.name)  # The trash keeps the bytes.
    with pytest.raises(ValidationError):
        services.file_delete(actor=author, file=file)

    restored = services.file_restore(actor=author, file=file)
    assert not restored.is_deleted and File.objects.visible_to(author).get() == file


def test_a_restored_file_whose_name_was_taken_meanwhile_gets_a_free_one(author, personal_library):
    file = make_file(author, personal_library, name="plan.txt")
    services.file_delete(actor=author, file=file)
    make_file(author, personal_library, name="plan.txt")

    assert services.file_restore(actor=author, file=file).name == "plan (2).txt"


def test_the_trash_is_restorable_for_30_days_only(author, personal_library):
    file = make_file(author, personal_library)
    services.file_delete(actor=author, file=file)
    File.objects.filter(pk=file.pk).update(deleted_at=timezone.now() - timedelta(days=31))

    with pytest.raises(Http404):
        services.file_restore(actor=author, file=file)


# --- folders -------------------------------------------------------------------------------------


def test_folders_nest_rename_and_refuse_taken_names(author, personal_library):
    reports = services.folder_create(actor=author, library=personal_library, name=" Reports ")
    q3 = services.folder_create(actor=author, library=personal_library, parent=reports, name="Q3")

    assert (reports.name, q3.parent) == ("Reports", reports)
    with pytest.raises(ValidationError) as info:
        services.folder_create(actor=author, library=personal_library, name="reports")
    assert info.value.error_dict["name"][0].code == "name_taken"
    assert services.folder_rename(actor=author, folder=q3, name="../Q4").name == "Q4"
    with pytest.raises(ValidationError):
        services.folder_create(actor=author, library=personal_library, name="   ")


def test_a_folder_cannot_move_into_itself_or_below_itself(author, personal_library):
    top = services.folder_create(actor=author, library=personal_library, name="Top")
    middle = services.folder_create(actor=author, library=personal_library, parent=top,
                                    name="Middle")  # fmt: skip
    bottom = services.folder_create(actor=author, library=personal_library, parent=middle,
                                    name="Bottom")  # fmt: skip

    for target in (top, middle, bottom):
        with pytest.raises(ValidationError) as info:
            services.folder_move(actor=author, folder=top, parent=target)
        assert "parent" in info.value.error_dict
    moved = services.folder_move(actor=author, folder=bottom, parent=None)
    assert moved.parent is None


def test_deleting_a_folder_trashes_everything_in_it_and_restoring_brings_it_all_back(
    author, personal_library
):
    top = services.folder_create(actor=author, library=personal_library, name="Top")
    inner = services.folder_create(actor=author, library=personal_library, parent=top,
                                   name="Inner")  # fmt: skip
    deep = make_file(author, personal_library, name="deep.txt", folder=inner)
    earlier = make_file(author, personal_library, name="earlier.txt", folder=top)
    services.file_delete(actor=author, file=earlier)

    services.folder_delete(actor=author, folder=top)

    assert set(Folder.objects.trashed().values_list("trashed_with", flat=True)) == {top.pk}
    deep.refresh_from_db()
    assert deep.is_deleted and deep.trashed_with == top
    services.folder_restore(actor=author, folder=top)
    deep.refresh_from_db()
    earlier.refresh_from_db()
    assert not deep.is_deleted and not Folder.objects.trashed().exists()
    assert earlier.is_deleted  # Deleted by itself before: it stays in the trash.


def test_a_file_restored_from_a_trashed_folder_comes_back_to_the_nearest_live_one(
    author, personal_library
):
    top = services.folder_create(actor=author, library=personal_library, name="Top")
    inner = services.folder_create(actor=author, library=personal_library, parent=top,
                                   name="Inner")  # fmt: skip
    file = make_file(author, personal_library, folder=inner)
    services.folder_delete(actor=author, folder=inner)

    restored = services.file_restore(actor=author, file=file)

    assert restored.folder == top and not restored.is_deleted


# --- emptying and purging the trash ------------------------------------------------------------


def test_emptying_the_trash_deletes_the_stored_bytes_of_every_version(
    run, author, personal_library
):
    folder = services.folder_create(actor=author, library=personal_library, name="Old")
    inside = make_file(author, personal_library, name="inside.txt", folder=folder)
    alone = make_file(author, personal_library, name="alone.txt")
    services.file_upload_version(actor=author, file=alone, upload=upload(data=b"v2"))
    kept = make_file(author, personal_library, name="kept.txt")
    doomed = list(FileVersion.objects.exclude(file=kept).values_list("blob", flat=True))
    assert len(doomed) == 3 and all(stored(name) for name in doomed)
    services.folder_delete(actor=author, folder=folder)
    services.file_delete(actor=author, file=alone)

    assert run(services.trash_empty, actor=author, library=personal_library) == 2

    assert not any(stored(name) for name in doomed)
    assert list(File.objects.all()) == [kept] and stored(kept.current.blob.name)
    assert not Folder.objects.exists()
    assert not File.objects.filter(pk=inside.pk).exists()


def test_emptying_the_trash_takes_only_what_the_person_may_restore(
    member, private_library, private_community
):
    other = join(UserFactory(username="joko"), private_community)
    mine = make_file(member, private_library, name="mine.txt")
    theirs = make_file(other, private_library, name="theirs.txt")
    services.file_delete(actor=member, file=mine)
    services.file_delete(actor=other, file=theirs)

    assert services.trash_empty(actor=member, library=private_library) == 1

    assert list(File.objects.all()) == [theirs]


def test_purging_expired_trash_deletes_old_items_and_their_bytes_only(
    run, author, personal_library
):
    old = make_file(author, personal_library, name="old.txt")
    recent = make_file(author, personal_library, name="recent.txt")
    folder = services.folder_create(actor=author, library=personal_library, name="Old folder")
    in_folder = make_file(author, personal_library, name="in.txt", folder=folder)
    for item in (old, recent):
        services.file_delete(actor=author, file=item)
    services.folder_delete(actor=author, folder=folder)
    long_ago = timezone.now() - timedelta(days=31)
    File.objects.filter(pk__in=[old.pk, in_folder.pk]).update(deleted_at=long_ago)
    Folder.objects.filter(pk=folder.pk).update(deleted_at=long_ago)

    assert run(services.trash_purge_expired) == 2

    assert list(File.objects.all()) == [recent]
    assert not stored(old.current.blob.name) and not stored(in_folder.current.blob.name)
    assert stored(recent.current.blob.name)
    assert run(services.trash_purge_expired) == 0  # Idempotent.


# --- sharing and downloads ---------------------------------------------------------------------


def test_sharing_a_community_file_posts_a_link_in_that_community(
    member, private_library, private_community, public_community
):
    file = make_file(member, private_library, name="Tax_rules [2026].txt")

    post = services.file_share_to_feed(actor=member, file=file, body="Read this first")

    assert isinstance(post, Post) and post.community == private_community
    assert post.body.startswith("Read this first\n\n")
    assert file.get_absolute_url() in post.body_html
    assert "Tax_rules [2026].txt" in post.body_html
    with pytest.raises(ValidationError) as info:
        services.file_share_to_feed(actor=member, file=file, community=public_community)
    assert "community" in info.value.error_dict


def test_a_file_nobody_may_see_cannot_be_shared(member, private_library, outsider):
    file = make_file(member, private_library)

    with pytest.raises(Http404):
        services.file_share_to_feed(actor=outsider, file=file)


def test_a_download_is_counted(author, personal_library, colleague, published, run):
    file = make_file(author, personal_library)

    run(services.file_record_download, actor=colleague, file=file, version=file.current)

    file.refresh_from_db()
    assert file.download_count == 1
    [event] = named(published, "file.downloaded")
    assert event.actor_id == colleague.pk and event.payload["version"] == 1


# --- who may write -----------------------------------------------------------------------------


def test_only_communicators_and_moderators_upload_to_the_company_library(
    company_library, communicator, site_moderator, colleague
):
    make_file(communicator, company_library, name="a.txt")
    make_file(site_moderator, company_library, name="b.txt")

    with pytest.raises(PermissionDenied):
        make_file(colleague, company_library, name="c.txt")
    with pytest.raises(PermissionDenied):
        services.folder_create(actor=colleague, library=company_library, name="Mine")


def test_outsiders_cannot_write_in_a_private_library_and_never_learn_of_a_secret_one(
    private_library, secret_library, outsider, public_library, member
):
    with pytest.raises(PermissionDenied):  # They see a private community exists...
        make_file(outsider, public_library)
    with pytest.raises(Http404):  # ...but not its content.
        make_file(outsider, private_library)
    with pytest.raises(Http404):
        make_file(outsider, secret_library)
    file = make_file(member, private_library)
    for call in (
        lambda: services.file_delete(actor=outsider, file=file),
        lambda: services.file_edit(actor=outsider, file=file, name="x"),
        lambda: services.file_upload_version(actor=outsider, file=file, upload=upload()),
        lambda: services.file_version_restore(actor=outsider, file=file, number=1),
    ):
        with pytest.raises(Http404):
            call()


def test_an_archived_community_library_is_read_only(member, private_library, private_community):
    file = make_file(member, private_library)
    owner = private_community.created_by
    communities.community_set_archived(actor=owner, community=private_community, archived=True)
    private_library.refresh_from_db()
    file.refresh_from_db()

    with pytest.raises(PermissionDenied):
        make_file(member, private_library, name="new.txt")
    with pytest.raises(PermissionDenied):
        services.file_delete(actor=member, file=file)


def test_the_community_admins_manage_every_file_of_its_library(member, private_library,
                                                               private_community):  # fmt: skip
    file = make_file(member, private_library)
    owner = private_community.created_by

    services.file_edit(actor=owner, file=file, name="renamed.txt")
    services.file_delete(actor=owner, file=file)
    services.file_restore(actor=owner, file=file)


def test_only_the_owner_uploads_to_a_personal_library(author, personal_library, colleague):
    with pytest.raises(PermissionDenied):
        make_file(colleague, personal_library)


def test_a_member_changes_only_their_own_files(member, private_library, private_community):
    other = join(UserFactory(username="joko"), private_community)
    file = make_file(member, private_library)
    folder = services.folder_create(actor=member, library=private_library, name="Mine")

    with pytest.raises(PermissionDenied):
        services.file_edit(actor=other, file=file, description="mine now")
    with pytest.raises(PermissionDenied):
        services.folder_rename(actor=other, folder=folder, name="Theirs")
    with pytest.raises(PermissionDenied):
        services.folder_delete(actor=other, folder=folder)


def test_a_secret_community_library_is_made_like_any_other(db):
    secret = build_community(name="Board", slug="board", type=CommunityType.SECRET)

    library = services.library_ensure_for_community(community=secret)

    assert library.community == secret and library.kind == LibraryKind.COMMUNITY
