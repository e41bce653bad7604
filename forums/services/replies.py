"""Replies: write (quoting and attaching), edit, delete and restore, and vote on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from feed.services.posts import check_posting_rate
from forums import permissions
from forums.models import Reply, ReplyRevision, ReplyVote, Thread, VoteValue
from forums.services._common import (
    clean_attachments,
    clean_body,
    render_onto,
    store_attachments,
)
from forums.services.threads import _lock, refresh_thread_stats, subscribe
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import User
from search import indexing


def _publish(name: str, *, actor, reply: Reply, thread: Thread, **payload) -> None:
    events.publish(
        name,
        actor=actor,
        obj=reply,
        community_id=thread.community_id,
        payload={"thread_id": thread.pk, **payload},
    )


def _lock_reply(reply: Reply) -> Reply:
    """The reply's row, locked, with its thread as it is now (it may have been locked, moved
    or merged since ``reply`` was loaded)."""
    return (
        Reply.objects.select_for_update(of=("self",))
        .select_related("author", "thread__community", "thread__category")
        .get(pk=reply.pk)
    )


@transaction.atomic
@indexing.coalesced()
def reply_create(
    *,
    author: User,
    thread: Thread,
    body: str,
    quoted: Reply | None = None,
    attachments=(),
) -> Reply:
    """Reply in a thread one may see (not a locked one); the replier follows the thread. The
    first reply by someone other than the asker sets ``first_reply_at``. ``quoted`` must be
    a reply of the same thread."""
    permissions.check_reply(author, thread)
    locked = _lock(thread)
    permissions.check_reply(author, locked)
    check_posting_rate(author)
    errors, cleaned = {}, {}
    for name, step in (
        ("body", lambda: clean_body(body, required=True)),
        ("attachments", lambda: clean_attachments(attachments)),
    ):
        try:
            cleaned[name] = step()
        except ValidationError as error:
            errors.update(error.message_dict)
    if quoted is not None and (quoted.thread_id != locked.pk or quoted.is_deleted):
        errors["quoted"] = [_("You can only quote a reply in this thread.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    reply = Reply(thread=locked, author=author, quoted=quoted, body=cleaned["body"], created_at=now)
    reply.full_clean(exclude=["thread", "author", "quoted", "deleted_by"])
    reply.save()
    mentioned, _hashtags = render_onto(reply, cleaned["body"])
    store_attachments(reply, cleaned["attachments"])
    is_first = author.pk != locked.author_id and locked.first_reply_at is None
    updates = {"reply_count": F("reply_count") + 1, "last_activity_at": now}
    if is_first:
        updates["first_reply_at"] = now
        locked.first_reply_at = now
    Thread.objects.filter(pk=locked.pk).update(**updates)
    indexing.engagement_add(locked, 1)
    locked.reply_count += 1
    locked.last_activity_at = now
    subscribe(locked, author)
    _publish(
        "reply.created",
        actor=author,
        reply=reply,
        thread=locked,
        thread_author_id=locked.author_id,
        thread_kind=locked.kind,
        quoted_author_id=quoted.author_id if quoted is not None else None,
        mentioned_user_ids=[u.pk for u in mentioned],
        is_first_reply=is_first,
        seconds_to_first_reply=(
            int(locked.time_to_first_reply.total_seconds()) if is_first else None
        ),
    )
    reply.thread = locked
    return reply


@transaction.atomic
@indexing.coalesced()
def reply_edit(*, actor: User, reply: Reply, body: str) -> Reply:
    """Change a reply's text (its author); the earlier text is kept as a revision."""
    locked = _lock_reply(reply)
    permissions.check_edit_reply(actor, locked)
    body = clean_body(body, required=True)
    if body == locked.body:
        return locked
    ReplyRevision.objects.create(
        reply=locked,
        body=locked.body,
        written_at=locked.edited_at or locked.created_at,
        replaced_by=actor,
    )
    locked.edited_at = timezone.now()
    locked.save(update_fields=["edited_at", "updated_at"])
    mentioned, _hashtags = render_onto(locked, body)
    thread = locked.thread
    _publish(
        "reply.edited",
        actor=actor,
        reply=locked,
        thread=thread,
        new_mentioned_user_ids=[u.pk for u in mentioned],
    )
    return locked


