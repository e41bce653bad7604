"""Writing articles: create (draft, publish now or schedule), edit, publish, unpublish,
delete, restore, and publishing the scheduled ones when their time comes.

A service that publishes may leave a message for the person on the returned article
(``article.notice``), for example when a scheduled time had already passed.

A published article is also a card in the feeds (``feed.services.items``): it goes out when
the article is published (never for a draft or before a scheduled time), follows its topics,
and is withdrawn when the article is unpublished or deleted."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog import permissions
from blog.models import (
    BODY_MAX_LENGTH,
    EXCERPT_MAX_LENGTH,
    IMAGE_ALT_MAX_LENGTH,
    SLUG_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Article,
    ArticleImage,
    ArticleRevision,
    ArticleStatus,
    Blog,
)
from blog.text import render_article
from core import events
from core.files import clean_file_name
from core.images import resized_within, validate_image
from feed.models import PostKind
from feed.services.items import (
    item_post_publish,
    item_post_restore,
    item_post_sync,
    item_post_withdraw,
)
from feed.services.posts import check_posting_rate
from feed.text import MAX_TAG_LENGTH
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import User
from search import indexing

MAX_TAGS = 10
COVER_SIZE = (1600, 1600)
IMAGE_SIZE = (2048, 2048)
MAX_IMAGES_AT_ONCE = 10
MAX_IMAGES_PER_ARTICLE = 50
PUBLISH_NOW, SCHEDULE, DRAFT = "now", "schedule", "draft"


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the article a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)d characters.") % {"limit": TITLE_MAX_LENGTH}}
        )
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": BODY_MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def _clean_excerpt(excerpt: str) -> str:
    excerpt = " ".join((excerpt or "").split())
    if len(excerpt) > EXCERPT_MAX_LENGTH:
        raise ValidationError(
            {
                "excerpt": _("Keep the excerpt under %(limit)d characters.")
                % {"limit": EXCERPT_MAX_LENGTH}
            }
        )
    return excerpt


def _clean_tags(tags) -> list[str]:
    names = []
    for raw in tags or ():
        name = " ".join(str(raw).lstrip("#").split())[:MAX_TAG_LENGTH].lower()
        if name and slugify(name, allow_unicode=True) and name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(limit)d topics.") % {"limit": MAX_TAGS}})
    return names


def _clean_cover(cover):
    if not cover:
        return None
    try:
        validate_image(cover, max_bytes=settings.POST_IMAGE_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"cover": error.messages}) from None
    return cover


def _clean_schedule(when: str, publish_at: datetime | None) -> tuple[str, datetime | None, str]:
    """(status, publish_at, notice) for what the author chose."""
    if when == DRAFT:
        return ArticleStatus.DRAFT, None, ""
    if when == PUBLISH_NOW:
        return ArticleStatus.PUBLISHED, None, ""
    if when != SCHEDULE:
        raise ValidationError({"publish": _("Choose draft, publish now or schedule.")})
    if publish_at is None:
        raise ValidationError({"publish_at": _("Choose when to publish the article.")})
    if publish_at <= timezone.now():
        notice = _("The time you chose has already passed, so the article was published now.")
        return ArticleStatus.PUBLISHED, None, notice
    return ArticleStatus.SCHEDULED, publish_at, ""


def _collect(steps: dict) -> dict:
    """Run every cleaning step; raise one ValidationError with all the field errors."""
    cleaned, errors = {}, {}
    for name, step in steps.items():
        try:
            cleaned[name] = step()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _unique_slug(title: str, blog: Blog, *, exclude_pk=None) -> str:
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "article"
    taken = set(
        Article.objects.in_blog(blog)
        .exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug


def _apply_text(article: Article, *, title: str, body: str, excerpt: str | None) -> list:
    """Render ``body`` onto ``article`` with its derived fields; return the mentioned people
    and hashtags. ``excerpt`` None keeps the author's excerpt (if any)."""
    rendered = render_article(body, article_id=article.pk)
    article.title, article.body, article.body_html = title, body, rendered.html
    article.toc = rendered.toc
    article.reading_minutes = rendered.reading_minutes
    if excerpt is not None:
        article.excerpt_is_explicit = bool(excerpt)
    if excerpt:
        article.excerpt = excerpt
    elif not article.excerpt_is_explicit:
        article.excerpt = rendered.excerpt(EXCERPT_MAX_LENGTH)
    return rendered.users, rendered.hashtags


