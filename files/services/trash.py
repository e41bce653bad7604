"""The trash: emptying it (what the person may restore) and purging what stayed longer than
``FILE_TRASH_DAYS`` days. Purging removes the rows and, once the database has committed, the
stored bytes of every version."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core import events
from files import permissions
from files.models import File, FileVersion, Folder, Library
from files.services._common import delete_bytes_after_commit
from files.services.folders import subtree_ids
from profiles.models import User


def _purge(files, folders) -> int:
    """Delete ``folders`` (with everything in them) and ``files`` for good; their bytes go
    after commit. Returns how many files went."""
    folder_ids: set[int] = set()
    for folder in folders:
        folder_ids.update(subtree_ids(folder, alive=False))
    doomed = File.objects.filter(Q(pk__in=[f.pk for f in files]) | Q(folder_id__in=folder_ids))
    file_ids = list(doomed.values_list("pk", flat=True))
    names = list(FileVersion.objects.filter(file_id__in=file_ids).values_list("blob", flat=True))
    # Files first (their comments and reactions go with them), then the folders.
    for file in File.objects.filter(pk__in=file_ids):
        file.delete()
    Folder.objects.filter(pk__in=folder_ids).delete()
    delete_bytes_after_commit(names)
    return len(file_ids)


def trash_for_actor(actor: User, library: Library):
    """The trashed files and folders of ``library`` that ``actor`` may restore or purge:
    everything for the library's admins, what they uploaded or made for the others. Only
    what was deleted by itself: contents of a trashed folder go with it."""
    files = File.objects.filter(library=library, deleted_at__isnull=False, trashed_with=None)
    folders = Folder.objects.filter(library=library, deleted_at__isnull=False, trashed_with=F("pk"))
    if not permissions.is_library_admin(actor, library):
        files = files.filter(author=actor)
        folders = folders.filter(created_by=actor)
    return files, folders


@transaction.atomic
def trash_empty(*, actor: User, library: Library) -> int:
    """Purge what ``actor`` may restore from ``library``'s trash (everything, for its
    admins); returns how many files went."""
    permissions.check_see_trash(actor, library)
    files, folders = trash_for_actor(actor, library)
    count = _purge(list(files), list(folders))
    events.publish(
        "files.trash_emptied",
        actor=actor,
        obj=library,
        community_id=library.community_id,
        payload={"files": count},
    )
    return count


@transaction.atomic
def trash_purge_expired(*, now: datetime | None = None) -> int:
    """Purge every file and folder that has been in a trash longer than ``FILE_TRASH_DAYS``
    days (the daily beat task); returns how many files went. Idempotent."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(days=settings.FILE_TRASH_DAYS)
    files = list(File.objects.filter(deleted_at__lt=cutoff, trashed_with=None))
    folders = list(Folder.objects.filter(deleted_at__lt=cutoff, trashed_with=F("pk")))
    return _purge(files, folders)
