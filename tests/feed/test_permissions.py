"""feed.permissions: who may post, announce, edit, delete, restore, see history and take part,
for every role around a community of each type (tables written from the issue's rules)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from feed import permissions
from feed.models import Post
from feed.services.conversation import comment_create
from feed.services.posts import post_create, post_delete
from tests.communities.conftest import ROLES as COMMUNITY_ROLES
from tests.communities.conftest import build_matrix_community, build_roles
from tests.factories import UserFactory
from tests.feed.conftest import fresh, join

pytestmark = pytest.mark.django_db

# "author" is a plain member who wrote the post.
ROLES = ("anonymous", *COMMUNITY_ROLES, "author")
TYPES = ("public", "private", "secret", "archived")


def _row(text: str) -> dict:
    values = text.split()
    assert len(values) == len(ROLES), text
    return {role: value == "y" for role, value in zip(ROLES, values, strict=True)}


def _table(**rows: str) -> dict:
    return {kind: _row(text) for kind, text in rows.items()}


# fmt: off
EXPECTED = {
    #                     anon outs inv req mem mod adm own smod sup author
    "post_in": _table(
        public=          "n    n    n   n   y   y   y   y   n    n   y",
        private=         "n    n    n   n   y   y   y   y   n    n   y",
        secret=          "n    n    n   n   y   y   y   y   n    n   y",
        archived=        "n    n    n   n   n   n   n   n   n    n   n",
    ),
    "announce": _table(
        public=          "n    n    n   n   n   n   y   y   n    y   n",
        private=         "n    n    n   n   n   n   y   y   n    y   n",
        secret=          "n    n    n   n   n   n   y   y   n    y   n",
        archived=        "n    n    n   n   n   n   n   n   n    n   n",
    ),
    "edit": _table(
        public=          "n    n    n   n   n   n   n   n   n    n   y",
        private=         "n    n    n   n   n   n   n   n   n    n   y",
        secret=          "n    n    n   n   n   n   n   n   n    n   y",
        archived=        "n    n    n   n   n   n   n   n   n    n   n",
    ),
    "delete": _table(
        public=          "n    n    n   n   n   y   y   y   y    y   y",
        private=         "n    n    n   n   n   y   y   y   y    y   y",
        secret=          "n    n    n   n   n   y   y   y   y    y   y",
        archived=        "n    n    n   n   n   y   y   y   y    y   y",
    ),
    "see_history": _table(
        public=          "n    n    n   n   n   y   y   y   y    y   y",
        private=         "n    n    n   n   n   y   y   y   y    y   y",
        secret=          "n    n    n   n   n   y   y   y   y    y   y",
        archived=        "n    n    n   n   n   y   y   y   y    y   y",
    ),
    # Comment, react and share: whoever sees the post, unless its community is archived.
    "take_part": _table(
        public=          "n    y    y   y   y   y   y   y   y    y   y",
        private=         "n    n    n   n   y   y   y   y   y    y   y",
        secret=          "n    n    n   n   y   y   y   y   y    y   y",
        archived=        "n    n    n   n   n   n   n   n   n    n   n",
    ),
    # Once the post is deleted.
    "restore": _table(
        public=          "n    n    n   n   n   y   y   y   y    y   n",
        private=         "n    n    n   n   n   y   y   y   y    y   n",
        secret=          "n    n    n   n   n   y   y   y   y    y   n",
        archived=        "n    n    n   n   n   y   y   y   y    y   n",
    ),
}
# fmt: on

CHECKS = {
    "post_in": lambda user, post: permissions.can_post_in(user, post.community),
    "announce": lambda user, post: permissions.can_announce(user, post.community),
    "edit": permissions.can_edit_post,
    "delete": permissions.can_delete_post,
    "see_history": permissions.can_see_history,
    "take_part": lambda user, post: (
        permissions.can_comment(user, post),
        permissions.can_react(user, post),
        permissions.can_share(user, post),
    ),
    "restore": permissions.can_restore_post,
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One community per type with a person per role, an author and their post (alive and
    deleted copies); built once for the module, rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        built = {}
        for kind in TYPES:
            community = build_matrix_community(kind)
            people = build_roles(community)
            archived = community.is_archived
            if archived:
                from communities import services

                services.community_set_archived(
                    actor=people["owner"], community=community, archived=False
                )
            author = join(UserFactory(username=f"author-{kind}"), community)
            alive = post_create(author=author, body="Hello", community=community)
            gone = post_create(author=author, body="Bye", community=community)
            post_delete(actor=author, post=gone)
            if archived:
                services.community_set_archived(
                    actor=people["owner"], community=community, archived=True
                )
            people.update(anonymous=AnonymousUser(), author=author)
            built[kind] = {"people": people, "alive": alive.pk, "gone": gone.pk}
        yield built
        transaction.set_rollback(True)


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("check", list(EXPECTED))
def test_each_role_may_do_what_the_rules_say(world, kind, check):
    data = world[kind]
    post = Post.objects.select_related("community").get(
        pk=data["gone"] if check == "restore" else data["alive"]
    )

    found = {}
    for role in ROLES:
        person = data["people"][role]
        if person.is_authenticated:
            fresh(person)
        answer = CHECKS[check](person, post)
        if isinstance(answer, tuple):
            assert len(set(answer)) == 1, (role, answer)  # Comment, react and share agree.
            answer = answer[0]
        found[role] = answer

    assert found == EXPECTED[check][kind]


@pytest.mark.parametrize("kind", TYPES)
def test_a_deleted_post_can_no_longer_be_edited_deleted_or_taken_part_in(world, kind):
    data = world[kind]
    post = Post.objects.select_related("community").get(pk=data["gone"])

    for role in ROLES:
        person = data["people"][role]
        assert not permissions.can_edit_post(person, post), role
        assert not permissions.can_delete_post(person, post), role
        assert not permissions.can_comment(person, post), role


# --- company-wide posts --------------------------------------------------------------------


def test_company_wide_posts_are_for_every_employee(author, colleague, site_moderator):
    post = post_create(author=author, body="Hi")

    assert permissions.can_post_in(colleague, None)
    assert not permissions.can_post_in(AnonymousUser(), None)
    assert permissions.can_comment(colleague, post) and permissions.can_share(colleague, post)
    assert not permissions.can_delete_post(colleague, post)
    assert permissions.can_delete_post(site_moderator, post)
    assert permissions.can_see_history(site_moderator, post)
    assert not permissions.can_see_history(colleague, post)


def test_only_communicators_and_superusers_announce_company_wide(
    author, communicator, site_moderator
):
    root = UserFactory(username="root", is_superuser=True)

    assert [permissions.can_announce(p) for p in (author, communicator, site_moderator, root)] == [
        False, True, False, True,
    ]  # fmt: skip
    assert not permissions.can_announce(AnonymousUser())


# --- comments ------------------------------------------------------------------------------


def test_comment_edits_are_the_authors_and_deletes_also_the_moderators(
    author, colleague, site_moderator
):
    post = post_create(author=author, body="Hi")
    comment = comment_create(author=colleague, target=post, body="Hello")

    assert permissions.can_edit_comment(colleague, comment)
    assert not permissions.can_edit_comment(author, comment)
    assert not permissions.can_edit_comment(site_moderator, comment)
    assert permissions.can_delete_comment(colleague, comment, post)
    assert permissions.can_delete_comment(site_moderator, comment, post)
    assert not permissions.can_delete_comment(author, comment, post)
    assert not permissions.can_edit_comment(AnonymousUser(), comment)
    assert not permissions.can_delete_comment(AnonymousUser(), comment, post)


# --- the check_* variants ------------------------------------------------------------------


def test_check_post_in_explains_why(public_community, author):
    with pytest.raises(PermissionDenied, match="cannot post in this community"):
        permissions.check_post_in(author, public_community)
    with pytest.raises(PermissionDenied):
        permissions.check_post_in(AnonymousUser(), None)
    permissions.check_post_in(author, None)


def test_check_announce_explains_why(author, public_community):
    with pytest.raises(PermissionDenied, match="Communicators"):
        permissions.check_announce(author)
    with pytest.raises(PermissionDenied, match="community's admins"):
        permissions.check_announce(author, public_community)
    permissions.check_announce(public_community.created_by, public_community)


def test_check_edit_post_answers_404_to_outsiders_and_403_to_readers(
    author, colleague, private_community
):
    public = post_create(author=author, body="Hi")
    join(author, private_community)
    private = post_create(author=author, body="Inside", community=private_community)

    with pytest.raises(PermissionDenied):
        permissions.check_edit_post(colleague, public)
    with pytest.raises(Http404):
        permissions.check_edit_post(colleague, private)
    permissions.check_edit_post(author, private)


def test_check_delete_post_on_a_deleted_post(author, colleague, site_moderator):
    post = post_delete(actor=author, post=post_create(author=author, body="Bye"))

    for person in (author, site_moderator):
        with pytest.raises(PermissionDenied, match="already been deleted"):
            permissions.check_delete_post(person, post)
    for person in (colleague, AnonymousUser()):
        with pytest.raises(Http404):
            permissions.check_delete_post(person, post)


def test_check_conversation_answers_404_before_403(author, outsider, private_community):
    join(author, private_community)
    post = post_create(author=author, body="Inside", community=private_community)

    with pytest.raises(Http404):
        permissions.check_conversation(outsider, post)
    with pytest.raises(Http404):
        permissions.check_conversation(AnonymousUser(), post)
    permissions.check_conversation(author, post)


def test_check_visible(author, outsider, private_community):
    join(author, private_community)
    post = post_create(author=author, body="Inside", community=private_community)

    with pytest.raises(Http404):
        permissions.check_visible(outsider, post)
    permissions.check_visible(author, post)
