"""Folders: make, rename, move, delete (to the trash with everything in them) and restore."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from files import permissions
from files.models import File, Folder, Library
from files.services._common import (
    clean_name,
    free_name,
    lock_folder,
    name_taken_in,
    now,
    publish_folder,
)
from profiles.models import User
from search import indexing

MAX_DEPTH = 20
_EXCLUDE = ["library", "parent", "created_by", "deleted_by", "trashed_with"]


def _taken(name: str) -> ValidationError:
    return ValidationError(
        {
            "name": ValidationError(
                _("There is already a folder called “%(name)s” here. Choose another name."),
                code="name_taken",
                params={"name": name},
            )
        }
    )


def _check_parent(library: Library, parent: Folder | None, *, field: str = "parent") -> None:
    if parent is None:
        return
    if parent.library_id != library.pk or parent.is_deleted:
        raise ValidationError({field: _("Choose a folder of this library.")})


def _ancestors(folder: Folder | None) -> list[int]:
    """The ids from ``folder`` up to the root (one query for the whole library)."""
    if folder is None:
        return []
    parents = dict(Folder.objects.filter(library_id=folder.library_id).values_list("pk", "parent"))
    chain, pk = [], folder.pk
    while pk is not None and pk not in chain:
        chain.append(pk)
        pk = parents.get(pk)
    return chain


def _check_depth(parent: Folder | None) -> None:
    if len(_ancestors(parent)) >= MAX_DEPTH:
        raise ValidationError(
            {"parent": _("Folders go at most %(limit)d levels deep.") % {"limit": MAX_DEPTH}}
        )


def _save(folder: Folder, *, update_fields=None) -> Folder:
    """Save ``folder``; a concurrent folder of the same name becomes the usual error."""
    folder.full_clean(exclude=_EXCLUDE, validate_constraints=False)
    try:
        with transaction.atomic():
            folder.save(update_fields=update_fields)
    except IntegrityError:
        raise _taken(folder.name) from None
    return folder


@transaction.atomic
def folder_create(
    *, actor: User, library: Library, parent: Folder | None = None, name: str
) -> Folder:
    """A new folder in ``library`` (in ``parent``, or at the top)."""
    permissions.check_upload(actor, library)
    _check_parent(library, parent)
    cleaned = clean_name(name)
    _check_depth(parent)
    if name_taken_in(library, parent, cleaned, model=Folder) is not None:
        raise _taken(cleaned)
    folder = _save(Folder(library=library, parent=parent, name=cleaned, created_by=actor))
    publish_folder("files.folder_created", actor=actor, folder=folder)
    return folder


@transaction.atomic
def folder_rename(*, actor: User, folder: Folder, name: str) -> Folder:
    """Give ``folder`` another name (whoever made it, or the library's admins)."""
    locked = lock_folder(folder)
    permissions.check_change_folder(actor, locked)
    cleaned = clean_name(name)
    if cleaned == locked.name:
        return locked
    if name_taken_in(locked.library, locked.parent, cleaned, model=Folder, exclude=locked):
        raise _taken(cleaned)
    old = locked.name
    locked.name = cleaned
    _save(locked, update_fields=["name", "updated_at"])
    publish_folder("files.folder_renamed", actor=actor, folder=locked, old_name=old)
    return locked


@transaction.atomic
def folder_move(*, actor: User, folder: Folder, parent: Folder | None) -> Folder:
    """Put ``folder`` (with what it holds) into ``parent`` of the same library, or at the
    top (``None``); never into itself or one of its own folders."""
    locked = lock_folder(folder)
    permissions.check_change_folder(actor, locked)
    _check_parent(locked.library, parent)
    if parent is not None and locked.pk in _ancestors(parent):
        raise ValidationError({"parent": _("A folder cannot go inside itself.")})
    if (parent.pk if parent else None) == locked.parent_id:
        return locked
    _check_depth(parent)
    if name_taken_in(locked.library, parent, locked.name, model=Folder, exclude=locked):
        raise _taken(locked.name)
    locked.parent = parent
    _save(locked, update_fields=["parent", "updated_at"])
    publish_folder(
        "files.folder_moved", actor=actor, folder=locked, parent_id=parent.pk if parent else None
    )
    return locked


def subtree_ids(folder: Folder, *, alive: bool = True) -> list[int]:
    """``folder`` and every folder inside it, at any depth (one query)."""
    rows = Folder.objects.filter(library_id=folder.library_id)
    if alive:
        rows = rows.filter(deleted_at__isnull=True)
    children: dict = {}
    for pk, parent in rows.values_list("pk", "parent"):
        children.setdefault(parent, []).append(pk)
    found, todo = [], [folder.pk]
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.append(pk)
        todo.extend(children.get(pk, ()))
    return found


@transaction.atomic
def folder_delete(*, actor: User, folder: Folder) -> Folder:
    """Move ``folder`` and everything in it to the library's trash (restorable together)."""
    locked = lock_folder(folder)
    if locked.is_deleted:
        if permissions.can_restore_folder(actor, locked):
            raise ValidationError(_("This folder is already in the trash."))
        raise Http404("No such folder.")
    permissions.check_change_folder(actor, locked)
    when = now()
    ids = subtree_ids(locked)
    Folder.objects.filter(pk__in=ids, deleted_at__isnull=True).update(
        deleted_at=when, deleted_by=actor, trashed_with=locked, updated_at=when
    )
    File.objects.filter(folder_id__in=ids, deleted_at__isnull=True).update(
        deleted_at=when, deleted_by=actor, trashed_with=locked, updated_at=when
    )
    indexing.index_many(File.objects.filter(trashed_with=locked))  # Out of search with it.
    locked.refresh_from_db()
    publish_folder("files.folder_deleted", actor=actor, folder=locked)
    return locked


def alive_destination(folder: Folder | None) -> Folder | None:
    """``folder`` if it is not in the trash, else its nearest ancestor that is not (None:
    the top of the library)."""
    while folder is not None and folder.is_deleted:
        folder = folder.parent
    return folder


@transaction.atomic
def folder_restore(*, actor: User, folder: Folder) -> Folder:
    """Bring ``folder`` back from the trash with everything that went there with it. If the
    folder it was in is in the trash itself, it comes back to the nearest one that is not;
    if its name is taken there, it gets a free one ("Reports (2)")."""
    locked = lock_folder(folder)
    permissions.check_restore_folder(actor, locked)
    destination = alive_destination(locked.parent)
    name = free_name(locked.library, destination, locked.name, model=Folder, exclude=locked)
    when = now()
    trashed = File.objects.filter(trashed_with=locked, deleted_at__isnull=False)
    restored = list(trashed.values_list("pk", flat=True))
    trashed.update(deleted_at=None, deleted_by=None, trashed_with=None, updated_at=when)
    indexing.index_many(File.objects.filter(pk__in=restored))  # Back in search with it.
    Folder.objects.filter(trashed_with=locked).exclude(pk=locked.pk).update(
        deleted_at=None, deleted_by=None, trashed_with=None, updated_at=when
    )
    locked.parent, locked.name = destination, name
    locked.deleted_at = locked.deleted_by = locked.trashed_with = None
    _save(locked, update_fields=["parent", "name", "deleted_at", "deleted_by", "trashed_with",
                                 "updated_at"])  # fmt: skip
    publish_folder("files.folder_restored", actor=actor, folder=locked)
    return locked
