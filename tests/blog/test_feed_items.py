"""Publishing an article puts a card in the relevant feeds (never before: drafts and scheduled
articles stay out until the due task publishes them); the card follows the article's topics
and leaves the feeds when the article is unpublished or deleted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from blog.models import Blog
from blog.services.articles import (
    article_delete,
    article_edit,
    article_publish,
    article_restore,
    article_unpublish,
)
from blog.tasks import publish_due_articles
from feed.models import Post, PostKind
from feed.services.conversation import reaction_set
from profiles.services import user_follow
from tests.blog.conftest import image_upload, write
from tests.feed.conftest import named
from tests.helpers import join

pytestmark = pytest.mark.django_db


def cards(article):
    return Post.objects.filter(kind=PostKind.ARTICLE, item_id=article.pk)


def api_for(person) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def api_items(person, url="/api/v1/feed/", **params) -> dict[int, dict]:
    response = api_for(person).get(url, params)
    assert response.status_code == 200, response.content
    return {
        row["item"]["id"]: row["item"]
        for row in response.json()["results"]
        if row["kind"] == "article"
    }


@pytest.fixture
def clock(monkeypatch):
    """Move the clock: ``clock(hours=3)``."""

    def move(**delta):
        moved = timezone.now() + timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: moved)
        return moved

    return move


def test_a_draft_gives_no_card_and_publishing_gives_one(
    author, colleague, published, django_capture_on_commit_callbacks
):
    draft = write(author, title="Quarter in review", publish="draft")
    assert not cards(draft).exists()

    with django_capture_on_commit_callbacks(execute=True):
        article = article_publish(actor=author, article=draft)

    (card,) = cards(article)
    assert card.created_at == article.published_at and card.community is None
    assert article.pk in api_items(colleague, scope="company")
    assert [e.payload["item_id"] for e in named(published, "post.created")] == [article.pk]


def test_publishing_now_puts_the_card_in_the_authors_followers_home_feed(client, author, colleague):
    user_follow(follower=colleague, followee=author)
    article = write(author, title="Why we close early", excerpt="Three reasons.",
                    tags=["closing"], cover=image_upload("cover.png"))  # fmt: skip

    client.force_login(colleague)
    html = client.get(reverse("home")).content.decode()
    assert "published an article" in html and "Why we close early" in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Three reasons." in html and "#closing" in html
    cover = reverse("blog:cover", args=[article.pk])
    assert f'src="{cover}"' in html and client.get(cover).status_code == 200
    item = api_items(colleague)[article.pk]
    assert item == {
        "kind": "article",
        "id": article.pk,
        "title": "Why we close early",
        "url": f"http://testserver{article.get_absolute_url()}",
        "excerpt": "Three reasons.",
        "reading_minutes": 1,
        "cover_url": f"http://testserver{cover}",
    }


def test_a_scheduled_article_gets_its_card_only_when_the_due_task_publishes_it(
    author, colleague, clock
):
    at = timezone.now() + timedelta(hours=1)
    article = write(author, title="Coming soon", publish="schedule", publish_at=at)
    assert not cards(article).exists()
    assert publish_due_articles() == 0 and not cards(article).exists()

    clock(hours=2)
    assert publish_due_articles() == 1
    assert publish_due_articles() == 0

    (card,) = cards(article)
    article.refresh_from_db()
    assert card.created_at == article.published_at and article.published_at >= at
    assert article.pk in api_items(colleague, scope="company")


def test_unpublishing_withdraws_the_card_and_publishing_again_brings_it_back(author, colleague):
    article = write(author)

    draft = article_unpublish(actor=author, article=article)
    assert cards(article).get().is_deleted
    assert api_items(colleague, scope="company") == {}

    article_publish(actor=author, article=draft)
    assert cards(article).count() == 1 and not cards(article).get().is_deleted
    assert article.pk in api_items(colleague, scope="company")


def test_deleting_withdraws_the_card_and_restoring_a_published_article_brings_it_back(
    author, colleague, site_moderator
):
    article = write(author)

    deleted = article_delete(actor=author, article=article)
    assert cards(article).get().is_deleted

    article_restore(actor=site_moderator, article=deleted)
    assert not cards(article).get().is_deleted
    assert article.pk in api_items(colleague, scope="company")


def test_deleting_a_draft_or_restoring_it_makes_no_card(author, site_moderator):
    draft = write(author, publish="draft")

    article_restore(actor=site_moderator, article=article_delete(actor=author, article=draft))

    assert not cards(draft).exists()


def test_editing_a_published_article_retags_its_card(author, colleague):
    article = write(author, tags=["budget"])

    article_edit(actor=author, article=article, tags=["forecast"])

    assert list(cards(article).get().tags.names()) == ["forecast"]
    assert article.pk in api_items(colleague, "/api/v1/tags/forecast/posts/")


def test_a_community_article_is_for_its_members_only(
    member, outsider, private_community, community_article
):
    (card,) = cards(community_article)

    assert card.community == private_community
    community_feed = f"/api/v1/communities/{private_community.slug}/feed/"
    assert community_article.pk in api_items(member, community_feed)
    assert api_items(outsider, scope="company") == {} and api_items(outsider) == {}
    assert api_for(outsider).get(f"/api/v1/posts/{card.pk}/").status_code == 404


def test_the_card_takes_no_reactions_the_article_does(author, colleague):
    article = write(author)
    (card,) = cards(article)

    with pytest.raises(Exception, match="open it to reply there"):
        reaction_set(user=colleague, target=card, kind="like")
    reaction_set(user=colleague, target=article, kind="like")

    article.refresh_from_db()
    assert article.reaction_count == 1
    assert Post.objects.get(pk=card.pk).reaction_count == 0


def test_an_article_of_a_community_blog_needs_its_author_to_belong(author, public_community):
    join(author, public_community)

    article = write(author, blog=Blog.of_community(public_community))

    assert cards(article).get().community == public_community


def test_the_feeds_take_the_same_queries_for_10_and_100_article_cards(
    client, author, colleague, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow(count, start=0):
        for n in range(start, start + count):
            write(author, title=f"Article {n}", tags=[f"topic{n % 3}"],
                  cover=image_upload() if n % 4 == 0 else None)  # fmt: skip

    def queries(who, url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert who.get(url).status_code == 200
        return len(captured)

    user_follow(follower=colleague, followee=author)
    grow(10)
    client.force_login(colleague)
    api = api_for(colleague)
    urls = {"page": (client, reverse("home")), "api": (api, "/api/v1/feed/?limit=20")}
    for who, url in urls.values():
        who.get(url)  # Content types and the like cached, as in a running server.
    small = {name: queries(who, url) for name, (who, url) in urls.items()}

    grow(90, start=10)

    with django_assert_max_num_queries(34):
        big_page = queries(client, reverse("home"))
    with django_assert_max_num_queries(22):
        big_api = queries(api, "/api/v1/feed/?limit=20")
    assert {"page": big_page, "api": big_api} == small
    assert len(api_items(colleague, limit=20)) == 20
