"""What the file-share services share: cleaning names and uploads, free names in a folder,
storing bytes (and forgetting them only once the database agrees), locks and events."""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File as DjangoFile
from django.db import transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import events
from core.files import clean_file_name, sniff_content_type
from feed.services.posts import _clean_topic_tags
from files.models import (
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    VERSION_COMMENT_MAX_LENGTH,
    File,
    FileVersion,
    Folder,
    Library,
    TextState,
)

logger = logging.getLogger(__name__)

# Addresses under /files/ that are not libraries (``files/urls.py``, the feed's comments at
# /files/<pk>/...).
RESERVED_LIBRARY_SLUGS = frozenset(
    {"file", "files", "new", "api", "search", "me", "recent", "trash", "upload"}
)
LIBRARY_SLUG_MAX_LENGTH = 120
# Bytes read at a time when hashing or copying an upload.
CHUNK = 1024 * 1024


def collect(errors: dict, step):
    """Run ``step``; a ValidationError it raises joins ``errors`` (returns None then)."""
    try:
        return step()
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
        return None


def trash_days() -> int:
    return settings.FILE_TRASH_DAYS


def clean_name(name: str, *, field: str = "name") -> str:
    """A file or folder name people typed or uploaded, made safe (``core.files``)."""
    if not " ".join((name or "").split()):
        raise ValidationError({field: _("Give it a name.")})
    cleaned = clean_file_name(" ".join(name.split()))
    if len(cleaned) > NAME_MAX_LENGTH:  # pragma: no cover - clean_file_name caps it already.
        cleaned = cleaned[:NAME_MAX_LENGTH]
    return cleaned


def clean_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {
                "description": _("Keep the description under %(limit)d characters.")
                % {"limit": DESCRIPTION_MAX_LENGTH}
            }
        )
    return description


def clean_comment(comment: str) -> str:
    comment = " ".join((comment or "").split())
    if len(comment) > VERSION_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Keep it under %(limit)d characters.")
                % {"limit": VERSION_COMMENT_MAX_LENGTH}
            }
        )
    return comment


def clean_tags(tags) -> list[str]:
    """Topics as the feed cleans them (lower case, at most ten)."""
    if isinstance(tags, str):
        tags = [t for t in tags.split(",") if t.strip()]
    return _clean_topic_tags(tags)


def too_large_message(name: str, size: int | None) -> str:
    limit = filesizeformat(settings.FILE_MAX_BYTES)
    if size is None:
        return _("%(name)s is larger than %(limit)s, the limit for one file.") % {
            "name": name,
            "limit": limit,
        }
    return _("%(name)s is %(size)s; the limit for one file is %(limit)s.") % {
        "name": name,
        "size": filesizeformat(size),
        "limit": limit,
    }


def check_upload(upload, *, name: str) -> int:
    """The size of ``upload``; ValidationError (``upload``) when it is missing, empty or over
    ``FILE_MAX_BYTES``."""
    if upload is None:
        raise ValidationError({"upload": ValidationError(_("Choose a file."), code="required")})
    size = getattr(upload, "size", None)
    if size is None:  # pragma: no cover - Django's files all know their size.
        raise ValidationError({"upload": _("This file could not be read.")})
    if size == 0:
        raise ValidationError(
            {
                "upload": ValidationError(
                    _("%(name)s is empty (0 bytes): there is nothing to share.") % {"name": name},
                    code="empty",
                )
            }
        )
    if size > settings.FILE_MAX_BYTES:
        raise ValidationError(
            {"upload": ValidationError(too_large_message(name, size), code="too_large")}
        )
    return size


def as_file(upload):
    """``upload`` as a Django ``File`` (uploads and ContentFiles already are one)."""
    if upload is None or isinstance(upload, DjangoFile):
        return upload
    return DjangoFile(upload, name=getattr(upload, "name", None))


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_version(
    file: File, *, upload, name: str, size: int, actor, number: int, comment: str = ""
) -> FileVersion:
    """A new version ``number`` of ``file`` (not saved yet) with ``upload``'s bytes stored,
    their type detected and their hash taken. Call inside ``StoredBytes`` so that the bytes go
    again if the service fails."""
    version = FileVersion(
        file=file,
        number=number,
        size=size,
        sha256=_sha256(upload),
        content_type=sniff_content_type(upload, name=name),
        original_name=name,
        uploaded_by=actor,
        comment=comment,
        text_state=TextState.PENDING,
    )
    upload.seek(0)
    # The storage name comes from ``version_upload_to`` (random); the one given is ignored.
    version.blob.save("upload", upload, save=False)
    return version


