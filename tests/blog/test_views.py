"""The blog's pages: lists, articles, writing, publishing, the conversation and Atom feeds."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Article, ArticleStatus, Blog
from blog.services.feed_tokens import feed_token_get_or_create
from feed.models import Comment, Reaction
from tests.blog.conftest import image_upload, join, write

pytestmark = pytest.mark.django_db


def _client(client, person):
    client.force_login(person)
    return client


# Lists --------------------------------------------------------------------------------------


def test_the_blog_home_shows_company_and_personal_articles_with_their_details(
    client, communicator, author, colleague
):
    news = write(communicator, title="Quarter results", blog=Blog.company(), tags=["finance"])
    mine = write(author, title="My first month", excerpt="What I learned.")

    html = _client(client, colleague).get(reverse("blog:index")).content.decode()

    assert "Quarter results" in html and news.get_absolute_url() in html
    assert "My first month" in html and "What I learned." in html
    assert "Ratna Sari" in html and "min read" in html
    assert f'href="{mine.get_absolute_url()}"' in html
    assert 'href="/blog/"' in html  # The top navigation's "Blog".


def test_the_tag_filter_keeps_only_articles_on_that_topic(client, author, colleague):
    write(author, title="On SAP", tags=["sap"])
    write(author, title="On lunch", tags=["food"])

    html = _client(client, colleague).get(reverse("blog:index"), {"tag": "sap"}).content.decode()

    assert "On SAP" in html and "On lunch" not in html


def test_a_personal_blog_lists_its_articles_and_offers_the_viewers_own_feed(
    client, author, colleague
):
    write(author, title="Closing the books")
    token = feed_token_get_or_create(user=colleague)

    response = _client(client, colleague).get(reverse("blog:personal", args=["ratna"]))

    html = response.content.decode()
    assert response.status_code == 200 and "Closing the books" in html
    assert "Subscribe in a feed reader" in html
    assert f"/blog/people/ratna/atom/?token={token.token}" in html
    assert client.get(reverse("blog:personal", args=["nobody"])).status_code == 404


@pytest.mark.parametrize(
    ("community", "expected"), [("private_community", 200), ("secret_community", 404)]
)
def test_outsiders_see_nothing_of_a_private_or_secret_community_blog(
    client, request, community, expected, colleague, outsider
):
    place = request.getfixturevalue(community)
    join(colleague, place)
    article = write(colleague, title="Inside only", blog=Blog.of_community(place))
    outsider_client = _client(client, outsider)

    listed = outsider_client.get(reverse("blog:community", args=[place.slug]))
    assert listed.status_code == expected
    assert "Inside only" not in listed.content.decode()
    assert outsider_client.get(article.get_absolute_url()).status_code == 404
    assert "Inside only" not in outsider_client.get(reverse("blog:index")).content.decode()

    member = _client(client, colleague)
    assert (
        "Inside only" in member.get(reverse("blog:community", args=[place.slug])).content.decode()
    )
    assert member.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url_name", ["blog:index", "blog:company"])
def test_lists_take_the_same_number_of_queries_for_10_and_100_articles(
    client, communicator, author, colleague, url_name
):
    viewer = _client(client, colleague)
    viewer.get(reverse(url_name))  # The first visit makes the viewer's feed token.
    counts = []
    for total in (10, 100):
        for i in range(total - Article.objects.count()):
            who, blog = (communicator, Blog.company()) if i % 2 else (author, None)
            write(who, title=f"Article {total}-{i}", blog=blog, tags=["ops"])
        with CaptureQueriesContext(connection) as queries:
            assert viewer.get(reverse(url_name)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 12


# The article page ------------------------------------------------------------------------------


def test_the_article_page_shows_contents_tags_conversation_and_more_from_the_author(
    client, author, colleague
):
    write(author, title="Earlier piece")
    article = write(author, title="Closing the books", tags=["finance"])

    html = _client(client, colleague).get(article.get_absolute_url()).content.decode()

    assert "<h1" in html and "Closing the books" in html
    assert 'href="#h-why"' in html and 'id="h-why"' in html  # Table of contents as in-page links.
    assert "#finance" in html
    assert "More from Ratna Sari" in html and "Earlier piece" in html
    assert reverse("feed:item-comment-create", args=["articles", article.pk]) in html
    assert reverse("feed:item-react", args=["articles", article.pk]) in html


def test_commenting_replying_and_reacting_on_an_article_go_through_the_feed(
    client, author, colleague
):
    article = write(author)
    viewer = _client(client, colleague)

    response = viewer.post(
        reverse("feed:item-comment-create", args=["articles", article.pk]), {"body": "Nice"}
    )
    comment = Comment.objects.on(article).get()
    assert response.status_code == 302 and response.url.endswith(f"#comment-{comment.pk}")
    viewer.post(
        reverse("feed:item-comment-create", args=["articles", article.pk]),
        {"body": "Indeed", "parent": comment.pk},
    )
    viewer.post(reverse("feed:item-react", args=["articles", article.pk]), {"kind": "insightful"})

    article.refresh_from_db()
    assert (article.comment_count, article.reaction_count) == (2, 1)
    html = viewer.get(article.get_absolute_url()).content.decode()
    assert "Nice" in html and "Indeed" in html
    assert Reaction.objects.filter(object_id=article.pk, kind="insightful").exists()

    viewer.post(reverse("feed:item-unreact", args=["articles", article.pk]))
    viewer.post(reverse("feed:comment-delete", args=[comment.pk]))
    article.refresh_from_db()
    assert article.reaction_count == 0
    assert viewer.get(reverse("feed:item-react", args=["articles", article.pk])).status_code == 405


def test_a_title_with_a_script_is_escaped_everywhere(client, author, colleague):
    article = write(author, title="<script>alert(1)</script> Tips", tags=["x"])
    viewer = _client(client, colleague)

    for url in (article.get_absolute_url(), reverse("blog:index"), "/blog/people/ratna/"):
        html = viewer.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Tips" in html


# Writing -----------------------------------------------------------------------------------


def test_writing_an_article_publishes_it_in_my_blog(client, author):
    response = _client(client, author).post(
        reverse("blog:write"),
        {
            "blog": "personal",
            "title": "Hello",
            "body": "## One\n\nText.",
            "tags": "onboarding, hr",
            "publish": "now",
            "cover": image_upload(),
        },
    )

    article = Article.objects.get()
    assert response.status_code == 302 and response.url == article.get_absolute_url()
    assert article.is_published and article.cover
    assert sorted(t.name for t in article.tags.all()) == ["hr", "onboarding"]
    cover = client.get(reverse("blog:cover", args=[article.pk]))
    assert cover.status_code == 200 and cover["Content-Type"].startswith("image/")


def test_scheduling_in_the_past_publishes_now_with_the_services_message(client, author):
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = _client(client, author).post(
        reverse("blog:write"),
        {
            "blog": "personal",
            "title": "Late",
            "body": "Text",
            "publish": "schedule",
            "publish_at": past,
        },  # fmt: skip
        follow=True,
    )

    assert Article.objects.get().status == ArticleStatus.PUBLISHED
    assert "already passed" in response.content.decode()


def test_scheduling_in_the_future_and_drafts_are_listed_in_my_drafts(client, author):
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    me = _client(client, author)
    me.post(reverse("blog:write"), {"blog": "personal", "title": "Soon", "body": "Text",
                                    "publish": "schedule", "publish_at": later})  # fmt: skip
    me.post(reverse("blog:write"), {"blog": "personal", "title": "Idea", "publish": "draft"})

    html = me.get(reverse("blog:drafts")).content.decode()
    assert "Soon" in html and "Idea" in html and "Scheduled for" in html


def test_an_empty_title_keeps_what_was_typed(client, author):
    response = _client(client, author).post(
        reverse("blog:write"),
        {"blog": "personal", "title": "  ", "body": "Keep this text", "publish": "now"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Give the article a title." in html and "Keep this text" in html
    assert not Article.objects.exists()


def test_a_broken_cover_image_is_refused_with_a_message(client, author):
    broken = SimpleUploadedFile("cover.png", b"not an image", content_type="image/png")
    response = _client(client, author).post(
        reverse("blog:write"),
        {"blog": "personal", "title": "Hi", "body": "Text", "publish": "now", "cover": broken},
    )

    assert response.status_code == 422
    assert 'id="id_cover-error"' in response.content.decode()
    assert not Article.objects.exists()


def test_only_communicators_get_the_company_blog_as_a_choice(
    client, author, communicator, private_community
):
    join(author, private_community)
    html = _client(client, author).get(reverse("blog:write")).content.decode()
    assert 'value="company"' not in html and 'value="c:tax-team"' in html

    html = _client(client, communicator).get(reverse("blog:write")).content.decode()
    assert 'value="company"' in html

    refused = _client(client, author).post(
        reverse("blog:write"), {"blog": "company", "title": "Hi", "body": "x", "publish": "now"}
    )
    assert refused.status_code == 422 and not Article.objects.exists()


def test_only_the_author_edits_and_the_edit_keeps_the_address(client, author, colleague):
    article = write(author)

    assert (
        _client(client, colleague).get(reverse("blog:edit", args=[article.pk])).status_code == 403
    )
    response = _client(client, author).post(
        reverse("blog:edit", args=[article.pk]),
        {"title": "Closing the books, again", "body": "## New\n\nText", "tags": "finance"},
    )

    article.refresh_from_db()
    assert response.status_code == 302 and article.title == "Closing the books, again"
    assert response.url == article.get_absolute_url()


def test_unpublish_publish_and_delete_are_post_only_and_for_the_author(client, author, colleague):
    article = write(author)
    other = _client(client, colleague)
    assert other.post(reverse("blog:unpublish", args=[article.pk])).status_code == 403
    assert other.post(reverse("blog:delete", args=[article.pk])).status_code == 403

    me = _client(client, author)
    assert me.get(reverse("blog:unpublish", args=[article.pk])).status_code == 405
    me.post(reverse("blog:unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert _client(client, colleague).get(article.get_absolute_url()).status_code == 404

    me = _client(client, author)
    me.post(reverse("blog:publish", args=[article.pk]), {"publish_at": ""})
    article.refresh_from_db()
    assert article.is_published
    me.post(reverse("blog:delete", args=[article.pk]))
    article.refresh_from_db()
    assert article.is_deleted


# Atom ---------------------------------------------------------------------------------------


def test_the_atom_feeds_serve_company_wide_articles_to_a_token(
    client, author, colleague, communicator, private_community
):
    join(author, private_community)
    write(communicator, title="Company news", blog=Blog.company())
    write(author, title="Personal note")
    write(author, title="Community secret", blog=Blog.of_community(private_community))
    token = feed_token_get_or_create(user=author).token
    # Signed in as someone else: the token alone decides what the feed holds.
    reader = _client(client, colleague)

    company = reader.get(reverse("blog:company-atom"), {"token": token})
    personal = reader.get(reverse("blog:personal-atom", args=["ratna"]), {"token": token})

    assert company.status_code == 200
    assert company["Content-Type"].startswith("application/atom+xml")
    assert "Company news" in company.content.decode()
    xml = personal.content.decode()
    assert personal.status_code == 200 and "Personal note" in xml
    assert "Community secret" not in xml and "Community secret" not in company.content.decode()


def test_an_unknown_token_gets_no_feed(client, author, colleague):
    write(author)
    reader = _client(client, colleague)

    assert reader.get(reverse("blog:company-atom"), {"token": "nope"}).status_code == 404
    assert reader.get(reverse("blog:personal-atom", args=["ratna"])).status_code == 404
    assert reader.get(reverse("blog:personal-atom", args=["nobody"])).status_code == 404


def test_a_feed_reader_without_a_session_gets_the_feed(client, communicator):
    write(communicator, title="Company news", blog=Blog.company())
    token = feed_token_get_or_create(user=communicator).token

    response = client.get(reverse("blog:company-atom"), {"token": token})

    assert response.status_code == 200
    assert "Company news" in response.content.decode()
    personal = client.get(reverse("blog:personal-atom", args=[communicator.username]),
                          {"token": token})  # fmt: skip
    assert personal.status_code == 200
    # Without a key, no feed; the rest of the blog still wants a session.
    assert client.get(reverse("blog:company-atom")).status_code == 404
    assert client.get(reverse("blog:index")).status_code == 302
