"""Who is told when something happens: one handler per domain event (registered in
``NotificationsConfig.ready``). Handlers run after commit, load what the event names, and
call ``services.notify``, which leaves out the actor, switched-off types and anyone who may
not see the target."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from communities.models import Membership, MembershipState, Role
from core.events import DomainEvent
from notifications.models import Notification, Verb
from notifications.services import notification_actor_withdraw, notify, push_badges
from profiles.models import User


def _post(pk):
    Post = apps.get_model("feed", "Post")
    return Post.objects.select_related("community", "shared_post").filter(pk=pk).first()


def _comment(pk):
    Comment = apps.get_model("feed", "Comment")
    return Comment.objects.select_related("content_type").filter(pk=pk).first()


def _actor(event: DomainEvent) -> User | None:
    if event.actor_id is None:
        return None
    return User.objects.filter(pk=event.actor_id).first()


def _target(label: str, pk):
    """The item a comment or reaction event is about (a post, a comment...)."""
    if label == "feed.comment":
        return _comment(pk)
    if label == "feed.post":
        return _post(pk)
    model = apps.get_model(label)
    return model._default_manager.filter(pk=pk).first()


def _community_of(item):
    """Where ``item`` is placed (a comment: where its target is)."""
    if hasattr(item, "community"):
        return item.community
    target = getattr(item, "target", None)
    return getattr(target, "community", None)


def _announcement_audience(post):
    """Everyone who may see an announcement: all active employees company-wide, or the
    community's active members."""
    if post.community_id is None:
        return User.objects.active()
    return User.objects.filter(
        community_memberships__community_id=post.community_id,
        community_memberships__state=MembershipState.ACTIVE,
    )


def post_created(event: DomainEvent) -> None:
    post = _post(event.object_id)
    if post is None or post.is_deleted:
        return
    actor, payload = _actor(event), event.payload
    praised = set(payload.get("praised_user_ids") or ())
    mentioned = set(payload.get("mentioned_user_ids") or ()) - praised
    told = set()
    for verb, people in ((Verb.PRAISE, praised), (Verb.MENTION, mentioned)):
        if people:
            created = notify(
                recipients=people, verb=verb, actor=actor, target=post, community=post.community
            )
            told |= {n.recipient_id for n in created}
    if payload.get("is_announcement"):
        audience = _announcement_audience(post)
        if told:
            audience = audience.exclude(pk__in=told)
        # The audience is the post's readers by construction: no check person by person.
        notify(
            recipients=audience, verb=Verb.ANNOUNCEMENT, actor=actor, target=post,
            community=post.community, check_visibility=False,
        )  # fmt: skip


def post_edited(event: DomainEvent) -> None:
    people = event.payload.get("new_mentioned_user_ids") or ()
    post = _post(event.object_id) if people else None
    if post is None or post.is_deleted:
        return
    notify(
        recipients=people, verb=Verb.MENTION, actor=_actor(event), target=post,
        community=post.community, once=True,
    )  # fmt: skip


def comment_created(event: DomainEvent) -> None:
    comment = _comment(event.object_id)
    if comment is None or comment.is_deleted:
        return
    actor, payload = _actor(event), event.payload
    community = _community_of(comment)
    told = {event.actor_id}
    parent_author = payload.get("parent_author_id")
    if parent_author and parent_author not in told:
        notify(
            recipients=[parent_author], verb=Verb.REPLY, actor=actor, target=comment,
            community=community,
        )  # fmt: skip
        told.add(parent_author)
    target_author = payload.get("target_author_id")
    if target_author and target_author not in told:
        notify(
            recipients=[target_author], verb=Verb.COMMENT, actor=actor, target=comment,
            community=community,
        )  # fmt: skip
        told.add(target_author)
    mentioned = set(payload.get("mentioned_user_ids") or ()) - told
    if mentioned:
        notify(
            recipients=mentioned, verb=Verb.MENTION, actor=actor, target=comment,
            community=community,
        )  # fmt: skip


def comment_edited(event: DomainEvent) -> None:
    people = event.payload.get("new_mentioned_user_ids") or ()
    comment = _comment(event.object_id) if people else None
    if comment is None or comment.is_deleted:
        return
    notify(
        recipients=people, verb=Verb.MENTION, actor=_actor(event), target=comment,
        community=_community_of(comment), once=True,
    )  # fmt: skip


def reaction_added(event: DomainEvent) -> None:
    payload = event.payload
    author = payload.get("target_author_id")
    if not author or author == event.actor_id:
        return
    target = _target(payload.get("target_type", ""), payload.get("target_id"))
    if target is None or getattr(target, "is_deleted", False):
        return
    notify(
        recipients=[author], verb=Verb.REACTION, actor=_actor(event), target=target,
        community=_community_of(target),
    )  # fmt: skip


