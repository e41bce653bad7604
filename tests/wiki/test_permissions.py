"""Who may do what in the wiki (wiki.permissions), role by role: reading follows the
community's type, writing needs membership (or admin rights where the space says so), the
space's admins set it up and edit protected pages, moderators delete and restore; the
company space is everyone's to write, its settings the Communicators'."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communities import services as communities
from communities.models import CommunityType
from profiles.roles import COMMUNICATORS, MODERATORS
from tests.communities.conftest import ROLES, build_community, build_roles
from tests.factories import UserFactory
from tests.helpers import fresh, in_group, join
from tests.wiki.conftest import make_page
from wiki import permissions, services
from wiki.models import EditPolicy, Page

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = {"member", "moderator", "admin", "owner"}
READERS_INSIDE = MEMBERS | {"site_moderator", "superuser"}
WRITERS = MEMBERS | {"superuser"}
ADMINS = {"admin", "owner", "superuser"}
MODERATORS_AND_ADMINS = {"moderator", "admin", "owner", "site_moderator", "superuser"}

EXPECTED = {
    "public": {
        "read": EVERYONE, "create": WRITERS, "edit": WRITERS, "edit_protected": ADMINS,
        "edit_space": ADMINS, "delete": MODERATORS_AND_ADMINS, "restore": MODERATORS_AND_ADMINS,
    },
    "private": {
        "read": READERS_INSIDE, "create": WRITERS, "edit": WRITERS, "edit_protected": ADMINS,
        "edit_space": ADMINS, "delete": MODERATORS_AND_ADMINS, "restore": MODERATORS_AND_ADMINS,
    },
    "secret": {
        "read": READERS_INSIDE, "create": WRITERS, "edit": WRITERS, "edit_protected": ADMINS,
        "edit_space": ADMINS, "delete": MODERATORS_AND_ADMINS, "restore": MODERATORS_AND_ADMINS,
    },
    "archived": {
        "read": EVERYONE, "create": set(), "edit": set(), "edit_protected": set(),
        "edit_space": set(), "delete": MODERATORS_AND_ADMINS, "restore": MODERATORS_AND_ADMINS,
    },
}  # fmt: skip


def abilities(person, space, page, protected, deleted) -> dict[str, bool]:
    person = fresh(person)
    readable = permissions.can_read_space(person, space) and permissions.can_read_page(person, page)
    return {
        "read": readable,
        "create": permissions.can_create_page(person, space),
        "edit": permissions.can_edit_page(person, page),
        "edit_protected": permissions.can_edit_page(person, protected),
        "edit_space": permissions.can_edit_space(person, space),
        "delete": permissions.can_delete_page(person, page),
        "restore": permissions.can_restore_page(person, deleted),
    }  # fmt: skip


def reload(page) -> Page:
    return Page.objects.select_related("space__community", "community").get(pk=page.pk)


@pytest.mark.parametrize("kind", ["public", "private", "secret", "archived"])
def test_the_permission_matrix_of_community_spaces(kind):
    community = build_community(type=CommunityType.PUBLIC if kind == "archived" else kind)
    space = services.space_ensure_for_community(community=community)
    people = build_roles(community)
    writer = join(UserFactory(username="writer"), community)
    page = make_page(writer, space, title="Page")
    protected = make_page(writer, space, title="Protected")
    services.page_protect(actor=people["owner"], page=protected, protected=True)
    deleted = make_page(writer, space, title="Deleted")
    services.page_delete(actor=writer, page=deleted)
    if kind == "archived":
        communities.community_set_archived(actor=people["owner"], community=community,
                                           archived=True)  # fmt: skip
    space.refresh_from_db()
    space = type(space).objects.select_related("community").get(pk=space.pk)
    page, protected, deleted = reload(page), reload(protected), reload(deleted)

    table = {role: abilities(person, space, page, protected, deleted)
             for role, person in people.items()}  # fmt: skip

    for ability, allowed in EXPECTED[kind].items():
        assert {role for role, row in table.items() if row[ability]} == allowed, ability


def test_the_company_space_is_everyones_to_write_and_the_communicators_to_set_up(
    company_space, author, colleague
):
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)
    moderator = in_group(UserFactory(username="mod"), MODERATORS)
    superuser = UserFactory(username="root", is_superuser=True)
    page = make_page(author, company_space)
    protected = make_page(author, company_space, title="Protected")
    services.page_protect(actor=communicator, page=protected, protected=True)
    deleted = make_page(author, company_space, title="Deleted")
    services.page_delete(actor=author, page=deleted)
    people = {"employee": colleague, "author": author, "communicator": communicator,
              "moderator": moderator, "superuser": superuser}  # fmt: skip

    table = {
        role: abilities(person, company_space, reload(page), reload(protected), reload(deleted))
        for role, person in people.items()
    }

    def who(ability):
        return {role for role, row in table.items() if row[ability]}

    assert who("read") == who("create") == who("edit") == set(people)
    assert who("edit_protected") == who("edit_space") == {"communicator", "moderator",
                                                          "superuser"}  # fmt: skip
    assert who("delete") == {"author", "communicator", "moderator", "superuser"}
    assert who("restore") == {"communicator", "moderator", "superuser"}


def test_when_only_admins_edit_a_community_space_members_only_read(
    private_community, private_space, member
):
    owner = fresh(private_community.created_by)
    page = make_page(member, private_space)
    space = services.space_edit(actor=owner, space=private_space, edit_policy=EditPolicy.ADMINS)
    page = reload(page)
    member = fresh(member)

    assert permissions.can_read_page(member, page)
    assert not permissions.can_create_page(member, space)
    assert not permissions.can_edit_page(member, page)
    assert permissions.can_edit_page(fresh(owner), page)
    with pytest.raises(PermissionDenied, match="Only the space's admins edit its pages."):
        permissions.check_edit_page(member, page)


def test_a_personal_space_is_read_by_all_and_written_by_its_owner(author, colleague):
    space = services.space_create_personal(owner=author)
    page = make_page(author, space)

    assert permissions.can_read_page(colleague, page)
    assert not permissions.can_create_page(colleague, space)
    assert not permissions.can_edit_page(colleague, page)
    assert permissions.can_edit_space(author, space)
    assert not permissions.can_edit_space(colleague, space)


def test_anonymous_and_inactive_people_may_do_nothing(page, company_space, colleague):
    colleague.is_active = False
    anonymous = AnonymousUser()

    for person in (anonymous, colleague):
        assert not permissions.can_create_page(person, company_space)
        assert not permissions.can_edit_page(person, page)
        assert not permissions.can_delete_page(person, page)
    assert not permissions.can_read_space(anonymous, company_space)


def test_checks_answer_404_for_secret_things_and_403_with_a_reason_otherwise(
    author, outsider, secret_space, public_space, public_community, company_space
):
    join(author, public_community)
    public_page = make_page(author, public_space)
    secret_page = make_page(secret_space.community.created_by, secret_space)

    with pytest.raises(Http404):
        permissions.check_read_space(outsider, secret_space)
    with pytest.raises(Http404):
        permissions.check_edit_page(outsider, secret_page)
    with pytest.raises(PermissionDenied, match="Only the community's members edit its pages."):
        permissions.check_edit_page(outsider, public_page)
    with pytest.raises(PermissionDenied, match="Only the space's admins can change it."):
        permissions.check_edit_space(outsider, company_space)
    with pytest.raises(PermissionDenied, match="Only the space's admins protect pages."):
        permissions.check_protect_page(author, public_page)
