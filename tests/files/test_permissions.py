"""Who may see and do what in the file share: the permission matrix (roles x community types
x surfaces). Outsiders of private and secret communities get a 404 for the library, its
folders, files, old versions and trash; readers who may not act get a 403 with the reason."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from communities.models import CommunityType, Role
from files import permissions, selectors, services
from files.models import File
from profiles.roles import COMMUNICATORS
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.files.conftest import fresh, in_group, join, upload

pytestmark = pytest.mark.django_db

SURFACES = ("library", "folder", "file", "version", "old-version", "trash", "trashed-file")


def outcome(call) -> str:
    try:
        call()
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.fixture
def world(db):
    """A library of each community type, each with a folder, a file of two versions and a
    trashed file; and the people around them."""
    people = {
        "anon": AnonymousUser(),
        "outsider": UserFactory(username="luar"),
        "member": UserFactory(username="anggota"),
        "admin": UserFactory(username="pengurus"),
        "moderator": in_group(UserFactory(username="moderator"), "Moderators"),
    }
    places = {}
    for kind in (CommunityType.PUBLIC, CommunityType.PRIVATE, CommunityType.SECRET):
        community = build_community(name=f"{kind} club", type=kind)
        join(people["member"], community)
        join(people["admin"], community, role=Role.ADMIN)
        library = services.library_ensure_for_community(community=community)
        folder = services.folder_create(actor=people["member"], library=library, name="Docs")
        file = services.file_upload(actor=people["member"], library=library, folder=folder,
                                    upload=upload(data=b"one"))  # fmt: skip
        services.file_upload_version(actor=people["member"], file=file, upload=upload(data=b"2"))
        trashed = services.file_upload(actor=people["member"], library=library,
                                       upload=upload("gone.txt"))  # fmt: skip
        services.file_delete(actor=people["member"], file=trashed)
        places[kind] = {"library": library, "folder": folder, "file": file, "trashed": trashed}
    for person in people.values():
        if person.is_authenticated:
            fresh(person)
    return people, places


def surfaces(viewer, place) -> dict:
    library, file = place["library"], place["file"]
    return {
        "library": outcome(lambda: selectors.get_library_for(viewer, library.slug)),
        "folder": outcome(lambda: selectors.get_folder_for(viewer, library, place["folder"].pk)),
        "file": outcome(lambda: selectors.get_file_for(viewer, file.pk)),
        "version": outcome(lambda: selectors.get_version_for(viewer, file, 2)),
        "old-version": outcome(lambda: selectors.get_version_for(viewer, file, 1)),
        "trash": outcome(lambda: selectors.trash_for(viewer, library)),
        "trashed-file": outcome(
            lambda: selectors.get_file_for(viewer, place["trashed"].pk, include_trashed=True)
        ),
    }


EVERYTHING = dict.fromkeys(SURFACES, "ok")
NOTHING = dict.fromkeys(SURFACES, "404")
READER = {**EVERYTHING, "trash": "403", "trashed-file": "404"}


@pytest.mark.parametrize(
    ("kind", "role", "expected"),
    [
        (CommunityType.PUBLIC, "anon", NOTHING),
        (CommunityType.PUBLIC, "outsider", READER),
        (CommunityType.PUBLIC, "member", EVERYTHING),
        (CommunityType.PUBLIC, "admin", EVERYTHING),
        (CommunityType.PUBLIC, "moderator", EVERYTHING),
        (CommunityType.PRIVATE, "anon", NOTHING),
        (CommunityType.PRIVATE, "outsider", NOTHING),
        (CommunityType.PRIVATE, "member", EVERYTHING),
        (CommunityType.PRIVATE, "admin", EVERYTHING),
        (CommunityType.PRIVATE, "moderator", EVERYTHING),
        (CommunityType.SECRET, "anon", NOTHING),
        (CommunityType.SECRET, "outsider", NOTHING),
        (CommunityType.SECRET, "member", EVERYTHING),
        (CommunityType.SECRET, "admin", EVERYTHING),
        (CommunityType.SECRET, "moderator", EVERYTHING),
    ],
)
def test_who_sees_a_community_library_its_files_versions_and_trash(world, kind, role, expected):
    people, places = world

    assert surfaces(people[role], places[kind]) == expected


def test_a_member_who_did_not_upload_a_trashed_file_neither_sees_nor_restores_it(world):
    people, places = world
    place = places[CommunityType.PRIVATE]
    other = join(UserFactory(username="lain"), place["library"].community)

    assert surfaces(other, place)["trashed-file"] == "404"
    folders, files = selectors.trash_for(other, place["library"])
    assert (folders, files) == ([], [])
    assert selectors.trash_for(people["admin"], place["library"])[1] == [place["trashed"]]
    with pytest.raises(Http404):
        services.file_restore(actor=other, file=place["trashed"])


def test_leaving_a_private_community_closes_its_library(world):
    from communities import services as communities

    people, places = world
    place = places[CommunityType.PRIVATE]
    communities.community_leave(user=people["member"], community=place["library"].community)

    assert surfaces(fresh(people["member"]), place) == NOTHING


def test_a_file_hidden_by_a_moderator_is_gone_for_everyone_but_the_moderators(world):
    from moderation.services import content_hide

    people, places = world
    file = places[CommunityType.PUBLIC]["file"]
    content_hide(actor=people["moderator"], obj=file, reason="spam")

    with pytest.raises(Http404):
        selectors.get_file_for(people["member"], file.pk)


@pytest.mark.parametrize(
    ("role", "upload_ok", "admin"),
    [("employee", False, False), ("communicator", True, True), ("moderator", True, True)],
)
def test_the_company_library_is_read_by_all_and_written_by_communicators_and_moderators(
    company_library, role, upload_ok, admin
):
    person = UserFactory(username=role)
    if role == "communicator":
        in_group(person, COMMUNICATORS)
    elif role == "moderator":
        in_group(person, "Moderators")

    assert permissions.can_read_library(person, company_library)
    assert permissions.can_upload(person, company_library) is upload_ok
    assert permissions.is_library_admin(person, company_library) is admin
    assert permissions.can_see_trash(person, company_library) is upload_ok


def test_personal_libraries_are_read_by_everyone_and_written_by_their_owner(author, colleague):
    library = services.library_create_personal(owner=author)

    assert permissions.can_read_library(colleague, library)
    assert permissions.can_upload(author, library)
    assert not permissions.can_upload(colleague, library)
    assert not permissions.can_see_trash(colleague, library)
    assert not permissions.can_read_library(AnonymousUser(), library)


def test_changing_a_file_needs_its_uploader_or_the_library_admins(world):
    people, places = world
    place = places[CommunityType.PUBLIC]
    file = File.objects.get(pk=place["file"].pk)
    other = join(UserFactory(username="lain"), place["library"].community)

    assert permissions.can_change_file(people["member"], file)
    assert permissions.can_change_file(people["admin"], file)
    assert permissions.can_change_file(people["moderator"], file)
    assert not permissions.can_change_file(other, file)
    assert permissions.can_upload_version(other, file)
    assert not permissions.can_change_file(people["outsider"], file)
    assert not permissions.can_upload_version(people["outsider"], file)
    with pytest.raises(PermissionDenied) as info:
        permissions.check_change_file(other, file)
    assert "Only whoever uploaded this file" in str(info.value)


def test_a_trashed_file_is_restorable_for_thirty_days_by_its_uploader_and_the_admins(world):
    people, places = world
    trashed = File.objects.get(pk=places[CommunityType.PRIVATE]["trashed"].pk)

    assert permissions.can_restore_file(people["member"], trashed)
    assert permissions.can_restore_file(people["admin"], trashed)
    assert not permissions.can_restore_file(people["outsider"], trashed)
    trashed.deleted_at = timezone.now() - timedelta(days=30, minutes=1)
    assert not permissions.can_restore_file(people["member"], trashed)
    assert not permissions.can_restore_file(people["admin"], trashed)


def test_a_live_file_is_not_restorable_and_says_so_to_those_who_see_it(world):
    people, places = world
    file = places[CommunityType.PRIVATE]["file"]

    with pytest.raises(PermissionDenied):
        permissions.check_restore_file(people["member"], file)
    with pytest.raises(Http404):
        permissions.check_restore_file(people["outsider"], file)


def test_an_archived_community_library_is_read_but_not_written(db):
    from communities import services as communities

    member = UserFactory(username="anggota")
    community = build_community(name="Old club")
    join(member, community)
    library = services.library_ensure_for_community(community=community)
    communities.community_set_archived(actor=community.created_by, community=community,
                                       archived=True)  # fmt: skip
    library.refresh_from_db()

    assert permissions.can_read_library(fresh(member), library)
    assert not permissions.can_upload(member, library)
    with pytest.raises(PermissionDenied) as info:
        permissions.check_upload(member, library)
    assert "archived" in str(info.value)
