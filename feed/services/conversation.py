"""The conversation around an item: comments and replies, reactions, bookmarks.

Comments and reactions work on any commentable target: a placed-content object with
``is_visible_to(user)`` and the counters ``comment_count`` and ``reaction_count`` (posts
today; articles and files reuse them)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from core import events
from feed import permissions
from feed.models import COMMENT_MAX_LENGTH, Bookmark, Comment, Post, Reaction, ReactionKind
from feed.services.posts import check_posting_rate
from feed.text import render_text
from moderation.models import ActionType
from moderation.permissions import can_moderate_in
from moderation.services import audit_record
from profiles.models import User
from search import indexing


def _bump(target, field: str, delta: int) -> None:
    model = type(target)
    rows = model._base_manager.filter(pk=target.pk)
    if delta < 0:
        rows = rows.filter(**{f"{field}__gte": -delta})
    rows.update(**{field: F(field) + delta})
    indexing.engagement_add(target, delta)  # The search index ranks by these counters.


def _target_payload(target) -> dict:
    return {
        "target_type": target._meta.label_lower,
        "target_id": target.pk,
        "target_author_id": target.author_id,
    }


def _clean_comment_body(body: str) -> str:
    # Browsers send a line break as CRLF; count it as the one character the writer saw.
    body = normalize_newlines(body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": COMMENT_MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def get_comment_for(user, pk) -> Comment:
    """The comment ``pk`` if ``user`` may see it (its target is visible), else Http404."""
    comment = Comment.objects.select_related("author", "content_type").filter(pk=pk).first()
    if comment is None or not comment.is_visible_to(user):
        raise Http404("No such comment.")
    return comment


@transaction.atomic
@indexing.coalesced()
def comment_create(*, author: User, target, body: str, parent: Comment | None = None) -> Comment:
    """Comment on ``target``, or reply to ``parent`` (replies to a reply join its thread:
    one level deep)."""
    permissions.check_conversation(author, target)
    permissions.check_not_item(target)
    content_type = ContentType.objects.get_for_model(target)
    if parent is not None:
        if (parent.content_type_id, parent.object_id) != (content_type.pk, target.pk):
            raise ValidationError({"parent": _("That comment belongs to another conversation.")})
        if parent.is_deleted:
            raise ValidationError({"parent": _("That comment has been deleted.")})
        replied_to = parent
        parent = parent.parent or parent
    else:
        replied_to = None
    check_posting_rate(author)
    body = _clean_comment_body(body)
    rendered = render_text(body)
    comment = Comment(
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        author=author,
        body=body,
        body_html=rendered.html,
    )
    comment.full_clean(exclude=["content_type", "author", "parent", "deleted_by"])
    comment.save()
    comment.mentioned_users.set(rendered.users)
    _bump(target, "comment_count", 1)
    if parent is not None:
        _bump(parent, "reply_count", 1)
    events.publish(
        "comment.created",
        actor=author,
        obj=comment,
        community_id=getattr(target, "community_id", None),
        payload={
            **_target_payload(target),
            "parent_id": parent.pk if parent else None,
            "parent_author_id": replied_to.author_id if replied_to else None,
            "mentioned_user_ids": [u.pk for u in rendered.users],
        },
    )
    return comment


@transaction.atomic
@indexing.coalesced()
def comment_edit(*, actor: User, comment: Comment, body: str) -> Comment:
    """The author changes their comment's text."""
    target = comment.target
    permissions.check_conversation(actor, target)
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied(_("Only the author can edit this comment."))
    body = _clean_comment_body(body)
    if body == comment.body:
        return comment
    rendered = render_text(body)
    before = set(comment.mentioned_users.values_list("pk", flat=True))
    comment.body, comment.body_html, comment.edited_at = body, rendered.html, timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    comment.mentioned_users.set(rendered.users)
    events.publish(
        "comment.edited",
        actor=actor,
        obj=comment,
        community_id=getattr(target, "community_id", None),
        payload={
            **_target_payload(target),
            "new_mentioned_user_ids": [u.pk for u in rendered.users if u.pk not in before],
        },
    )
    return comment


