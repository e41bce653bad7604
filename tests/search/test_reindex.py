"""``manage.py search_reindex`` rebuilds the index from the content (in batches, removing
stale rows), the demo company is searchable once seeded, and the admin shows the index
read-only to moderators."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from blog.models import Article, ArticleStatus, Blog
from blog.services import articles as blog
from communities.models import Community
from feed.models import ITEM_KINDS, Post
from feed.search import comments_on
from feed.services import conversation, posts
from files import services as files
from forums import services as forums
from forums.models import Reply, Thread
from profiles import services as profiles
from profiles.models import User
from search import indexing
from search.models import SearchDocument
from tests.conftest import shared_data
from tests.factories import UserFactory
from tests.helpers import join
from wiki import services as wiki
from wiki.models import Page

pytestmark = pytest.mark.django_db

COMPARED = ("kind", "object_id", "community_id", "origin_community_id", "author_id", "title",
            "keywords", "body", "subtitle", "url", "engagement", "created_at")  # fmt: skip


def snapshot() -> dict:
    rows = {}
    for document in SearchDocument.objects.prefetch_related("tags"):
        key = (document.kind, document.object_id)
        rows[key] = {name: getattr(document, name) for name in COMPARED}
        rows[key]["tags"] = sorted(tag.slug for tag in document.tags.all())
    return rows


def reindex(*args) -> str:
    out = StringIO()
    call_command("search_reindex", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def content(author, colleague, private_community, communicator):
    """One thing of every kind, some in a private community, made through the services."""
    owner = private_community.created_by
    join(author, private_community)
    profiles.profile_update(user=author, skills=["IFRS"], interests=["Chess"])
    post = posts.post_create(author=author, community=private_community, body="Books #close")
    conversation.comment_create(author=colleague, target=posts.post_create(author=colleague,
                                body="Hello"), body="Hi")  # fmt: skip
    conversation.comment_create(author=author, target=post, body="Done")
    conversation.reaction_set(user=owner, target=post, kind="like")
    posts.post_share(author=owner, original=post, body="Read this")
    category = forums.category_create(actor=communicator, name="Tax questions")
    thread = forums.thread_create(author=author, category=category, title="VAT?", tags=["tax"])
    forums.reply_create(author=colleague, thread=thread, body="Form 1111")
    article = blog.article_create(author=owner, title="Notes", body="Text #q3", publish="now",
                                  blog=Blog.of_community(private_community))  # fmt: skip
    conversation.comment_create(author=author, target=article, body="Thanks")
    blog.article_create(author=author, title="Draft", body="Later")
    space = wiki.space_company_ensure()
    wiki.page_create(author=communicator, space=space, title="Handbook", body="Rules", tags=["hr"])
    library = files.library_create_personal(owner=author)
    files.file_upload(actor=author, library=library, upload=ContentFile(b"x", name="a.txt"),
                      description="Quarter", tags=["q3"])  # fmt: skip
    return {"post": post, "thread": thread, "article": article}


def test_search_reindex_rebuilds_an_emptied_index_exactly(content):
    before = snapshot()
    assert {kind for kind, _pk in before} == {
        "person", "community", "post", "comment", "thread", "reply", "article", "wiki_page",
        "file",
    }  # fmt: skip

    SearchDocument.objects.all().delete()
    output = reindex()

    assert snapshot() == before
    assert "comment" in output and "100%" in output
    assert f"{len(before):,} documents written" in output


def test_search_reindex_removes_stale_documents(content):
    post, thread = content["post"], content["thread"]
    # Writes that skipped the index (as a raw SQL fix would): a deleted post and thread.
    Post.objects.filter(pk=post.pk).update(deleted_at=post.created_at)
    Thread.objects.filter(pk=thread.pk).update(hidden_at=thread.created_at)
    SearchDocument.objects.create(kind="post", object_id=10**9, url="/gone/", body="ghost")
    SearchDocument.objects.create(kind="person", object_id=10**9, url="/gone/", title="Ghost")

    output = reindex()

    assert not SearchDocument.objects.filter(object_id=10**9).exists()
    assert not SearchDocument.objects.filter(kind="post", object_id=post.pk).exists()
    assert not SearchDocument.objects.filter(kind="thread", object_id=thread.pk).exists()
    # Their comments and replies went with them.
    assert not SearchDocument.objects.filter(kind="reply").exists()
    assert not SearchDocument.objects.filter(
        kind="comment", object_id__in=comments_on(post).values("pk")
    ).exists()
    assert "stale documents removed" in output


def test_search_reindex_of_one_kind_leaves_the_others(content):
    SearchDocument.objects.all().delete()

    reindex("--kind", "person", "--kind", "community")

    assert set(SearchDocument.objects.values_list("kind", flat=True)) == {"person", "community"}
    assert SearchDocument.objects.filter(kind="person").count() == User.objects.active().count()


def test_search_reindex_refuses_an_unknown_kind_and_a_bad_batch_size(db):
    with pytest.raises(CommandError):
        reindex("--kind", "tweets")
    with pytest.raises(CommandError):
        reindex("--batch-size", "0")


def test_search_reindex_in_small_batches_writes_the_same_index(content):
    before = snapshot()
    SearchDocument.objects.all().delete()

    reindex("--batch-size", "2")

    assert snapshot() == before


def test_a_quiet_reindex_prints_nothing(content):
    out = StringIO()
    call_command("search_reindex", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert SearchDocument.objects.filter(kind="post").exists()


@pytest.mark.parametrize("count", [10, 100])
def test_rebuilding_takes_the_same_queries_for_10_and_100_posts(
    count, author, colleague, django_assert_max_num_queries
):
    for n in range(count):
        post = posts.post_create(author=author, body=f"Post {n} #busy", tags=[f"t{n % 7}"])
        if n % 3 == 0:
            conversation.comment_create(author=colleague, target=post, body="Nice")
    SearchDocument.objects.all().delete()

    # Count, rows, three prefetches, upsert, tags read and written, stale rows: per batch.
    with django_assert_max_num_queries(12):
        assert indexing.rebuild("post") == (count, 0)
    with django_assert_max_num_queries(8):
        assert indexing.rebuild("comment") == (len(range(0, count, 3)), 0)


def test_index_many_rewrites_in_bulk_and_forgets_objects_that_are_gone(author):
    made = [posts.post_create(author=author, body=f"Post {n}") for n in range(5)]
    SearchDocument.objects.filter(kind="post").update(body="stale")
    Post.objects.filter(pk=made[0].pk).update(hidden_at=made[0].created_at)

    indexing.index_many(Post.objects.filter(pk__in=[p.pk for p in made]))

    bodies = dict(SearchDocument.objects.filter(kind="post").values_list("object_id", "body"))
    assert bodies == {p.pk: f"Post {n}" for n, p in enumerate(made) if n}


# --- the admin ------------------------------------------------------------------------------


def changelist() -> str:
    return reverse("admin:search_searchdocument_changelist")


def test_site_moderators_read_the_index_in_the_admin_but_change_nothing(
    client, content, site_moderator
):
    site_moderator.is_staff = True
    site_moderator.save()
    client.force_login(site_moderator)
    document = SearchDocument.objects.get(kind="thread", object_id=content["thread"].pk)

    response = client.get(changelist(), {"kind__exact": "thread"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [document]
    assert client.get(changelist(), {"q": "VAT"}).status_code == 200
    page = client.get(reverse("admin:search_searchdocument_change", args=[document.pk]))
    assert page.status_code == 200 and b"VAT?" in page.content
    assert client.get(reverse("admin:search_searchdocument_add")).status_code == 403
    deleted = client.post(reverse("admin:search_searchdocument_delete", args=[document.pk]))
    assert deleted.status_code == 403
    assert SearchDocument.objects.filter(pk=document.pk).exists()


def test_re_index_selected_rewrites_documents_and_drops_those_of_gone_objects(
    client, content, site_moderator
):
    site_moderator.is_staff = True
    site_moderator.save()
    client.force_login(site_moderator)
    thread = SearchDocument.objects.get(kind="thread", object_id=content["thread"].pk)
    SearchDocument.objects.filter(pk=thread.pk).update(title="Tampered")
    ghost = SearchDocument.objects.create(kind="post", object_id=10**9, url="/gone/")

    response = client.post(
        changelist(),
        {"action": "reindex_selected", "_selected_action": [thread.pk, ghost.pk]},
        follow=True,
    )

    assert "2 documents re-indexed." in response.content.decode()
    thread.refresh_from_db()
    assert thread.title == "VAT?"
    assert not SearchDocument.objects.filter(pk=ghost.pk).exists()


def test_staff_who_are_not_moderators_see_only_what_they_could_find(
    client, content, private_community
):
    staff = UserFactory(username="helpdesk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_searchdocument"))
    client.force_login(staff)

    response = client.get(changelist(), {"kind__exact": "article"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []  # The article is members-only.


def test_staff_without_the_permission_and_employees_do_not_get_the_index(client, content, user):
    staff = UserFactory(username="helpdesk", is_staff=True)
    client.force_login(staff)
    assert client.get(changelist()).status_code == 403

    client.force_login(user)
    response = client.get(changelist())
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- the demo company -----------------------------------------------------------------------


# Last in the module: the demo company stays until the module ends.
@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        call_command("seed_demo", users=20, seed=7, analytics=False, stdout=StringIO())
        yield


def test_the_demo_company_is_searchable_once_seeded(_demo, db):
    def indexed(kind) -> int:
        return SearchDocument.objects.filter(kind=kind).count()

    assert indexed("person") == User.objects.active().count() > 20
    assert indexed("community") == Community.objects.count() > 0
    status_updates = Post.objects.exclude(kind__in=ITEM_KINDS).filter(
        deleted_at__isnull=True, hidden_at__isnull=True
    )
    assert indexed("post") == status_updates.count() > 0
    assert indexed("thread") == Thread.objects.alive().filter(hidden_at__isnull=True).count() > 0
    assert indexed("reply") > 0 and indexed("reply") <= Reply.objects.count()
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED, deleted_at__isnull=True)
    assert indexed("article") == published.count() > 0
    assert indexed("wiki_page") == Page.objects.alive().count() > 0
    assert indexed("file") > 0 and indexed("comment") > 0
    # Nothing stale: a rebuild changes nothing.
    before = snapshot()
    reindex()
    assert snapshot() == before
