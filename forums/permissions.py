"""Who may do what in the forum. ``can_*`` answer with a bool; ``check_*`` raise: Http404 for
what the person may not see, PermissionDenied (with the reason) for what they see but may not do.

- Company-wide categories are set up by Communicators (and superusers), the people who already
  speak company-wide; a community's categories by its admins (``can_manage``).
- Starting a thread follows the feed's posting rule (anyone company-wide; a community's posting
  policy in it). Replying, voting and following: anyone who may see the thread.
- Moderators (``moderation.permissions.can_moderate_in`` the thread's place) pin, lock, move,
  merge, delete and restore; the author edits their own words and may delete them.
- A locked thread takes no replies, reply edits or votes; an archived community is read-only.
  Accepting (or changing) the answer stays allowed in a locked thread, on purpose: moderators
  often lock a question once it is answered, and the asker must still be able to mark which
  reply solved it. It adds no words to the thread.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from communities.permissions import can_manage, can_view_community
from feed.permissions import can_post_in
from moderation.permissions import can_moderate_in
from profiles.roles import COMMUNICATORS, has_role


def _archived(community) -> bool:
    return community is not None and community.is_archived


# --- categories -------------------------------------------------------------------------------


def can_manage_categories(user, community=None) -> bool:
    """Company-wide: Communicators and superusers; in a community: its admins."""
    if not user.is_authenticated:
        return False
    if community is None:
        return has_role(user, COMMUNICATORS)
    return not community.is_archived and can_manage(user, community)


def check_manage_categories(user, community=None) -> None:
    if community is not None and not can_view_community(user, community):
        raise Http404("No such community.")
    if not can_manage_categories(user, community):
        if community is None:
            raise PermissionDenied(_("Only Communicators set up the company-wide forum."))
        if community.is_archived:
            raise PermissionDenied(_("This community is archived; it is read-only."))
        raise PermissionDenied(_("Only the community's admins set up its forum."))


def check_see_category(user, category) -> None:
    if not category.is_visible_to(user):
        raise Http404("No such category.")


# --- threads ----------------------------------------------------------------------------------


def check_visible(user, thread) -> None:
    if not thread.is_visible_to(user):
        raise Http404("No such thread.")


def can_start_thread(user, category) -> bool:
    return category.is_visible_to(user) and can_post_in(user, category.community)


def check_start_thread(user, category) -> None:
    check_see_category(user, category)
    if not can_start_thread(user, category):
        if _archived(category.community):
            raise PermissionDenied(_("This community is archived; it is read-only."))
        raise PermissionDenied(_("You cannot start threads in this category."))


def can_moderate_thread(user, thread) -> bool:
    return user.is_authenticated and can_moderate_in(user, thread.community)


def check_moderate_thread(user, thread) -> None:
    check_visible(user, thread)
    if not can_moderate_thread(user, thread):
        raise PermissionDenied(_("Only moderators can do this."))


def can_edit_thread(user, thread) -> bool:
    """Only the author edits their words, while the thread is open."""
    return (
        user.is_authenticated
        and thread.author_id == user.pk
        and not thread.is_locked
        and not _archived(thread.community)
    )


def check_edit_thread(user, thread) -> None:
    check_visible(user, thread)
    if thread.author_id != user.pk:
        raise PermissionDenied(_("Only the author can edit this thread."))
    if thread.is_locked:
        raise PermissionDenied(_("This thread is locked."))
    if _archived(thread.community):
        raise PermissionDenied(_("This community is archived; it is read-only."))


def can_delete_thread(user, thread) -> bool:
    if not user.is_authenticated or thread.is_deleted:
        return False
    return thread.author_id == user.pk or can_moderate_in(user, thread.community)


def check_delete_thread(user, thread) -> None:
    if thread.is_deleted:
        if thread.author_id == user.pk or can_moderate_in(user, thread.community):
            raise PermissionDenied(_("This thread has already been deleted."))
        raise Http404("No such thread.")
    check_visible(user, thread)
    if not can_delete_thread(user, thread):
        raise PermissionDenied(_("Only the author or a moderator can delete this thread."))


def can_restore_thread(user, thread) -> bool:
    return user.is_authenticated and thread.is_deleted and can_moderate_in(user, thread.community)


def can_see_history(user, thread) -> bool:
    """Earlier versions: the author and the moderators."""
    return user.is_authenticated and (
        thread.author_id == user.pk or can_moderate_in(user, thread.community)
    )


def can_follow(user, thread) -> bool:
    return thread.is_visible_to(user)


# --- replies ----------------------------------------------------------------------------------


def can_reply(user, thread) -> bool:
    return thread.is_visible_to(user) and not thread.is_locked and not _archived(thread.community)


def check_reply(user, thread) -> None:
    check_visible(user, thread)
    if thread.is_locked:
        raise PermissionDenied(_("This thread is locked: it takes no new replies."))
    if _archived(thread.community):
        raise PermissionDenied(_("This community is archived; it is read-only."))


def check_visible_reply(user, reply) -> None:
    if not reply.is_visible_to(user):
        raise Http404("No such reply.")


def can_edit_reply(user, reply) -> bool:
    return (
        user.is_authenticated
        and reply.author_id == user.pk
        and not reply.is_deleted
        and not reply.thread.is_locked
        and not _archived(reply.thread.community)
    )


def check_edit_reply(user, reply) -> None:
    check_visible_reply(user, reply)
    if reply.author_id != user.pk:
        raise PermissionDenied(_("Only the author can edit this reply."))
    if reply.thread.is_locked:
        raise PermissionDenied(_("This thread is locked."))
    if _archived(reply.thread.community):
        raise PermissionDenied(_("This community is archived; it is read-only."))


def can_delete_reply(user, reply) -> bool:
    if not user.is_authenticated or reply.is_deleted:
        return False
    return reply.author_id == user.pk or can_moderate_in(user, reply.thread.community)


def check_delete_reply(user, reply) -> None:
    if reply.is_deleted:
        if reply.author_id == user.pk or can_moderate_in(user, reply.thread.community):
            raise PermissionDenied(_("This reply has already been deleted."))
        raise Http404("No such reply.")
    check_visible_reply(user, reply)
    if not can_delete_reply(user, reply):
        raise PermissionDenied(_("Only the author or a moderator can delete this reply."))


def can_restore_reply(user, reply) -> bool:
    return (
        user.is_authenticated
        and reply.is_deleted
        and can_moderate_in(user, reply.thread.community)
        and reply.thread.is_visible_to(user)
    )


def can_vote(user, reply) -> bool:
    return (
        reply.is_visible_to(user)
        and reply.author_id != user.pk
        and not reply.thread.is_locked
        and not _archived(reply.thread.community)
    )


def check_vote(user, reply) -> None:
    check_visible_reply(user, reply)
    if reply.author_id == user.pk:
        raise PermissionDenied(_("You cannot vote on your own reply."))
    if reply.thread.is_locked:
        raise PermissionDenied(_("This thread is locked."))
    if _archived(reply.thread.community):
        raise PermissionDenied(_("This community is archived; it is read-only."))


def can_accept(user, thread) -> bool:
    """The asker, or a moderator, accepts an answer to a question."""
    return (
        thread.is_visible_to(user)
        and thread.is_question
        and not _archived(thread.community)
        and (thread.author_id == user.pk or can_moderate_in(user, thread.community))
    )


def check_accept(user, thread) -> None:
    check_visible(user, thread)
    if thread.author_id != user.pk and not can_moderate_in(user, thread.community):
        raise PermissionDenied(
            _("Only the person who asked, or a moderator, can accept an answer.")
        )
    if _archived(thread.community):
        raise PermissionDenied(_("This community is archived; it is read-only."))
