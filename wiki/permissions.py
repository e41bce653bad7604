"""Who may do what in the wiki. ``can_*`` answer with a bool; ``check_*`` raise: Http404 for
what the person may not see, PermissionDenied (with the reason) for what they see but may not
do.

- Reading follows the space: the company's and people's spaces are read by every employee, a
  community's space by whoever may read the community's content (``Space.is_visible_to``).
- The space's admins set it up (name, who edits, protected pages): Communicators and site
  Moderators for the company space, the community's admins for its space, the owner for a
  personal one.
- Writing pages: every employee in the company space, the community's active members in its
  space (or only its admins, when the space says so), the owner in a personal space. A
  protected page is edited by the space's admins only. An archived community is read-only.
- Deleting: the space's admins, the moderators of where the page is placed, and the page's
  author while they may edit it; restoring: the space's admins and the moderators.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from communities.models import sees_everything
from communities.permissions import can_manage, is_member
from moderation.permissions import can_moderate_in
from profiles.roles import COMMUNICATORS, MODERATORS, has_role
from wiki.models import EditPolicy, SpaceKind


def _archived(space) -> bool:
    return space.community_id is not None and space.community.is_archived


# --- spaces -----------------------------------------------------------------------------------


def can_read_space(user, space) -> bool:
    """The space and its pages: the visibility rule of its place."""
    return space.is_visible_to(user)


def check_read_space(user, space) -> None:
    """Raise Http404 unless ``user`` may read ``space``."""
    if not can_read_space(user, space):
        raise Http404("No such space.")


def _is_space_admin(user, space) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if space.kind == SpaceKind.COMPANY:
        return has_role(user, COMMUNICATORS, MODERATORS)
    if space.kind == SpaceKind.COMMUNITY:
        return can_manage(user, space.community)
    return user.is_superuser or space.owner_id == user.pk


def can_edit_space(user, space) -> bool:
    """The space's settings and its protected pages: the space's admins."""
    return can_read_space(user, space) and not _archived(space) and _is_space_admin(user, space)


def check_edit_space(user, space) -> None:
    """Raise unless ``user`` may change ``space``'s settings."""
    check_read_space(user, space)
    if _archived(space):
        raise PermissionDenied(_("This community is archived; it is read-only."))
    if not can_edit_space(user, space):
        raise PermissionDenied(_("Only the space's admins can change it."))


def _may_write(user, space) -> bool:
    """Writing in ``space`` at all (not yet counting protected pages)."""
    if not user.is_authenticated or not user.is_active or _archived(space):
        return False
    if space.edit_policy == EditPolicy.ADMINS:
        return _is_space_admin(user, space)
    if space.kind == SpaceKind.COMPANY:
        return True
    if space.kind == SpaceKind.COMMUNITY:
        return is_member(user, space.community) or user.is_superuser
    return space.owner_id == user.pk or user.is_superuser


def can_create_page(user, space) -> bool:
    """Writing a new page in ``space``."""
    return can_read_space(user, space) and _may_write(user, space)


def _why_not_write(space) -> str:
    if _archived(space):
        return _("This community is archived; it is read-only.")
    if space.edit_policy == EditPolicy.ADMINS:
        return _("Only the space's admins edit its pages.")
    if space.kind == SpaceKind.COMMUNITY:
        return _("Only the community's members edit its pages.")
    if space.kind == SpaceKind.PERSONAL:
        return _("Only its owner writes in a personal space.")
    return _("You cannot write in this space.")


def check_create_page(user, space) -> None:
    """Raise unless ``user`` may write a new page in ``space``."""
    check_read_space(user, space)
    if not can_create_page(user, space):
        raise PermissionDenied(_why_not_write(space))


# --- pages ------------------------------------------------------------------------------------


def can_read_page(user, page) -> bool:
    return page.is_visible_to(user)


def check_read_page(user, page) -> None:
    """Raise Http404 unless ``user`` may read ``page`` (deleted pages included)."""
    if not page.is_visible_to(user):
        raise Http404("No such page.")


def can_edit_page(user, page) -> bool:
    """Edit, revert and move: writers of the space; a protected page only its admins."""
    if not can_read_page(user, page) or not _may_write(user, page.space):
        return False
    return not page.is_protected or _is_space_admin(user, page.space)


def check_edit_page(user, page) -> None:
    """Raise unless ``user`` may edit ``page``."""
    check_read_page(user, page)
    if not _may_write(user, page.space):
        raise PermissionDenied(_why_not_write(page.space))
    if not can_edit_page(user, page):
        raise PermissionDenied(_("This page is protected: only the space's admins edit it."))


def can_protect_page(user, page) -> bool:
    return can_read_page(user, page) and can_edit_space(user, page.space)


def check_protect_page(user, page) -> None:
    check_read_page(user, page)
    if not can_protect_page(user, page):
        raise PermissionDenied(_("Only the space's admins protect pages."))


def can_delete_page(user, page) -> bool:
    """The space's admins, the moderators of the page's place, its author while they may
    edit it."""
    if not can_read_page(user, page):
        return False
    if can_edit_space(user, page.space) or can_moderate_in(user, page.community):
        return True
    return page.author_id == user.pk and can_edit_page(user, page)


def check_delete_page(user, page) -> None:
    if page.is_deleted:
        if can_restore_page(user, page):
            raise PermissionDenied(_("This page has already been deleted."))
        raise Http404("No such page.")
    check_read_page(user, page)
    if not can_delete_page(user, page):
        raise PermissionDenied(_("Only the page's author or the space's admins can delete it."))


def can_restore_in(user, space) -> bool:
    """Restoring deleted pages of ``space``: its admins and the moderators of its place."""
    if not user.is_authenticated or not can_read_space(user, space):
        return False
    return (
        sees_everything(user)
        or _is_space_admin(user, space)
        or can_moderate_in(user, space.community if space.community_id else None)
    )


def can_restore_page(user, page) -> bool:
    """A deleted page: the space's admins and the moderators of its place."""
    return page.is_deleted and can_restore_in(user, page.space)


def check_restore_page(user, page) -> None:
    """Raise Http404 unless ``user`` may restore ``page`` (a page that is not deleted, for
    those who may restore: PermissionDenied saying so)."""
    if can_restore_page(user, page):
        return
    if not page.is_deleted and page.is_visible_to(user):
        raise PermissionDenied(_("This page is not deleted."))
    raise Http404("No such page.")


def can_watch_page(user, page) -> bool:
    return can_read_page(user, page)
