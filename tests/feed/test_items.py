"""Posts that stand for another app's content (``feed.services.items``): publishing,
keeping in step, withdrawing and restoring them, and the rules of their cards (no edit, no
conversation, no delete; saving is fine, moderators may hide them).

The forum and blog tests (tests/forums/test_feed_items.py, tests/blog/test_feed_items.py) go
through the owning apps; here the feed's side is driven directly, with item ids that need not
exist (a card whose item is gone says so)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from feed import permissions
from feed.models import Bookmark, Post, PostKind
from feed.selectors import feed_company, feed_home, posts_decorate
from feed.services.conversation import bookmark_add, comment_create, reaction_set
from feed.services.items import (
    item_post_publish,
    item_post_restore,
    item_post_sync,
    item_post_withdraw,
)
from feed.services.posts import post_delete, post_edit, post_share
from moderation.services import content_hide
from profiles.services import user_follow
from tests.feed.conftest import named
from tests.helpers import join

pytestmark = pytest.mark.django_db

GONE = 987_654  # An item id with no thread or article behind it.
HX = {"HTTP_HX_REQUEST": "true"}


def publish(author, *, community=None, tags=(), item_id=GONE, kind=PostKind.THREAD, **kw):
    return item_post_publish(
        kind=kind, item_id=item_id, author=author, community=community, tags=tags, **kw
    )


def api_for(person) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


# --- the services -----------------------------------------------------------------------------


def test_publishing_creates_an_empty_post_of_the_items_kind_and_announces_it(
    author, public_community, published, django_capture_on_commit_callbacks
):
    join(author, public_community)
    with django_capture_on_commit_callbacks(execute=True):
        post = publish(author, community=public_community, tags=["sap", "payroll"])

    post.refresh_from_db()
    assert (post.kind, post.item_id, post.body, post.body_html) == ("thread", GONE, "", "")
    assert post.community == public_community and post.author == author
    assert sorted(post.tags.names()) == ["payroll", "sap"]
    (event,) = named(published, "post.created")
    assert (event.object_type, event.object_id, event.community_id) == (
        "feed.post", post.pk, public_community.pk,
    )  # fmt: skip
    payload = dict(event.payload, tag_slugs=sorted(event.payload["tag_slugs"]))
    assert payload == {
        "kind": "thread",
        "is_announcement": False,
        "mentioned_user_ids": [],
        "mentioned_community_ids": [],
        "tag_slugs": ["payroll", "sap"],
        "shared_post_id": None,
        "praised_user_ids": [],
        "item_id": GONE,
    }


def test_publishing_twice_leaves_one_post_and_one_event(
    author, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = publish(author)
        again = publish(author, tags=["other"])

    assert first.pk == again.pk
    assert Post.objects.filter(kind=PostKind.THREAD, item_id=GONE).count() == 1
    assert len(named(published, "post.created")) == 1
    # A thread and an article may share an id: they are different items.
    article_post = publish(author, kind=PostKind.ARTICLE)
    assert article_post.pk != first.pk


def test_an_item_post_takes_the_items_date(author):
    earlier = timezone.now() - timezone.timedelta(hours=3)

    post = publish(author, created_at=earlier)

    assert post.created_at == earlier


def test_a_kind_that_is_not_an_item_is_refused(author):
    with pytest.raises(ValueError):
        publish(author, kind=PostKind.POST)
    assert not Post.objects.exists()


def test_sync_moves_and_retags_the_post_even_while_withdrawn(
    author, public_community, private_community
):
    post = publish(author, community=public_community, tags=["old"])
    item_post_withdraw(kind=PostKind.THREAD, item_id=GONE)

    item_post_sync(kind=PostKind.THREAD, item_id=GONE, community=private_community, tags=["new"])

    post.refresh_from_db()
    assert post.community == private_community and list(post.tags.names()) == ["new"]
    assert item_post_sync(kind=PostKind.THREAD, item_id=GONE + 1, community=None) is None


def test_withdrawing_deletes_the_post_once_and_says_so_to_open_feeds(
    author, colleague, published, django_capture_on_commit_callbacks
):
    post = publish(author)
    with django_capture_on_commit_callbacks(execute=True):
        item_post_withdraw(kind=PostKind.THREAD, item_id=GONE, actor=author)
        item_post_withdraw(kind=PostKind.THREAD, item_id=GONE, actor=author)

    post.refresh_from_db()
    assert post.is_deleted and post.deleted_by == author
    assert [e.object_id for e in named(published, "post.deleted")] == [post.pk]
    assert not Post.objects.visible_to(colleague).filter(pk=post.pk).exists()
    assert item_post_withdraw(kind=PostKind.THREAD, item_id=GONE + 1) is None


def test_restoring_brings_the_post_back_where_and_when_it_was(
    author, colleague, published, django_capture_on_commit_callbacks
):
    post = publish(author)
    item_post_withdraw(kind=PostKind.THREAD, item_id=GONE)
    with django_capture_on_commit_callbacks(execute=True):
        item_post_restore(kind=PostKind.THREAD, item_id=GONE)
        item_post_restore(kind=PostKind.THREAD, item_id=GONE)

    restored = Post.objects.get(pk=post.pk)
    assert not restored.is_deleted and restored.created_at == post.created_at
    assert restored.is_visible_to(colleague)
    assert len(named(published, "post.restored")) == 1


def test_publishing_a_withdrawn_item_again_brings_its_post_back_as_news(
    author, published, django_capture_on_commit_callbacks
):
    post = publish(author, created_at=timezone.now() - timezone.timedelta(days=2))
    item_post_withdraw(kind=PostKind.THREAD, item_id=GONE)
    with django_capture_on_commit_callbacks(execute=True):
        again = publish(author)

    assert again.pk == post.pk and not again.is_deleted
    assert again.created_at > post.created_at
    assert [e.object_id for e in named(published, "post.created")] == [post.pk]


def test_item_posts_are_in_the_timelines_by_their_placement(author, colleague, private_community):
    user_follow(follower=colleague, followee=author)
    everywhere = publish(author, item_id=1)
    join(author, private_community)
    members_only = publish(author, community=private_community, item_id=2)

    assert [p.pk for p in feed_home(colleague).items] == [everywhere.pk]
    assert [p.pk for p in feed_company(colleague).items] == [everywhere.pk]
    assert members_only.pk in [p.pk for p in feed_home(author).items]


# --- the rules of the card ----------------------------------------------------------------------


def test_nobody_edits_comments_reacts_to_or_shares_an_item_card(author, colleague):
    post = publish(author)

    with pytest.raises(PermissionDenied, match="edit that instead"):
        post_edit(actor=author, post=post, body="New words")
    for refused in (
        lambda: comment_create(author=colleague, target=post, body="Nice"),
        lambda: reaction_set(user=colleague, target=post, kind="like"),
        lambda: post_share(author=colleague, original=post),
    ):
        with pytest.raises(ValidationError, match="open it to reply there"):
            refused()

    post.refresh_from_db()
    assert (post.body, post.comment_count, post.reaction_count, post.share_count) == ("", 0, 0, 0)
    assert Post.objects.count() == 1


def test_neither_the_author_nor_a_moderator_deletes_the_card_itself(author, site_moderator):
    post = publish(author)

    for person in (author, site_moderator):
        with pytest.raises(PermissionDenied, match="delete that instead"):
            post_delete(actor=person, post=post)
    assert not Post.objects.get(pk=post.pk).is_deleted


def test_an_item_card_may_be_saved_and_hidden_by_a_site_moderator(
    author, colleague, site_moderator
):
    post = publish(author)

    bookmark_add(user=colleague, post=post)
    content_hide(actor=site_moderator, obj=post, reason="Off topic")

    assert Bookmark.objects.filter(user=colleague, post=post).exists()
    assert not Post.objects.visible_to(colleague).filter(pk=post.pk).exists()


def test_the_decorated_card_offers_only_saving(author, colleague):
    publish(author)

    (post,) = posts_decorate(Post.objects.all(), author)

    assert not post.viewer_can_edit and not post.viewer_can_delete
    assert not post.viewer_can_comment and not post.viewer_can_restore
    assert permissions.is_item_post(post)
    assert not permissions.can_react(colleague, post) and not permissions.can_share(colleague, post)


def test_the_api_refuses_changing_and_talking_on_an_item_card(author, colleague):
    post = publish(author)
    mine, theirs = api_for(author), api_for(colleague)
    url = f"/api/v1/posts/{post.pk}/"

    assert mine.patch(url, {"body": "x"}, format="json").status_code == 403
    assert mine.delete(url).status_code == 403
    comment = theirs.post(f"{url}comments/", {"body": "Nice"}, format="json")
    assert comment.status_code == 400
    assert "open it to reply there" in comment.content.decode()
    assert theirs.put(f"{url}reaction/", {"kind": "like"}, format="json").status_code == 400
    assert theirs.post(f"{url}share/", {}, format="json").status_code == 400
    assert theirs.put(f"{url}bookmark/").status_code == 200
    row = theirs.get(url).json()
    assert row["viewer"] == {
        "reaction": None, "bookmarked": True, "can_edit": False, "can_delete": False,
        "can_comment": False, "can_restore": False, "can_see_history": False,
    }  # fmt: skip
    assert row["item"] == {"kind": "thread", "id": GONE, "unavailable": True}


def test_an_ordinary_post_has_no_item_in_the_api(author):
    from feed.services.posts import post_create

    post = post_create(author=author, body="Plain words")

    assert api_for(author).get(f"/api/v1/posts/{post.pk}/").json()["item"] is None


def test_the_pages_refuse_changing_and_talking_on_an_item_card(client, author, colleague):
    post = publish(author)
    client.force_login(author)
    assert client.get(reverse("feed:post-edit", args=[post.pk])).status_code == 403
    assert client.post(reverse("feed:post-delete", args=[post.pk]), **HX).status_code == 403

    client.force_login(colleague)
    comment = client.post(reverse("feed:comment-create", args=[post.pk]), {"body": "Hi"}, **HX)
    react = client.post(reverse("feed:post-react", args=[post.pk]), {"kind": "like"}, **HX)
    share = client.post(reverse("feed:post-share", args=[post.pk]), {"body": ""}, **HX)

    assert (comment.status_code, react.status_code, share.status_code) == (422, 422, 422)
    assert "open it to reply there" in share.content.decode()
    assert Post.objects.count() == 1 and Post.objects.get().comment_count == 0


def test_a_card_whose_item_is_gone_says_so_without_buttons_or_topics(client, author):
    post = publish(author, tags=["secret-topic"])
    client.force_login(author)

    html = client.get(reverse("feed:post-detail", args=[post.pk])).content.decode()

    assert "This is no longer available." in html
    assert "started a discussion" in html
    assert "#secret-topic" not in html
    assert reverse("feed:post-edit", args=[post.pk]) not in html
    assert reverse("feed:post-delete", args=[post.pk]) not in html
    assert reverse("feed:post-react", args=[post.pk]) not in html
    assert f'id="comment-body-{post.pk}"' not in html
    assert reverse("feed:post-save", args=[post.pk]) in html
