"""The permission matrix of the file share's pages (tests/communities/matrix.py): every role x
every placement (the company library, public, private, secret and archived communities'
libraries), for every address that shows a file, its bytes, its old versions or its folder:
anonymous people go to the login page, those who may not read get 404 (never 403: a private
or secret library does not exist for them), readers get 200. Uploading, changing and the
trash follow the library's uploaders and admins (403 for readers who may not); a trashed file
exists only for those who may restore it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from files import services
from profiles.roles import COMMUNICATORS
from tests.communities.matrix import (
    PLACEMENTS,
    ROLES,
    build_placements,
    check_placed_content_matrix,
    expected_visible,
)
from tests.files.conftest import png_bytes, upload
from tests.helpers import in_group

pytestmark = pytest.mark.django_db


def _library(author, community):
    if community is None:
        # "Communicators and admins upload" to the company library.
        in_group(author, COMMUNICATORS)
        return services.library_company_ensure()
    return services.library_ensure_for_community(community=community)


def make_file(*, author, community):
    """An image with two versions, in a folder of the library of ``community`` (the
    company's for None)."""
    library = _library(author, community)
    folder = services.folder_create(actor=author, library=library, name="Reports")
    place = community.slug if community else "company"
    file = services.file_upload(
        actor=author,
        library=library,
        folder=folder,
        upload=upload(f"chart-{place}.png", png_bytes()),
    )
    services.file_upload_version(
        actor=author, file=file, upload=upload("chart.png", png_bytes(color=(0, 0, 200)))
    )
    file.refresh_from_db()
    return file


def make_trashed_file(*, author, community):
    file = make_file(author=author, community=community)
    return services.file_delete(actor=author, file=file)


def _at(name, *extra):
    def address(file):
        return reverse(f"files:{name}", args=[file.pk, *extra])

    return address


READ_URLS = {
    "detail": _at("detail"),
    "download": _at("download"),
    "preview": _at("preview"),
    "old version": _at("version-download", 1),
    "share form": _at("share"),
    "library": lambda file: file.library.get_absolute_url(),
    "folder": lambda file: reverse("files:folder", args=[file.library.slug, file.folder_id]),
}


@pytest.mark.parametrize("surface", list(READ_URLS))
def test_every_read_address_follows_the_visibility_rule(surface):
    check_placed_content_matrix(make=make_file, url=READ_URLS[surface])


def test_the_index_lists_only_files_one_may_read():
    def can_see(user, file) -> bool:
        if isinstance(user, AnonymousUser):
            return False
        client = Client()
        client.force_login(user)
        return file.name in client.get(reverse("files:index")).content.decode()

    check_placed_content_matrix(make=make_file, can_see=can_see)


# Who may do more than read, per placement (the author is the community's owner; in the
# company library, a Communicator).
LIBRARY_ADMINS = {
    "company": {"owner", "site_moderator", "superuser"},
    "community": {"owner", "admin", "site_moderator", "superuser"},
    "archived": {"owner", "admin", "site_moderator", "superuser"},
}
UPLOADERS = {
    "company": {"owner", "site_moderator", "superuser"},
    "community": {"member", "moderator", "admin", "owner", "superuser"},
    "archived": set(),  # read-only
}


def _kind(placement: str) -> str:
    return placement if placement in ("company", "archived") else "community"


def may_upload(role, placement) -> bool:
    return role in UPLOADERS[_kind(placement)]


def may_change(role, placement) -> bool:
    """The uploader (the owner here) and the library's admins; nobody in an archive."""
    return placement != "archived" and role in LIBRARY_ADMINS[_kind(placement)]


def may_see_trash(role, placement) -> bool:
    return may_upload(role, placement) or role in LIBRARY_ADMINS[_kind(placement)]


def _statuses(make, address, allowed, *, hidden_from_readers=False) -> None:
    """GET ``address(obj)`` as every role: 302 for anonymous, 404 for who may not read (and,
    with ``hidden_from_readers``, for readers not ``allowed`` too), 200 for ``allowed(role,
    placement)``, 403 for the other readers."""
    found, wanted = {}, {}
    for placement, (obj, people) in build_placements(make).items():
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(people[role])
            found[role, placement] = client.get(address(obj)).status_code
            if role == "anonymous":
                wanted[role, placement] = 302
            elif not expected_visible(role, placement):
                wanted[role, placement] = 404
            elif allowed(role, placement):
                wanted[role, placement] = 200
            else:
                wanted[role, placement] = 404 if hidden_from_readers else 403
    differing = {cell: (found[cell], wanted[cell]) for cell in found if found[cell] != wanted[cell]}
    assert not differing, f"(role, placement): (found, expected) -> {differing}"
    assert set(PLACEMENTS) == {placement for _role, placement in found}


CHANGE_URLS = {
    "edit": _at("edit"),
    "move": _at("move"),
    "delete": _at("delete"),
    "folder rename": lambda file: reverse(
        "files:folder-rename", args=[file.library.slug, file.folder_id]
    ),
    "folder delete": lambda file: reverse(
        "files:folder-delete", args=[file.library.slug, file.folder_id]
    ),
}


@pytest.mark.parametrize("surface", list(CHANGE_URLS))
def test_changing_follows_the_uploader_and_the_librarys_admins(surface):
    _statuses(make_file, CHANGE_URLS[surface], may_change)


def test_new_folders_follow_the_librarys_uploaders():
    _statuses(
        make_file,
        lambda file: reverse("files:folder-create", args=[file.library.slug]),
        may_upload,
    )


def test_the_trash_is_for_uploaders_and_admins():
    _statuses(
        make_file, lambda file: reverse("files:trash", args=[file.library.slug]), may_see_trash
    )


def test_a_trashed_file_exists_only_for_those_who_may_restore_it():
    # Restoring: the uploader and the library's admins, never in an archived community.
    _statuses(make_trashed_file, _at("detail"), may_change, hidden_from_readers=True)


@pytest.mark.parametrize("surface", ["download", "preview", "old version"])
def test_a_trashed_files_bytes_are_404_for_everyone(surface):
    check_placed_content_matrix(
        make=make_trashed_file, url=READ_URLS[surface], expected=lambda role, placement: False
    )
