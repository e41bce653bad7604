"""API shapes for the file share: libraries, folders, files and their versions, the trash,
and what a person may send to change them.

As in ``wiki.serializers``, the read shapes are built by plain functions (``library_data``,
``folder_data``, ``file_data``, ``version_data``...) from what the selectors load, with
``feed.serializers.Links`` making each person and URL once per response; the read
serializers below document those shapes for the schema. The rules for what may be written
(names, sizes, who may) live in ``files.services``; the write serializers only turn JSON or
multipart into the services' arguments.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from feed.serializers import (
    ListField,
    PostCommunitySerializer,
    StrictSerializer,
    _community_data,
    _datetime,
    _described_choices,
)
from files import permissions
from files.models import (
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    VERSION_COMMENT_MAX_LENGTH,
    LibraryKind,
    TextState,
)
from profiles.serializers import PersonSummarySerializer, UploadField

# --- reading --------------------------------------------------------------------------------


@_described_choices(LibraryKind.choices)
class LibraryKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=LibraryKind.choices, **kwargs)


@_described_choices(TextState.choices)
class FilesTextStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=TextState.choices, **kwargs)


class LibraryRefSerializer(serializers.Serializer):
    """A library in one line."""

    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = LibraryKindField(read_only=True)
    url = serializers.URLField(read_only=True)


class LibraryViewerSerializer(serializers.Serializer):
    """The signed-in person and this library."""

    can_upload = serializers.BooleanField(
        read_only=True, help_text=_("Upload files and make folders here.")
    )
    can_manage = serializers.BooleanField(
        read_only=True, help_text=_("Rename, move and delete anyone's files and folders here.")
    )
    can_see_trash = serializers.BooleanField(read_only=True)


class LibrarySerializer(serializers.Serializer):
    """A library of files: the company's, a community's or a person's."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text=_("Its address."))
    name = serializers.CharField(read_only=True)
    kind = LibraryKindField(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    owner = PersonSummarySerializer(
        read_only=True, allow_null=True, help_text=_("A personal library's owner.")
    )
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    contents_url = serializers.URLField(
        read_only=True, help_text=_("What is at the top of the library.")
    )
    folders_url = serializers.URLField(read_only=True, help_text=_("POST: make a folder."))
    upload_url = serializers.URLField(read_only=True, help_text=_("POST: upload a file."))
    trash_url = serializers.URLField(read_only=True)
    viewer = LibraryViewerSerializer(read_only=True)


class LibraryListSerializer(serializers.Serializer):
    results = LibrarySerializer(many=True, read_only=True)


class FilesFolderRefSerializer(serializers.Serializer):
    """A folder in one line: a link to its contents."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)


class FilesFolderViewerSerializer(serializers.Serializer):
    can_change = serializers.BooleanField(read_only=True, help_text=_("Rename, move, delete."))


class FilesFolderSerializer(serializers.Serializer):
    """A folder of a library."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    library = LibraryRefSerializer(read_only=True)
    parent = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The folder it is in; null at the top.")
    )
    item_count = serializers.IntegerField(
        read_only=True,
        required=False,
        help_text=_("In a folder's contents: the folders and files directly in it."),
    )
    created_by = PersonSummarySerializer(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    url = serializers.URLField(read_only=True, help_text=_("Its contents."))
    page_url = serializers.URLField(read_only=True)
    viewer = FilesFolderViewerSerializer(read_only=True)


class FilesFileViewerSerializer(serializers.Serializer):
    """The signed-in person and this file."""

    can_change = serializers.BooleanField(
        read_only=True, help_text=_("Rename, describe, move, delete, delete old versions.")
    )
    can_upload_version = serializers.BooleanField(
        read_only=True, help_text=_("Upload a new version or restore an old one.")
    )


class FilesFileSerializer(serializers.Serializer):
    """A file as a folder lists it: its name, what it is and its current version."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    library = LibraryRefSerializer(read_only=True)
    folder = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Its folder's id; null at the top.")
    )
    size = serializers.IntegerField(read_only=True, help_text=_("In bytes."))
    content_type = serializers.CharField(
        read_only=True, help_text=_("Detected from its bytes, not from its name.")
    )
    version = serializers.IntegerField(read_only=True, help_text=_("The current version."))
    version_count = serializers.IntegerField(read_only=True)
    download_count = serializers.IntegerField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)
    reaction_count = serializers.IntegerField(read_only=True)
    author = PersonSummarySerializer(read_only=True, help_text=_("Uploaded it first."))
    updated_by = PersonSummarySerializer(
        read_only=True, allow_null=True, help_text=_("Uploaded the current version.")
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    download_url = serializers.URLField(read_only=True)
    versions_url = serializers.URLField(read_only=True)
    viewer = FilesFileViewerSerializer(read_only=True)


class FilesVersionSerializer(serializers.Serializer):
    """One upload of a file."""

    number = serializers.IntegerField(read_only=True, help_text=_("1, 2, 3... per file."))
    is_current = serializers.BooleanField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text=_("In bytes."))
    content_type = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    original_name = serializers.CharField(read_only=True, help_text=_("As it was uploaded."))
    comment = serializers.CharField(read_only=True, help_text=_("What changed."))
    restored_from = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("A restore: the version brought back.")
    )
    text_state = FilesTextStateField(
        read_only=True, help_text=_("Whether its text was extracted for search.")
    )
    uploaded_by = PersonSummarySerializer(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    url = serializers.URLField(read_only=True, help_text=_("DELETE: delete this old version."))
    download_url = serializers.URLField(read_only=True)
    restore_url = serializers.URLField(
        read_only=True, help_text=_("POST: make it current again (as a new version).")
    )


class FilesFileDetailSerializer(FilesFileSerializer):
    """One file, with where it is and its current version."""

    breadcrumbs = FilesFolderRefSerializer(
        many=True, read_only=True, help_text=_("Its folders, top first.")
    )
    current = FilesVersionSerializer(read_only=True, allow_null=True)
    is_deleted = serializers.BooleanField(read_only=True, help_text=_("In the trash."))
    deleted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    can_restore = serializers.BooleanField(read_only=True)


class FilesVersionListSerializer(serializers.Serializer):
    file = FilesFolderRefSerializer(read_only=True, help_text=_("The file: id, name, url."))
    results = FilesVersionSerializer(many=True, read_only=True, help_text=_("Newest first."))


class FilesFolderContentsSerializer(serializers.Serializer):
    """What is directly in a folder (or at the top of a library): its folders, then a page
    of its files by name."""

    library = LibraryRefSerializer(read_only=True)
    folder = FilesFolderSerializer(read_only=True, allow_null=True, help_text=_("Null: the top."))
    breadcrumbs = FilesFolderRefSerializer(many=True, read_only=True, help_text=_("Top first."))
    folders = FilesFolderSerializer(
        many=True, read_only=True, help_text=_("All of them, on the first page only.")
    )
    files = FilesFileSerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("More files; null on the last page.")
    )


class FilesTrashFolderSerializer(FilesFolderSerializer):
    deleted_at = serializers.DateTimeField(read_only=True)
    deleted_by = PersonSummarySerializer(read_only=True, allow_null=True)
    file_count = serializers.IntegerField(
        read_only=True, help_text=_("Files that went to the trash with it.")
    )
    restore_url = serializers.URLField(read_only=True)


class FilesTrashFileSerializer(FilesFileSerializer):
    deleted_at = serializers.DateTimeField(read_only=True)
    deleted_by = PersonSummarySerializer(read_only=True, allow_null=True)
    restore_url = serializers.URLField(read_only=True)


class FilesTrashSerializer(serializers.Serializer):
    """What the viewer may restore from a library's trash, latest first. Files that went
    with a folder come back with it and are not listed on their own."""

    library = LibraryRefSerializer(read_only=True)
    days = serializers.IntegerField(
        read_only=True, help_text=_("Days things stay restorable before they are purged.")
    )
    folders = FilesTrashFolderSerializer(many=True, read_only=True)
    files = FilesTrashFileSerializer(many=True, read_only=True)


class FilesTrashEmptiedSerializer(serializers.Serializer):
    deleted = serializers.IntegerField(read_only=True, help_text=_("Files deleted for good."))


# --- the read representation ----------------------------------------------------------------


def _api(links, name: str, **values) -> str:
    return links.route(f"files-api:{name}", **values)


def library_ref_data(library, links) -> dict:
    """``LibraryRefSerializer``'s shape."""
    return {
        "slug": library.slug,
        "name": library.name,
        "kind": str(library.kind),
        "url": _api(links, "library-detail", library=library.slug),
    }


def library_data(library, links) -> dict:
    """``LibrarySerializer``'s shape for a library with its community and owner loaded."""
    user = links.request.user
    slug = library.slug
    return {
        "id": library.pk,
        "slug": slug,
        "name": library.name,
        "kind": str(library.kind),
        "community": _community_data(library.community, links),
        "owner": links.person(library.owner),
        "url": _api(links, "library-detail", library=slug),
        "page_url": links.route("files:library", library=slug),
        "contents_url": _api(links, "library-contents", library=slug),
        "folders_url": _api(links, "folder-list", library=slug),
        "upload_url": _api(links, "file-list", library=slug),
        "trash_url": _api(links, "trash", library=slug),
        "viewer": {
            "can_upload": permissions.can_upload(user, library),
            "can_manage": permissions.is_library_admin(user, library),
            "can_see_trash": permissions.can_see_trash(user, library),
        },
    }


def folder_ref_data(folder, links, *, library_slug: str) -> dict:
    return {
        "id": folder.pk,
        "name": folder.name,
        "url": _api(links, "folder-detail", library=library_slug, pk=folder.pk),
    }


def folder_data(folder, links, *, library) -> dict:
    """``FilesFolderSerializer``'s shape for a folder of ``library`` with its maker loaded
    (``item_count`` when the selector counted it)."""
    user = links.request.user
    data = {
        "id": folder.pk,
        "name": folder.name,
        "library": library_ref_data(library, links),
        "parent": folder.parent_id,
        "created_by": links.person(folder.created_by),
        "created_at": _datetime(folder.created_at),
        "url": _api(links, "folder-detail", library=library.slug, pk=folder.pk),
        "page_url": links.route("files:folder", library=library.slug, folder=folder.pk),
        "viewer": {"can_change": permissions.can_change_folder(user, folder)},
    }
    if hasattr(folder, "item_count"):
        data["item_count"] = folder.item_count
    return data


def trash_folder_data(folder, links, *, library) -> dict:
    """``FilesTrashFolderSerializer``'s shape."""
    data = folder_data(folder, links, library=library)
    data.update(
        deleted_at=_datetime(folder.deleted_at),
        deleted_by=links.person(folder.deleted_by),
        file_count=getattr(folder, "file_count", 0),
        restore_url=_api(links, "folder-restore", library=library.slug, pk=folder.pk),
    )
    return data


def file_data(file, links) -> dict:
    """``FilesFileSerializer``'s shape for a file with its library, author, current version's
    uploader and tags loaded."""
    user = links.request.user
    current = file.current
    tags = sorted(tag.name for tag in file.tags.all())
    return {
        "id": file.pk,
        "name": file.name,
        "description": file.description,
        "tags": tags,
        "library": library_ref_data(file.library, links),
        "folder": file.folder_id,
        "size": file.size,
        "content_type": file.content_type,
        "version": current.number if current is not None else None,
        "version_count": file.version_count,
        "download_count": file.download_count,
        "comment_count": file.comment_count,
        "reaction_count": file.reaction_count,
        "author": links.person(file.author),
        "updated_by": links.person(current.uploaded_by) if current is not None else None,
        "created_at": _datetime(file.created_at),
        "updated_at": _datetime(file.updated_at),
        "url": _api(links, "file-detail", pk=file.pk),
        "page_url": links.route("files:detail", pk=file.pk),
        "download_url": _api(links, "file-download", pk=file.pk),
        "versions_url": _api(links, "file-versions", pk=file.pk),
        "viewer": {
            "can_change": permissions.can_change_file(user, file),
            "can_upload_version": permissions.can_upload_version(user, file),
        },
    }


def trash_file_data(file, links) -> dict:
    """``FilesTrashFileSerializer``'s shape."""
    data = file_data(file, links)
    data.update(
        deleted_at=_datetime(file.deleted_at),
        deleted_by=links.person(file.deleted_by),
        restore_url=_api(links, "file-restore", pk=file.pk),
    )
    return data


def version_data(version, links, *, file) -> dict:
    """``FilesVersionSerializer``'s shape for a version of ``file`` with its uploader
    loaded."""
    ids = {"pk": file.pk, "number": version.number}
    return {
        "number": version.number,
        "is_current": version.pk == file.current_id,
        "size": version.size,
        "content_type": version.content_type,
        "sha256": version.sha256,
        "original_name": version.original_name,
        "comment": version.comment,
        "restored_from": version.restored_from,
        "text_state": str(version.text_state),
        "uploaded_by": links.person(version.uploaded_by),
        "created_at": _datetime(version.created_at),
        "url": _api(links, "version-detail", **ids),
        "download_url": _api(links, "version-download", **ids),
        "restore_url": _api(links, "version-restore", **ids),
    }


def file_detail_data(file, links, *, breadcrumbs) -> dict:
    """``FilesFileDetailSerializer``'s shape."""
    user = links.request.user
    data = file_data(file, links)
    slug = file.library.slug
    data.update(
        breadcrumbs=[folder_ref_data(f, links, library_slug=slug) for f in breadcrumbs],
        current=version_data(file.current, links, file=file) if file.current else None,
        is_deleted=file.is_deleted,
        deleted_at=_datetime(file.deleted_at),
        can_restore=permissions.can_restore_file(user, file),
    )
    return data


# --- writing --------------------------------------------------------------------------------

NAME_HELP = format_lazy(
    _(
        "Up to {limit} characters; made safe (no folders, no control characters, no leading "
        "dots). Unique in its folder."
    ),
    limit=NAME_MAX_LENGTH,
)
TAGS_HELP = _("Topics, up to ten (repeat the field in multipart).")


class FilesFolderCreateSerializer(StrictSerializer):
    name = serializers.CharField(allow_blank=True, help_text=NAME_HELP)
    parent = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("The id of the folder to make it in; left out or null: the top."),
    )


