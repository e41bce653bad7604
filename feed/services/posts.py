"""Writing posts: create (with images, files, a poll or praise), edit, delete, restore,
share, and "seen" for announcements."""

import mimetypes
import os
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import normalize_newlines, slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import Community
from core import events
from core.files import clean_file_name
from core.images import resized_within, validate_image
from core.ratelimit import check_rate
from feed import permissions
from feed.models import (
    BODY_MAX_LENGTH,
    MAX_IMAGES,
    POLL_MAX_OPTIONS,
    POLL_MIN_OPTIONS,
    AnnouncementView,
    Poll,
    PollOption,
    Post,
    PostAttachment,
    PostImage,
    PostKind,
    PostRevision,
    Praise,
    PraiseValue,
)
from feed.text import MAX_TAG_LENGTH, render_text
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import User
from search import indexing

MAX_ATTACHMENTS = 10
MAX_TOPIC_TAGS = 10
MAX_PRAISED = 20
DEFAULT_ANNOUNCEMENT_DAYS = 7
DEFAULT_POLL_DAYS = 7
IMAGE_SIZE = (2048, 2048)
THUMBNAIL_SIZE = (640, 640)


def get_post_for(user, pk, *, include_deleted: bool = False) -> Post:
    """The post ``pk`` if ``user`` may see it, else Http404. Moderators (not the author: a
    deleted post is gone for them) also get a deleted post with ``include_deleted``, to
    restore it or see its history."""
    post = (
        Post.objects.select_related("author", "community", "shared_post__author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404("No such post.")
    if post.is_deleted and include_deleted and permissions.can_restore_post(user, post):
        return post
    if not post.is_visible_to(user):
        raise Http404("No such post.")
    return post


def check_posting_rate(user) -> None:
    """Posts and comments per person per minute (``POSTING_RATE_LIMIT``)."""
    check_rate(f"post:{user.pk}", limit=settings.POSTING_RATE_LIMIT, seconds=60)


def _clean_body(body: str, *, required: bool) -> str:
    # Browsers send a line break as CRLF; count it as the one character the writer saw.
    body = normalize_newlines(body or "").strip()
    if required and not body:
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": BODY_MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def _clean_topic_tags(tags) -> list[str]:
    names = []
    for raw in tags or ():
        name = " ".join(str(raw).lstrip("#").split())[:MAX_TAG_LENGTH].lower()
        if name and slugify(name, allow_unicode=True) and name not in names:
            names.append(name)
    if len(names) > MAX_TOPIC_TAGS:
        raise ValidationError(
            {"tags": _("Use at most %(limit)d topics.") % {"limit": MAX_TOPIC_TAGS}}
        )
    return names


def _clean_images(images) -> list:
    images = [image for image in images or () if image]
    if len(images) > MAX_IMAGES:
        raise ValidationError(
            {
                "images": ngettext(
                    "Add at most %(limit)d image.", "Add at most %(limit)d images.", MAX_IMAGES
                )
                % {"limit": MAX_IMAGES}
            }
        )
    errors = []
    for image in images:
        try:
            validate_image(image, max_bytes=settings.POST_IMAGE_MAX_BYTES)
        except ValidationError as error:
            errors.extend(f"{os.path.basename(image.name)}: {m}" for m in error.messages)
    if errors:
        raise ValidationError({"images": errors})
    return images


def _clean_attachments(files) -> list:
    files = [f for f in files or () if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(limit)d files.") % {"limit": MAX_ATTACHMENTS}}
        )
    too_large = [f for f in files if f.size > settings.POST_ATTACHMENT_MAX_BYTES]
    if too_large:
        raise ValidationError(
            {
                "attachments": [
                    _("%(name)s is %(size)s; the limit is %(limit)s.")
                    % {
                        "name": clean_file_name(f.name),
                        "size": filesizeformat(f.size),
                        "limit": filesizeformat(settings.POST_ATTACHMENT_MAX_BYTES),
                    }
                    for f in too_large
                ]
            }
        )
    return files


def _clean_announcement_until(until: datetime | None) -> datetime:
    now = timezone.now()
    if until is None:
        return now + timedelta(days=DEFAULT_ANNOUNCEMENT_DAYS)
    if until <= now:
        raise ValidationError({"announcement_until": _("Choose a time in the future.")})
    return until


def _clean_poll(poll: dict) -> dict:
    errors = {}
    question = " ".join((poll.get("question") or "").split())
    if not question:
        errors["poll_question"] = _("Ask a question.")
    elif len(question) > 300:
        errors["poll_question"] = _("Keep the question under 300 characters.")
    options = []
    for option in poll.get("options") or ():
        text = " ".join(str(option if option is not None else "").split())
        if text and text.lower() not in (o.lower() for o in options):
            options.append(text)
    if not POLL_MIN_OPTIONS <= len(options) <= POLL_MAX_OPTIONS:
        errors["poll_options"] = _("Give between %(min)d and %(max)d different answers.") % {
            "min": POLL_MIN_OPTIONS,
            "max": POLL_MAX_OPTIONS,
        }
    elif any(len(o) > 200 for o in options):
        errors["poll_options"] = _("Keep each answer under 200 characters.")
    closes_at = poll.get("closes_at") or timezone.now() + timedelta(days=DEFAULT_POLL_DAYS)
    if closes_at <= timezone.now():
        errors["poll_closes_at"] = _("Choose a closing time in the future.")
    if errors:
        raise ValidationError(errors)
    return {
        "question": question,
        "options": options,
        "allows_multiple": bool(poll.get("allows_multiple")),
        "closes_at": closes_at,
    }


def _clean_praise(praise: dict, *, author: User) -> dict:
    errors = {}
    value = praise.get("value")
    if value not in PraiseValue.values:
        errors["praise_value"] = _("Choose the value you are thanking them for.")
    recipients = {u.pk: u for u in praise.get("recipients") or () if u and u.is_active}
    recipients.pop(author.pk, None)
    if not recipients:
        errors["praise_recipients"] = _("Choose at least one colleague to thank (not yourself).")
    elif len(recipients) > MAX_PRAISED:
        errors["praise_recipients"] = _("Thank at most %(limit)d people at once.") % {
            "limit": MAX_PRAISED
        }
    if errors:
        raise ValidationError(errors)
    return {"value": value, "recipients": list(recipients.values())}


def _store_images(post: Post, images) -> None:
    for position, upload in enumerate(images):
        prefix = f"p{post.pk}"
        image = resized_within(upload, size=IMAGE_SIZE, name_prefix=prefix)
        thumbnail = resized_within(upload, size=THUMBNAIL_SIZE, name_prefix=f"{prefix}-t")
        PostImage.objects.create(
            post=post,
            image=image,
            thumbnail=thumbnail,
            width=image.width,
            height=image.height,
            position=position,
        )


def _store_attachments(post: Post, files) -> None:
    for position, upload in enumerate(files):
        name = clean_file_name(upload.name)
        attachment = PostAttachment(
            post=post,
            name=name,
            size=upload.size,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            position=position,
        )
        # The stored name is ours; the person's file name is only shown and sent back.
        attachment.file.save(f"p{post.pk}-{position}{os.path.splitext(name)[1][:20]}", upload)
        attachment.save()


def _apply_text(post: Post, body: str) -> list[User]:
    """Render ``body`` onto ``post`` and store its mentions and tags; return new mentions."""
    rendered = render_text(body)
    post.body, post.body_html = body, rendered.html
    post.save(update_fields=["body", "body_html", "updated_at"])
    before = set(post.mentioned_users.values_list("pk", flat=True))
    post.mentioned_users.set(rendered.users)
    post.mentioned_communities.set(rendered.communities)
    return [u for u in rendered.users if u.pk not in before], rendered.hashtags


def publish_post_created(
    post: Post,
    *,
    actor: User | None,
    mentioned_user_ids=(),
    mentioned_community_ids=(),
    tag_slugs=(),
    shared_post_id: int | None = None,
    praised_user_ids=(),
    **extra,
) -> None:
    """Publish ``post.created``, the one event every new feed item sends (live delivery,
    notifications and the event log subscribe to it); call inside the writing transaction.
    ``extra`` adds keys to the payload (an item post's ``item_id``)."""
    events.publish(
        "post.created",
        actor=actor,
        obj=post,
        community_id=post.community_id,
        payload={
            "kind": post.kind,
            "is_announcement": post.is_announcement,
            "mentioned_user_ids": list(mentioned_user_ids),
            "mentioned_community_ids": list(mentioned_community_ids),
            "tag_slugs": list(tag_slugs),
            "shared_post_id": shared_post_id,
            "praised_user_ids": list(praised_user_ids),
            **extra,
        },
    )


@transaction.atomic
@indexing.coalesced()
def post_create(
    *,
    author: User,
    body: str = "",
    community: Community | None = None,
    tags=(),
    images=(),
    attachments=(),
    is_announcement: bool = False,
    announcement_until: datetime | None = None,
    poll: dict | None = None,
    praise: dict | None = None,
) -> Post:
    """Publish a post company-wide or in ``community``.

    ``poll`` is ``{"question", "options": [...], "allows_multiple", "closes_at"}``; ``praise``
    is ``{"value": PraiseValue, "recipients": [User, ...]}``. Raises ValidationError with field
    errors (body, images, attachments, tags, announcement_until, poll_*, praise_*) and
    PermissionDenied when the author may not post or announce there."""
    permissions.check_post_in(author, community)
    if is_announcement:
        permissions.check_announce(author, community)
    check_posting_rate(author)
    errors = {}
    cleaned = {}
    steps = {
        "body": lambda: _clean_body(body, required=not (images or attachments or poll or praise)),
        "tags": lambda: _clean_topic_tags(tags),
        "images": lambda: _clean_images(images),
        "attachments": lambda: _clean_attachments(attachments),
        "announcement_until": lambda: (
            _clean_announcement_until(announcement_until) if is_announcement else None
        ),
        "poll": lambda: _clean_poll(poll) if poll is not None else None,
        "praise": lambda: _clean_praise(praise, author=author) if praise is not None else None,
    }
    for name, step in steps.items():
        try:
            cleaned[name] = step()
        except ValidationError as error:
            errors.update(error.message_dict)
    if poll is not None and praise is not None:
        errors["__all__"] = [_("A post is either a poll or praise, not both.")]
    if errors:
        raise ValidationError(errors)

    kind = PostKind.POLL if poll is not None else PostKind.PRAISE if praise else PostKind.POST
    post = Post(
        author=author,
        community=community,
        kind=kind,
        body=cleaned["body"],
        is_announcement=is_announcement,
        announcement_until=cleaned["announcement_until"],
    )
    post.full_clean(exclude=["author", "community", "hidden_by", "deleted_by"])
    post.save()
    mentioned, hashtags = _apply_text(post, cleaned["body"])
    topic_tags = list(dict.fromkeys([*cleaned["tags"], *hashtags]))
    if topic_tags:
        post.tags.set(topic_tags)
    _store_images(post, cleaned["images"])
    _store_attachments(post, cleaned["attachments"])
    praised = []
    if cleaned["poll"]:
        spec = cleaned["poll"]
        created = Poll.objects.create(
            post=post,
            question=spec["question"],
            allows_multiple=spec["allows_multiple"],
            closes_at=spec["closes_at"],
        )
        PollOption.objects.bulk_create(
            PollOption(poll=created, text=text, position=position)
            for position, text in enumerate(spec["options"])
        )
    if cleaned["praise"]:
        created = Praise.objects.create(post=post, value=cleaned["praise"]["value"])
        praised = cleaned["praise"]["recipients"]
        created.recipients.set(praised)
        events.publish(
            "praise.given",
            actor=author,
            obj=post,
            community_id=post.community_id,
            payload={"recipient_ids": [u.pk for u in praised], "value": created.value},
        )
    if cleaned["poll"] or cleaned["praise"]:
        # Their answers and recipients are written in bulk, after the post's last save.
        indexing.index(post)
    publish_post_created(
        post,
        actor=author,
        mentioned_user_ids=[u.pk for u in mentioned],
        mentioned_community_ids=[c.pk for c in post.mentioned_communities.all()],
        tag_slugs=list(post.tags.values_list("slug", flat=True)),
        praised_user_ids=[u.pk for u in praised],
    )
    return post


@transaction.atomic
@indexing.coalesced()
def post_share(
    *, author: User, original: Post, body: str = "", community: Community | None = None
) -> Post:
    """Share ``original`` (or what it shares) with the author's followers (company-wide) or
    into ``community``, with an optional comment. The share is only ever shown to people who
    may see the original."""
    if original.shared_post_id and original.shared_post is not None:
        original = original.shared_post
    permissions.check_conversation(author, original)
    permissions.check_not_item(original)
    permissions.check_post_in(author, community)
    check_posting_rate(author)
    body = _clean_body(body, required=False)
    share = Post(author=author, community=community, kind=PostKind.SHARE, shared_post=original)
    share.save()
    mentioned, hashtags = _apply_text(share, body)
    if hashtags:
        share.tags.set(hashtags)
    Post.objects.filter(pk=original.pk).update(share_count=F("share_count") + 1)
    indexing.engagement_add(original, 1)
    publish_post_created(
        share,
        actor=author,
        mentioned_user_ids=[u.pk for u in mentioned],
        mentioned_community_ids=list(share.mentioned_communities.values_list("pk", flat=True)),
        tag_slugs=hashtags and list(share.tags.values_list("slug", flat=True)),
        shared_post_id=original.pk,
    )
    events.publish(
        "post.shared",
        actor=author,
        obj=share,
        community_id=share.community_id,
        payload={"original_id": original.pk, "original_author_id": original.author_id},
    )
    return share


@transaction.atomic
@indexing.coalesced()
def post_edit(*, actor: User, post: Post, body: str, tags=None) -> Post:
    """Change a post's text (and topics); the previous text is kept as a revision."""
    permissions.check_edit_post(actor, post)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    has_media = (
        locked.kind != PostKind.POST or locked.images.exists() or locked.attachments.exists()
    )
    body = _clean_body(body, required=not has_media)
    topic_tags = _clean_topic_tags(tags) if tags is not None else None
    if body == locked.body and topic_tags is None:
        return locked
    # Hashtags come and go with the text; the topics chosen apart from it stay.
    old_hashtags = set(render_text(locked.body).hashtags)
    if body != locked.body:
        PostRevision.objects.create(
            post=locked,
            body=locked.body,
            written_at=locked.edited_at or locked.created_at,
            replaced_by=actor,
        )
    now = timezone.now()
    locked.edited_at = now
    locked.save(update_fields=["edited_at", "updated_at"])
    mentioned, hashtags = _apply_text(locked, body)
    if topic_tags is None:
        topic_tags = [t.name for t in locked.tags.all() if t.name.lower() not in old_hashtags]
    locked.tags.set(list(dict.fromkeys([*topic_tags, *hashtags])))
    events.publish(
        "post.edited",
        actor=actor,
        obj=locked,
        community_id=locked.community_id,
        payload={"new_mentioned_user_ids": [u.pk for u in mentioned]},
    )
    return locked


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """Soft-delete a post (its author or a moderator); moderators can restore it."""
    permissions.check_delete_post(actor, post)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.is_deleted:
        raise ValidationError(_("This post has already been deleted."))
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    if locked.shared_post_id:
        Post.objects.filter(pk=locked.shared_post_id, share_count__gt=0).update(
            share_count=F("share_count") - 1
        )
        indexing.engagement_add(locked.shared_post, -1)
    if actor.pk != locked.author_id:
        audit_record(
            actor=actor, action=ActionType.DELETE, community=locked.community, target=locked
        )
    events.publish("post.deleted", actor=actor, obj=locked, community_id=locked.community_id)
    return locked


@transaction.atomic
def post_restore(*, actor: User, post: Post) -> Post:
    """Bring back a deleted post (moderators)."""
    if not permissions.can_restore_post(actor, post):
        if post.is_deleted or not post.is_visible_to(actor):
            raise Http404("No such post.")
        raise ValidationError(_("This post is not deleted."))
    locked = Post.objects.select_for_update().get(pk=post.pk)
    locked.deleted_at, locked.deleted_by = None, None
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    if locked.shared_post_id:
        Post.objects.filter(pk=locked.shared_post_id).update(share_count=F("share_count") + 1)
        indexing.engagement_add(locked.shared_post, 1)
    audit_record(actor=actor, action=ActionType.RESTORE, community=locked.community, target=locked)
    events.publish("post.restored", actor=actor, obj=locked, community_id=locked.community_id)
    return locked


def announcement_mark_seen(*, user: User, post: Post) -> bool:
    """Count ``user`` once among those who saw announcement ``post``; True the first time."""
    if not post.is_announcement or not post.is_visible_to(user):
        return False
    try:
        with transaction.atomic():
            AnnouncementView.objects.create(post=post, user=user)
            Post.objects.filter(pk=post.pk).update(seen_count=F("seen_count") + 1)
    except IntegrityError:
        return False
    events.publish("announcement.seen", actor=user, obj=post, community_id=post.community_id)
    return True