@transaction.atomic
def reply_delete(*, actor: User, reply: Reply) -> Reply:
    """Soft-delete a reply (its author or a moderator; a moderator's delete is logged). A
    deleted accepted answer leaves the question unsolved."""
    permissions.check_delete_reply(actor, reply)
    thread = _lock(reply.thread)
    locked = _lock_reply(reply)
    if locked.is_deleted:
        raise ValidationError(_("This reply has already been deleted."))
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    if thread.accepted_reply_id == locked.pk:
        thread.accepted_reply_id, thread.solved_at = None, None
        Thread.objects.filter(pk=thread.pk).update(accepted_reply=None, solved_at=None)
    refresh_thread_stats(thread)
    if actor.pk != locked.author_id:
        audit_record(
            actor=actor,
            action=ActionType.DELETE,
            community=thread.community,
            target=locked,
            target_user=locked.author,
        )
    _publish("reply.deleted", actor=actor, reply=locked, thread=thread)
    locked.thread = thread
    return locked


@transaction.atomic
def reply_restore(*, actor: User, reply: Reply) -> Reply:
    """Bring back a deleted reply (moderators; logged). It is not accepted again by itself."""
    if not permissions.can_restore_reply(actor, reply):
        if reply.is_deleted or not reply.is_visible_to(actor):
            raise Http404("No such reply.")
        raise ValidationError(_("This reply is not deleted."))
    thread = _lock(reply.thread)
    locked = _lock_reply(reply)
    locked.deleted_at, locked.deleted_by = None, None
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    refresh_thread_stats(thread)
    audit_record(
        actor=actor,
        action=ActionType.RESTORE,
        community=thread.community,
        target=locked,
        target_user=locked.author,
    )
    _publish("reply.restored", actor=actor, reply=locked, thread=thread)
    locked.thread = thread
    return locked


def _apply_vote(reply: Reply, *, old: int, new: int) -> None:
    """Move the counters of ``reply`` and its thread from vote ``old`` to ``new`` (0: none)."""
    up = (new == VoteValue.UP) - (old == VoteValue.UP)
    down = (new == VoteValue.DOWN) - (old == VoteValue.DOWN)
    delta = new - old
    Reply.objects.filter(pk=reply.pk).update(
        up_count=F("up_count") + up, down_count=F("down_count") + down, score=F("score") + delta
    )
    Thread.objects.filter(pk=reply.thread_id).update(score=F("score") + delta)
    indexing.engagement_add(reply, delta)
    indexing.engagement_add(reply.thread, delta)
    reply.up_count += up
    reply.down_count += down
    reply.score += delta


@transaction.atomic
def reply_vote(*, user: User, reply: Reply, value: int) -> Reply:
    """Vote a reply up (+1) or down (-1): one vote per person, voting the same way twice
    changes nothing, the other way switches the vote. Not on one's own reply. Returns the
    reply with its new counts."""
    if value not in VoteValue.values:
        raise ValidationError({"value": _("Vote up or down.")})
    locked = _lock_reply(reply)
    permissions.check_vote(user, locked)
    thread = locked.thread
    vote = ReplyVote.objects.filter(reply=locked, user=user).first()
    old = vote.value if vote is not None else 0
    if old == value:
        return locked
    if vote is None:
        ReplyVote.objects.create(reply=locked, user=user, value=value)
    else:
        ReplyVote.objects.filter(pk=vote.pk).update(value=value, updated_at=timezone.now())
    _apply_vote(locked, old=old, new=value)
    _publish(
        "reply.voted",
        actor=user,
        reply=locked,
        thread=thread,
        reply_author_id=locked.author_id,
        value=value,
        previous=old,
    )
    return locked


@transaction.atomic
def reply_unvote(*, user: User, reply: Reply) -> Reply:
    """Take one's vote on a reply back (nothing happens if there was none)."""
    locked = _lock_reply(reply)
    permissions.check_visible_reply(user, locked)
    thread = locked.thread
    vote = ReplyVote.objects.filter(reply=locked, user=user).first()
    if vote is not None:
        vote.delete()
        _apply_vote(locked, old=vote.value, new=0)
        _publish(
            "reply.unvoted",
            actor=user,
            reply=locked,
            thread=thread,
            reply_author_id=locked.author_id,
            previous=vote.value,
        )
    return locked
