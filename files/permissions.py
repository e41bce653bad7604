"""Who may do what in the file share. ``can_*`` answer with a bool; ``check_*`` raise: Http404
for what the person may not see, PermissionDenied (with the reason) for what they see but may
not do.

- Reading follows the library: the company's and people's libraries are read by every
  employee, a community's by whoever may read the community's content
  (``Library.is_visible_to``). A file's versions, previews and downloads follow the file.
- Uploading and making folders: Communicators and site moderators in the company library
  ("Communicators and admins upload"), the active members (and admins) of a community in
  its library, the owner in a personal one. An archived community is read-only.
- A new version of a file: whoever may upload in its library.
- Renaming, moving, editing and deleting a file or folder: whoever uploaded (made) it, while
  they may still upload there, and the library's admins: Communicators and site moderators
  for the company library, the community's admins and the site moderators for a community's,
  the owner and the site moderators for a personal one.
- The trash: a trashed file or folder is restored (or purged) by whoever uploaded (made) it
  and by the library's admins, within ``FILE_TRASH_DAYS`` days; everyone else gets a 404.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import sees_everything
from communities.permissions import can_manage, is_member
from files.models import LibraryKind
from profiles.roles import COMMUNICATORS, MODERATORS, has_role


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def _archived(library) -> bool:
    return library.community_id is not None and library.community.is_archived


# --- libraries --------------------------------------------------------------------------------


def can_read_library(user, library) -> bool:
    """The library, its folders and files: the visibility rule of its place."""
    return library.is_visible_to(user)


def check_read_library(user, library) -> None:
    """Raise Http404 unless ``user`` may read ``library``."""
    if not can_read_library(user, library):
        raise Http404("No such library.")


def is_library_admin(user, library) -> bool:
    """Those who manage everything in ``library`` (whoever uploaded it)."""
    if not _active(user):
        return False
    if sees_everything(user):
        return True
    if library.kind == LibraryKind.COMPANY:
        return has_role(user, COMMUNICATORS)
    if library.kind == LibraryKind.COMMUNITY:
        return can_manage(user, library.community)
    return library.owner_id == user.pk


def _may_upload(user, library) -> bool:
    if not _active(user) or _archived(library):
        return False
    if library.kind == LibraryKind.COMPANY:
        return has_role(user, COMMUNICATORS, MODERATORS)
    if library.kind == LibraryKind.COMMUNITY:
        return is_member(user, library.community) or can_manage(user, library.community)
    return library.owner_id == user.pk


def can_upload(user, library) -> bool:
    """Upload files and make folders in ``library``."""
    return can_read_library(user, library) and _may_upload(user, library)


def _why_not_upload(library) -> str:
    if _archived(library):
        return _("This community is archived; its files are read-only.")
    if library.kind == LibraryKind.COMPANY:
        return _("Only Communicators and admins upload to the company library.")
    if library.kind == LibraryKind.COMMUNITY:
        return _("Only the community's members upload to its library.")
    return _("Only its owner uploads to a personal library.")


def check_upload(user, library) -> None:
    """Raise unless ``user`` may upload to (and make folders in) ``library``."""
    check_read_library(user, library)
    if not _may_upload(user, library):
        raise PermissionDenied(_why_not_upload(library))


def can_see_trash(user, library) -> bool:
    """The trash page of ``library``: those who upload there or manage it (each sees what
    they may restore)."""
    return can_read_library(user, library) and (
        _may_upload(user, library) or is_library_admin(user, library)
    )


def check_see_trash(user, library) -> None:
    check_read_library(user, library)
    if not can_see_trash(user, library):
        raise PermissionDenied(_("Only those who upload to this library see its trash."))


# --- folders ----------------------------------------------------------------------------------


def can_read_folder(user, folder) -> bool:
    return not folder.is_deleted and can_read_library(user, folder.library)


def check_read_folder(user, folder) -> None:
    if not can_read_folder(user, folder):
        raise Http404("No such folder.")


def _owns_or_admin(user, library, maker_id) -> bool:
    if is_library_admin(user, library) and not _archived(library):
        return True
    return maker_id is not None and maker_id == user.pk and _may_upload(user, library)


def can_change_folder(user, folder) -> bool:
    """Rename, move or delete ``folder``: whoever made it, and the library's admins."""
    return can_read_folder(user, folder) and _owns_or_admin(
        user, folder.library, folder.created_by_id
    )


def check_change_folder(user, folder) -> None:
    check_read_folder(user, folder)
    if _archived(folder.library):
        raise PermissionDenied(_why_not_upload(folder.library))
    if not can_change_folder(user, folder):
        raise PermissionDenied(
            _("Only whoever made this folder or the library's admins can do that.")
        )


def _restorable_in_time(deleted_at) -> bool:
    return deleted_at is not None and deleted_at > timezone.now() - timedelta(
        days=settings.FILE_TRASH_DAYS
    )


def can_restore_folder(user, folder) -> bool:
    """A trashed folder: whoever made it and the library's admins, within the trash days."""
    return (
        folder.is_deleted
        and _restorable_in_time(folder.deleted_at)
        and can_read_library(user, folder.library)
        and _owns_or_admin(user, folder.library, folder.created_by_id)
    )


def check_restore_folder(user, folder) -> None:
    """Raise Http404 unless ``user`` may restore ``folder`` (one that is not trashed, for
    those who see it: PermissionDenied saying so)."""
    if can_restore_folder(user, folder):
        return
    if not folder.is_deleted and can_read_folder(user, folder):
        raise PermissionDenied(_("This folder is not in the trash."))
    raise Http404("No such folder.")


# --- files ------------------------------------------------------------------------------------


def can_read_file(user, file) -> bool:
    """The file, its versions, preview and downloads."""
    return file.is_visible_to(user)


def check_read_file(user, file) -> None:
    """Raise Http404 unless ``user`` may see ``file`` (trashed files included)."""
    if not can_read_file(user, file):
        raise Http404("No such file.")


def can_upload_version(user, file) -> bool:
    """A new version (or restoring an old one as current): whoever may upload there."""
    return can_read_file(user, file) and _may_upload(user, file.library)


def check_upload_version(user, file) -> None:
    check_read_file(user, file)
    if not _may_upload(user, file.library):
        raise PermissionDenied(_why_not_upload(file.library))


def can_change_file(user, file) -> bool:
    """Rename, edit, move, delete a file or one of its old versions: its uploader and the
    library's admins."""
    return can_read_file(user, file) and _owns_or_admin(user, file.library, file.author_id)


def check_change_file(user, file) -> None:
    check_read_file(user, file)
    if _archived(file.library):
        raise PermissionDenied(_why_not_upload(file.library))
    if not can_change_file(user, file):
        raise PermissionDenied(
            _("Only whoever uploaded this file or the library's admins can do that.")
        )


def can_restore_file(user, file) -> bool:
    """A trashed file: its uploader and the library's admins, within the trash days."""
    return (
        file.is_deleted
        and not file.is_hidden
        and _restorable_in_time(file.deleted_at)
        and can_read_library(user, file.library)
        and _owns_or_admin(user, file.library, file.author_id)
    )


def check_restore_file(user, file) -> None:
    """Raise Http404 unless ``user`` may restore ``file`` (one not in the trash, for those
    who see it: PermissionDenied saying so)."""
    if can_restore_file(user, file):
        return
    if not file.is_deleted and can_read_file(user, file):
        raise PermissionDenied(_("This file is not in the trash."))
    raise Http404("No such file.")


def can_share_file(user, file) -> bool:
    """Share to the feed: whoever sees the file (the post goes where its readers are)."""
    return can_read_file(user, file) and _active(user)
