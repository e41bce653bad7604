"""The placed-content permission matrix (tests/communities/matrix.py) for posts, shares of
posts, comments, and deleted and hidden posts: every role x every placement, one rule."""

import pytest
from django.contrib.auth.models import Group

from feed.models import Post
from feed.services.conversation import comment_create
from feed.services.posts import post_create, post_delete, post_share
from moderation.services import content_hide
from profiles.roles import MODERATORS
from tests.communities.conftest import build_community
from tests.communities.matrix import check_placed_content_matrix, expected_visible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def one_post(post, user) -> bool:
    return post.is_visible_to(user)


def many_posts(post, user) -> bool:
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


WAYS = {"is_visible_to": one_post, "visible_to": many_posts}


def make_post(*, author, community):
    return post_create(author=author, community=community, body="Hello #matrix @someone")


def make_share(*, author, community):
    """The author's post in ``community``, shared by them company-wide."""
    original = post_create(author=author, community=community, body="Worth sharing")
    return post_share(author=author, original=original, body="Look")


def make_comment(*, author, community):
    post = post_create(author=author, community=community, body="Hello")
    reply_to = comment_create(author=author, target=post, body="First")
    return comment_create(author=author, target=post, body="Reply", parent=reply_to)


def make_deleted(*, author, community):
    return post_delete(actor=author, post=make_post(author=author, community=community))


def make_hidden(*, author, community):
    post = make_post(author=author, community=community)
    if community is None:  # Company-wide content is for the site moderators to hide.
        moderator = UserFactory(username="matrix-site-moderator")
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        return content_hide(actor=moderator, obj=post, reason="Spam")
    return content_hide(actor=author, obj=post, reason="Spam")


def nobody(role, placement) -> bool:
    return False


@pytest.mark.parametrize("way", list(WAYS))
def test_posts_follow_the_visibility_rule(way):
    check_placed_content_matrix(make=make_post, can_see=lambda u, p: WAYS[way](p, u))


@pytest.mark.parametrize("way", list(WAYS))
def test_a_company_wide_share_is_visible_exactly_where_its_original_is(way):
    def can_see(user, share):
        assert share.community is None and share.kind == "share"
        return WAYS[way](share, user)

    found = check_placed_content_matrix(make=make_share, can_see=can_see)

    # The share is company-wide, yet private and secret originals keep their outsiders out.
    assert found["outsider", "private"] is False and found["outsider", "secret"] is False


def test_the_two_ways_agree_for_shares_cell_by_cell():
    def agree(user, share):
        one, many = one_post(share, user), many_posts(share, user)
        assert one == many, (user, share)
        return one

    check_placed_content_matrix(make=make_share, can_see=agree)


def test_comments_follow_the_visibility_rule_of_their_post():
    check_placed_content_matrix(make=make_comment, can_see=lambda u, c: c.is_visible_to(u))


def test_comments_on_a_deleted_post_are_visible_to_nobody():
    def make(*, author, community):
        comment = make_comment(author=author, community=community)
        post_delete(actor=author, post=comment.target)
        comment.refresh_from_db()
        return comment

    check_placed_content_matrix(make=make, can_see=lambda u, c: c.is_visible_to(u),
                                expected=nobody)  # fmt: skip


@pytest.mark.parametrize("way", list(WAYS))
def test_deleted_posts_are_visible_to_nobody(way):
    check_placed_content_matrix(
        make=make_deleted, can_see=lambda u, p: WAYS[way](p, u), expected=nobody
    )


@pytest.mark.parametrize("way", list(WAYS))
def test_hidden_posts_are_visible_to_nobody(way):
    check_placed_content_matrix(
        make=make_hidden, can_see=lambda u, p: WAYS[way](p, u), expected=nobody
    )


def test_a_share_placed_in_a_public_community_still_follows_its_original():
    """Shared into a public community (by a member of both), the share is visible only where
    both the share's place and the original's are."""

    def make(*, author, community):
        original = post_create(author=author, community=community, body="Original")
        club = build_community(creator=author, name=f"Club of {author.username}")
        return post_share(author=author, original=original, community=club)

    def can_see(user, share):
        one, many = one_post(share, user), many_posts(share, user)
        assert one == many
        return one

    check_placed_content_matrix(make=make, can_see=can_see, expected=expected_visible)