def reaction_removed(event: DomainEvent) -> None:
    """A reaction taken back no longer counts in "Ani and 3 others reacted"."""
    payload = event.payload
    author, label = payload.get("target_author_id"), payload.get("target_type")
    if not author or not label or event.actor_id is None or author == event.actor_id:
        return
    target = _target(label, payload.get("target_id"))
    notification_actor_withdraw(
        recipient=author, verb=Verb.REACTION, actor=event.actor_id, target=target
    )


def post_shared(event: DomainEvent) -> None:
    author = event.payload.get("original_author_id")
    if not author or author == event.actor_id:
        return
    share = _post(event.object_id)
    if share is None or share.is_deleted:
        return
    # The share is the target: the original's author sees it only where they may.
    notify(
        recipients=[author], verb=Verb.SHARE, actor=_actor(event), target=share,
        community=share.community,
    )  # fmt: skip


def user_followed(event: DomainEvent) -> None:
    actor = _actor(event)
    if actor is None:
        return
    notify(recipients=[event.object_id], verb=Verb.FOLLOW, actor=actor, target=actor)


# --- the forum ---------------------------------------------------------------------------------


def _thread(pk):
    Thread = apps.get_model("forums", "Thread")
    return Thread.objects.select_related("community").filter(pk=pk).first()


def _reply(pk):
    Reply = apps.get_model("forums", "Reply")
    return Reply.objects.select_related("thread__community").filter(pk=pk).first()


def _followers(thread, *, leave_out) -> list[int]:
    ThreadSubscription = apps.get_model("forums", "ThreadSubscription")
    return list(
        ThreadSubscription.objects.filter(thread=thread)
        .exclude(user_id__in=[pk for pk in leave_out if pk])
        .values_list("user_id", flat=True)
    )


def _mention(event: DomainEvent, item, community, people, *, once: bool = False) -> set[int]:
    """Tell the people mentioned in a thread, reply or article (who may see it); return who
    was told."""
    people = set(people or ()) - {event.actor_id}
    if not people:
        return set()
    created = notify(
        recipients=people, verb=Verb.MENTION, actor=_actor(event), target=item,
        community=community, once=once,
    )  # fmt: skip
    return {n.recipient_id for n in created}


def thread_created(event: DomainEvent) -> None:
    thread = _thread(event.object_id)
    if thread is None or not thread.is_live:
        return
    _mention(event, thread, thread.community, event.payload.get("mentioned_user_ids"))


def thread_edited(event: DomainEvent) -> None:
    thread = _thread(event.object_id)
    if thread is None or not thread.is_live:
        return
    people = event.payload.get("new_mentioned_user_ids")
    _mention(event, thread, thread.community, people, once=True)


def forum_reply_created(event: DomainEvent) -> None:
    """Mentioned people hear of the mention; the thread's other followers of a new reply."""
    reply = _reply(event.object_id)
    if reply is None or reply.is_deleted or not reply.thread.is_live:
        return
    thread = reply.thread
    told = _mention(event, reply, thread.community, event.payload.get("mentioned_user_ids"))
    followers = _followers(thread, leave_out={event.actor_id, *told})
    if followers:
        notify(
            recipients=followers, verb=Verb.FORUM_REPLY, actor=_actor(event), target=reply,
            community=thread.community,
        )  # fmt: skip


def forum_reply_edited(event: DomainEvent) -> None:
    reply = _reply(event.object_id)
    if reply is None or reply.is_deleted or not reply.thread.is_live:
        return
    people = event.payload.get("new_mentioned_user_ids")
    _mention(event, reply, reply.thread.community, people, once=True)


def answer_accepted(event: DomainEvent) -> None:
    """The answer's author hears their answer was accepted; the other followers that the
    question is solved."""
    payload = event.payload
    reply = _reply(payload.get("reply_id"))
    if reply is None or reply.is_deleted or not reply.thread.is_live:
        return
    thread, actor = reply.thread, _actor(event)
    if reply.author_id != event.actor_id:
        notify(
            recipients=[reply.author_id], verb=Verb.ANSWER_ACCEPTED, actor=actor, target=reply,
            community=thread.community,
        )  # fmt: skip
    followers = _followers(thread, leave_out={event.actor_id, reply.author_id})
    if followers:
        notify(
            recipients=followers, verb=Verb.THREAD_SOLVED, actor=actor, target=thread,
            community=thread.community,
        )  # fmt: skip