class FilesFolderRenameSerializer(StrictSerializer):
    name = serializers.CharField(allow_blank=True, help_text=NAME_HELP)


class FilesFolderMoveSerializer(StrictSerializer):
    parent = serializers.IntegerField(
        allow_null=True,
        help_text=_("The id of a folder of the same library; null: the top."),
    )


class FilesUploadSerializer(StrictSerializer):
    """A new file (multipart). A name already used in the folder: 400 with the code
    ``name_taken`` and the other file's id; upload it as a new version of that file instead."""

    upload = UploadField(
        allow_empty_file=True,  # The service explains what is wrong with an empty file.
        help_text=_("The file. Too large (over the limit): 413, nothing is stored."),
    )
    folder = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The id of its folder; left out: the top.")
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=format_lazy(_("Left out: the upload's own name. {rules}"), rules=NAME_HELP),
    )
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=format_lazy(_("Up to {limit} characters."), limit=DESCRIPTION_MAX_LENGTH),
    )
    tags = ListField(
        child=serializers.CharField(), required=False, default=list, help_text=TAGS_HELP
    )


class FilesFileEditSerializer(StrictSerializer):
    """What to change; a field left out stays as it is."""

    name = serializers.CharField(required=False, allow_blank=True, help_text=NAME_HELP)
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=format_lazy(_("Up to {limit} characters."), limit=DESCRIPTION_MAX_LENGTH),
    )
    tags = ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Replaces the topics; left out: they stay."),
    )


class FilesFileMoveSerializer(StrictSerializer):
    folder = serializers.IntegerField(
        allow_null=True,
        help_text=_("The id of a folder of the same library; null: the top."),
    )


class FilesVersionUploadSerializer(StrictSerializer):
    upload = UploadField(
        allow_empty_file=True,
        help_text=_("The new version's bytes. Too large (over the limit): 413."),
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=format_lazy(
            _("What changed, up to {limit} characters."), limit=VERSION_COMMENT_MAX_LENGTH
        ),
    )
