"""Comments and reactions on articles: the feed's components, reused. Visible articles take
them (and count them); drafts and articles in private communities do not exist for those
who may not read them; notifications follow the article's rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from blog.models import Article, Blog
from blog.services.articles import article_delete
from communities.services import community_set_archived
from feed.models import Comment, Reaction
from feed.services.conversation import (
    comment_create,
    comment_delete,
    reaction_clear,
    reaction_set,
)
from notifications import visibility
from notifications.models import Notification
from tests.blog.conftest import write

pytestmark = pytest.mark.django_db


def test_commenting_and_reacting_on_a_visible_article_updates_its_counts(
    author, colleague, published, django_capture_on_commit_callbacks
):
    article = write(author)

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=colleague, target=article, body="Useful, thanks @ratna")
        reply = comment_create(author=author, target=article, body="Glad", parent=comment)
        reaction_set(user=colleague, target=article, kind="insightful")
        reaction_set(user=author, target=comment, kind="like")

    article.refresh_from_db()
    assert (article.comment_count, article.reaction_count) == (2, 1)
    assert comment.target == article and reply.parent == comment
    assert Comment.objects.on(article).count() == 2
    assert Reaction.objects.filter(object_id=article.pk, kind="insightful").count() == 1
    (event,) = [e for e in published if e.name == "comment.created"][:1]
    assert event.payload["target_type"] == "blog.article"
    # The author hears about the comment and the reaction, the commenter about the reply.
    verbs = sorted(Notification.objects.filter(recipient=author).values_list("verb", flat=True))
    assert "comment" in verbs and "reaction" in verbs
    assert Notification.objects.filter(recipient=colleague, verb="reply").exists()

    comment_delete(actor=colleague, comment=reply.parent)
    assert reaction_clear(user=colleague, target=article)
    article.refresh_from_db()
    assert (article.comment_count, article.reaction_count) == (1, 0)


def test_a_draft_takes_no_comments_or_reactions(author, colleague):
    draft = write(author, publish="draft")

    with pytest.raises(Http404):
        comment_create(author=colleague, target=draft, body="Early bird")
    with pytest.raises(Http404):
        reaction_set(user=colleague, target=draft, kind="like")
    with pytest.raises(Http404):  # Not even its author: a draft has no conversation yet.
        comment_create(author=author, target=draft, body="Note to self")


def test_a_private_community_article_does_not_exist_for_outsiders(
    community_article, outsider, member
):
    with pytest.raises(Http404):
        comment_create(author=outsider, target=community_article, body="Let me in")
    with pytest.raises(Http404):
        reaction_set(user=outsider, target=community_article, kind="like")

    comment_create(author=member, target=community_article, body="Members only")
    community_article.refresh_from_db()
    assert community_article.comment_count == 1


def test_deleted_articles_and_archived_communities_close_the_conversation(
    author, colleague, public_community
):
    article = article_delete(actor=author, article=write(author))
    with pytest.raises(Http404):
        comment_create(author=colleague, target=article, body="Too late")

    owner = public_community.created_by
    club = write(owner, blog=Blog.of_community(public_community))
    community_set_archived(actor=owner, community=public_community, archived=True)
    club.refresh_from_db()
    with pytest.raises(PermissionDenied):
        comment_create(author=colleague, target=club, body="Archived")


def test_notifications_about_articles_and_their_comments_follow_the_article(
    community_article, member, outsider
):
    comment = comment_create(author=member, target=community_article, body="Hello")

    assert visibility.may_see(member, community_article)
    assert not visibility.may_see(outsider, community_article)
    assert visibility.may_see(member, comment)
    assert not visibility.may_see(outsider, comment)
    Article.objects.filter(pk=community_article.pk).update(status="draft")
    assert not visibility.may_see(member, comment)
