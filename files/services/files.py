"""Files: upload, new versions (and bringing an old one back), edit, move, delete to the
trash and restore, share to the feed, count downloads; and the text of each version for
search (``version_extract_text``, run by ``files.tasks``)."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import File as DjangoFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils.translation import gettext as _

from communities.models import Community
from files import extract, permissions
from files.models import File, FileVersion, Folder, Library, TextState
from files.services._common import (
    StoredBytes,
    as_file,
    check_upload,
    clean_comment,
    clean_description,
    clean_name,
    clean_tags,
    collect,
    delete_bytes_after_commit,
    enqueue_extraction,
    free_name,
    lock_file,
    name_taken_in,
    now,
    publish_file,
    store_version,
)
from files.services.folders import alive_destination
from profiles.models import User
from search import indexing

logger = logging.getLogger(__name__)

_FILE_EXCLUDE = ["author", "community", "library", "folder", "current", "deleted_by",
                 "trashed_with", "hidden_by"]  # fmt: skip
_VERSION_EXCLUDE = ["file", "uploaded_by", "blob"]


def name_taken_error(name: str, existing: File) -> ValidationError:
    """The error for a name already used in the folder: code ``name_taken``, with the other
    file's id in ``params["file_id"]`` (to offer "upload as a new version of it")."""
    return ValidationError(
        {
            "name": ValidationError(
                _(
                    "There is already a file called “%(name)s” here. Upload it as a new "
                    "version of that file, or choose another name."
                ),
                code="name_taken",
                params={"name": name, "file_id": existing.pk},
            )
        }
    )


def _check_folder(library: Library, folder: Folder | None) -> None:
    if folder is not None and (folder.library_id != library.pk or folder.is_deleted):
        raise ValidationError({"folder": _("Choose a folder of this library.")})


def _save_file(file: File, *, update_fields=None) -> File:
    """Save ``file``; a concurrent file of the same name in the folder becomes the usual
    error."""
    file.full_clean(exclude=_FILE_EXCLUDE, validate_constraints=False)
    try:
        with transaction.atomic():
            file.save(update_fields=update_fields)
    except IntegrityError:
        existing = File.objects.alive().filter(
            library=file.library, folder=file.folder, name=file.name
        )
        other = existing.exclude(pk=file.pk).first()
        if other is None:
            raise
        raise name_taken_error(file.name, other) from None
    return file


def _make_current(file: File, version: FileVersion) -> None:
    file.current = version
    file.size = version.size
    file.content_type = version.content_type
    file.version_count = file.versions.count()
    file.save(update_fields=["current", "size", "content_type", "version_count", "updated_at"])


@transaction.atomic
@indexing.coalesced()
def file_upload(
    *,
    actor: User,
    library: Library,
    folder: Folder | None = None,
    upload,
    name: str | None = None,
    description: str = "",
    tags=(),
) -> File:
    """A new file in ``library`` (in ``folder``, or at the top) from ``upload``, named
    ``name`` or the upload's own (cleaned) name. Errors: ``upload`` (missing, empty, over
    ``FILE_MAX_BYTES``), ``name`` (code ``name_taken`` when a file of that name is there
    already: see ``name_taken_error``), ``description``, ``tags``, ``folder``. Nothing is
    stored when anything is wrong."""
    permissions.check_upload(actor, library)
    upload = as_file(upload)
    errors: dict = {}
    collect(errors, lambda: _check_folder(library, folder))
    given = name if (name or "").strip() else getattr(upload, "name", "")
    cleaned = collect(errors, lambda: clean_name(given or "file"))
    shown = cleaned or "file"
    size = collect(errors, lambda: check_upload(upload, name=shown))
    cleaned_description = collect(errors, lambda: clean_description(description))
    cleaned_tags = collect(errors, lambda: clean_tags(tags))
    if errors:
        raise ValidationError(errors)
    existing = name_taken_in(library, folder, cleaned, model=File)
    if existing is not None:
        raise name_taken_error(cleaned, existing)
    original = clean_name(getattr(upload, "name", "") or cleaned)
    with StoredBytes() as stored:
        file = _save_file(
            File(
                author=actor,
                community=library.community,
                library=library,
                folder=folder,
                name=cleaned,
                description=cleaned_description,
                size=size,
            )
        )
        if cleaned_tags:
            file.tags.set(cleaned_tags)
        version = stored.add(
            store_version(file, upload=upload, name=original, size=size, actor=actor, number=1)
        )
        version.full_clean(exclude=_VERSION_EXCLUDE, validate_constraints=False)
        version.save()
        _make_current(file, version)
    enqueue_extraction(version)
    publish_file("file.uploaded", actor=actor, file=file, version=1, size=size)
    return file


def _next_number(file: File) -> int:
    return (file.versions.aggregate(top=Max("number"))["top"] or 0) + 1


