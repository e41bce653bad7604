"""Reading the file share: which libraries a person is shown, a folder's contents in a fixed
number of queries, breadcrumbs, versions, the trash and recent files."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from files import selectors, services
from files.models import LibraryKind
from tests.files.conftest import fresh, upload

pytestmark = pytest.mark.django_db


def make_files(actor, library, folder, count, start=0):
    for n in range(start, count):
        file = services.file_upload(actor=actor, library=library, folder=folder,
                                    upload=ContentFile(b"x", name=f"file {n:03}.txt"),
                                    tags=["rapat"] if n % 2 else ())  # fmt: skip
        if n % 3 == 0:
            services.file_upload_version(actor=actor, file=file, upload=upload(data=b"v2"))


def test_a_person_is_shown_the_company_their_communities_and_their_own_library(
    author, colleague, company_library, public_library, private_library, secret_library, member
):
    own = services.library_create_personal(owner=member)
    services.library_create_personal(owner=colleague)

    shown = selectors.libraries_for(fresh(member))

    assert shown == [company_library, public_library, private_library, own]
    assert [lib.kind for lib in shown] == [LibraryKind.COMPANY, LibraryKind.COMMUNITY,
                                           LibraryKind.COMMUNITY, LibraryKind.PERSONAL]  # fmt: skip
    assert secret_library not in selectors.libraries_for(fresh(author))


def test_a_library_of_a_secret_community_is_a_404_for_outsiders(secret_library, outsider):
    with pytest.raises(Http404):
        selectors.get_library_for(outsider, secret_library.slug)
    with pytest.raises(Http404):
        selectors.get_library_for(outsider, "no-such-library")


@pytest.mark.parametrize("in_folder", [False, True])
def test_folder_contents_take_the_same_queries_for_10_and_100_files(
    member, private_library, in_folder, django_assert_max_num_queries
):
    folder = (
        services.folder_create(actor=member, library=private_library, name="Docs")
        if in_folder
        else None
    )
    counts = []
    for total in (10, 100):
        make_files(member, private_library, folder, total, start=0 if total == 10 else 10)
        for n in range(total // 10):
            sub = services.folder_create(actor=member, library=private_library, parent=folder,
                                         name=f"Sub {total}-{n}")  # fmt: skip
            make_files(member, private_library, sub, 2)
        viewer = fresh(member)
        with django_assert_max_num_queries(6) as captured:
            folders, files = selectors.folder_contents(viewer, private_library, folder)
            for item in files:
                (item.author.name, item.current.uploaded_by, [t.name for t in item.tags.all()],
                 item.library.community, item.get_absolute_url())  # fmt: skip
            for sub in folders:
                (sub.item_count, sub.created_by, sub.get_absolute_url())  # fmt: skip
        counts.append(len(captured.captured_queries))
        assert len(files) == total and len(folders) == (1 if total == 10 else 11)
    assert counts[0] == counts[1]


def test_folder_contents_count_what_each_folder_holds_and_hide_the_trash(author, personal_library):
    folder = services.folder_create(actor=author, library=personal_library, name="A")
    services.folder_create(actor=author, library=personal_library, parent=folder, name="B")
    gone = services.folder_create(actor=author, library=personal_library, parent=folder,
                                  name="Gone")  # fmt: skip
    services.folder_delete(actor=author, folder=gone)
    make_files(author, personal_library, folder, 3)
    trashed = services.file_upload(actor=author, library=personal_library, folder=folder,
                                   upload=upload("bin.txt"))  # fmt: skip
    services.file_delete(actor=author, file=trashed)

    folders, files = selectors.folder_contents(author, personal_library, None)
    inner_folders, inner_files = selectors.folder_contents(author, personal_library, folder)

    assert [f.name for f in folders] == ["A"] and files == []
    assert folders[0].item_count == 4  # B and three files; not what is in the trash.
    assert [f.name for f in inner_folders] == ["B"]
    assert [f.name for f in inner_files] == ["file 000.txt", "file 001.txt", "file 002.txt"]


def test_breadcrumbs_run_from_the_top_down_in_one_query(
    author, personal_library, django_assert_num_queries
):
    parent = None
    for name in ("One", "Two", "Three", "Four"):
        parent = services.folder_create(actor=author, library=personal_library, parent=parent,
                                        name=name)  # fmt: skip

    with django_assert_num_queries(1):
        crumbs = selectors.breadcrumbs(parent)

    assert [c.name for c in crumbs] == ["One", "Two", "Three", "Four"]
    assert crumbs[-1] is parent and selectors.breadcrumbs(None) == []


def test_folder_choices_leave_out_a_folder_and_what_it_holds(author, personal_library):
    a = services.folder_create(actor=author, library=personal_library, name="A")
    services.folder_create(actor=author, library=personal_library, parent=a, name="A1")
    b = services.folder_create(actor=author, library=personal_library, name="B")

    assert [(f.name, d) for f, d in selectors.folder_choices(personal_library)] == [
        ("A", 0), ("A1", 1), ("B", 0),
    ]  # fmt: skip
    assert [f.name for f, _ in selectors.folder_choices(personal_library, exclude=a)] == ["B"]
    assert b in [f for f, _ in selectors.folder_choices(personal_library, exclude=a)]


def test_a_trashed_folder_opens_only_for_who_may_restore_it(author, personal_library, colleague):
    folder = services.folder_create(actor=author, library=personal_library, name="A")
    services.folder_delete(actor=author, folder=folder)

    with pytest.raises(Http404):
        selectors.get_folder_for(author, personal_library, folder.pk)
    assert selectors.get_folder_for(author, personal_library, folder.pk, include_trashed=True)
    with pytest.raises(Http404):
        selectors.get_folder_for(colleague, personal_library, folder.pk, include_trashed=True)
    with pytest.raises(Http404):
        selectors.get_folder_for(author, personal_library, "x")


def test_a_file_and_its_versions(author, personal_library, colleague):
    file = services.file_upload(actor=author, library=personal_library, upload=upload())
    services.file_upload_version(actor=author, file=file, upload=upload(data=b"second"))
    file = selectors.get_file_for(colleague, file.pk)

    versions = selectors.file_versions(file)

    assert [(v.number, v.is_current) for v in versions] == [(2, True), (1, False)]
    assert selectors.get_version_for(colleague, file, "1").number == 1
    with pytest.raises(Http404):
        selectors.get_version_for(colleague, file, 3)
    with pytest.raises(Http404):
        selectors.get_file_for(colleague, "not-a-number")


def test_the_trash_lists_what_went_by_itself_latest_first(author, personal_library):
    folder = services.folder_create(actor=author, library=personal_library, name="Old")
    make_files(author, personal_library, folder, 2)
    alone = services.file_upload(actor=author, library=personal_library, upload=upload())
    services.folder_delete(actor=author, folder=folder)
    services.file_delete(actor=author, file=alone)

    folders, files = selectors.trash_for(author, personal_library)

    assert folders == [folder] and folders[0].file_count == 2
    assert files == [alone]


def test_recent_files_are_those_the_viewer_may_see_newest_first(
    member, private_library, public_library, outsider, public_community
):
    from tests.files.conftest import join

    join(member, public_community)
    private = services.file_upload(actor=member, library=private_library, upload=upload("p.txt"))
    public = services.file_upload(actor=member, library=public_library, upload=upload("q.txt"))

    assert selectors.recent_files(fresh(member)) == [public, private]
    assert selectors.recent_files(fresh(outsider)) == [public]
    assert selectors.recent_files(fresh(outsider), limit=0) == [public]


def test_subfolders_alone_take_one_query(author, personal_library, django_assert_num_queries):
    top = services.folder_create(actor=author, library=personal_library, name="Top")
    for name in ("b", "A", "c"):
        services.folder_create(actor=author, library=personal_library, parent=top, name=name)
    make_files(author, personal_library, top, 2)

    with django_assert_num_queries(1):
        folders = selectors.subfolders(author, personal_library, top)
        counts = [(f.name, f.item_count, f.created_by.username) for f in folders]

    assert counts == [("A", 0, "ratna"), ("b", 0, "ratna"), ("c", 0, "ratna")]
    assert [(f.name, f.item_count) for f in selectors.subfolders(author, personal_library,
                                                                 None)] == [("Top", 5)]  # fmt: skip
