"""The placed-content permission matrix (tests/communities/matrix.py) for articles: every
role x every placement, one rule, through every way of looking (one article, the queryset,
the blog list, the article page's selector, comments); drafts and deleted articles for
nobody."""

import pytest
from django.http import Http404

from blog.models import Article, Blog
from blog.selectors import article_detail, articles_for
from blog.services.articles import article_delete
from feed.services.conversation import comment_create
from tests.blog.conftest import write
from tests.communities.matrix import check_placed_content_matrix

pytestmark = pytest.mark.django_db


def make_article(*, author, community):
    blog = Blog.of_community(community) if community else Blog.personal(author)
    return write(author, title="Matrix #sap", blog=blog)


def one(user, article) -> bool:
    return article.is_visible_to(user)


def many(user, article) -> bool:
    return Article.objects.visible_to(user).filter(pk=article.pk).exists()


def listed(user, article) -> bool:
    if not user.is_authenticated:
        return False
    try:
        return article in articles_for(user, blog=article.blog)
    except Http404:
        return False


def page(user, article) -> bool:
    if not user.is_authenticated:
        return False
    where = (
        {"community_slug": article.community.slug}
        if article.community_id
        else {"author_username": article.author.username}
    )
    try:
        return article_detail(user, slug=article.slug, **where) == article
    except Http404:
        return False


WAYS = {"is_visible_to": one, "visible_to": many, "articles_for": listed, "article_detail": page}


def nobody(role, placement) -> bool:
    return False


@pytest.mark.parametrize("way", list(WAYS))
def test_articles_follow_the_visibility_rule(way):
    check_placed_content_matrix(make=make_article, can_see=WAYS[way])


def test_comments_on_articles_follow_the_rule_of_their_article():
    def make(*, author, community):
        article = make_article(author=author, community=community)
        return comment_create(author=author, target=article, body="First")

    check_placed_content_matrix(make=make, can_see=lambda u, c: c.is_visible_to(u))


def make_draft(*, author, community):
    blog = Blog.of_community(community) if community else Blog.personal(author)
    return write(author, title="Draft", blog=blog, publish="draft")


def make_deleted(*, author, community):
    return article_delete(actor=author, article=make_article(author=author, community=community))


@pytest.mark.parametrize("make", [make_draft, make_deleted], ids=["draft", "deleted"])
@pytest.mark.parametrize("way", list(WAYS))
def test_drafts_and_deleted_articles_are_visible_to_nobody_else(way, make):
    def can_see(user, article):
        if user.pk == article.author_id and not article.is_deleted:
            # The author reads their own draft on its page, and nowhere else.
            assert WAYS[way](user, article) == (way == "article_detail")
            return False
        return WAYS[way](user, article)

    check_placed_content_matrix(make=make, can_see=can_see, expected=nobody)