@transaction.atomic
def comment_delete(*, actor: User, comment: Comment) -> Comment:
    """Soft-delete a comment (its author, or a moderator of where its target is placed)."""
    target = comment.target
    if target is None or not target.is_visible_to(actor):
        raise Http404("No such comment.")
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.is_deleted:
        raise ValidationError(_("This comment has already been deleted."))
    if not permissions.can_delete_comment(actor, locked, target):
        raise PermissionDenied(_("Only the author or a moderator can delete this comment."))
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    _bump(target, "comment_count", -1)
    if locked.parent_id:
        _bump(locked.parent, "reply_count", -1)
    if actor.pk != locked.author_id and can_moderate_in(actor, getattr(target, "community", None)):
        audit_record(
            actor=actor,
            action=ActionType.DELETE,
            community=getattr(target, "community", None),
            target=locked,
        )
    events.publish(
        "comment.deleted",
        actor=actor,
        obj=locked,
        community_id=getattr(target, "community_id", None),
        payload=_target_payload(target),
    )
    return locked


@transaction.atomic
def reaction_set(*, user: User, target, kind: str) -> Reaction:
    """React to ``target`` (a post or a comment); one reaction per person, changeable."""
    post = target.target if isinstance(target, Comment) else target
    permissions.check_conversation(user, post)
    permissions.check_not_item(post)
    if isinstance(target, Comment) and target.is_deleted:
        raise PermissionDenied(_("This comment has been deleted."))
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Choose one of the reactions offered.")})
    content_type = ContentType.objects.get_for_model(target)
    reaction = (
        Reaction.objects.select_for_update()
        .filter(content_type=content_type, object_id=target.pk, user=user)
        .first()
    )
    community_id = getattr(post, "community_id", None)
    if reaction is not None:
        if reaction.kind == kind:
            return reaction
        reaction.kind = kind
        reaction.save(update_fields=["kind", "updated_at"])
        name = "reaction.changed"
    else:
        try:
            with transaction.atomic():
                reaction = Reaction.objects.create(
                    content_type=content_type, object_id=target.pk, user=user, kind=kind
                )
        except IntegrityError:  # A double click won the race: it is the same reaction.
            return Reaction.objects.get(content_type=content_type, object_id=target.pk, user=user)
        _bump(target, "reaction_count", 1)
        name = "reaction.added"
    events.publish(
        name,
        actor=user,
        obj=reaction,
        community_id=community_id,
        payload={**_target_payload(target), "kind": kind},
    )
    return reaction


@transaction.atomic
def reaction_clear(*, user: User, target) -> bool:
    """Take back one's reaction to ``target``; False when there was none."""
    post = target.target if isinstance(target, Comment) else target
    permissions.check_conversation(user, post)  # An archived community is read-only.
    content_type = ContentType.objects.get_for_model(target)
    reaction = (
        Reaction.objects.select_for_update()
        .filter(content_type=content_type, object_id=target.pk, user=user)
        .first()
    )
    if reaction is None:
        return False
    kind = reaction.kind
    reaction.delete()
    _bump(target, "reaction_count", -1)
    events.publish(
        "reaction.removed",
        actor=user,
        community_id=getattr(post, "community_id", None),
        payload={**_target_payload(target), "kind": kind},
    )
    return True


@transaction.atomic
def bookmark_add(*, user: User, post: Post) -> Bookmark:
    """Save ``post`` for later (idempotent)."""
    permissions.check_visible(user, post)
    bookmark, created = Bookmark.objects.get_or_create(user=user, post=post)
    if created:
        events.publish("bookmark.added", actor=user, obj=post, community_id=post.community_id)
    return bookmark


@transaction.atomic
def bookmark_remove(*, user: User, post: Post) -> bool:
    """Forget a saved post; False when it was not saved."""
    deleted, _rows = Bookmark.objects.filter(user=user, post=post).delete()
    if deleted:
        events.publish("bookmark.removed", actor=user, obj=post, community_id=post.community_id)
    return bool(deleted)
