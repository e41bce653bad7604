"""Threads: ask or start a discussion, edit, delete and restore, follow, accept an answer, and
the moderators' pin, lock, move and merge (each written to the moderation log).

A thread is also a card in the feeds (``feed.services.items``): published with the thread,
placed and tagged like it, withdrawn when it is deleted or merged away."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Min, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import CommunityType
from core import events
from feed.models import PostKind
from feed.services.items import (
    item_post_publish,
    item_post_restore,
    item_post_sync,
    item_post_withdraw,
)
from feed.services.posts import check_posting_rate
from feed.text import render_text
from forums import permissions
from forums.models import (
    Category,
    Reply,
    Thread,
    ThreadKind,
    ThreadRevision,
    ThreadSubscription,
)
from forums.services._common import clean_body, clean_tags, clean_title, render_onto
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import User
from search import indexing


def subscribe(thread: Thread, *users) -> None:
    """Make ``users`` follow ``thread`` (those following already stay as they are)."""
    ThreadSubscription.objects.bulk_create(
        [ThreadSubscription(thread=thread, user=user) for user in users if user is not None],
        ignore_conflicts=True,
    )


def _lock(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("community", "category", "author")
        .get(pk=thread.pk)
    )


def refresh_thread_stats(thread: Thread) -> None:
    """Recount a thread's replies and votes from its replies (after deletes, restores and
    merges; everyday replies and votes move the counters with F() instead)."""
    alive = Reply.objects.filter(thread=thread, deleted_at__isnull=True)
    totals = alive.aggregate(
        score=Sum("score"), first=Min("created_at", filter=~Q(author_id=thread.author_id))
    )
    thread.reply_count = alive.count()
    thread.score = totals["score"] or 0
    if thread.first_reply_at is None or (
        totals["first"] is not None and totals["first"] < thread.first_reply_at
    ):
        thread.first_reply_at = totals["first"] or thread.first_reply_at
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=thread.reply_count, score=thread.score, first_reply_at=thread.first_reply_at
    )
    indexing.index(thread)


def _publish(name: str, *, actor, thread: Thread, **payload) -> None:
    events.publish(name, actor=actor, obj=thread, community_id=thread.community_id, payload=payload)


_WHERE_IT_IS = object()


def _audit(action: str, *, actor: User, thread: Thread, community=_WHERE_IT_IS) -> None:
    """One row of the moderation log about ``thread`` (in its community unless told)."""
    audit_record(
        actor=actor,
        action=action,
        community=thread.community if community is _WHERE_IT_IS else community,
        target=thread,
        target_user=thread.author,
    )


def _sync_feed_item(thread: Thread) -> None:
    """Keep the thread's feed card placed and tagged like the thread."""
    item_post_sync(
        kind=PostKind.THREAD,
        item_id=thread.pk,
        community=thread.community,
        tags=[tag.name for tag in thread.tags.all()],
    )


MAX_ASKED = 5


def _asked_keys(people) -> list:
    """Users or usernames, each once."""
    return list(dict.fromkeys(getattr(p, "username", p) for p in people if p))


@transaction.atomic
@indexing.coalesced()
def thread_create(
    *,
    author: User,
    category: Category,
    title: str,
    body: str = "",
    kind: str = ThreadKind.DISCUSSION,
    tags=(),
    ask=(),
) -> Thread:
    """Start a discussion or ask a question in ``category``; the thread takes the category's
    place (company-wide or its community) and its author follows it. ``ask``: people asked
    to answer it (``thread_ask_experts``: those who may not see it are left out). Raises
    ValidationError (title, body, kind, tags, ask), PermissionDenied, or Http404 for a
    category they cannot see."""
    permissions.check_start_thread(author, category)
    check_posting_rate(author)
    errors, cleaned = {}, {}
    steps = {
        "title": lambda: clean_title(title),
        "body": lambda: clean_body(body, required=False),
        "tags": lambda: clean_tags(tags),
    }
    for name, step in steps.items():
        try:
            cleaned[name] = step()
        except ValidationError as error:
            errors.update(error.message_dict)
    if kind not in ThreadKind.values:
        errors["kind"] = [_("Choose a discussion or a question.")]
    if len(_asked_keys(ask)) > MAX_ASKED:
        errors["ask"] = [_("Ask at most %(count)d people.") % {"count": MAX_ASKED}]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    thread = Thread(
        author=author,
        category=category,
        community=category.community,
        kind=kind,
        title=cleaned["title"],
        created_at=now,
        last_activity_at=now,
    )
    # Foreign keys come from objects already loaded; checking them would only cost queries.
    thread.full_clean(exclude=["author", "community", "category", "hidden_by", "deleted_by",
                               "accepted_reply", "merged_into"])  # fmt: skip
    thread.save()
    mentioned, hashtags = render_onto(thread, cleaned["body"])
    topics = list(dict.fromkeys([*cleaned["tags"], *hashtags]))
    if topics:
        thread.tags.set(topics)
    subscribe(thread, author)
    item_post_publish(
        kind=PostKind.THREAD,
        item_id=thread.pk,
        author=author,
        community=thread.community,
        tags=topics,
        created_at=thread.created_at,
    )
    _publish(
        "thread.created",
        actor=author,
        thread=thread,
        kind=thread.kind,
        title=thread.title,
        category_id=category.pk,
        mentioned_user_ids=[u.pk for u in mentioned],
        tag_slugs=list(thread.tags.values_list("slug", flat=True)) if topics else [],
    )
    if ask:
        thread_ask_experts(actor=author, thread=thread, people=ask)
    return thread