class StoredBytes:
    """Stored names written during a service call, deleted if the call fails (the database
    rows roll back; the bytes would otherwise stay behind, unreachable)."""

    def __init__(self):
        self.names: list[str] = []

    def __enter__(self):
        return self

    def add(self, version: FileVersion) -> FileVersion:
        self.names.append(version.blob.name)
        return version

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            for name in self.names:
                delete_bytes_now(name)
        return False


def delete_bytes_now(name: str) -> None:
    from django.core.files.storage import default_storage

    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:  # Storage trouble must not undo what the database already did.
        logger.exception("Could not delete stored file %s", name)


def delete_bytes_after_commit(names) -> None:
    """Delete stored ``names`` once the transaction commits (never before: a rollback must
    find them still there)."""
    names = [n for n in names if n]
    if names:
        transaction.on_commit(lambda: [delete_bytes_now(n) for n in names])


def enqueue_extraction(version: FileVersion) -> None:
    """Extract the version's text in the background, after commit."""
    from files.tasks import extract_text

    pk = version.pk
    transaction.on_commit(lambda: extract_text.delay(pk))


def name_taken_in(library: Library, folder: Folder | None, name: str, *, model, exclude=None):
    """The live file (``model=File``) or folder called ``name`` (case-insensitive) where a
    new one would go, or None."""
    if model is File:
        rows = File.objects.alive().filter(library=library, folder=folder)
    else:
        rows = Folder.objects.alive().filter(library=library, parent=folder)
    rows = rows.filter(name__iexact=name)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.first()


def free_name(library: Library, folder: Folder | None, name: str, *, model, exclude=None) -> str:
    """``name``, or "name (2).ext", "name (3).ext"... whichever is free where it goes."""
    stem, dot, extension = name.rpartition(".") if model is File else (name, "", "")
    if not stem:  # ".profile" or a name without a dot
        stem, dot, extension = name, "", ""
    candidate, number = name, 1
    while name_taken_in(library, folder, candidate, model=model, exclude=exclude) is not None:
        number += 1
        suffix = f" ({number})"
        candidate = f"{stem[: NAME_MAX_LENGTH - len(suffix) - len(dot + extension)]}{suffix}"
        candidate += f"{dot}{extension}"
    return candidate


def free_library_slug(wanted: str) -> str:
    """A library address from ``wanted``: slugified, not reserved, not taken."""
    base = slugify(wanted or "", allow_unicode=True)[: LIBRARY_SLUG_MAX_LENGTH - 6] or "library"
    candidate, number = base, 1
    while (
        candidate in RESERVED_LIBRARY_SLUGS
        or candidate.isdigit()
        or Library.objects.filter(slug=candidate).exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def lock_file(file: File) -> File:
    """The file row, locked until the transaction ends, with its library and folder
    (Http404 once it is gone for good)."""
    locked = (
        File.objects.select_for_update(of=("self",))
        .select_related(
            "library__community", "library__owner", "folder", "community", "author", "current"
        )  # fmt: skip
        .filter(pk=file.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such file.")
    return locked


def lock_folder(folder: Folder) -> Folder:
    """The folder row, locked until the transaction ends (Http404 once it is gone)."""
    locked = (
        Folder.objects.select_for_update(of=("self",))
        .select_related("library__community", "library__owner", "parent", "created_by")
        .filter(pk=folder.pk)
        .first()
    )
    if locked is None:
        raise Http404("No such folder.")
    return locked


def publish_file(name: str, *, actor, file: File, **payload) -> None:
    events.publish(
        name,
        actor=actor,
        obj=file,
        community_id=file.community_id,
        payload={"library_id": file.library_id, "name": file.name, **payload},
    )


def publish_folder(name: str, *, actor, folder: Folder, **payload) -> None:
    events.publish(
        name,
        actor=actor,
        obj=folder,
        community_id=folder.library.community_id,
        payload={"library_id": folder.library_id, "name": folder.name, **payload},
    )


def now():
    return timezone.now()