def _store_cover(article: Article, cover) -> None:
    stored = resized_within(cover, size=COVER_SIZE, name_prefix=f"a{article.pk}")
    article.cover.save(stored.name, stored, save=False)


def _publish_event(article: Article, *, actor: User, mentioned=()) -> None:
    events.publish(
        "article.published",
        actor=actor,
        obj=article,
        community_id=article.community_id,
        payload={
            "blog": article.blog_kind,
            "author_id": article.author_id,
            "title": article.title,
            "mentioned_user_ids": [u.pk for u in mentioned],
            "tag_slugs": list(article.tags.values_list("slug", flat=True)),
        },
    )


def _feed_item_publish(article: Article, *, tags=None) -> None:
    """Put the just-published ``article`` in the feeds, dated when it was published."""
    item_post_publish(
        kind=PostKind.ARTICLE,
        item_id=article.pk,
        author=article.author,
        community=article.community,
        tags=[t.name for t in article.tags.all()] if tags is None else tags,
        created_at=article.published_at,
    )


def _make_visible(article: Article) -> None:
    article.status, article.publish_at = ArticleStatus.PUBLISHED, None
    article.published_at = timezone.now()


@transaction.atomic
@indexing.coalesced()
def article_create(
    *,
    author: User,
    title: str,
    body: str = "",
    blog: Blog | None = None,
    tags=(),
    excerpt: str = "",
    cover=None,
    publish: str = DRAFT,
    publish_at: datetime | None = None,
) -> Article:
    """Write an article in ``blog`` (default: the author's personal blog) as a draft, publish
    it now (``publish="now"``) or schedule it (``publish="schedule"``, ``publish_at``; a time
    already past publishes now and leaves ``article.notice``).

    Raises ValidationError with field errors (title, body, excerpt, tags, cover, publish_at)
    and PermissionDenied (Http404 for a community the author may not see) when the author
    may not write in the blog."""
    blog = blog or Blog.personal(author)
    permissions.check_write_in(author, blog)
    check_posting_rate(author)
    cleaned = _collect(
        {
            "title": lambda: _clean_title(title),
            "body": lambda: _clean_body(body),
            "excerpt": lambda: _clean_excerpt(excerpt),
            "tags": lambda: _clean_tags(tags),
            "cover": lambda: _clean_cover(cover),
            "schedule": lambda: _clean_schedule(publish, publish_at),
        }
    )
    status, scheduled_for, notice = cleaned["schedule"]
    if status != ArticleStatus.DRAFT and not cleaned["body"]:
        raise ValidationError({"body": _("Write the article before publishing it.")})
    article = Article(author=author, **blog.placement, status=status, publish_at=scheduled_for)
    if status == ArticleStatus.PUBLISHED:
        _make_visible(article)
    article.slug = _unique_slug(cleaned["title"], blog)
    mentioned, hashtags = _apply_text(
        article, title=cleaned["title"], body=cleaned["body"], excerpt=cleaned["excerpt"]
    )
    article.full_clean(exclude=["author", "community", "hidden_by", "deleted_by", "cover"])
    article.save()
    if cleaned["cover"]:
        _store_cover(article, cleaned["cover"])
        article.save(update_fields=["cover"])
    topic_tags = list(dict.fromkeys([*cleaned["tags"], *hashtags]))
    if topic_tags:
        article.tags.set(topic_tags)
    if article.status == ArticleStatus.PUBLISHED:
        _feed_item_publish(article, tags=topic_tags)
        _publish_event(article, actor=author, mentioned=mentioned)
    article.notice = notice
    return article


