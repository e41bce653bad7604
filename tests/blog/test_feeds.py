"""Atom feeds of the company blog and personal blogs, read with a per-person token: only
what every employee may read, and nothing at all for an unknown token."""

import xml.etree.ElementTree as ET

import pytest
from django.http import Http404

from blog.feeds import atom_feed
from blog.models import Blog, FeedToken
from blog.services.articles import article_delete
from blog.services.feed_tokens import feed_token_get_or_create, feed_token_rotate
from moderation.services import content_hide
from profiles.services import user_set_active
from tests.blog.conftest import join, write

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def link(article) -> str:
    return f"/blog/{article.pk}/{article.slug}/"


def entries(xml: str) -> list[dict]:
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def feed(token, blog) -> str:
    return atom_feed(token=token, blog=blog, base_url="https://kolega.test/", link=link)


@pytest.fixture
def token(colleague):
    return feed_token_get_or_create(user=colleague).token


def test_the_company_feed_holds_the_company_blogs_published_articles(communicator, token):
    news = write(communicator, title="Town hall", blog=Blog.company(), tags=["events"],
                 body="## Agenda\n\nQ&A <b>with</b> the board")  # fmt: skip
    write(communicator, title="Draft", blog=Blog.company(), publish="draft")
    write(communicator, title="Personal", body="Mine")

    xml = feed(token, Blog.company())

    root = ET.fromstring(xml)
    assert root.findtext(f"{ATOM}title") == "Kolega company blog"
    (entry,) = entries(xml)
    assert entry["title"] == "Town hall"
    assert entry["link"] == f"https://kolega.test/blog/{news.pk}/town-hall/"
    assert entry["author"] == "Humas Kolega"
    assert entry["categories"] == ["events"]
    assert '<h2 id="h-agenda">Agenda</h2>' in entry["summary"]  # Escaped in the XML, as HTML.


def test_a_personal_feed_never_holds_community_or_hidden_or_deleted_articles(
    member, private_community, public_community, token, site_moderator
):
    join(member, public_community)
    write(member, title="Mine", body="Open to all")
    write(member, title="Tax secrets", blog=Blog.of_community(private_community))
    write(member, title="Club news", blog=Blog.of_community(public_community))
    hidden = write(member, title="Hidden")
    content_hide(actor=site_moderator, obj=hidden, reason="Spam")
    article_delete(actor=member, article=write(member, title="Deleted"))

    # Even the member's own token: a feed reader is not a session.
    own = feed_token_get_or_create(user=member).token
    for reader_token in (token, own):
        assert [e["title"] for e in entries(feed(reader_token, Blog.personal(member)))] == ["Mine"]


def test_community_blogs_have_no_feed(member, private_community, token):
    with pytest.raises(Http404):
        feed(token, Blog.of_community(private_community))


@pytest.mark.parametrize("bad", ["", "nope", "x" * 500, None])
def test_an_unknown_token_gets_nothing(communicator, bad):
    write(communicator, title="Town hall", blog=Blog.company())

    with pytest.raises(Http404):
        feed(bad, Blog.company())


def test_rotating_the_token_cuts_off_the_old_one(colleague, communicator, token):
    write(communicator, title="Town hall", blog=Blog.company())
    new = feed_token_rotate(user=colleague).token

    assert new != token and FeedToken.objects.get(user=colleague).token == new
    assert len(entries(feed(new, Blog.company()))) == 1
    with pytest.raises(Http404):
        feed(token, Blog.company())
    assert feed_token_get_or_create(user=colleague).token == new


def test_a_deactivated_persons_token_gets_nothing(colleague, communicator, token, staff_user):
    user_set_active(user=colleague, active=False, actor=staff_user)

    with pytest.raises(Http404):
        feed(token, Blog.company())


@pytest.mark.parametrize("count", [10, 30])
def test_a_feed_takes_the_same_queries_however_many_articles(
    count, communicator, token, django_assert_max_num_queries
):
    for n in range(count):
        write(communicator, title=f"News {n}", blog=Blog.company(), tags=["news", f"t{n % 4}"])

    # The token and its person, their site roles, the articles with authors, their tags.
    with django_assert_max_num_queries(4):
        assert len(entries(feed(token, Blog.company()))) == min(count, 20)
