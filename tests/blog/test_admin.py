"""Blogs in the admin: every list loads, searches and filters; the actions go through the
services (and refuse what the acting admin may not do)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Permission
from django.urls import reverse

from blog.models import Article, ArticleRevision, ArticleStatus, Blog, FeedToken
from blog.services.articles import article_edit
from blog.services.feed_tokens import feed_token_get_or_create
from moderation.models import ModerationAction
from tests.blog.conftest import write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Article, ArticleRevision, FeedToken]


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


@pytest.fixture
def rows(author, colleague, communicator, community_article):
    article = write(author, body="First")
    article_edit(actor=author, article=article, body="Second")
    write(communicator, title="News", blog=Blog.company())
    write(author, title="Draft", publish="draft")
    feed_token_get_or_create(user=colleague)
    return {"article": article}


@pytest.fixture
def root(db, client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_blog_list_and_change_page_loads_searches_and_filters(root, rows, model):
    url = url_for(model, "changelist")
    response = root.get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count >= 1
    assert root.get(url, {"q": "a"}).status_code == 200
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            assert root.get(url + choice["query_string"]).status_code == 200
    first = changelist.result_list[0]
    assert root.get(changelist.url_for_result(first)).status_code == 200
    assert root.get(url_for(model, "add")).status_code == 403


def act(client, model, action, objects):
    return client.post(
        url_for(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects]},
        follow=True,
    )


def test_soft_delete_and_restore_actions_log_the_moderator(root, rows):
    article = rows["article"]

    act(root, Article, "soft_delete", [article])
    article.refresh_from_db()
    assert article.is_deleted
    act(root, Article, "restore", [article])
    article.refresh_from_db()
    assert not article.is_deleted
    assert list(ModerationAction.objects.values_list("action", flat=True).order_by("pk")) == [
        "delete",
        "restore",
    ]


def test_publish_and_unpublish_are_the_authors_and_say_so(root, rows, author):
    article = rows["article"]

    response = act(root, Article, "unpublish", [article])
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert any("Only the author" in str(m) for m in response.context["messages"])

    author.is_staff = author.is_superuser = True
    author.save()
    root.force_login(author)
    act(root, Article, "unpublish", [article])
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    act(root, Article, "publish", [article])
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED


def test_rotating_feed_tokens_replaces_them(root, rows, colleague):
    before = FeedToken.objects.get(user=colleague).token

    act(root, FeedToken, "rotate", FeedToken.objects.all())

    assert FeedToken.objects.get(user=colleague).token != before


def test_staff_who_are_not_moderators_see_only_articles_they_may_read(client, rows):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(staff)

    listed = client.get(url_for(Article, "changelist")).context["cl"].result_list
    assert "Tax calendar" not in {a.title for a in listed}
    assert {"Closing the books", "News", "Draft"} <= {a.title for a in listed}
