"""Every searchable thing has a current document, written by the apps' own services: placed
where the thing is, gone at once when it is deleted or hidden, back when it is restored."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Blog
from blog.services import articles as blog
from blog.tasks import publish_due_articles
from communities import services as communities
from communities.models import CommunityType
from feed.services import conversation, posts
from files import services as files
from files.models import File, FileVersion
from forums import services as forums
from forums.models import Reply
from moderation.services import content_hide, content_restore
from profiles import services as profiles
from search import indexing
from search.models import SearchDocument
from tests.factories import UserFactory
from tests.helpers import join
from wiki import services as wiki

pytestmark = pytest.mark.django_db


def document(kind: str, obj) -> SearchDocument | None:
    return SearchDocument.objects.filter(kind=kind, object_id=obj.pk).first()


def tag_names(stored: SearchDocument) -> list[str]:
    return sorted(stored.tags.values_list("name", flat=True))


@pytest.fixture
def owner(private_community):
    return private_community.created_by


@pytest.fixture
def post(author, public_community):
    join(author, public_community)
    return posts.post_create(
        author=author, community=public_community, body="Closing the **books** #finance"
    )


def category(actor, community=None, name="General"):
    return forums.category_create(actor=actor, community=community, name=name)


# --- people ---------------------------------------------------------------------------------


def test_an_active_person_is_found_by_name_work_skills_and_interests(user):
    profiles.profile_update(user=user, skills=["IFRS", "SAP"], interests=["Badminton"],
                            job_title="Accountant", bio="I close the *books*.")  # fmt: skip

    stored = document("person", user)
    assert stored.title == "Ratna Sari"
    assert stored.url == "/people/ratna/"
    assert stored.subtitle == "Accountant · Finance"
    for word in ("IFRS", "SAP", "Badminton", "Finance", "Jakarta HQ"):
        assert word in stored.keywords
    assert "Accountant" in stored.body and "I close the *books*." in stored.body
    assert stored.community_id is None and stored.author_id == user.pk


def test_a_person_without_a_display_name_is_found_by_full_name_or_username(db):
    named = UserFactory(username="eko", display_name="", first_name="Eko", last_name="Putra")
    bare = UserFactory(username="dimas", display_name="", first_name="", last_name="")

    assert document("person", named).title == "Eko Putra"
    assert document("person", bare).title == "dimas"


def test_changed_skills_rewrite_the_document(user):
    profiles.profile_update(user=user, skills=["IFRS"])
    profiles.profile_update(user=user, skills=["Treasury"])

    keywords = document("person", user).keywords
    assert "Treasury" in keywords and "IFRS" not in keywords


def test_a_deactivated_person_leaves_the_index_and_comes_back_when_reactivated(user, other_user):
    profiles.user_set_active(user=other_user, active=False, actor=user)
    assert document("person", other_user) is None

    profiles.user_set_active(user=other_user, active=True, actor=user)
    assert document("person", other_user).title == "Budi Santoso"


def test_a_login_does_not_rewrite_the_persons_document(user, django_assert_num_queries):
    with django_assert_num_queries(1):  # The UPDATE of last_login, nothing else.
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])


def test_a_renamed_department_is_in_its_members_documents(user, department):
    department.name = "Treasury"
    department.save()

    assert "Treasury" in document("person", user).keywords


# --- communities ----------------------------------------------------------------------------


def test_communities_are_placed_company_wide_except_secret_ones_in_themselves(
    public_community, private_community, secret_community
):
    assert document("community", public_community).community_id is None
    assert document("community", private_community).community_id is None
    assert document("community", secret_community).community_id == secret_community.pk
    assert document("community", private_community).title == "Tax Team"


def test_a_communitys_members_rank_it_and_its_new_name_is_found(public_community, author):
    assert document("community", public_community).engagement == 1  # Its owner.

    join(author, public_community)
    communities.community_update(actor=public_community.created_by, community=public_community,
                                 name="Finance Guild", description="We *count* things")  # fmt: skip

    stored = document("community", public_community)
    assert stored.engagement == 2
    assert stored.title == "Finance Guild" and "We *count* things" in stored.body


def test_an_archived_community_stays_searchable(public_community):
    communities.community_set_archived(actor=public_community.created_by,
                                       community=public_community, archived=True)  # fmt: skip

    assert document("community", public_community) is not None


def test_a_community_made_secret_is_placed_in_itself(public_community):
    communities.community_update(actor=public_community.created_by, community=public_community,
                                 type=CommunityType.SECRET)  # fmt: skip

    assert document("community", public_community).community_id == public_community.pk


def test_a_deleted_community_takes_its_documents_along(owner, private_community):
    post = posts.post_create(author=owner, community=private_community, body="Inside")
    conversation.comment_create(author=owner, target=post, body="Yes")

    pk = private_community.pk
    private_community.delete()

    assert not SearchDocument.objects.filter(community_id=pk).exists()
    assert not SearchDocument.objects.filter(kind="community", object_id=pk).exists()
    assert not SearchDocument.objects.filter(kind__in=["post", "comment"]).exists()
    assert document("person", owner) is not None


# --- posts and comments ---------------------------------------------------------------------


def test_a_post_is_placed_in_its_community_with_plain_text_and_tags(owner, private_community):
    post = posts.post_create(author=owner, community=private_community,
                             body="Closing the **books** #finance", tags=["q3"])  # fmt: skip

    stored = document("post", post)
    assert stored.community_id == private_community.pk
    assert stored.origin_community_id is None
    assert stored.body == "Closing the books #finance"
    assert tag_names(stored) == ["finance", "q3"]
    assert "finance" in stored.keywords and "q3" in stored.keywords
    assert stored.url == post.get_absolute_url()
    assert stored.author_id == owner.pk and stored.title == ""


def test_an_edited_post_rewrites_its_text_and_tags(post, author):
    posts.post_edit(actor=author, post=post, body="Budget is *ready* #budget", tags=[])

    stored = document("post", post)
    assert stored.body == "Budget is ready #budget"
    assert tag_names(stored) == ["budget"]


def test_a_deleted_post_leaves_at_once_with_its_comments_and_both_come_back(
    post, author, colleague, site_moderator
):
    comment = conversation.comment_create(author=colleague, target=post, body="Nice *work*")
    assert document("comment", comment).body == "Nice work"

    post = posts.post_delete(actor=author, post=post)
    assert document("post", post) is None
    assert document("comment", comment) is None

    posts.post_restore(actor=site_moderator, post=post)
    assert document("post", post) is not None
    assert document("comment", comment).community_id == post.community_id


def test_a_hidden_post_leaves_with_its_comments_and_comes_back_unhidden(
    post, colleague, site_moderator
):
    comment = conversation.comment_create(author=colleague, target=post, body="Nice")

    content_hide(actor=site_moderator, obj=post, reason="Spam")
    assert document("post", post) is None
    assert document("comment", comment) is None

    content_restore(actor=site_moderator, obj=post)
    assert document("post", post) is not None
    assert document("comment", comment) is not None


def test_a_comment_links_to_its_anchor_and_is_placed_where_its_target_is(owner, private_community):
    post = posts.post_create(author=owner, community=private_community, body="Plan")
    comment = conversation.comment_create(author=owner, target=post, body="Step one")

    stored = document("comment", comment)
    assert stored.url == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert stored.community_id == private_community.pk
    assert stored.author_id == owner.pk


def test_a_deleted_comment_leaves_the_index(post, colleague):
    comment = conversation.comment_create(author=colleague, target=post, body="Oops")

    conversation.comment_delete(actor=colleague, comment=comment)

    assert document("comment", comment) is None


def test_reactions_and_comments_rank_a_post_as_they_come_and_go(post, colleague):
    conversation.reaction_set(user=colleague, target=post, kind="like")
    assert document("post", post).engagement == 1
    conversation.comment_create(author=colleague, target=post, body="Yes")
    assert document("post", post).engagement == 2

    conversation.reaction_clear(user=colleague, target=post)
    assert document("post", post).engagement == 1


def test_shares_count_when_the_post_is_written_again(post, colleague):
    posts.post_share(author=colleague, original=post)
    post.refresh_from_db()

    indexing.index(post)

    assert document("post", post).engagement == 1


def test_a_share_is_found_only_with_its_original(owner, private_community):
    original = posts.post_create(author=owner, community=private_community, body="Inside news")
    share = posts.post_share(author=owner, original=original, body="Look")
    comment = conversation.comment_create(author=owner, target=share, body="Indeed")

    assert document("post", share).community_id is None
    assert document("post", share).origin_community_id == private_community.pk
    assert document("comment", comment).origin_community_id == private_community.pk


def test_a_poll_is_found_by_its_question_and_answers_and_praise_by_who_is_thanked(
    author, colleague
):
    poll = posts.post_create(author=author, poll={"question": "Lunch where?",
                                                  "options": ["Warung", "Canteen"]})  # fmt: skip
    praise = posts.post_create(author=author, body="Thank you!",
                               praise={"value": "teamwork", "recipients": [colleague]})  # fmt: skip

    assert document("post", poll).body == "Lunch where? Warung Canteen"
    body = document("post", praise).body
    assert "Budi Santoso" in body and "Thank you!" in body
    assert "Teamwork" in body and "Kerja sama tim" in body  # The value in both languages.


# --- forum ----------------------------------------------------------------------------------


def test_a_thread_and_its_replies_are_indexed_where_the_thread_is(
    owner, private_community, colleague
):
    place = category(owner, private_community)
    thread = forums.thread_create(author=owner, category=place, title="VAT form?",
                                  body="Which *one*? #tax", kind="question")  # fmt: skip
    reply = forums.reply_create(author=owner, thread=thread, body="Form **1111**")

    stored = document("thread", thread)
    assert stored.title == "VAT form?" and stored.body == "Which one? #tax"
    assert stored.community_id == private_community.pk
    assert tag_names(stored) == ["tax"]
    assert stored.subtitle == "General"
    answer = document("reply", reply)
    assert answer.url == f"/forum/r/{reply.pk}/"
    assert answer.subtitle == "VAT form?" and answer.body == "Form 1111"
    assert answer.community_id == private_community.pk
    # Its feed card is not a document of its own.
    assert not SearchDocument.objects.filter(kind="post").exists()
    assert document("thread", thread).engagement == 1


def test_a_thread_moved_to_a_private_community_takes_its_replies_along(
    communicator, site_moderator, private_community, colleague
):
    thread = forums.thread_create(author=communicator, category=category(communicator),
                                  title="Payroll dates")  # fmt: skip
    reply = forums.reply_create(author=colleague, thread=thread, body="The 25th")
    hidden_place = category(private_community.created_by, private_community, name="Payroll")

    forums.thread_move(actor=site_moderator, thread=thread, category=hidden_place)

    assert document("thread", thread).community_id == private_community.pk
    assert document("thread", thread).subtitle == "Payroll"
    assert document("reply", reply).community_id == private_community.pk


def test_a_merged_threads_document_is_gone_and_its_replies_follow_the_target(
    communicator, site_moderator, colleague
):
    place = category(communicator)
    source = forums.thread_create(author=communicator, category=place, title="Printer jam")
    target = forums.thread_create(author=communicator, category=place, title="Printer help")
    reply = forums.reply_create(author=colleague, thread=source, body="Reseat the tray")

    forums.thread_merge(actor=site_moderator, source=source, target=target)

    assert document("thread", source) is None
    assert document("reply", reply).subtitle == "Printer help"
    assert document("thread", target).engagement == 2  # The source's text and its reply.


def test_a_deleted_thread_takes_its_replies_and_brings_them_back(
    communicator, site_moderator, colleague
):
    thread = forums.thread_create(author=communicator, category=category(communicator),
                                  title="Canteen menu")  # fmt: skip
    reply = forums.reply_create(author=colleague, thread=thread, body="Rendang on Friday")

    thread = forums.thread_delete(actor=communicator, thread=thread)
    assert document("thread", thread) is None and document("reply", reply) is None

    forums.thread_restore(actor=site_moderator, thread=thread)
    assert document("thread", thread) is not None and document("reply", reply) is not None

    content_hide(actor=site_moderator, obj=thread)
    assert document("thread", thread) is None and document("reply", reply) is None


def test_a_deleted_reply_leaves_and_votes_rank_it(communicator, colleague, author):
    thread = forums.thread_create(author=communicator, category=category(communicator),
                                  title="Laptop")  # fmt: skip
    reply = forums.reply_create(author=colleague, thread=thread, body="Ask IT")

    forums.reply_vote(user=author, reply=reply, value=1)
    assert document("reply", reply).engagement == 1

    forums.reply_delete(actor=colleague, reply=Reply.objects.get(pk=reply.pk))
    assert document("reply", reply) is None


# --- blog -----------------------------------------------------------------------------------


def test_only_a_published_article_has_a_document(author):
    draft = blog.article_create(author=author, title="Draft", body="Not yet")
    assert document("article", draft) is None

    article = blog.article_publish(actor=author, article=draft)
    stored = document("article", article)
    assert stored.title == "Draft" and stored.body == "Not yet"
    assert stored.url == article.get_absolute_url()
    assert stored.created_at == article.published_at

    blog.article_unpublish(actor=author, article=article)
    assert document("article", article) is None


def test_a_scheduled_article_is_indexed_when_it_is_published(author, monkeypatch):
    when = timezone.now() + timedelta(hours=1)
    article = blog.article_create(author=author, title="Next week", body="Plans #q4",
                                  publish="schedule", publish_at=when)  # fmt: skip
    assert document("article", article) is None

    later = when + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert publish_due_articles() == 1

    stored = document("article", article)
    assert stored is not None and tag_names(stored) == ["q4"]


def test_an_article_in_a_community_comments_and_deletion(owner, private_community, site_moderator):
    article = blog.article_create(author=owner, title="Tax notes", body="## Steps\n\nFile *it*",
                                  blog=Blog.of_community(private_community),
                                  publish="now")  # fmt: skip
    comment = conversation.comment_create(author=owner, target=article, body="Thanks")

    assert document("article", article).community_id == private_community.pk
    assert "File it" in document("article", article).body
    assert document("comment", comment).url == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert document("comment", comment).subtitle == "Tax notes"

    article = blog.article_delete(actor=owner, article=article)
    assert document("article", article) is None and document("comment", comment) is None

    blog.article_restore(actor=site_moderator, article=article)
    assert document("article", article) is not None and document("comment", comment) is not None


# --- wiki -----------------------------------------------------------------------------------


def test_a_wiki_page_is_placed_where_its_space_is_and_follows_its_revisions(
    owner, private_community, site_moderator
):
    space = wiki.space_ensure_for_community(community=private_community)
    page = wiki.page_create(author=owner, space=space, title="Closing checklist",
                            body="1. *Reconcile*", tags=["close"])  # fmt: skip

    stored = document("wiki_page", page)
    assert stored.community_id == private_community.pk
    assert stored.title == "Closing checklist" and "Reconcile" in stored.body
    assert tag_names(stored) == ["close"] and stored.subtitle == space.name

    page = wiki.page_revise(actor=owner, page=page, title="Closing list", body="2. Report",
                            base_revision=1)  # fmt: skip
    assert document("wiki_page", page).title == "Closing list"
    assert document("wiki_page", page).body == "Report"

    page = wiki.page_delete(actor=owner, page=page)
    assert document("wiki_page", page) is None
    wiki.page_restore(actor=site_moderator, page=page)
    assert document("wiki_page", page) is not None


def test_a_renamed_space_is_in_its_pages_documents(communicator):
    space = wiki.space_company_ensure()
    page = wiki.page_create(author=communicator, space=space, title="Leave", body="Days")

    space.name = "Handbook"
    space.save()

    assert document("wiki_page", page).subtitle == "Handbook"


# --- files ----------------------------------------------------------------------------------


@pytest.fixture
def eager_tasks(monkeypatch):
    """Run the text extraction after commit in-process, also with REDIS_URL set."""
    from esn.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_a_file_is_found_by_name_description_and_extracted_text(
    owner, private_community, eager_tasks, django_capture_on_commit_callbacks
):
    library = files.library_ensure_for_community(community=private_community)
    with django_capture_on_commit_callbacks(execute=True):
        file = files.file_upload(actor=owner, library=library, description="Q3 *close*",
                                 upload=ContentFile(b"Quarterly numbers", name="report.txt"),
                                 tags=["q3"])  # fmt: skip

    stored = document("file", file)
    assert stored.title == "report.txt" and stored.community_id == private_community.pk
    assert "Q3 *close*" in stored.body and "Quarterly numbers" in stored.body
    assert tag_names(stored) == ["q3"] and stored.subtitle == library.name


def test_a_new_versions_text_replaces_the_old_one(
    author, eager_tasks, django_capture_on_commit_callbacks
):
    library = files.library_create_personal(owner=author)
    with django_capture_on_commit_callbacks(execute=True):
        file = files.file_upload(actor=author, library=library,
                                 upload=ContentFile(b"Old words", name="a.txt"))  # fmt: skip
        files.file_upload_version(actor=author, file=file,
                                  upload=ContentFile(b"New words", name="a.txt"))  # fmt: skip

    body = document("file", file).body
    assert "New words" in body and "Old words" not in body


def test_text_is_only_indexed_once_extraction_succeeded(author):
    library = files.library_create_personal(owner=author)
    file = files.file_upload(actor=author, library=library,
                             upload=ContentFile(b"Secret words", name="a.txt"))  # fmt: skip
    # Not extracted yet (the task runs after commit): the name is found, not the text.
    assert "Secret words" not in document("file", file).body

    from search.tasks import index_file_text

    FileVersion.objects.filter(pk=file.current_id).update(text="Secret words", text_state="failed")
    assert index_file_text(file.current_id) is True
    assert "Secret words" not in document("file", file).body
    FileVersion.objects.filter(pk=file.current_id).update(text_state="done")
    index_file_text(file.current_id)
    assert "Secret words" in document("file", file).body


def test_a_trashed_folders_files_leave_and_come_back_with_it(author):
    library = files.library_create_personal(owner=author)
    folder = files.folder_create(actor=author, library=library, name="Reports")
    inner = files.file_upload(actor=author, library=library, folder=folder,
                              upload=ContentFile(b"x", name="in.txt"))  # fmt: skip
    outside = files.file_upload(actor=author, library=library,
                                upload=ContentFile(b"y", name="out.txt"))  # fmt: skip
    comment = conversation.comment_create(author=author, target=inner, body="Draft")

    files.folder_delete(actor=author, folder=folder)
    assert document("file", inner) is None and document("file", outside) is not None
    assert document("comment", comment) is None

    files.folder_restore(actor=author, folder=folder)
    assert document("file", inner) is not None and document("comment", comment) is not None


def test_a_trashed_or_hidden_file_leaves_with_its_comments(author, site_moderator):
    library = files.library_create_personal(owner=author)
    file = files.file_upload(actor=author, library=library,
                             upload=ContentFile(b"x", name="a.txt"))  # fmt: skip
    comment = conversation.comment_create(author=author, target=file, body="First draft")
    assert document("comment", comment).url == f"{file.get_absolute_url()}#comment-{comment.pk}"

    files.file_delete(actor=author, file=file)
    assert document("file", file) is None and document("comment", comment) is None
    files.file_restore(actor=author, file=File.objects.get(pk=file.pk))
    assert document("comment", comment) is not None

    content_hide(actor=site_moderator, obj=File.objects.get(pk=file.pk))
    assert document("file", file) is None and document("comment", comment) is None


# --- the index itself -----------------------------------------------------------------------


def test_removed_tags_are_mirrored(post, author):
    posts.post_edit(actor=author, post=post, body="No tags now")

    assert tag_names(document("post", post)) == []
    assert not document("post", post).keywords


def test_paused_indexing_writes_nothing(author):
    with indexing.paused():
        post = posts.post_create(author=author, body="Quiet")

    assert document("post", post) is None


def test_an_item_post_has_no_document_of_its_own(author):
    article = blog.article_create(author=author, title="Hello", body="World", publish="now")

    assert not SearchDocument.objects.filter(kind="post").exists()
    assert document("article", article) is not None  # Its feed card is found as the article.


def test_an_unchanged_document_is_not_written_again(post, author):
    written = document("post", post).indexed_at
    post.refresh_from_db()

    indexing.index(post)
    assert document("post", post).indexed_at == written

    posts.post_edit(actor=author, post=post, body="Closing the books, done")
    assert document("post", post).indexed_at > written


def test_writing_a_document_takes_a_few_queries(post, django_assert_max_num_queries):
    post.refresh_from_db()
    # Read the stored row, the post's tags, upsert, the document's tags.
    with django_assert_max_num_queries(4):
        indexing.index(post)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text vector")
def test_postgresql_fills_the_weighted_vector(post):
    stored = SearchDocument.objects.filter(vector__isnull=False, kind="post", object_id=post.pk)
    assert stored.exists()
    assert SearchDocument.objects.filter(
        kind="post", object_id=post.pk, vector="books"
    ).exists()  # English stemming of "books" matches the plain query.


# --- one write per document per service ---------------------------------------------------


def _upserts(queries) -> int:
    return sum(
        query["sql"].startswith('INSERT INTO "search_searchdocument" (') for query in queries
    )


def test_a_new_thread_writes_its_document_once(author, communicator):
    general = category(communicator)

    with CaptureQueriesContext(connection) as captured:
        thread = forums.thread_create(
            author=author, category=general, title="Budget freeze", body="Why now? #finance"
        )

    assert _upserts(captured.captured_queries) == 1
    stored = document("thread", thread)
    assert stored.title == "Budget freeze" and "Why now?" in stored.body
    assert tag_names(stored) == ["finance"]


def test_a_coalesced_block_writes_each_document_once_with_its_last_state(post, author):
    with indexing.coalesced():
        posts.post_edit(actor=author, post=post, body="First draft")
        assert "First draft" not in document("post", post).body  # Not yet: at the end.
        posts.post_edit(actor=author, post=post, body="Closing the books, final")

    assert document("post", post).body == "Closing the books, final"


def test_a_coalesced_block_that_raises_writes_nothing(post, author):
    before = document("post", post).body

    with pytest.raises(RuntimeError), indexing.coalesced():
        posts.post_edit(actor=author, post=post, body="Never stored")
        raise RuntimeError

    assert document("post", post).body == before


def test_an_object_deleted_inside_a_coalesced_block_leaves_no_document(author):
    with indexing.coalesced():
        post = posts.post_create(author=author, body="A typo #oops")
        post_id = post.pk
        post.delete()

    assert not SearchDocument.objects.filter(kind="post", object_id=post_id).exists()


def test_a_counter_moved_in_sql_inside_a_coalesced_block_is_kept(post, author):
    with indexing.coalesced():
        posts.post_edit(actor=author, post=post, body="Closing the books, with a chart")
        indexing.engagement_add(post, 3)  # Writes the pending document first.

    stored = document("post", post)
    assert stored.engagement == 3 and "chart" in stored.body


def test_a_nested_block_that_raises_takes_back_its_pending_documents(post, author):
    before = document("post", post).body

    with indexing.coalesced():
        try:
            with transaction.atomic(), indexing.coalesced():
                posts.post_edit(actor=author, post=post, body="Rolled back with its savepoint")
                raise RuntimeError
        except RuntimeError:
            pass

    assert document("post", post).body == before
