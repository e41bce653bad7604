"""Who may do what with posts and the conversation around them. ``can_*`` answer with a
bool; ``check_*`` raise (PermissionDenied, or Http404 for what the person may not see)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from communities.permissions import can_manage, can_post
from feed.models import ITEM_KINDS, Post
from moderation.permissions import can_moderate_in
from profiles.roles import COMMUNICATORS, has_role


def is_item_post(post) -> bool:
    """Whether ``post`` is the feed card of a thread, an article or a wiki page."""
    return isinstance(post, Post) and post.kind in ITEM_KINDS


def _open(item) -> bool:
    """Not deleted, and not in an archived (read-only) community (any placed content)."""
    community = getattr(item, "community", None)
    return not getattr(item, "is_deleted", False) and not (community and community.is_archived)


def can_post_in(user, community) -> bool:
    """Company-wide posts are for every employee; in a community, its posting rules apply."""
    if not user.is_authenticated:
        return False
    return community is None or can_post(user, community)


def can_announce(user, community=None) -> bool:
    """Communicators announce company-wide; a community's admins announce in it."""
    if not user.is_authenticated:
        return False
    if community is None:
        return user.is_superuser or has_role(user, COMMUNICATORS)
    return not community.is_archived and can_manage(user, community)


def can_edit_post(user, post) -> bool:
    """Only the author edits their words."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and _open(post)
        and not is_item_post(post)
    )


def can_delete_post(user, post) -> bool:
    """The author, and the moderators of where the post is placed. Nobody deletes an item's
    card: deleting the item withdraws it (moderators may still hide it)."""
    if not user.is_authenticated or post.is_deleted or is_item_post(post):
        return False
    return post.author_id == user.pk or can_moderate_in(user, post.community)


def can_restore_post(user, post) -> bool:
    return (
        user.is_authenticated
        and post.is_deleted
        and not is_item_post(post)
        and can_moderate_in(user, post.community)
    )


def can_see_history(user, post) -> bool:
    """Earlier versions: the author and the moderators."""
    return user.is_authenticated and (
        post.author_id == user.pk or can_moderate_in(user, post.community)
    )


def can_comment(user, post) -> bool:
    """Comment, react and share: on a visible, open post; not on an item's card (the
    conversation happens on the thread or article)."""
    return (
        user.is_authenticated
        and _open(post)
        and not is_item_post(post)
        and post.is_visible_to(user)
    )


def can_react(user, post) -> bool:
    return can_comment(user, post)


def can_share(user, post) -> bool:
    return can_comment(user, post)


def can_edit_comment(user, comment) -> bool:
    return user.is_authenticated and comment.author_id == user.pk and not comment.is_deleted


def can_delete_comment(user, comment, post) -> bool:
    """The comment's author, and the moderators of where its post is placed."""
    if not user.is_authenticated or comment.is_deleted:
        return False
    return comment.author_id == user.pk or can_moderate_in(user, post.community)


def check_visible(user, post) -> None:
    if not post.is_visible_to(user):
        raise Http404("No such post.")


def check_post_in(user, community) -> None:
    if not can_post_in(user, community):
        if community is not None and community.is_archived:
            raise PermissionDenied(_("This community is archived; it is read-only."))
        raise PermissionDenied(_("You cannot post in this community."))


def check_announce(user, community=None) -> None:
    if not can_announce(user, community):
        if community is None:
            raise PermissionDenied(_("Only Communicators post company-wide announcements."))
        raise PermissionDenied(_("Only the community's admins post announcements in it."))


def check_edit_post(user, post) -> None:
    check_visible(user, post)
    if is_item_post(post):
        raise PermissionDenied(
            _("This card stands for a thread, article or wiki page: edit that instead.")
        )
    if not can_edit_post(user, post):
        raise PermissionDenied(_("Only the author can edit this post."))


def check_delete_post(user, post) -> None:
    if post.is_deleted:
        if can_moderate_in(user, post.community) or post.author_id == user.pk:
            raise PermissionDenied(_("This post has already been deleted."))
        raise Http404("No such post.")
    check_visible(user, post)
    if is_item_post(post):
        raise PermissionDenied(
            _(
                "This card stands for a thread, article or wiki page: delete that instead, "
                "and its card leaves the feed."
            )
        )
    if not can_delete_post(user, post):
        raise PermissionDenied(_("Only the author or a moderator can delete this post."))


def check_conversation(user, item) -> None:
    """Comment, react or share: ``item`` (a post, or any commentable placed content) must be
    visible to ``user`` (else 404) and open (else 403)."""
    if not item.is_visible_to(user):
        raise Http404("No such item.")
    if not _open(item):
        raise PermissionDenied(_("This conversation is closed."))


def check_not_item(post) -> None:
    """Comment, react or share: refused (ValidationError) on an item's card, whose
    conversation happens on the thread or article itself."""
    if is_item_post(post):
        raise ValidationError(
            _("This card stands for a thread, article or wiki page: open it to reply there.")
        )
