"""The conversation around a post through feed.services.conversation: comments and replies,
reactions, bookmarks; who may take part, and the counters they keep."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import override_settings

from communities import services as communities
from communities.models import CommunityType, Role
from core.ratelimit import RATE_LIMITED
from feed.models import Bookmark, Comment, Post, Reaction
from feed.services.conversation import (
    bookmark_add,
    bookmark_remove,
    comment_create,
    comment_delete,
    comment_edit,
    get_comment_for,
    reaction_clear,
    reaction_set,
)
from feed.services.posts import post_create, post_delete
from moderation.models import ActionType, ModerationAction
from moderation.services import content_hide
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import fresh, join, named

pytestmark = pytest.mark.django_db


def counts(item) -> tuple:
    """(comment_count, reaction_count) of a post, or (reply_count, reaction_count) of a comment."""
    item.refresh_from_db()
    first = item.reply_count if isinstance(item, Comment) else item.comment_count
    return first, item.reaction_count


@pytest.fixture
def post(author):
    return post_create(author=author, body="Laporan bulanan sudah siap")


@pytest.fixture
def private_post(author, private_community):
    join(author, private_community)
    return post_create(author=author, body="Internal", community=private_community)


@pytest.fixture
def archived_post(public_community):
    owner = public_community.created_by
    placed = post_create(author=owner, body="Old news", community=public_community)
    communities.community_set_archived(actor=owner, community=public_community, archived=True)
    fresh(owner)
    return Post.objects.get(pk=placed.pk)


@pytest.fixture
def deleted_post(author):
    return post_delete(actor=author, post=post_create(author=author, body="Gone"))


# --- comments ------------------------------------------------------------------------------


def test_a_comment_is_stored_counted_and_announced(
    author, colleague, post, published, django_capture_on_commit_callbacks
):
    sari = UserFactory(username="sari")

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=colleague, target=post, body="Mantap, **cc** @sari")

    assert (comment.target, comment.parent, comment.author) == (post, None, colleague)
    assert "<strong>cc</strong>" in comment.body_html and 'class="mention"' in comment.body_html
    assert list(comment.mentioned_users.all()) == [sari]
    assert counts(post) == (1, 0)
    [event] = named(published, "comment.created")
    assert (event.object_type, event.object_id, event.actor_id) == (
        "feed.comment", comment.pk, colleague.pk,
    )  # fmt: skip
    assert event.payload == {
        "target_type": "feed.post",
        "target_id": post.pk,
        "target_author_id": author.pk,
        "parent_id": None,
        "parent_author_id": None,
        "mentioned_user_ids": [sari.pk],
    }


def test_a_reply_to_a_reply_joins_the_first_comments_thread(
    author, colleague, outsider, post, published, django_capture_on_commit_callbacks
):
    top = comment_create(author=author, target=post, body="Question?")
    reply = comment_create(author=colleague, target=post, body="Answer", parent=top)

    with django_capture_on_commit_callbacks(execute=True):
        nested = comment_create(author=outsider, target=post, body="Follow-up", parent=reply)

    assert reply.parent == top and nested.parent == top
    assert counts(top) == (2, 0) and counts(post) == (3, 0)
    assert counts(reply) == (0, 0)
    [event] = named(published, "comment.created")
    assert (event.payload["parent_id"], event.payload["parent_author_id"]) == (top.pk, colleague.pk)


def test_a_reply_must_belong_to_the_same_post(author, colleague, post):
    other = post_create(author=author, body="Another post")
    elsewhere = comment_create(author=author, target=other, body="There")

    with pytest.raises(ValidationError) as info:
        comment_create(author=colleague, target=post, body="Here", parent=elsewhere)

    assert "parent" in info.value.message_dict
    assert counts(post) == (0, 0) and counts(elsewhere) == (0, 0)


def test_a_reply_to_a_deleted_comment_is_refused(author, colleague, post):
    top = comment_delete(
        actor=author, comment=comment_create(author=author, target=post, body="Question?")
    )

    with pytest.raises(ValidationError, match="deleted"):
        comment_create(author=colleague, target=post, body="Answer", parent=top)


@pytest.mark.parametrize("body", ["", "  \n ", None, "a" * 5001])
def test_an_empty_or_too_long_comment_is_refused(colleague, post, body):
    with pytest.raises(ValidationError) as info:
        comment_create(author=colleague, target=post, body=body)

    assert "body" in info.value.message_dict
    assert counts(post) == (0, 0)


def test_five_thousand_characters_make_a_fine_comment(colleague, post):
    assert len(comment_create(author=colleague, target=post, body="a" * 5000).body) == 5000


@override_settings(POSTING_RATE_LIMIT=2)
def test_comments_share_the_posting_rate_limit(author, colleague, post):
    comment_create(author=colleague, target=post, body="One")
    comment_create(author=colleague, target=post, body="Two")

    with pytest.raises(ValidationError) as info:
        comment_create(author=colleague, target=post, body="Three")

    assert info.value.code == RATE_LIMITED
    assert counts(post) == (2, 0)


def test_comment_mentions_are_not_found_inside_code(colleague, post):
    UserFactory(username="sari")

    comment = comment_create(author=colleague, target=post, body="`@sari` is a handle")

    assert not comment.mentioned_users.exists()


# --- editing and deleting comments ---------------------------------------------------------


def test_the_author_edits_a_comment_and_new_mentions_are_reported(
    author, colleague, post, published, django_capture_on_commit_callbacks
):
    sari = UserFactory(username="sari")
    comment = comment_create(author=colleague, target=post, body="Hi @ratna")

    with django_capture_on_commit_callbacks(execute=True):
        edited = comment_edit(actor=colleague, comment=comment, body="Hi @ratna and @sari")

    edited.refresh_from_db()
    assert edited.body == "Hi @ratna and @sari" and edited.edited_at is not None
    assert set(edited.mentioned_users.all()) == {author, sari}
    [event] = named(published, "comment.edited")
    assert event.payload["new_mentioned_user_ids"] == [sari.pk]
    assert event.payload["target_id"] == post.pk


def test_saving_a_comment_unchanged_publishes_nothing(
    colleague, post, published, django_capture_on_commit_callbacks
):
    comment = comment_create(author=colleague, target=post, body="Same")

    with django_capture_on_commit_callbacks(execute=True):
        comment_edit(actor=colleague, comment=comment, body=" Same ")

    comment.refresh_from_db()
    assert comment.edited_at is None and published == []


def test_only_the_author_edits_a_comment(author, colleague, site_moderator, post):
    comment = comment_create(author=colleague, target=post, body="Mine")

    for other in (author, site_moderator):
        with pytest.raises(PermissionDenied):
            comment_edit(actor=other, comment=comment, body="Theirs")

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_a_deleted_comment_cannot_be_edited(colleague, post):
    comment = comment_delete(
        actor=colleague, comment=comment_create(author=colleague, target=post, body="Oops")
    )

    with pytest.raises(PermissionDenied):
        comment_edit(actor=colleague, comment=comment, body="Back")


def test_deleting_a_comment_and_a_reply_gives_the_counts_back(
    author, colleague, post, published, django_capture_on_commit_callbacks
):
    top = comment_create(author=author, target=post, body="Question?")
    reply = comment_create(author=colleague, target=post, body="Answer", parent=top)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = comment_delete(actor=colleague, comment=reply)

    assert deleted.is_deleted and deleted.deleted_by == colleague
    assert counts(post) == (1, 0) and counts(top) == (0, 0)
    assert not deleted.is_visible_to(author)
    [event] = named(published, "comment.deleted")
    assert event.payload == {"target_type": "feed.post", "target_id": post.pk,
                             "target_author_id": author.pk}  # fmt: skip
    assert not ModerationAction.objects.exists()


def test_deleting_a_comment_twice_is_refused_and_counts_stay(colleague, post):
    comment = comment_create(author=colleague, target=post, body="Oops")
    comment_delete(actor=colleague, comment=comment)

    with pytest.raises(ValidationError, match="already been deleted"):
        comment_delete(actor=colleague, comment=comment)
    assert counts(post) == (0, 0)


def test_community_moderators_delete_comments_with_an_audit_row(author, public_community):
    join(author, public_community)
    moderator = join(UserFactory(username="mod"), public_community, role=Role.MODERATOR)
    placed = post_create(author=author, body="Hi", community=public_community)
    comment = comment_create(author=author, target=placed, body="Spam")

    comment_delete(actor=moderator, comment=comment)

    entry = ModerationAction.objects.get()
    assert (entry.action, entry.actor, entry.community, entry.target) == (
        ActionType.DELETE, moderator, public_community, Comment.objects.get(pk=comment.pk),
    )  # fmt: skip


def test_site_moderators_delete_comments_on_company_wide_posts(colleague, site_moderator, post):
    comment = comment_create(author=colleague, target=post, body="Spam")

    comment_delete(actor=site_moderator, comment=comment)

    assert ModerationAction.objects.get().action == ActionType.DELETE


def test_the_post_author_who_is_no_moderator_cannot_delete_others_comments(author, colleague, post):
    comment = comment_create(author=colleague, target=post, body="Theirs")

    with pytest.raises(PermissionDenied):
        comment_delete(actor=author, comment=comment)
    assert counts(post) == (1, 0)


def test_get_comment_for_hides_deleted_comments_and_closed_communities(
    author, colleague, outsider, post, private_post
):
    comment = comment_create(author=colleague, target=post, body="Fine")
    inside = comment_create(author=author, target=private_post, body="Inside")

    assert get_comment_for(outsider, comment.pk) == comment
    with pytest.raises(Http404):
        get_comment_for(outsider, inside.pk)
    comment_delete(actor=colleague, comment=comment)
    with pytest.raises(Http404):
        get_comment_for(colleague, comment.pk)
    with pytest.raises(Http404):
        get_comment_for(colleague, 999_999)


# --- reactions -----------------------------------------------------------------------------


def test_a_reaction_is_counted_and_announced(
    author, colleague, post, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reaction = reaction_set(user=colleague, target=post, kind="celebrate")

    assert (reaction.kind, reaction.user, reaction.target, reaction.emoji) == (
        "celebrate", colleague, post, "🎉",
    )  # fmt: skip
    assert counts(post) == (0, 1)
    [event] = published
    assert (event.name, event.object_type, event.object_id) == (
        "reaction.added", "feed.reaction", reaction.pk,
    )  # fmt: skip
    assert event.payload == {"target_type": "feed.post", "target_id": post.pk,
                             "target_author_id": author.pk, "kind": "celebrate"}  # fmt: skip


def test_reacting_twice_the_same_way_keeps_one_reaction(
    colleague, post, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = reaction_set(user=colleague, target=post, kind="like")
        second = reaction_set(user=colleague, target=post, kind="like")

    assert first == second and Reaction.objects.count() == 1
    assert counts(post) == (0, 1)
    assert [e.name for e in published] == ["reaction.added"]


def test_changing_a_reaction_replaces_its_kind(
    colleague, post, published, django_capture_on_commit_callbacks
):
    reaction_set(user=colleague, target=post, kind="like")

    with django_capture_on_commit_callbacks(execute=True):
        changed = reaction_set(user=colleague, target=post, kind="insightful")

    assert changed.kind == "insightful" and Reaction.objects.count() == 1
    assert counts(post) == (0, 1)
    [event] = published
    assert (event.name, event.payload["kind"]) == ("reaction.changed", "insightful")


def test_each_person_has_their_own_reaction(author, colleague, outsider, post):
    for person, kind in ((author, "like"), (colleague, "funny"), (outsider, "support")):
        reaction_set(user=person, target=post, kind=kind)

    assert counts(post) == (0, 3)


@pytest.mark.parametrize("kind", ["love", "", None, "LIKE", "like "])
def test_an_unknown_reaction_is_refused(colleague, post, kind):
    with pytest.raises(ValidationError) as info:
        reaction_set(user=colleague, target=post, kind=kind)

    assert "kind" in info.value.message_dict
    assert counts(post) == (0, 0)


def test_reactions_on_comments_count_on_the_comment(author, colleague, post):
    comment = comment_create(author=author, target=post, body="Question?")

    reaction = reaction_set(user=colleague, target=comment, kind="support")

    assert reaction.target == comment
    assert counts(comment) == (0, 1) and counts(post) == (1, 0)


def test_a_deleted_comment_takes_no_reactions(author, colleague, post):
    comment = comment_delete(
        actor=author, comment=comment_create(author=author, target=post, body="Oops")
    )

    with pytest.raises(PermissionDenied):
        reaction_set(user=colleague, target=comment, kind="like")


def test_a_double_click_that_loses_the_race_returns_the_winning_reaction(
    colleague, post, monkeypatch, published, django_capture_on_commit_callbacks
):
    winner = reaction_set(user=colleague, target=post, kind="like")
    # The second request looked before the first one's row existed.
    monkeypatch.setattr(Reaction.objects, "select_for_update", Reaction.objects.none)

    with django_capture_on_commit_callbacks(execute=True):
        loser = reaction_set(user=colleague, target=post, kind="like")

    assert loser == winner and Reaction.objects.count() == 1
    assert counts(post) == (0, 1) and published == []


def test_clearing_a_reaction_gives_the_count_back(
    author, colleague, post, published, django_capture_on_commit_callbacks
):
    reaction_set(user=colleague, target=post, kind="like")

    with django_capture_on_commit_callbacks(execute=True):
        assert reaction_clear(user=colleague, target=post) is True
        assert reaction_clear(user=colleague, target=post) is False

    assert counts(post) == (0, 0) and not Reaction.objects.exists()
    [event] = published
    assert (event.name, event.object_type, event.object_id) == ("reaction.removed", "", None)
    assert event.payload == {"target_type": "feed.post", "target_id": post.pk,
                             "target_author_id": author.pk, "kind": "like"}  # fmt: skip


def test_clearing_only_takes_back_ones_own_reaction(author, colleague, post):
    reaction_set(user=author, target=post, kind="like")

    assert reaction_clear(user=colleague, target=post) is False
    assert counts(post) == (0, 1)


def test_clearing_a_reaction_on_a_comment(author, colleague, post):
    comment = comment_create(author=author, target=post, body="Question?")
    reaction_set(user=colleague, target=comment, kind="like")

    assert reaction_clear(user=colleague, target=comment) is True
    assert counts(comment) == (0, 0)


# --- bookmarks -----------------------------------------------------------------------------


def test_bookmarks_are_idempotent_both_ways(
    colleague, post, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = bookmark_add(user=colleague, post=post)
        again = bookmark_add(user=colleague, post=post)
        removed = bookmark_remove(user=colleague, post=post)
        removed_again = bookmark_remove(user=colleague, post=post)

    assert first == again
    assert (removed, removed_again) == (True, False)
    assert not Bookmark.objects.exists()
    assert [(e.name, e.object_id) for e in published] == [
        ("bookmark.added", post.pk), ("bookmark.removed", post.pk),
    ]  # fmt: skip


def test_a_bookmark_is_personal(author, colleague, post):
    bookmark_add(user=colleague, post=post)

    assert bookmark_remove(user=author, post=post) is False
    assert Bookmark.objects.get().user == colleague


def test_a_post_in_an_archived_community_can_still_be_saved_for_later(colleague, archived_post):
    # Saving is the reader's own note, not a change to the read-only community.
    assert bookmark_add(user=colleague, post=archived_post).post == archived_post


# --- who may take part ---------------------------------------------------------------------

ACTIONS = {
    "comment": lambda user, post: comment_create(author=user, target=post, body="Hi"),
    "react": lambda user, post: reaction_set(user=user, target=post, kind="like"),
    "clear-reaction": lambda user, post: reaction_clear(user=user, target=post),
    "bookmark": lambda user, post: bookmark_add(user=user, post=post),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_outsiders_of_a_private_community_get_404_for_everything(outsider, private_post, action):
    with pytest.raises(Http404):
        ACTIONS[action](outsider, private_post)

    assert counts(private_post) == (0, 0)
    assert not Bookmark.objects.exists()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_deleted_post_answers_404_for_everything(colleague, deleted_post, action):
    with pytest.raises(Http404):
        ACTIONS[action](colleague, deleted_post)


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_hidden_post_answers_404_for_everything(colleague, site_moderator, post, action):
    content_hide(actor=site_moderator, obj=post, reason="Rude")
    post.refresh_from_db()

    with pytest.raises(Http404):
        ACTIONS[action](colleague, post)


@pytest.mark.parametrize("action", ["comment", "react", "clear-reaction"])
def test_an_archived_community_is_read_only(colleague, archived_post, action):
    with pytest.raises(PermissionDenied):
        ACTIONS[action](colleague, archived_post)

    assert counts(archived_post) == (0, 0)


def test_comments_in_an_archived_community_cannot_be_edited_or_reacted_to(public_community):
    owner = public_community.created_by
    placed = post_create(author=owner, body="Hi", community=public_community)
    comment = comment_create(author=owner, target=placed, body="Before")
    reaction_set(user=owner, target=comment, kind="like")
    communities.community_set_archived(actor=owner, community=public_community, archived=True)
    comment = Comment.objects.get(pk=comment.pk)
    owner = fresh(owner)

    with pytest.raises(PermissionDenied):
        comment_edit(actor=owner, comment=comment, body="After")
    with pytest.raises(PermissionDenied):
        reaction_set(user=owner, target=comment, kind="funny")
    with pytest.raises(PermissionDenied):
        reaction_clear(user=owner, target=comment)
    with pytest.raises(PermissionDenied):
        comment_create(author=owner, target=placed, body="Reply", parent=comment)


def test_comments_on_a_private_post_are_hidden_from_outsiders(author, outsider, private_post):
    comment = comment_create(author=author, target=private_post, body="Inside")

    assert comment.is_visible_to(author) and not comment.is_visible_to(outsider)
    with pytest.raises(Http404):
        comment_edit(actor=outsider, comment=comment, body="x")
    with pytest.raises(Http404):
        comment_delete(actor=outsider, comment=comment)
    with pytest.raises(Http404):
        reaction_set(user=outsider, target=comment, kind="like")
    with pytest.raises(Http404):
        comment_create(author=outsider, target=private_post, body="x", parent=comment)


def test_members_of_a_secret_community_take_part_and_outsiders_get_404(author, outsider):
    secret = build_community(name="Board", type=CommunityType.SECRET)
    member = join(UserFactory(username="member"), secret)
    placed = post_create(author=secret.created_by, body="Plan", community=secret)

    comment = comment_create(author=member, target=placed, body="Agreed")
    reaction_set(user=member, target=placed, kind="like")

    assert counts(placed) == (1, 1)
    with pytest.raises(Http404):
        reaction_set(user=outsider, target=comment, kind="like")


def test_leaving_a_private_community_ends_taking_part(author, private_community, private_post):
    member = join(UserFactory(username="member"), private_community)
    comment = comment_create(author=member, target=private_post, body="Hi")
    communities.community_leave(user=member, community=private_community)
    fresh(member)

    with pytest.raises(Http404):
        comment_edit(actor=member, comment=comment, body="Still here?")
    with pytest.raises(Http404):
        reaction_set(user=member, target=private_post, kind="like")