@transaction.atomic
@indexing.coalesced()
def thread_edit(
    *, actor: User, thread: Thread, title: str | None = None, body: str | None = None, tags=None
) -> Thread:
    """Change a thread's title, text or topics (its author); the earlier title and text are
    kept as a revision."""
    permissions.check_edit_thread(actor, thread)
    locked = _lock(thread)
    permissions.check_edit_thread(actor, locked)
    errors = {}
    new_title, new_body, topics = locked.title, locked.body, None
    try:
        if title is not None:
            new_title = clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if body is not None:
            new_body = clean_body(body, required=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if tags is not None:
            topics = clean_tags(tags)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if new_title == locked.title and new_body == locked.body and topics is None:
        return locked
    old_hashtags = set(render_text(locked.body).hashtags)
    if new_title != locked.title or new_body != locked.body:
        ThreadRevision.objects.create(
            thread=locked,
            title=locked.title,
            body=locked.body,
            written_at=locked.edited_at or locked.created_at,
            replaced_by=actor,
        )
    locked.title, locked.edited_at = new_title, timezone.now()
    locked.save(update_fields=["title", "edited_at", "updated_at"])
    mentioned, hashtags = render_onto(locked, new_body)
    if topics is None:
        topics = [t.name for t in locked.tags.all() if t.name.lower() not in old_hashtags]
    locked.tags.set(list(dict.fromkeys([*topics, *hashtags])))
    _sync_feed_item(locked)
    _publish(
        "thread.edited",
        actor=actor,
        thread=locked,
        new_mentioned_user_ids=[u.pk for u in mentioned],
    )
    return locked


@transaction.atomic
def thread_delete(*, actor: User, thread: Thread) -> Thread:
    """Soft-delete a thread (its author or a moderator; a moderator's delete is logged)."""
    permissions.check_delete_thread(actor, thread)
    locked = _lock(thread)
    if locked.is_deleted:
        raise ValidationError(_("This thread has already been deleted."))
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    if actor.pk != locked.author_id:
        audit_record(
            actor=actor,
            action=ActionType.DELETE,
            community=locked.community,
            target=locked,
            target_user=locked.author,
        )
    item_post_withdraw(kind=PostKind.THREAD, item_id=locked.pk, actor=actor)
    _publish("thread.deleted", actor=actor, thread=locked)
    return locked


@transaction.atomic
def thread_restore(*, actor: User, thread: Thread) -> Thread:
    """Bring back a deleted thread (moderators; logged)."""
    if not permissions.can_restore_thread(actor, thread):
        if thread.is_deleted or not thread.is_visible_to(actor):
            raise Http404("No such thread.")
        raise ValidationError(_("This thread is not deleted."))
    locked = _lock(thread)
    locked.deleted_at, locked.deleted_by = None, None
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    audit_record(
        actor=actor,
        action=ActionType.RESTORE,
        community=locked.community,
        target=locked,
        target_user=locked.author,
    )
    item_post_restore(kind=PostKind.THREAD, item_id=locked.pk, actor=actor)
    _publish("thread.restored", actor=actor, thread=locked)
    return locked


def _set_flag(
    *, actor: User, thread: Thread, field: str, value: bool, event: str, action: str
) -> Thread:
    permissions.check_moderate_thread(actor, thread)
    locked = _lock(thread)
    if getattr(locked, field) != value:
        setattr(locked, field, value)
        # An update, not save(): pinning or locking is not activity in the thread.
        Thread.objects.filter(pk=locked.pk).update(**{field: value})
        _audit(action, actor=actor, thread=locked)
        _publish(event, actor=actor, thread=locked)
    return locked


@transaction.atomic
def thread_pin(*, actor: User, thread: Thread) -> Thread:
    """Keep the thread on top of its category's lists (moderators)."""
    return _set_flag(
        actor=actor,
        thread=thread,
        field="is_pinned",
        value=True,
        event="thread.pinned",
        action=ActionType.PIN,
    )


@transaction.atomic
def thread_unpin(*, actor: User, thread: Thread) -> Thread:
    """Let the thread take its place by activity again (moderators)."""
    return _set_flag(
        actor=actor,
        thread=thread,
        field="is_pinned",
        value=False,
        event="thread.unpinned",
        action=ActionType.UNPIN,
    )


@transaction.atomic
def thread_lock(*, actor: User, thread: Thread) -> Thread:
    """Close the thread: no new replies, edits or votes (moderators)."""
    return _set_flag(
        actor=actor,
        thread=thread,
        field="is_locked",
        value=True,
        event="thread.locked",
        action=ActionType.LOCK,
    )


@transaction.atomic
def thread_unlock(*, actor: User, thread: Thread) -> Thread:
    """Open a locked thread again (moderators)."""
    return _set_flag(
        actor=actor,
        thread=thread,
        field="is_locked",
        value=False,
        event="thread.unlocked",
        action=ActionType.UNLOCK,
    )


@transaction.atomic
def thread_move(*, actor: User, thread: Thread, category: Category) -> Thread:
    """Move a thread to another category; it takes that category's place (moderators of both
    places)."""
    permissions.check_moderate_thread(actor, thread)
    permissions.check_see_category(actor, category)
    if not permissions.can_moderate_in(actor, category.community):
        raise PermissionDenied(_("Only moderators of both places can move a thread there."))
    locked = _lock(thread)
    if locked.category_id == category.pk:
        raise ValidationError({"category": _("The thread is already in this category.")})
    previous, origin = locked.category, locked.community
    locked.category, locked.community = category, category.community
    Thread.objects.filter(pk=locked.pk).update(category=category, community=category.community)
    indexing.index(locked)  # With its replies, placed where the thread went.
    _sync_feed_item(locked)
    # Logged where the thread was, and also where it went when that is another place.
    _audit(ActionType.MOVE, actor=actor, thread=locked, community=origin)
    if previous.community_id != category.community_id and category.community_id is not None:
        _audit(ActionType.MOVE, actor=actor, thread=locked)
    _publish(
        "thread.moved",
        actor=actor,
        thread=locked,
        from_category_id=previous.pk,
        from_community_id=previous.community_id,
        category_id=category.pk,
    )
    return locked


def _open_to_everyone(community) -> bool:
    """Company-wide, or a public community: every employee may read it."""
    return community is None or community.type == CommunityType.PUBLIC


@transaction.atomic
def thread_merge(*, actor: User, source: Thread, target: Thread) -> Thread:
    """Merge ``source`` into ``target`` (moderators of both places): the source's opening
    text becomes a reply in the target, its replies, votes and followers move over, and the
    source is left as a pointer (``merged_into``) that the thread page redirects through.
    A private or secret community's thread merges only within its community. Returns the
    target."""
    permissions.check_moderate_thread(actor, source)
    permissions.check_moderate_thread(actor, target)
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose another thread to merge into.")})
    # Both rows locked in one statement, in id order (two merges cannot deadlock).
    lockeds = {
        t.pk: t
        for t in Thread.objects.select_for_update(of=("self",))
        .select_related("community", "author")
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = lockeds[source.pk], lockeds[target.pk]
    if source.is_deleted or source.is_merged or target.is_deleted or target.is_merged:
        raise ValidationError({"target": _("Deleted or merged threads cannot be merged.")})
    # Merging removes duplicates; it must not show members-only words to a wider audience
    # by accident (moving the thread first is the explicit way to change its audience).
    if source.community_id != target.community_id and not _open_to_everyone(source.community):
        raise ValidationError(
            {
                "target": _(
                    "This thread is for the members of its community only: merge it into a "
                    "thread of the same community, or move it first."
                )
            }
        )
    opening = Reply(
        thread=target,
        author=source.author,
        body=source.body or source.title,
        created_at=source.created_at,
    )
    opening.save()
    render_onto(opening, opening.body)
    moved = Reply.objects.filter(thread=source).update(thread=target)
    subscribers = ThreadSubscription.objects.filter(thread=source).values_list("user", flat=True)
    ThreadSubscription.objects.bulk_create(
        [ThreadSubscription(thread=target, user_id=pk) for pk in subscribers],
        ignore_conflicts=True,
    )
    now = timezone.now()
    # The target gains replies: that is activity, so it rises in "latest activity".
    updates = {"last_activity_at": now}
    if target.is_question and not target.accepted_reply_id and source.accepted_reply_id:
        updates.update(accepted_reply_id=source.accepted_reply_id, solved_at=source.solved_at)
    Thread.objects.filter(pk=target.pk).update(**updates)
    for field, value in updates.items():
        setattr(target, field, value)
    Thread.objects.filter(pk=source.pk).update(
        merged_into=target, merged_at=now, accepted_reply=None, reply_count=0, score=0
    )
    source.merged_into, source.merged_at = target, now
    indexing.index(source)  # A merged thread is not found any more; its replies are moved.
    indexing.index_many(Reply.objects.filter(thread=target))
    refresh_thread_stats(target)
    item_post_withdraw(kind=PostKind.THREAD, item_id=source.pk, actor=actor)
    _audit(ActionType.MERGE, actor=actor, thread=source)
    _publish(
        "thread.merged",
        actor=actor,
        thread=target,
        source_id=source.pk,
        source_community_id=source.community_id,
        moved_reply_count=moved + 1,
    )
    return target


@transaction.atomic
def thread_follow(*, user: User, thread: Thread) -> bool:
    """Follow a thread one may see; True when it is new."""
    permissions.check_visible(user, thread)
    if ThreadSubscription.objects.filter(thread=thread, user=user).exists():
        return False
    subscribe(thread, user)
    _publish("thread.followed", actor=user, thread=thread)
    return True


@transaction.atomic
def thread_unfollow(*, user: User, thread: Thread) -> bool:
    """Stop following a thread; True when they were following it."""
    deleted, _rows = ThreadSubscription.objects.filter(thread=thread, user=user).delete()
    if deleted:
        _publish("thread.unfollowed", actor=user, thread=thread)
    return bool(deleted)


def thread_mark_viewed(*, user: User, thread: Thread) -> None:
    """Count a view of the thread page (not the author's own)."""
    if user.is_authenticated and user.pk != thread.author_id:
        Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + 1)


@transaction.atomic
def answer_accept(*, actor: User, reply: Reply) -> Thread:
    """Accept ``reply`` as the answer to its question (the asker or a moderator); accepting
    another reply later changes the answer. ``solved_at`` is set the first time."""
    thread = reply.thread
    permissions.check_accept(actor, thread)
    locked = _lock(thread)
    permissions.check_accept(actor, locked)
    if not locked.is_question:
        raise ValidationError({"reply": _("Only questions have accepted answers.")})
    current = Reply.objects.filter(pk=reply.pk).values("thread_id", "deleted_at").first()
    if current is None or current["thread_id"] != locked.pk or current["deleted_at"]:
        raise ValidationError({"reply": _("This reply is not an answer to this question.")})
    if locked.accepted_reply_id == reply.pk:
        return locked
    previous = locked.accepted_reply_id
    locked.accepted_reply_id = reply.pk
    locked.solved_at = locked.solved_at or timezone.now()
    Thread.objects.filter(pk=locked.pk).update(
        accepted_reply_id=reply.pk, solved_at=locked.solved_at
    )
    _publish(
        "answer.accepted",
        actor=actor,
        thread=locked,
        reply_id=reply.pk,
        reply_author_id=reply.author_id,
        previous_reply_id=previous,
        asker_id=locked.author_id,
        seconds_to_answer=int(locked.time_to_accepted_answer.total_seconds()),
    )
    return locked


@transaction.atomic
def answer_unaccept(*, actor: User, thread: Thread) -> Thread:
    """Take back the accepted answer: the question is unsolved again."""
    permissions.check_accept(actor, thread)
    locked = _lock(thread)
    if locked.accepted_reply_id is None:
        return locked
    previous = locked.accepted_reply_id
    locked.accepted_reply_id, locked.solved_at = None, None
    Thread.objects.filter(pk=locked.pk).update(accepted_reply=None, solved_at=None)
    _publish("answer.unaccepted", actor=actor, thread=locked, reply_id=previous)
    return locked


@transaction.atomic
def thread_ask_experts(*, actor: User, thread: Thread, people) -> list[User]:
    """The thread's author asks up to 5 people (users or usernames) to answer it; those who
    may not see the thread, the author and unknown or inactive people are left out. Publishes
    ``thread.experts_asked`` (the notifications follow after commit); returns who was asked.
    Raises ValidationError (more than 5) or PermissionDenied (not the author)."""
    if actor.pk != thread.author_id or not thread.is_visible_to(actor):
        raise PermissionDenied(_("Only the thread's author may ask people to answer it."))
    keys = _asked_keys(people)
    if len(keys) > MAX_ASKED:
        raise ValidationError({"ask": [_("Ask at most %(count)d people.") % {"count": MAX_ASKED}]})
    if not keys:
        return []
    found = (
        User.objects.active()
        .filter(username__in=[str(key) for key in keys])
        .exclude(pk=thread.author_id)
        .order_by("username")
    )
    # At most five people: checking each against the thread's rule stays cheap.
    asked = [person for person in found if thread.is_visible_to(person)]
    if asked:
        _publish(
            "thread.experts_asked",
            actor=actor,
            thread=thread,
            title=thread.title,
            user_ids=[person.pk for person in asked],
        )
    return asked