@transaction.atomic
@indexing.coalesced()
def article_edit(
    *,
    actor: User,
    article: Article,
    title: str | None = None,
    body: str | None = None,
    excerpt: str | None = None,
    tags=None,
    cover=None,
    remove_cover: bool = False,
) -> Article:
    """Change an article (its author). The address stays; once published, the earlier title
    and text are kept as a revision. ``None`` leaves a field as it is."""
    permissions.check_edit_article(actor, article)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    cleaned = _collect(
        {
            "title": lambda: _clean_title(locked.title if title is None else title),
            "body": lambda: _clean_body(locked.body if body is None else body),
            "excerpt": lambda: None if excerpt is None else _clean_excerpt(excerpt),
            "tags": lambda: None if tags is None else _clean_tags(tags),
            "cover": lambda: _clean_cover(cover),
        }
    )
    if locked.status != ArticleStatus.DRAFT and not cleaned["body"]:
        raise ValidationError({"body": _("A published article needs its text.")})
    text_changed = (cleaned["title"], cleaned["body"]) != (locked.title, locked.body)
    if locked.status == ArticleStatus.PUBLISHED and text_changed:
        ArticleRevision.objects.create(
            article=locked,
            title=locked.title,
            body=locked.body,
            written_at=locked.edited_at or locked.published_at or locked.created_at,
            replaced_by=actor,
        )
        locked.edited_at = timezone.now()
    old_hashtags = set(render_article(locked.body).hashtags)
    mentioned, hashtags = _apply_text(
        locked, title=cleaned["title"], body=cleaned["body"], excerpt=cleaned["excerpt"]
    )
    if (remove_cover or cleaned["cover"]) and locked.cover:
        old_cover = locked.cover.name
        transaction.on_commit(lambda: locked.cover.storage.delete(old_cover))
        locked.cover = ""
    if cleaned["cover"]:
        _store_cover(locked, cleaned["cover"])
    locked.full_clean(exclude=["author", "community", "hidden_by", "deleted_by", "cover"])
    locked.save()
    topic_tags = cleaned["tags"]
    if topic_tags is None:
        topic_tags = [t.name for t in locked.tags.all() if t.name.lower() not in old_hashtags]
    locked.tags.set(list(dict.fromkeys([*topic_tags, *hashtags])))
    if locked.status == ArticleStatus.PUBLISHED:
        item_post_sync(
            kind=PostKind.ARTICLE,
            item_id=locked.pk,
            community=locked.community,
            tags=[t.name for t in locked.tags.all()],
        )
        events.publish(
            "article.edited",
            actor=actor,
            obj=locked,
            community_id=locked.community_id,
            payload={"mentioned_user_ids": [u.pk for u in mentioned]},
        )
    return locked


@transaction.atomic
@indexing.coalesced()
def article_publish(
    *, actor: User, article: Article, publish_at: datetime | None = None
) -> Article:
    """Publish a draft or scheduled article now, or (with ``publish_at`` in the future)
    schedule it; a time already past publishes now and leaves ``article.notice``."""
    permissions.check_edit_article(actor, article)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.status == ArticleStatus.PUBLISHED:
        raise ValidationError(_("This article is already published."))
    if not locked.body:
        raise ValidationError({"body": _("Write the article before publishing it.")})
    when = SCHEDULE if publish_at is not None else PUBLISH_NOW
    status, scheduled_for, notice = _clean_schedule(when, publish_at)
    if status == ArticleStatus.SCHEDULED:
        locked.status, locked.publish_at = status, scheduled_for
        locked.save(update_fields=["status", "publish_at", "updated_at"])
    else:
        _make_visible(locked)
        locked.save(update_fields=["status", "publish_at", "published_at", "updated_at"])
        _feed_item_publish(locked)
        _publish_event(locked, actor=actor, mentioned=render_article(locked.body).users)
    locked.notice = notice
    return locked


@transaction.atomic
def article_unpublish(*, actor: User, article: Article) -> Article:
    """Take a published or scheduled article back to the author's drafts."""
    permissions.check_edit_article(actor, article)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.status == ArticleStatus.DRAFT:
        raise ValidationError(_("This article is already a draft."))
    was_published = locked.status == ArticleStatus.PUBLISHED
    locked.status, locked.publish_at, locked.published_at = ArticleStatus.DRAFT, None, None
    locked.save(update_fields=["status", "publish_at", "published_at", "updated_at"])
    if was_published:
        item_post_withdraw(kind=PostKind.ARTICLE, item_id=locked.pk, actor=actor)
        events.publish(
            "article.unpublished", actor=actor, obj=locked, community_id=locked.community_id
        )
    return locked


@transaction.atomic
def article_publish_due(*, article_id: int, now: datetime | None = None) -> Article | None:
    """Publish scheduled article ``article_id`` if its time has come; None when there was
    nothing to do (already published, unscheduled or deleted meanwhile). Safe to repeat."""
    locked = Article.objects.select_for_update().due(now).filter(pk=article_id).first()
    if locked is None:
        return None
    author = locked.author
    if not permissions.can_write_in(author, locked.blog):
        # The author may no longer write there (left the community, lost the role): the
        # article goes back to their drafts rather than out under a blog they have left.
        locked.status, locked.publish_at = ArticleStatus.DRAFT, None
        locked.save(update_fields=["status", "publish_at", "updated_at"])
        return None
    _make_visible(locked)
    locked.save(update_fields=["status", "publish_at", "published_at", "updated_at"])
    _feed_item_publish(locked)
    _publish_event(locked, actor=author, mentioned=render_article(locked.body).users)
    return locked