@transaction.atomic
@indexing.coalesced()
def file_upload_version(*, actor: User, file: File, upload, comment: str = "") -> FileVersion:
    """A new version of ``file`` from ``upload``; it becomes the current one and the older
    ones stay (listed, downloadable, restorable). Errors: ``upload``, ``comment``."""
    locked = lock_file(file)
    permissions.check_upload_version(actor, locked)
    upload = as_file(upload)
    errors: dict = {}
    original = clean_name(getattr(upload, "name", "") or locked.name)
    size = collect(errors, lambda: check_upload(upload, name=original))
    cleaned_comment = collect(errors, lambda: clean_comment(comment))
    if errors:
        raise ValidationError(errors)
    with StoredBytes() as stored:
        version = stored.add(
            store_version(
                locked,
                upload=upload,
                name=original,
                size=size,
                actor=actor,
                number=_next_number(locked),
                comment=cleaned_comment,
            )
        )
        version.full_clean(exclude=_VERSION_EXCLUDE, validate_constraints=False)
        version.save()
        _make_current(locked, version)
    enqueue_extraction(version)
    publish_file("file.version_uploaded", actor=actor, file=locked, version=version.number,
                 size=size)  # fmt: skip
    return version


def _version_of(file: File, number) -> FileVersion:
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("No such version.") from None
    version = file.versions.select_related("uploaded_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return version


@transaction.atomic
def file_version_restore(*, actor: User, file: File, number: int) -> File:
    """Make version ``number`` current again: a new version with a copy of its bytes (so
    every version keeps its own, and deleting one never touches another)."""
    locked = lock_file(file)
    permissions.check_upload_version(actor, locked)
    old = _version_of(locked, number)
    if old.pk == locked.current_id:
        raise ValidationError({"number": _("This is already the current version.")})
    with StoredBytes() as stored, old.blob.open("rb") as source:
        version = FileVersion(
            file=locked,
            number=_next_number(locked),
            size=old.size,
            sha256=old.sha256,
            content_type=old.content_type,
            original_name=old.original_name,
            uploaded_by=actor,
            comment=(_("Restored version %(number)d") % {"number": old.number})[:300],
            restored_from=old.number,
            text=old.text,
            text_state=old.text_state,
        )
        # Streamed in chunks: a 50 MB version is never read into memory at once.
        version.blob.save("upload", DjangoFile(source), save=False)
        stored.add(version)
        version.full_clean(exclude=_VERSION_EXCLUDE, validate_constraints=False)
        version.save()
        _make_current(locked, version)
    if version.text_state == TextState.PENDING:
        enqueue_extraction(version)
    publish_file("file.version_restored", actor=actor, file=locked, version=version.number,
                 restored_from=old.number)  # fmt: skip
    return locked


@transaction.atomic
def file_version_delete(*, actor: User, file: File, number: int) -> None:
    """Delete an old version of ``file`` and its stored bytes (not the current one)."""
    locked = lock_file(file)
    permissions.check_change_file(actor, locked)
    version = _version_of(locked, number)
    if version.pk == locked.current_id:
        raise ValidationError(
            {"number": _("The current version cannot be deleted; restore another one first.")}
        )
    name = version.blob.name
    version.delete()
    locked.version_count = locked.versions.count()
    locked.save(update_fields=["version_count", "updated_at"])
    delete_bytes_after_commit([name])
    publish_file("file.version_deleted", actor=actor, file=locked, version=int(number))


@transaction.atomic
@indexing.coalesced()
def file_edit(
    *,
    actor: User,
    file: File,
    name: str | None = None,
    description: str | None = None,
    tags=None,
) -> File:
    """Rename ``file``, change its description or topics (its uploader or the library's
    admins). Arguments left None stay as they are."""
    locked = lock_file(file)
    permissions.check_change_file(actor, locked)
    errors: dict = {}
    changed = []
    if name is not None:
        cleaned = collect(errors, lambda: clean_name(name))
        if cleaned is not None and cleaned != locked.name:
            other = name_taken_in(locked.library, locked.folder, cleaned, model=File,
                                  exclude=locked)  # fmt: skip
            if other is not None:
                taken = name_taken_error(cleaned, other).error_dict["name"]
                errors.setdefault("name", []).extend(taken)
            else:
                locked.name = cleaned
                changed.append("name")
    if description is not None:
        cleaned = collect(errors, lambda: clean_description(description))
        if cleaned is not None and cleaned != locked.description:
            locked.description = cleaned
            changed.append("description")
    cleaned_tags = collect(errors, lambda: clean_tags(tags)) if tags is not None else None
    if errors:
        raise ValidationError(errors)
    if changed:
        _save_file(locked, update_fields=[*changed, "updated_at"])
    if cleaned_tags is not None:
        before = sorted(t.name for t in locked.tags.all())
        if before != sorted(cleaned_tags):
            locked.tags.set(cleaned_tags, clear=True)
            changed.append("tags")
    if changed:
        publish_file("file.edited", actor=actor, file=locked, fields=changed)
    return locked


@transaction.atomic
def file_move(*, actor: User, file: File, folder: Folder | None) -> File:
    """Put ``file`` into ``folder`` of the same library, or at the top (``None``)."""
    locked = lock_file(file)
    permissions.check_change_file(actor, locked)
    _check_folder(locked.library, folder)
    if (folder.pk if folder else None) == locked.folder_id:
        return locked
    other = name_taken_in(locked.library, folder, locked.name, model=File, exclude=locked)
    if other is not None:
        raise name_taken_error(locked.name, other)
    locked.folder = folder
    _save_file(locked, update_fields=["folder", "updated_at"])
    publish_file("file.moved", actor=actor, file=locked, folder_id=folder.pk if folder else None)
    return locked


@transaction.atomic
def file_delete(*, actor: User, file: File) -> File:
    """Move ``file`` to its library's trash (restorable for ``FILE_TRASH_DAYS`` days by its
    uploader or the library's admins)."""
    locked = lock_file(file)
    if locked.is_deleted:
        if permissions.can_restore_file(actor, locked):
            raise ValidationError(_("This file is already in the trash."))
        raise Http404("No such file.")
    permissions.check_change_file(actor, locked)
    locked.deleted_at, locked.deleted_by, locked.trashed_with = now(), actor, None
    locked.save(update_fields=["deleted_at", "deleted_by", "trashed_with", "updated_at"])
    publish_file("file.deleted", actor=actor, file=locked)
    return locked


@transaction.atomic
def file_restore(*, actor: User, file: File) -> File:
    """Bring ``file`` back from the trash: into its folder, or (that folder being in the
    trash too) the nearest one that is not; with a free name if its own is taken there."""
    locked = lock_file(file)
    permissions.check_restore_file(actor, locked)
    destination = alive_destination(locked.folder)
    locked.name = free_name(locked.library, destination, locked.name, model=File, exclude=locked)
    locked.folder = destination
    locked.deleted_at = locked.deleted_by = locked.trashed_with = None
    _save_file(locked, update_fields=["name", "folder", "deleted_at", "deleted_by",
                                      "trashed_with", "updated_at"])  # fmt: skip
    publish_file("file.restored", actor=actor, file=locked)
    return locked


def _markdown_text(text: str) -> str:
    """``text`` with Markdown's punctuation escaped (a file name as link text)."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()<>#+-.!|@~" else c for c in text)


@transaction.atomic
def file_share_to_feed(
    *, actor: User, file: File, body: str = "", community: Community | None = None
):
    """Post about ``file`` in the feed (an ordinary post with a link to it). A file of a
    community's library is shared in that community only (its readers are the ones who can
    open it); the company's and personal files company-wide or in any community.
    Errors as ``feed.services.posts.post_create`` (``body``...), and ``community``."""
    from feed.services.posts import post_create

    if not permissions.can_share_file(actor, file):
        raise Http404("No such file.")
    if file.community_id is not None:
        if community is not None and community.pk != file.community_id:
            raise ValidationError(
                {"community": _("Share a community's file in that community only.")}
            )
        community = file.community
    link = f"[{_markdown_text(file.name)}]({file.get_absolute_url()})"
    text = (body or "").strip()
    post = post_create(author=actor, body=f"{text}\n\n📎 {link}" if text else f"📎 {link}",
                       community=community)  # fmt: skip
    publish_file("file.shared", actor=actor, file=file, post_id=post.pk)
    return post


@transaction.atomic
def file_record_download(*, actor: User, file: File, version: FileVersion | None = None) -> None:
    """Count a download of ``file`` (the caller checked the viewer may see it)."""
    File.objects.filter(pk=file.pk).update(download_count=F("download_count") + 1)
    publish_file(
        "file.downloaded",
        actor=actor,
        file=file,
        version=version.number if version is not None else None,
    )


def version_extract_text(*, version_id: int, again: bool = False) -> str | None:
    """Extract and store the text of a version for search (``files.extract``); its
    ``text_state`` says how it went. A version no longer pending is left alone unless
    ``again``. Never raises; returns the state (None: no such version)."""
    version = FileVersion.objects.filter(pk=version_id).defer("text").first()
    if version is None:
        return None
    if version.text_state != TextState.PENDING and not again:  # The demo extracts at once.
        return version.text_state
    try:
        state, text = extract.extract_text(version.blob, content_type=version.content_type,
                                           name=version.original_name)  # fmt: skip
    except Exception:  # A broken file must not break the worker.
        logger.exception("Extracting the text of file version %s failed", version_id)
        state, text = TextState.FAILED, ""
    FileVersion.objects.filter(pk=version_id).update(text=text, text_state=state)
    return state
