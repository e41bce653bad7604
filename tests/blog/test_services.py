"""Writing articles: drafts, publishing now or later, editing with revisions, deleting and
restoring, and what the author may not do."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from blog.models import BODY_MAX_LENGTH, Article, ArticleStatus, Blog
from blog.services.articles import (
    article_delete,
    article_edit,
    article_publish,
    article_record_view,
    article_restore,
    article_unpublish,
)
from communities.models import PostingPolicy
from communities.services import community_update
from moderation.models import ActionType, ModerationAction
from tests.blog.conftest import image_upload, join, write
from tests.factories import UserFactory
from tests.feed.conftest import named

pytestmark = pytest.mark.django_db


def test_publishing_now_makes_a_visible_article_with_its_derived_fields(
    author, colleague, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = write(
            author, title="  Closing  the books  ", tags=["Finance", "#finance", "IFRS"],
            body="## Why\n\nBecause it matters. #q3 @budi",
        )  # fmt: skip

    assert article.title == "Closing the books"
    assert article.slug == "closing-the-books"
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None
    assert article.is_visible_to(colleague)
    assert article.toc == [{"level": 2, "id": "h-why", "text": "Why"}]
    assert article.excerpt.startswith("Why Because it matters.")
    assert article.reading_minutes == 1
    assert sorted(t.name for t in article.tags.all()) == ["finance", "ifrs", "q3"]
    assert article.notice == ""
    (event,) = named(published, "article.published")
    assert event.object_id == article.pk and event.payload["blog"] == "personal"
    assert event.payload["mentioned_user_ids"] == [colleague.pk]


def test_a_draft_is_its_authors_alone_and_publishes_no_event(
    author, colleague, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = write(author, publish="draft", body="")

    assert draft.status == ArticleStatus.DRAFT and draft.published_at is None
    assert not draft.is_visible_to(colleague) and not draft.is_visible_to(author)
    assert draft.is_readable_by(author) and not draft.is_readable_by(colleague)
    assert named(published, "article.published") == []


def test_an_explicit_excerpt_is_kept_across_edits(author):
    article = write(author, excerpt="Read this first.")
    article = article_edit(actor=author, article=article, body="## New\n\nText changed.")

    assert article.excerpt == "Read this first."
    article = article_edit(actor=author, article=article, excerpt="")
    assert article.excerpt.startswith("New Text changed.")


def test_slugs_are_unique_per_blog_and_stable_on_edit(author, colleague, communicator):
    first = write(author)
    second = write(author)
    elsewhere = write(colleague)
    company = write(communicator, blog=Blog.company())

    assert (first.slug, second.slug) == ("closing-the-books", "closing-the-books-2")
    assert elsewhere.slug == company.slug == "closing-the-books"
    edited = article_edit(actor=author, article=first, title="A different title")
    assert edited.slug == "closing-the-books"


def test_scheduling_in_the_future_waits(
    author, colleague, published, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        article = write(author, publish="schedule", publish_at=later)

    assert article.status == ArticleStatus.SCHEDULED and article.publish_at == later
    assert not article.is_visible_to(colleague)
    assert named(published, "article.published") == []


def test_scheduling_in_the_past_publishes_now_with_a_message(
    author, colleague, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = write(author, publish="schedule", publish_at=timezone.now() - timedelta(hours=1))

    assert article.status == ArticleStatus.PUBLISHED and article.publish_at is None
    assert article.is_visible_to(colleague)
    assert "already passed" in article.notice
    assert len(named(published, "article.published")) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
        ({"body": "", "publish": "now"}, "body"),
        ({"excerpt": "x" * 301}, "excerpt"),
        ({"tags": [f"t{i}" for i in range(11)]}, "tags"),
        ({"publish": "schedule", "publish_at": None}, "publish_at"),
        ({"publish": "sometime"}, "publish"),
    ],
)
def test_bad_input_is_refused_with_field_errors(author, kwargs, field):
    with pytest.raises(ValidationError) as error:
        write(author, **kwargs)

    assert field in error.value.message_dict
    assert not Article.objects.exists()


def test_a_cover_image_is_stored_resized(author):
    article = write(author, cover=image_upload("cover.png", size=(3000, 1000)))

    assert article.cover.name.startswith("blog/covers/")
    assert (article.cover.width, article.cover.height) == (1600, 533)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("cover.png", b"not an image", content_type="image/png"),
        SimpleUploadedFile("cover.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml"),
    ],
)
def test_a_bad_cover_is_refused(author, upload):
    with pytest.raises(ValidationError) as error:
        write(author, cover=upload)

    assert "cover" in error.value.message_dict


def test_a_too_large_cover_is_refused(author, settings):
    settings.POST_IMAGE_MAX_BYTES = 100

    with pytest.raises(ValidationError) as error:
        write(author, cover=image_upload())

    assert "limit" in error.value.message_dict["cover"][0]


def test_editing_a_published_article_keeps_a_revision(
    author, published, django_capture_on_commit_callbacks
):
    article = write(author, body="First text")
    with django_capture_on_commit_callbacks(execute=True):
        edited = article_edit(actor=author, article=article, body="Second text", tags=["new"])

    (revision,) = edited.revisions.all()
    assert (revision.title, revision.body, revision.replaced_by) == (article.title, "First text",
                                                                     author)  # fmt: skip
    assert edited.edited_at is not None and "Second text" in edited.body_html
    assert [t.name for t in edited.tags.all()] == ["new"]
    assert len(named(published, "article.edited")) == 1


def test_editing_a_draft_keeps_no_revision(author):
    draft = write(author, publish="draft")
    article_edit(actor=author, article=draft, body="Changed")

    assert not draft.revisions.exists()


def test_editing_someone_elses_article_is_refused(author, colleague):
    article = write(author)

    with pytest.raises(PermissionDenied):
        article_edit(actor=colleague, article=article, body="Mine now")
    with pytest.raises(PermissionDenied):
        article_unpublish(actor=colleague, article=article)


def test_someone_elses_draft_does_not_exist_for_them(author, colleague):
    draft = write(author, publish="draft")

    with pytest.raises(Http404):
        article_edit(actor=colleague, article=draft, body="Mine now")
    with pytest.raises(Http404):
        article_publish(actor=colleague, article=draft)
    with pytest.raises(Http404):
        article_delete(actor=colleague, article=draft)


def test_publish_and_unpublish_move_an_article_in_and_out_of_sight(
    author, colleague, published, django_capture_on_commit_callbacks
):
    draft = write(author, publish="draft")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_publish(actor=author, article=draft)
    assert article.is_visible_to(colleague)
    with pytest.raises(ValidationError):
        article_publish(actor=author, article=article)

    with django_capture_on_commit_callbacks(execute=True):
        back = article_unpublish(actor=author, article=article)
    assert back.status == ArticleStatus.DRAFT and not back.is_visible_to(colleague)
    assert [e.name for e in published if e.name.startswith("article.")] == [
        "article.published",
        "article.unpublished",
    ]
    past = article_publish(actor=author, article=back, publish_at=timezone.now() - timedelta(1))
    assert past.is_visible_to(colleague) and past.notice


def test_only_communicators_write_the_company_blog(author, communicator):
    with pytest.raises(PermissionDenied, match="Communicators"):
        write(author, blog=Blog.company())

    article = write(communicator, blog=Blog.company())
    assert article.is_company and article.community is None


def test_nobody_writes_in_someone_elses_personal_blog(author, colleague):
    with pytest.raises(PermissionDenied):
        write(colleague, blog=Blog.personal(author))


def test_community_blogs_follow_the_communitys_posting_rules(
    author, colleague, outsider, private_community, secret_community
):
    blog = Blog.of_community(private_community)
    with pytest.raises(PermissionDenied):
        write(outsider, blog=blog)  # A private community's name is known, not its content.
    with pytest.raises(Http404):
        write(outsider, blog=Blog.of_community(secret_community))

    join(colleague, private_community)
    assert write(colleague, blog=blog).community == private_community
    owner = private_community.created_by
    community_update(actor=owner, community=private_community,
                     posting_policy=PostingPolicy.ADMINS)  # fmt: skip
    with pytest.raises(PermissionDenied):
        write(colleague, blog=Blog.of_community(private_community), title="Again")


def test_the_author_deletes_and_a_moderator_restores_with_the_log(
    author, colleague, site_moderator, published, django_capture_on_commit_callbacks
):
    article = write(author)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = article_delete(actor=author, article=article)
    assert deleted.is_deleted and not deleted.is_visible_to(colleague)
    with pytest.raises(PermissionDenied):
        article_delete(actor=author, article=deleted)
    with pytest.raises(Http404):
        article_restore(actor=author, article=deleted)
    assert not ModerationAction.objects.exists()  # The author's own deletion is not moderation.

    with django_capture_on_commit_callbacks(execute=True):
        restored = article_restore(actor=site_moderator, article=deleted)
    assert restored.is_visible_to(colleague)
    (entry,) = ModerationAction.objects.all()
    assert (entry.action, entry.actor, entry.target) == (ActionType.RESTORE, site_moderator,
                                                         restored)  # fmt: skip
    assert [e.name for e in published if e.name.startswith("article.")][-2:] == [
        "article.deleted",
        "article.restored",
    ]


def test_a_moderator_deletes_someone_elses_article_into_the_log(author, colleague, site_moderator):
    article = write(author)

    with pytest.raises(PermissionDenied):
        article_delete(actor=colleague, article=article)
    article_delete(actor=site_moderator, article=article)

    (entry,) = ModerationAction.objects.all()
    assert (entry.action, entry.target_id) == (ActionType.DELETE, article.pk)


def test_a_community_moderator_deletes_in_their_community_blog(
    community_article, private_community
):
    moderator = join(UserFactory(username="mod"), private_community, role="moderator")

    article_delete(actor=moderator, article=community_article)

    assert Article.objects.get(pk=community_article.pk).is_deleted


def test_views_count_readers_other_than_the_author(author, colleague, outsider):
    article = write(author)
    draft = write(author, publish="draft", title="Draft")

    assert article_record_view(viewer=colleague, article=article)
    assert not article_record_view(viewer=author, article=article)
    assert not article_record_view(viewer=outsider, article=draft)
    article.refresh_from_db()
    assert article.view_count == 1


def test_replacing_or_removing_the_cover_drops_the_old_file(
    author, django_capture_on_commit_callbacks
):
    article = write(author, cover=image_upload("one.png"))
    first = article.cover.name
    storage = article.cover.storage

    with django_capture_on_commit_callbacks(execute=True):
        article = article_edit(actor=author, article=article, cover=image_upload("two.png"))
    assert article.cover.name != first and storage.exists(article.cover.name)
    assert not storage.exists(first)

    second = article.cover.name
    with django_capture_on_commit_callbacks(execute=True):
        article = article_edit(actor=author, article=article, remove_cover=True)
    assert not article.cover and not storage.exists(second)
    assert Article.objects.get(pk=article.pk).notice == ""