@transaction.atomic
def article_delete(*, actor: User, article: Article) -> Article:
    """Soft-delete an article (its author or a moderator); moderators can restore it."""
    permissions.check_delete_article(actor, article)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.is_deleted:
        raise ValidationError(_("This article has already been deleted."))
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    if actor.pk != locked.author_id:
        audit_record(
            actor=actor, action=ActionType.DELETE, community=locked.community, target=locked
        )
    item_post_withdraw(kind=PostKind.ARTICLE, item_id=locked.pk, actor=actor)
    events.publish("article.deleted", actor=actor, obj=locked, community_id=locked.community_id)
    return locked


@transaction.atomic
def article_restore(*, actor: User, article: Article) -> Article:
    """Bring back a deleted article (moderators)."""
    if not permissions.can_restore_article(actor, article):
        if article.is_deleted or not article.is_readable_by(actor):
            raise Http404("No such article.")
        raise ValidationError(_("This article is not deleted."))
    locked = Article.objects.select_for_update().get(pk=article.pk)
    locked.deleted_at, locked.deleted_by = None, None
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    audit_record(actor=actor, action=ActionType.RESTORE, community=locked.community, target=locked)
    if locked.status == ArticleStatus.PUBLISHED:
        item_post_restore(kind=PostKind.ARTICLE, item_id=locked.pk, actor=actor)
    events.publish("article.restored", actor=actor, obj=locked, community_id=locked.community_id)
    return locked


def _clean_images(images, *, room: int) -> list:
    images = [image for image in images or () if image]
    if not images:
        raise ValidationError({"images": _("Choose at least one image.")})
    limit = min(MAX_IMAGES_AT_ONCE, room)
    if limit <= 0:
        raise ValidationError(
            {
                "images": _("An article holds at most %(limit)d images.")
                % {"limit": MAX_IMAGES_PER_ARTICLE}
            }
        )
    if len(images) > limit:
        raise ValidationError(
            {
                "images": ngettext(
                    "Add at most %(limit)d image.", "Add at most %(limit)d images.", limit
                )
                % {"limit": limit}
            }
        )
    errors = []
    for image in images:
        try:
            validate_image(image, max_bytes=settings.POST_IMAGE_MAX_BYTES)
        except ValidationError as error:
            name = clean_file_name(image.name)
            errors.extend(f"{name}: {message}" for message in error.messages)
    if errors:
        raise ValidationError({"images": errors})
    return images


def _clean_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if len(alt) > IMAGE_ALT_MAX_LENGTH:
        raise ValidationError(
            {
                "alt": _("Keep the description under %(limit)d characters.")
                % {"limit": IMAGE_ALT_MAX_LENGTH}
            }
        )
    return alt


def _alt_from_name(name: str) -> str:
    """A first description from a file name ("team-photo_2024.jpg": "team photo 2024")."""
    stem = clean_file_name(name).rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:IMAGE_ALT_MAX_LENGTH]


@transaction.atomic
def article_images_add(
    *, actor: User, article: Article, images, alt: str = ""
) -> list[ArticleImage]:
    """Upload images for ``article``'s text (its author, as for editing): each is checked
    with Pillow and stored re-encoded (no metadata) under a name of ours, numbered after the
    article's earlier images. ``alt`` describes them (empty: each file's name). All or
    nothing: one bad file refuses the lot, with a field error naming it."""
    permissions.check_edit_article(actor, article)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    last = locked.images.aggregate(last=Max("number"))["last"] or 0
    count = locked.images.count()
    cleaned = _collect(
        {
            "images": lambda: _clean_images(images, room=MAX_IMAGES_PER_ARTICLE - count),
            "alt": lambda: _clean_alt(alt),
        }
    )
    added = []
    for offset, upload in enumerate(cleaned["images"], start=1):
        stored = resized_within(upload, size=IMAGE_SIZE, name_prefix=f"a{locked.pk}-i")
        image = ArticleImage(
            article=locked,
            number=last + offset,
            width=stored.width,
            height=stored.height,
            alt=cleaned["alt"] or _alt_from_name(upload.name),
        )
        image.image.save(stored.name, stored, save=False)
        image.full_clean()
        image.save()
        added.append(image)
    return added


def article_record_view(*, viewer: User, article: Article) -> bool:
    """Count one more reading of a visible article by someone other than its author."""
    if viewer.pk == article.author_id or not article.is_visible_to(viewer):
        return False
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    return True
