"""Reading blogs: lists per blog and tag, one article, more from the author, drafts; what
outsiders never see; constant query counts."""

import pytest
from django.http import Http404

from blog.models import Blog
from blog.selectors import (
    article_detail,
    articles_for,
    blog_for,
    drafts_of,
    get_article_for,
    more_from_author,
)
from blog.services.articles import article_delete
from moderation.services import content_hide
from tests.blog.conftest import fresh, join, write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def titles(articles) -> list[str]:
    return [a.title for a in articles]


def test_a_personal_blog_lists_its_published_articles_newest_first(author, colleague):
    write(author, title="One")
    write(author, title="Two", tags=["sap"])
    write(author, title="Draft", publish="draft")
    write(colleague, title="Not hers")
    gone = write(author, title="Gone")
    article_delete(actor=author, article=gone)

    blog = Blog.personal(author)
    assert titles(articles_for(colleague, blog=blog)) == ["Two", "One"]
    assert titles(articles_for(colleague, blog=blog, tag="sap")) == ["Two"]
    assert titles(articles_for(author, blog=blog)) == ["Two", "One"]  # Drafts are apart.
    assert titles(drafts_of(author)) == ["Draft"]
    assert drafts_of(colleague) == []


def test_the_company_blog_lists_communicators_articles(author, communicator):
    write(communicator, title="Company news", blog=Blog.company())
    write(communicator, title="Personal note")

    assert titles(articles_for(author, blog=blog_for(author, company=True))) == ["Company news"]


def test_community_blog_articles_are_for_members_only(
    community_article, member, outsider, private_community, site_moderator
):
    blog = Blog.of_community(private_community)

    assert titles(articles_for(member, blog=blog)) == ["Tax calendar"]
    assert titles(articles_for(site_moderator, blog=blog)) == ["Tax calendar"]
    assert articles_for(outsider, blog=blog) == []
    assert more_from_author(outsider, write(member, title="Public one")) == []
    with pytest.raises(Http404):
        article_detail(outsider, community_slug=private_community.slug, slug="tax-calendar")
    with pytest.raises(Http404):
        get_article_for(outsider, community_article.pk)


def test_a_secret_communitys_blog_does_not_exist_for_outsiders(
    colleague, outsider, secret_community
):
    join(colleague, secret_community)
    write(colleague, title="Merger plan", blog=Blog.of_community(secret_community))

    with pytest.raises(Http404):
        blog_for(outsider, community_slug=secret_community.slug)
    with pytest.raises(Http404):
        articles_for(outsider, blog=Blog.of_community(secret_community))
    with pytest.raises(Http404):
        article_detail(outsider, community_slug=secret_community.slug, slug="merger-plan")
    found = article_detail(fresh(colleague), community_slug=secret_community.slug,
                           slug="merger-plan")  # fmt: skip
    assert found.title == "Merger plan"


def test_article_detail_finds_by_blog_and_slug_and_hides_drafts(author, colleague, communicator):
    write(author, title="Budget")
    write(author, title="Secret draft", publish="draft")
    write(communicator, title="Budget", blog=Blog.company())

    mine = article_detail(colleague, author_username="ratna", slug="budget")
    company = article_detail(colleague, company=True, slug="budget")
    assert mine.author == author and company.is_company
    assert article_detail(author, author_username="ratna", slug="secret-draft").title
    for viewer, username, slug in [(colleague, "ratna", "secret-draft"),
                                   (colleague, "nobody", "budget"),
                                   (colleague, "ratna", "missing")]:  # fmt: skip
        with pytest.raises(Http404):
            article_detail(viewer, author_username=username, slug=slug)


def test_hidden_articles_are_gone_from_lists_and_details(author, colleague, site_moderator):
    article = write(author, title="Hidden")
    content_hide(actor=site_moderator, obj=article, reason="Spam")

    assert articles_for(colleague, blog=Blog.personal(author)) == []
    with pytest.raises(Http404):
        article_detail(colleague, author_username="ratna", slug="hidden")


def test_more_from_the_author_is_their_other_visible_articles(
    author, colleague, member, private_community
):
    first = write(member, title="First")
    write(member, title="Second")
    write(member, title="In the tax team", blog=Blog.of_community(private_community))
    write(member, title="Draft", publish="draft")
    outsider = UserFactory(username="another")

    assert titles(more_from_author(outsider, first)) == ["Second"]
    assert titles(more_from_author(fresh(member), first, n=3)) == ["In the tax team", "Second"]
    assert more_from_author(outsider, first, n=0) == []


@pytest.mark.parametrize("count", [10, 100])
def test_listing_a_blog_takes_the_same_queries_for_10_or_100_articles(
    count, author, colleague, private_community, django_assert_max_num_queries
):
    community_member = join(UserFactory(username="taxer"), private_community)
    blogs = [Blog.personal(author), Blog.of_community(private_community)]
    for n in range(count):
        write(author, title=f"Article {n}", tags=["sap", f"t{n % 3}"])
        write(community_member, title=f"Tax {n}", blog=blogs[1], tags=["tax"])
    viewer = fresh(join(colleague, private_community))

    for blog in blogs:
        with django_assert_max_num_queries(4):
            articles = articles_for(viewer, blog=blog, limit=100)
            assert len(articles) == count
            assert all(a.author.name and a.tags.all() for a in articles)
    with django_assert_max_num_queries(2):
        assert len(more_from_author(viewer, articles[0], n=3)) == 3
    with django_assert_max_num_queries(2):
        assert len(drafts_of(author)) == 0