def thread_experts_asked(event: DomainEvent) -> None:
    """The people the asker chose hear of the question (if they may see it)."""
    thread = _thread(event.object_id)
    people = set(event.payload.get("user_ids") or ()) - {event.actor_id}
    if thread is None or not thread.is_live or not people:
        return
    notify(
        recipients=people, verb=Verb.EXPERT_ASKED, actor=_actor(event), target=thread,
        community=thread.community,
    )  # fmt: skip


def _article(pk):
    Article = apps.get_model("blog", "Article")
    return Article.objects.select_related("community", "author").filter(pk=pk).first()


def article_mentioned(event: DomainEvent) -> None:
    """An article was published or edited: tell the people it mentions who may read it, each
    once per article (an edit, or publishing it again, tells only the newly mentioned)."""
    people = event.payload.get("mentioned_user_ids")
    article = _article(event.object_id) if people else None
    if article is None:
        return
    # notify() checks each person against the article's rule (a draft, a deleted article
    # or a private community's article reaches nobody who may not read it).
    _mention(event, article, article.community, people, once=True)


def _membership(event: DomainEvent) -> Membership | None:
    return Membership.objects.select_related("community", "user").filter(pk=event.object_id).first()


def community_invited(event: DomainEvent) -> None:
    membership = _membership(event)
    if membership is None or membership.state != MembershipState.INVITED:
        return
    community = membership.community
    notify(
        recipients=[membership.user_id], verb=Verb.COMMUNITY_INVITE, actor=_actor(event),
        target=community, community=community,
    )  # fmt: skip


def community_join_requested(event: DomainEvent) -> None:
    membership = _membership(event)
    if membership is None or membership.state != MembershipState.REQUESTED:
        return
    community = membership.community
    admins = Membership.objects.filter(
        community=community, state=MembershipState.ACTIVE, role__in=[Role.OWNER, Role.ADMIN]
    ).values_list("user_id", flat=True)
    try:
        url = reverse("communities:requests", kwargs={"slug": community.slug})
    except NoReverseMatch:
        url = None
    notify(
        recipients=list(admins), verb=Verb.JOIN_REQUEST, actor=_actor(event), target=community,
        community=community, url=url,
    )  # fmt: skip


def community_join_approved(event: DomainEvent) -> None:
    membership = _membership(event)
    if membership is None or not membership.is_active:
        return
    community = membership.community
    notify(
        recipients=[membership.user_id], verb=Verb.JOIN_APPROVED, actor=_actor(event),
        target=community, community=community,
    )  # fmt: skip


def _unread_about(label: str, pk) -> set[int]:
    """Who has unread notifications about ``label`` ``pk`` (a post: or comments on it)."""
    model = apps.get_model(label)
    rows = Notification.objects.filter(read_at__isnull=True)
    about = Q(target_type=ContentType.objects.get_for_model(model), target_id=pk)
    if label == "feed.post":
        Comment = apps.get_model("feed", "Comment")
        comments = Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=pk
        ).values("pk")
        about |= Q(target_type=ContentType.objects.get_for_model(Comment), target_id__in=comments)
    return set(rows.filter(about).values_list("recipient_id", flat=True))


def refresh_badges_about_target(event: DomainEvent) -> None:
    """Something was deleted, hidden or brought back: the bells that counted it change."""
    if event.object_type and event.object_id:
        push_badges(_unread_about(event.object_type, event.object_id))


def refresh_badge_of_member(event: DomainEvent) -> None:
    """Someone left (or was removed from) a community: their bell may count less now."""
    push_badges([event.payload.get("member_id") or event.actor_id])


HANDLERS = {
    "post.created": post_created,
    "post.edited": post_edited,
    "comment.created": comment_created,
    "comment.edited": comment_edited,
    "reaction.added": reaction_added,
    "reaction.removed": reaction_removed,
    "post.shared": post_shared,
    "user.followed": user_followed,
    "community.invited": community_invited,
    "community.join_requested": community_join_requested,
    "community.join_approved": community_join_approved,
    "post.deleted": refresh_badges_about_target,
    "post.restored": refresh_badges_about_target,
    "comment.deleted": refresh_badges_about_target,
    "moderation.content_hidden": refresh_badges_about_target,
    "moderation.content_restored": refresh_badges_about_target,
    "thread.created": thread_created,
    "thread.edited": thread_edited,
    "reply.created": forum_reply_created,
    "reply.edited": forum_reply_edited,
    "answer.accepted": answer_accepted,
    "thread.experts_asked": thread_experts_asked,
    "article.published": article_mentioned,
    "article.edited": article_mentioned,
    "thread.deleted": refresh_badges_about_target,
    "thread.restored": refresh_badges_about_target,
    "reply.deleted": refresh_badges_about_target,
    "reply.restored": refresh_badges_about_target,
    "community.left": refresh_badge_of_member,
    "community.member_removed": refresh_badge_of_member,
}
