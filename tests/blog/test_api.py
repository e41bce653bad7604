"""The blog API under /api/v1/: lists of every blog, a blog's articles, articles by id and by
address, writing (draft, publish now, schedule), editing, publishing, deleting, restoring,
earlier versions, the conversation on an article and the Atom feed token, through the same
services and selectors as the blog pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from blog.models import Article, ArticleRevision, ArticleStatus, Blog, FeedToken
from blog.services.articles import article_delete, article_edit
from blog.services.feed_tokens import feed_token_get_or_create
from communities.models import Role
from feed.models import Comment, Reaction
from feed.services.conversation import comment_create, reaction_set
from tests.blog.conftest import image_upload, join, write
from tests.factories import UserFactory
from tests.helpers import fresh

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
SUMMARY_FIELDS = {
    "id", "url", "page_url", "title", "slug", "excerpt", "cover_url", "reading_minutes", "tags",
    "author", "placement", "status", "publish_at", "published_at", "created_at", "updated_at",
    "edited_at", "is_deleted", "counts", "viewer",
}  # fmt: skip
DETAIL_FIELDS = SUMMARY_FIELDS | {"body", "body_html", "toc", "reaction_summary", "notice"}


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(fresh(person))
    return client


def article_url(article, suffix: str = "") -> str:
    return f"{ARTICLES}{article.pk}/{suffix}"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- lists ------------------------------------------------------------------------------


def test_the_list_of_every_blog_shows_what_the_viewer_may_read_newest_first(
    author, colleague, outsider, communicator, public_community, private_community, member
):
    company = write(communicator, title="Quarter results", blog=Blog.company())
    personal = write(author, title="My first month")
    public = write(
        public_community.created_by, title="Club news", blog=Blog.of_community(public_community)
    )
    private = write(member, title="Tax calendar", blog=Blog.of_community(private_community))
    write(author, title="Half written", publish="draft")

    seen_by_outsider = ids(client_for(outsider).get(ARTICLES))
    seen_by_member = ids(client_for(member).get(ARTICLES))

    assert seen_by_outsider == [public.pk, personal.pk, company.pk]
    assert seen_by_member == [private.pk, public.pk, personal.pk, company.pk]


def test_a_list_row_has_the_summary_shape_without_the_text(author, colleague):
    article = write(author, title="Closing the books", tags=["Finance"], excerpt="Why and how.")

    row = client_for(colleague).get(ARTICLES).json()["results"][0]

    assert set(row) == SUMMARY_FIELDS
    assert row["id"] == article.pk and row["excerpt"] == "Why and how."
    assert row["url"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert row["page_url"] == "http://testserver/blog/people/ratna/articles/closing-the-books/"
    assert row["placement"] == {"kind": "personal", "community": None}
    assert row["tags"] == ["finance"] and row["status"] == "published"
    assert row["author"]["username"] == "ratna" and row["cover_url"] is None
    assert row["counts"] == {"comments": 0, "reactions": 0, "views": 0}
    assert row["viewer"] == {
        "reaction": None,
        "can_edit": False,
        "can_delete": False,
        "can_restore": False,
        "can_see_history": False,
        "can_comment": True,
    }


def test_the_list_pages_with_a_cursor_and_keeps_to_a_tag(author, colleague):
    made = [write(author, title=f"Note {n}", tags=["sap"] if n % 2 else []) for n in range(5)]
    client = client_for(colleague)

    first = client.get(ARTICLES, {"limit": 2}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    tagged = ids(client.get(ARTICLES, {"tag": "sap"}))

    newest = [a.pk for a in reversed(made)]
    assert [r["id"] for r in first["results"]] == newest[:2]
    assert [r["id"] for r in second["results"]] == newest[2:4]
    assert [r["id"] for r in third["results"]] == newest[4:] and third["next"] is None
    assert tagged == [made[3].pk, made[1].pk]
    assert client.get(ARTICLES, {"limit": "many"}).status_code == 400
    assert ids(client.get(ARTICLES, {"before": "not-a-cursor"})) == newest


def test_each_blog_lists_its_own_articles_with_the_blog_itself(
    author, colleague, communicator, public_community
):
    company = write(communicator, title="Quarter results", blog=Blog.company())
    personal = write(author, title="My first month")
    club = write(
        public_community.created_by, title="Club news", blog=Blog.of_community(public_community)
    )
    client = client_for(author)

    company_page = client.get("/api/v1/blog/company/articles/").json()
    personal_page = client.get("/api/v1/people/ratna/articles/").json()
    club_page = client.get("/api/v1/communities/finance-club/articles/").json()

    assert [r["id"] for r in company_page["results"]] == [company.pk]
    assert company_page["blog"]["kind"] == "company"
    assert company_page["blog"]["can_write"] is False
    assert company_page["blog"]["atom_url"] == "http://testserver/blog/company/atom/"
    assert [r["id"] for r in personal_page["results"]] == [personal.pk]
    assert personal_page["blog"]["author"]["username"] == "ratna"
    assert personal_page["blog"]["can_write"] is True
    assert [r["id"] for r in club_page["results"]] == [club.pk]
    assert club_page["blog"]["community"]["slug"] == "finance-club"
    assert club_page["blog"]["atom_url"] is None
    assert client.get("/api/v1/people/nobody/articles/").status_code == 404


def test_a_secret_communitys_blog_does_not_exist_for_outsiders_and_a_private_one_is_empty(
    outsider, member, private_community, secret_community
):
    write(member, title="Tax calendar", blog=Blog.of_community(private_community))
    insider = join(UserFactory(), secret_community)
    write(insider, title="The merger", blog=Blog.of_community(secret_community))
    client = client_for(outsider)

    private = client.get("/api/v1/communities/tax-team/articles/")
    secret = client.get("/api/v1/communities/merger-room/articles/")

    assert private.status_code == 200 and private.json()["results"] == []
    assert secret.status_code == 404
    assert ids(client_for(insider).get("/api/v1/communities/merger-room/articles/"))


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"limit": 100})
    assert response.status_code == 200, response.content
    return len(queries)


def test_the_list_query_count_is_the_same_for_10_and_100_articles(
    author, colleague, communicator, public_community, private_community, member
):
    join(author, public_community)
    client = client_for(member)

    def add(n):
        for i in range(n):
            blog = [
                Blog.company(),
                Blog.personal(UserFactory()),
                Blog.of_community(public_community),
                Blog.of_community(private_community),
            ][i % 4]
            writer = {"company": communicator, "community": member}.get(blog.kind)
            if blog.kind == "community" and blog.community == public_community:
                writer = author
            article = write(writer or blog.author, title=f"A{i}", blog=blog, tags=["sap", f"t{i}"])
            reaction_set(user=colleague if blog.community != private_community else member,
                         target=article, kind="like")  # fmt: skip

    add(10)
    few = _list_queries(client, ARTICLES)
    add(90)
    many = _list_queries(client, ARTICLES)
    assert client.get(ARTICLES, {"limit": 100}).json()["results"].__len__() == 100

    assert few == many
    assert many <= 8


# --- one article ------------------------------------------------------------------------


def test_an_article_has_its_text_toc_reading_time_cover_and_the_viewers_reaction(author, colleague):
    body = "## Why\n\nBecause <script>x</script> **matters**.\n\n## How\n\nSteps."
    article = write(author, title="Closing the books", body=body, cover=image_upload())
    reaction_set(user=colleague, target=article, kind="celebrate")
    client = client_for(colleague)

    data = client.get(article_url(article)).json()

    assert set(data) == DETAIL_FIELDS
    assert "<strong>matters</strong>" in data["body_html"] and "<script" not in data["body_html"]
    assert [entry["text"] for entry in data["toc"]] == ["Why", "How"]
    assert data["toc"][0]["id"] in data["body_html"]
    assert data["reading_minutes"] == 1 and data["notice"] == ""
    assert data["viewer"]["reaction"] == "celebrate"
    assert data["reaction_summary"] == [{"kind": "celebrate", "emoji": "🎉", "count": 1}]
    assert data["cover_url"] == f"http://testserver/blog/a/{article.pk}/cover/"
    cover = client_for(colleague).get(data["cover_url"])
    assert cover.status_code == 200 and cover["Content-Type"].startswith("image/")


def test_articles_are_found_by_their_address_in_their_blog(
    author, colleague, communicator, member, private_community, outsider
):
    company = write(communicator, title="Quarter results", blog=Blog.company())
    personal = write(author, title="Closing the books")
    private = write(member, title="Tax calendar", blog=Blog.of_community(private_community))
    client = client_for(colleague)

    found = {
        "company": client.get("/api/v1/blog/company/articles/quarter-results/"),
        "personal": client.get("/api/v1/people/ratna/articles/closing-the-books/"),
        "community": client.get("/api/v1/communities/tax-team/articles/tax-calendar/"),
    }
    wrong_blog = client.get("/api/v1/people/humas/articles/quarter-results/")
    outside = client_for(outsider).get("/api/v1/communities/tax-team/articles/tax-calendar/")

    assert found["company"].json()["id"] == company.pk
    assert found["personal"].json()["id"] == personal.pk
    assert found["community"].json()["id"] == private.pk
    assert found["community"].json()["placement"]["kind"] == "community"
    assert wrong_blog.status_code == 404 and outside.status_code == 404


def _codes(article, people: dict, calls) -> dict:
    codes = {}
    for who, person in people.items():
        client = client_for(person)
        for method, suffix, data in calls:
            response = getattr(client, method)(article_url(article, suffix), data, format="json")
            codes.setdefault(who, {})[f"{method} {suffix}"] = response.status_code
    return codes


READS = [("get", "", None), ("get", "comments/", None), ("get", "reactions/", None)]


@pytest.mark.parametrize("kind", ["private", "secret"])
def test_a_closed_community_article_is_for_members_and_moderators_only(
    request, kind, outsider, site_moderator
):
    community = request.getfixturevalue(f"{kind}_community")
    writer = join(UserFactory(), community)
    reader = join(UserFactory(), community)
    article = write(writer, title="Inside", blog=Blog.of_community(community))
    people = {"anon": None, "outsider": outsider, "member": reader, "moderator": site_moderator}

    codes = _codes(article, people, READS)

    assert codes["anon"] == dict.fromkeys(codes["anon"], 401)
    assert codes["outsider"] == dict.fromkeys(codes["outsider"], 404)
    assert codes["member"] == dict.fromkeys(codes["member"], 200)
    assert codes["moderator"] == dict.fromkeys(codes["moderator"], 200)


def test_an_outsider_gets_404_on_every_endpoint_of_a_secret_community_article(
    outsider, secret_community
):
    writer = join(UserFactory(), secret_community)
    article = write(writer, title="Inside", blog=Blog.of_community(secret_community))
    comment = comment_create(author=writer, target=article, body="First")
    calls = [
        *READS,
        ("patch", "", {"title": "Mine"}),
        ("delete", "", None),
        ("post", "publish/", {}),
        ("post", "unpublish/", None),
        ("post", "restore/", None),
        ("get", "revisions/", None),
        ("post", "comments/", {"body": "Hi"}),
        ("put", "reaction/", {"kind": "like"}),
        ("delete", "reaction/", None),
    ]

    codes = _codes(article, {"outsider": outsider}, calls)["outsider"]
    reply = client_for(outsider).post(
        article_url(article, "comments/"), {"body": "x", "parent": comment.pk}, format="json"
    )

    assert codes == dict.fromkeys(codes, 404)
    assert reply.status_code == 404
    assert Comment.objects.count() == 1 and not Reaction.objects.exists()
    assert Article.objects.get().title == "Inside" and not Article.objects.get().is_deleted


def test_a_draft_is_its_authors_alone(author, colleague, site_moderator):
    draft = write(author, title="Half written", publish="draft")
    calls = [*READS, ("patch", "", {"title": "x"}), ("post", "publish/", {})]

    codes = _codes(draft, {"colleague": colleague, "moderator": site_moderator}, calls)
    mine = client_for(author).get(article_url(draft))

    assert codes["colleague"] == dict.fromkeys(codes["colleague"], 404)
    assert codes["moderator"] == dict.fromkeys(codes["moderator"], 404)
    assert mine.status_code == 200 and mine.json()["status"] == "draft"
    assert mine.json()["viewer"]["can_comment"] is False
    assert Article.objects.get().status == ArticleStatus.DRAFT


@pytest.mark.parametrize("url", ["/api/v1/articles/abc/", "/api/v1/articles/1.5/publish/"])
def test_an_id_that_is_not_a_number_is_a_json_404(author, url):
    response = client_for(author).get(url)

    assert response.status_code == 404 and response.json()["detail"]


def test_anonymous_requests_are_refused(author):
    article = write(author)

    assert APIClient().get(ARTICLES).status_code == 401
    assert APIClient().get(article_url(article)).status_code == 401
    assert APIClient().post(ARTICLES, {"title": "x"}, format="json").status_code == 401
    assert APIClient().get("/api/v1/blog/feed-token/").status_code == 401
    assert Article.objects.count() == 1


# --- writing ----------------------------------------------------------------------------


def test_writing_a_draft_publishing_now_and_scheduling(
    author, published, django_capture_on_commit_callbacks
):
    client = client_for(author)
    later = timezone.now() + timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        draft = client.post(ARTICLES, {"title": "Draft", "body": "Text"}, format="json")
        now = client.post(
            ARTICLES, {"title": "Now", "body": "Text #sap", "publish": "now"}, format="json"
        )
        scheduled = client.post(
            ARTICLES,
            {"title": "Later", "body": "Text", "publish": "schedule",
             "publish_at": later.isoformat()},
            format="json",
        )  # fmt: skip

    assert draft.status_code == 201, draft.content
    assert draft.json()["status"] == "draft" and draft.json()["published_at"] is None
    assert now.json()["status"] == "published" and now.json()["tags"] == ["sap"]
    assert now.json()["notice"] == ""
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["publish_at"] is not None
    assert [e.name for e in published].count("article.published") == 1


def test_scheduling_in_the_past_publishes_now_and_says_so(author):
    past = (timezone.now() - timedelta(hours=1)).isoformat()

    response = client_for(author).post(
        ARTICLES,
        {"title": "Late", "body": "Text", "publish": "schedule", "publish_at": past},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "published"
    assert "already passed" in response.json()["notice"]
    assert Article.objects.get().status == ArticleStatus.PUBLISHED


def test_writing_with_a_cover_in_multipart(author, colleague):
    response = client_for(author).post(
        ARTICLES,
        {"title": "Cover story", "body": "Text", "publish": "now", "cover": image_upload(),
         "tags": ["sap", "hr"]},
        format="multipart",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["hr", "sap"]
    cover_url = response.json()["cover_url"]
    assert cover_url and client_for(colleague).get(cover_url).status_code == 200
    assert Article.objects.get().cover


def test_writing_in_a_community_blog_and_in_the_company_blog(
    author, communicator, member, private_community
):
    club = client_for(member).post(
        ARTICLES,
        {"title": "Tax calendar", "body": "Text", "publish": "now", "community": "tax-team"},
        format="json",
    )
    company = client_for(communicator).post(
        ARTICLES,
        {"title": "Results", "body": "Text", "publish": "now", "blog": "company"},
        format="json",
    )
    refused = client_for(author).post(
        ARTICLES, {"title": "Mine", "body": "Text", "blog": "company"}, format="json"
    )

    assert club.status_code == 201, club.content
    assert club.json()["placement"]["community"]["slug"] == "tax-team"
    assert company.json()["placement"] == {"kind": "company", "community": None}
    assert refused.status_code == 403 and "Communicators" in refused.json()["detail"]
    assert Article.objects.count() == 2


def test_a_non_member_cannot_write_in_a_community_blog(author, public_community, secret_community):
    public = client_for(author).post(
        ARTICLES, {"title": "Hi", "body": "x", "community": "finance-club"}, format="json"
    )
    secret = client_for(author).post(
        ARTICLES, {"title": "Hi", "body": "x", "community": "merger-room"}, format="json"
    )

    assert public.status_code == 403
    assert secret.status_code == 400 and "community" in secret.json()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 50_001}, "body"),
        ({"excerpt": "x" * 301}, "excerpt"),
        ({"tags": [f"t{n}" for n in range(11)]}, "tags"),
        ({"publish": "now", "body": ""}, "body"),
        ({"publish": "later"}, "publish"),
        ({"publish": "schedule"}, "publish_at"),
        ({"publish_at": "tomorrow-ish"}, "publish_at"),
        ({"blog": "community"}, "community"),
        ({"blog": "personal", "community": "finance-club"}, "community"),
        ({"blog": "diary"}, "blog"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_article_input_answers_400_with_the_field_and_writes_nothing(
    author, public_community, payload, field
):
    join(author, public_community)
    data = {"title": "Fine", "body": "Text", **payload}

    response = client_for(author).post(ARTICLES, data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Article.objects.exists()


def test_a_cover_that_is_not_an_image_answers_400_and_writes_nothing(author):
    fake = SimpleUploadedFile("cover.png", b"not an image", content_type="image/png")

    response = client_for(author).post(
        ARTICLES, {"title": "Cover", "body": "x", "cover": fake}, format="multipart"
    )

    assert response.status_code == 400 and "cover" in response.json()
    assert not Article.objects.exists()


def test_the_author_edits_and_a_published_articles_earlier_text_is_kept(author, colleague):
    article = write(author, title="Closing the books", tags=["finance"])
    client = client_for(author)

    edited = client.patch(
        article_url(article), {"title": "Closing the books, v2", "tags": ["sap"]}, format="json"
    )
    refused = client_for(colleague).patch(article_url(article), {"title": "Mine"}, format="json")
    empty = client.patch(article_url(article), {"title": ""}, format="json")

    assert edited.status_code == 200, edited.content
    assert edited.json()["title"] == "Closing the books, v2" and edited.json()["tags"] == ["sap"]
    assert edited.json()["slug"] == "closing-the-books" and edited.json()["edited_at"]
    assert refused.status_code == 403 and "author" in refused.json()["detail"]
    assert empty.status_code == 400 and "title" in empty.json()
    assert Article.objects.get().title == "Closing the books, v2"
    assert list(ArticleRevision.objects.values_list("title", flat=True)) == ["Closing the books"]


def test_a_cover_is_replaced_and_removed_in_an_edit(author):
    article = write(author, title="Cover story")
    client = client_for(author)

    added = client.patch(article_url(article), {"cover": image_upload()}, format="multipart")
    removed = client.patch(article_url(article), {"remove_cover": True}, format="json")

    assert added.status_code == 200, added.content
    assert added.json()["cover_url"] is not None
    assert removed.json()["cover_url"] is None and not Article.objects.get().cover


def test_publishing_a_draft_now_later_or_too_late_and_back_to_the_drafts(author, colleague):
    client = client_for(author)
    draft = write(author, title="Draft", publish="draft")
    later = write(author, title="Later", publish="draft")
    late = write(author, title="Late", publish="draft")

    now = client.post(article_url(draft, "publish/"), {}, format="json")
    again = client.post(article_url(draft, "publish/"), {}, format="json")
    scheduled = client.post(
        article_url(later, "publish/"),
        {"publish_at": (timezone.now() + timedelta(days=1)).isoformat()},
        format="json",
    )
    too_late = client.post(
        article_url(late, "publish/"),
        {"publish_at": (timezone.now() - timedelta(days=1)).isoformat()},
        format="json",
    )
    refused = client_for(colleague).post(article_url(draft, "unpublish/"))
    back = client.post(article_url(draft, "unpublish/"))
    twice = client.post(article_url(draft, "unpublish/"))

    assert now.status_code == 200 and now.json()["status"] == "published"
    assert again.status_code == 400 and "already published" in again.json()["detail"]
    assert scheduled.json()["status"] == "scheduled"
    assert too_late.json()["status"] == "published" and too_late.json()["notice"]
    assert refused.status_code == 403
    assert back.status_code == 200 and back.json()["status"] == "draft"
    assert twice.status_code == 400
    assert client_for(colleague).get(article_url(draft)).status_code == 404


def test_a_draft_without_text_cannot_be_published(author):
    draft = write(author, title="Empty", body="", publish="draft")

    response = client_for(author).post(article_url(draft, "publish/"), {}, format="json")

    assert response.status_code == 400 and "body" in response.json()
    assert Article.objects.get().status == ArticleStatus.DRAFT


def test_deleting_and_restoring_an_article(author, colleague, site_moderator):
    article = write(author)
    moderator = client_for(site_moderator)

    refused = client_for(colleague).delete(article_url(article))
    deleted = client_for(author).delete(article_url(article))
    gone = client_for(author).get(article_url(article))
    not_theirs = client_for(author).post(article_url(article, "restore/"))
    restored = moderator.post(article_url(article, "restore/"))
    again = moderator.post(article_url(article, "restore/"))

    assert refused.status_code == 403
    assert deleted.status_code == 204 and gone.status_code == 404
    assert not_theirs.status_code == 404
    assert restored.status_code == 200 and restored.json()["is_deleted"] is False
    assert again.status_code == 400
    assert client_for(colleague).get(article_url(article)).status_code == 200


def test_earlier_versions_are_for_the_author_and_the_moderators(author, colleague, site_moderator):
    article = write(author, title="First title")
    article_edit(actor=author, article=article, title="Second title")

    mine = client_for(author).get(article_url(article, "revisions/"))
    moderated = client_for(site_moderator).get(article_url(article, "revisions/"))
    refused = client_for(colleague).get(article_url(article, "revisions/"))
    article_delete(actor=author, article=Article.objects.get())
    deleted = client_for(site_moderator).get(article_url(article, "revisions/"))

    assert mine.status_code == 200, mine.content
    assert mine.json()["title"] == "Second title"
    assert [r["title"] for r in mine.json()["revisions"]] == ["First title"]
    assert mine.json()["revisions"][0]["replaced_by"]["username"] == "ratna"
    assert moderated.status_code == 200
    assert refused.status_code == 403 and "author" in refused.json()["detail"]
    assert deleted.status_code == 200 and deleted.json()["is_deleted"] is True


def test_my_drafts_list_my_drafts_and_scheduled_articles_only(author, colleague):
    draft = write(author, title="Draft", publish="draft")
    scheduled = write(
        author,
        title="Later",
        publish="schedule",
        publish_at=timezone.now() + timedelta(days=1),
    )
    write(author, title="Out")
    write(colleague, title="Theirs", publish="draft")

    response = client_for(author).get(f"{ARTICLES}drafts/")

    assert set(ids(response)) == {draft.pk, scheduled.pk}
    assert response.json()["results"][0]["viewer"]["can_edit"] is True


# --- the conversation -------------------------------------------------------------------


def test_commenting_and_replying_on_an_article(author, colleague):
    article = write(author)
    client = client_for(colleague)

    first = client.post(article_url(article, "comments/"), {"body": "Thanks!"}, format="json")
    reply = client_for(author).post(
        article_url(article, "comments/"),
        {"body": "You're welcome", "parent": first.json()["id"]},
        format="json",
    )
    listed = client.get(article_url(article, "comments/")).json()["results"]

    assert first.status_code == 201, first.content
    assert first.json()["post"] == article.pk
    assert reply.status_code == 201 and reply.json()["parent"] == first.json()["id"]
    assert [c["body"] for c in listed] == ["Thanks!"]
    assert [r["body"] for r in listed[0]["replies"]] == ["You're welcome"]
    assert client.get(article_url(article)).json()["counts"]["comments"] == 2
    assert client.delete(first.json()["url"]).status_code == 204


def test_bad_comments_answer_400_and_write_nothing(author, colleague):
    article = write(author)
    elsewhere = comment_create(author=author, target=write(author, title="Other"), body="Hi")
    client = client_for(colleague)

    empty = client.post(article_url(article, "comments/"), {"body": "  "}, format="json")
    long = client.post(article_url(article, "comments/"), {"body": "x" * 5_001}, format="json")
    foreign = client.post(
        article_url(article, "comments/"), {"body": "Hi", "parent": elsewhere.pk}, format="json"
    )
    unknown = client.post(
        article_url(article, "comments/"), {"body": "Hi", "parent": 999_999}, format="json"
    )

    assert empty.status_code == 400 and "body" in empty.json()
    assert long.status_code == 400 and "body" in long.json()
    assert foreign.status_code == 400 and "parent" in foreign.json()
    assert unknown.status_code == 400 and "parent" in unknown.json()
    assert Comment.objects.count() == 1
    assert Article.objects.get(pk=article.pk).comment_count == 0


def test_reacting_changing_and_taking_it_back(author, colleague):
    article = write(author)
    client = client_for(colleague)

    liked = client.put(article_url(article, "reaction/"), {"kind": "like"}, format="json")
    changed = client.put(article_url(article, "reaction/"), {"kind": "insightful"}, format="json")
    who = client.get(article_url(article, "reactions/")).json()["results"]
    listed = client.get(ARTICLES).json()["results"][0]["viewer"]["reaction"]
    bad = client.put(article_url(article, "reaction/"), {"kind": "meh"}, format="json")
    cleared = client.delete(article_url(article, "reaction/"))

    assert liked.json() == {"kind": "like", "emoji": "👍", "reaction_count": 1}
    assert changed.json()["kind"] == "insightful" and changed.json()["reaction_count"] == 1
    assert [(r["person"]["username"], r["kind"]) for r in who] == [("budi", "insightful")]
    assert listed == "insightful"
    assert bad.status_code == 400 and "kind" in bad.json()
    assert cleared.status_code == 204
    assert not Reaction.objects.exists() and Article.objects.get().reaction_count == 0


def test_an_archived_communitys_article_takes_no_comment(member, private_community):
    from communities import services as communities

    article = write(member, title="Old", blog=Blog.of_community(private_community))
    owner = private_community.created_by
    communities.community_set_archived(actor=owner, community=private_community, archived=True)

    response = client_for(member).post(
        article_url(article, "comments/"), {"body": "Hi"}, format="json"
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_community_moderator_deletes_and_restores_in_their_blog(
    colleague, private_community, member
):
    moderator = join(UserFactory(), private_community, role=Role.MODERATOR)
    article = write(member, title="Tax calendar", blog=Blog.of_community(private_community))
    client = client_for(moderator)

    row = client.get(article_url(article)).json()["viewer"]
    deleted = client.delete(article_url(article))
    restored = client.post(article_url(article, "restore/"))

    assert row["can_delete"] is True and row["can_edit"] is False and row["can_see_history"]
    assert deleted.status_code == 204 and restored.status_code == 200


# --- the Atom feed token ----------------------------------------------------------------


def test_the_feed_token_is_mine_and_rotating_it_retires_the_old_one(author, colleague):
    theirs = feed_token_get_or_create(user=colleague)
    client = client_for(author)

    first = client.get("/api/v1/blog/feed-token/").json()
    again = client.get("/api/v1/blog/feed-token/").json()
    rotated = client.post("/api/v1/blog/feed-token/").json()

    assert first["token"] == again["token"] != theirs.token
    assert rotated["token"] != first["token"]
    assert FeedToken.objects.get(user=author).token == rotated["token"]
    assert rotated["personal_atom_url"].startswith("http://testserver/blog/people/ratna/atom/")
    write(author, title="In the feed")
    feed = APIClient().get(rotated["personal_atom_url"])
    old = APIClient().get(first["company_atom_url"])
    assert feed.status_code == 200 and b"In the feed" in feed.content
    assert old.status_code == 404
    assert FeedToken.objects.get(user=colleague).token == theirs.token


# --- the schema -------------------------------------------------------------------------


def test_the_schema_documents_the_blog_api(author):
    response = client_for(author).get("/api/schema/")

    assert response.status_code == 200
    schema = response.content.decode()
    for path in ("/api/v1/articles/{id}/", "/api/v1/blog/feed-token/",
                 "/api/v1/communities/{slug}/articles/{article_slug}/"):  # fmt: skip
        assert path in schema
