"""The file-share API: libraries, what is in a folder, making, renaming, moving, deleting and
restoring folders, uploading files (multipart), editing, moving, deleting, restoring and
downloading them, their versions (list, upload, download, restore, delete) and the trash,
under /api/v1/files/.

Thin views over the same services and selectors as the file pages. A library, folder, file
or version the person may not read does not exist for them (404 on every endpoint, the trash
and old versions included); what they see but may not do answers 403 with the service's
reason; bad input answers 400 with field errors and stores nothing. A file over the size
limit is refused while the request is read (``files.uploads``): 413, nothing stored.
Downloads leave through ``core.files.private_file_response``: always an attachment,
``nosniff``, sandboxed.
"""

import base64
import binascii
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS, validated
from core.files import private_file_response
from feed.serializers import Links
from files import selectors, services
from files.serializers import (
    FilesFileDetailSerializer,
    FilesFileEditSerializer,
    FilesFileMoveSerializer,
    FilesFolderContentsSerializer,
    FilesFolderCreateSerializer,
    FilesFolderMoveSerializer,
    FilesFolderRenameSerializer,
    FilesFolderSerializer,
    FilesTrashEmptiedSerializer,
    FilesTrashSerializer,
    FilesUploadSerializer,
    FilesVersionListSerializer,
    FilesVersionUploadSerializer,
    LibraryListSerializer,
    LibrarySerializer,
    file_data,
    file_detail_data,
    folder_data,
    folder_ref_data,
    library_data,
    library_ref_data,
    trash_file_data,
    trash_folder_data,
    version_data,
)
from files.uploads import install_size_limit

JSON_PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
UPLOAD_PARSERS = [parsers.MultiPartParser, parsers.FormParser]
DEFAULT_LIMIT, MAX_LIMIT = 50, selectors.MAX_LIMIT

LIBRARY_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such library, or one you may not read (a private or secret community's).",
)
FOLDER_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such folder (or it is in the trash), or a library you may not read.",
)
NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "No such file, one in the trash, or one you may not read (a private or secret community's)."
    ),
)
VERSION_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT, description="No such file or version, or a file you may not read."
)
TOO_LARGE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description='Over the size limit: {"upload": ["..."]}. Nothing was stored.',
)
DOWNLOAD = OpenApiResponse(
    OpenApiTypes.BINARY,
    description=(
        "The bytes, as an attachment (`Content-Disposition: attachment`), with "
        "`X-Content-Type-Options: nosniff` and a sandboxing `Content-Security-Policy`."
    ),
)
DELETED = OpenApiResponse(description="Deleted (in the trash, restorable).")
LIMIT = OpenApiParameter(
    "limit",
    int,
    description=f"Files per page, {DEFAULT_LIMIT} by default; kept within 1..{MAX_LIMIT}.",
)
AFTER = OpenApiParameter("after", str, description="A cursor (`next` carries it).")


# --- helpers ----------------------------------------------------------------------------


def _limit(request) -> int:
    raw = request.query_params.get("limit", "").strip()
    if not raw:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise exceptions.ValidationError(
            {"limit": [_("Send a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
        )
    return max(1, min(int(raw), MAX_LIMIT))


def _cursor(file) -> str:
    raw = json.dumps([file.name, file.pk], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after(request) -> tuple[str, int] | None:
    """The (name, id) of the last file of the previous page; a cursor that is not one reads
    as none (the first page)."""
    raw = request.query_params.get("after", "").strip()
    if not raw or len(raw) > 2000:
        return None
    try:
        name, pk = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (ValueError, TypeError, binascii.Error):
        return None
    if not isinstance(name, str) or not isinstance(pk, int):
        return None
    return name, pk


def _placed(file, library):
    """``file`` of ``library``, which the caller loaded: its placement too (the services keep
    ``file.community`` the library's), so the rules need no query per file."""
    file.library = library
    file.community = library.community
    return file


def _lookup_folder(request, library, field: str, pk):
    """A folder named by its id in the body: one the person may not see reads as unknown
    (400)."""
    if pk is None:
        return None
    try:
        return selectors.get_folder_for(request.user, library, pk)
    except Http404:
        raise exceptions.ValidationError({field: [_("Choose a folder of this library.")]}) from None


def _refused_upload(request) -> Response | None:
    """413 when the size limit refused a file while the request was read (read here, if
    nothing did yet)."""
    request.data  # noqa: B018 - parse now, through the size limit
    refused = getattr(request._request, "upload_refused", None)
    if refused:
        return Response({"upload": refused}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    return None


def _contents_response(request, library, folder) -> Response:
    """What is in ``folder`` (None: the top of ``library``): its folders on the first page,
    then a page of its files by name."""
    links = Links(request)
    user = request.user
    after, limit = _after(request), _limit(request)
    folders = [] if after else selectors.folder_contents(user, library, folder)[0]
    files = selectors.files_in_library(user, library).filter(folder=folder)
    if after is not None:
        name, pk = after
        files = files.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    files = list(files.prefetch_related("tags").order_by("name", "id")[: limit + 1])
    more = len(files) > limit
    files = [_placed(file, library) for file in files[:limit]]
    crumbs = selectors.breadcrumbs(folder)
    return Response(
        {
            "library": library_ref_data(library, links),
            "folder": folder_data(folder, links, library=library) if folder else None,
            "breadcrumbs": [folder_ref_data(f, links, library_slug=library.slug) for f in crumbs],
            "folders": [folder_data(f, links, library=library) for f in folders],
            "files": [file_data(file, links) for file in files],
            "next": (
                replace_query_param(request.build_absolute_uri(), "after", _cursor(files[-1]))
                if more
                else None
            ),
        }
    )


def _file(request, pk, *, include_trashed: bool = False):
    return selectors.get_file_for(request.user, pk, include_trashed=include_trashed)


def _file_response(request, pk, *, code=status.HTTP_200_OK) -> Response:
    """The file ``pk`` as it is now (for those who may restore it, also in the trash)."""
    file = _file(request, pk, include_trashed=True)
    data = file_detail_data(file, Links(request), breadcrumbs=selectors.breadcrumbs(file.folder))
    return Response(data, status=code)


def _folder_response(request, library, pk, *, code=status.HTTP_200_OK) -> Response:
    folder = selectors.get_folder_for(request.user, library, pk)
    return Response(folder_data(folder, Links(request), library=library), status=code)


def _download(request, file, version) -> object:
    """The version's bytes for a viewer who may see ``file``; the download is counted."""
    name = file.name if version.pk == file.current_id else version.original_name
    response = private_file_response(
        version.blob, name=name, content_type=version.content_type, inline=False
    )
    services.file_record_download(actor=request.user, file=file, version=version)
    return response


class SizeLimitedView(APIView):
    """An upload endpoint: the size limit is in place before DRF reads the body (its CSRF
    check reads it while authenticating)."""

    parser_classes = UPLOAD_PARSERS

    def initialize_request(self, request, *args, **kwargs):
        if request.method in ("POST", "PUT", "PATCH"):
            install_size_limit(request)
        return super().initialize_request(request, *args, **kwargs)


# --- libraries --------------------------------------------------------------------------


class LibraryListView(APIView):
    @extend_schema(
        operation_id="v1_files_libraries_list",
        summary="File libraries",
        description=(
            "The libraries you may read: the company's first, then the communities' (public "
            "ones, and private and secret ones you are a member of), then your own."
        ),
        responses={200: LibraryListSerializer},
    )
    def get(self, request):
        links = Links(request)
        libraries = selectors.libraries_for(request.user)
        return Response({"results": [library_data(library, links) for library in libraries]})


class LibraryDetailView(APIView):
    @extend_schema(
        summary="A file library",
        description="With what you may do in it.",
        responses={200: LibrarySerializer, 404: LIBRARY_NOT_FOUND},
    )
    def get(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        return Response(library_data(found, Links(request)))


class LibraryContentsView(APIView):
    @extend_schema(
        operation_id="v1_files_library_contents",
        summary="The top of a library",
        description=(
            "Its folders (on the first page) and a page of its files by name. Follow `next` "
            "for more files."
        ),
        parameters=[AFTER, LIMIT],
        responses={200: FilesFolderContentsSerializer, 400: FIELD_ERRORS, 404: LIBRARY_NOT_FOUND},
    )
    def get(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        return _contents_response(request, found, None)


# --- folders ----------------------------------------------------------------------------


class FolderListView(APIView):
    parser_classes = JSON_PARSERS

    @extend_schema(
        summary="Make a folder",
        description=(
            "In `parent` (a folder of the library) or at the top. Those who may upload "
            "there: Communicators and admins in the company library, members in a "
            "community's, the owner in a personal one."
        ),
        request=FilesFolderCreateSerializer,
        responses={
            201: FilesFolderSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: LIBRARY_NOT_FOUND,
        },
    )
    def post(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        data = validated(FilesFolderCreateSerializer, request)
        parent = _lookup_folder(request, found, "parent", data.get("parent"))
        folder = services.folder_create(
            actor=request.user, library=found, parent=parent, name=data["name"]
        )
        return _folder_response(request, found, folder.pk, code=status.HTTP_201_CREATED)


class FolderDetailView(APIView):
    parser_classes = JSON_PARSERS

    @extend_schema(
        operation_id="v1_files_folder_contents",
        summary="What is in a folder",
        description=(
            "The folder, the folders above it, its folders (on the first page) and a page of "
            "its files by name. Follow `next` for more files."
        ),
        parameters=[AFTER, LIMIT],
        responses={200: FilesFolderContentsSerializer, 400: FIELD_ERRORS, 404: FOLDER_NOT_FOUND},
    )
    def get(self, request, library: str, pk: int):
        found = selectors.get_library_for(request.user, library)
        folder = selectors.get_folder_for(request.user, found, pk)
        return _contents_response(request, found, folder)

    @extend_schema(
        summary="Rename a folder",
        description="Whoever made it, and the library's admins.",
        request=FilesFolderRenameSerializer,
        responses={
            200: FilesFolderSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: FOLDER_NOT_FOUND,
        },
    )
    def patch(self, request, library: str, pk: int):
        found = selectors.get_library_for(request.user, library)
        folder = selectors.get_folder_for(request.user, found, pk)
        data = validated(FilesFolderRenameSerializer, request)
        services.folder_rename(actor=request.user, folder=folder, name=data["name"])
        return _folder_response(request, found, pk)

    @extend_schema(
        summary="Delete a folder",
        description=(
            "Moves it and everything in it to the library's trash, restorable together for "
            "the trash days. Whoever made it, and the library's admins."
        ),
        responses={204: DELETED, 403: ERROR, 404: FOLDER_NOT_FOUND},
    )
    def delete(self, request, library: str, pk: int):
        found = selectors.get_library_for(request.user, library)
        folder = selectors.get_folder_for(request.user, found, pk)
        services.folder_delete(actor=request.user, folder=folder)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FolderMoveView(APIView):
    parser_classes = JSON_PARSERS

    @extend_schema(
        summary="Move a folder",
        description=(
            "Into `parent` (a folder of the same library, not inside itself) or to the top "
            "(null), with everything in it. Whoever made it, and the library's admins."
        ),
        request=FilesFolderMoveSerializer,
        responses={
            200: FilesFolderSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: FOLDER_NOT_FOUND,
        },
    )
    def post(self, request, library: str, pk: int):
        found = selectors.get_library_for(request.user, library)
        folder = selectors.get_folder_for(request.user, found, pk)
        data = validated(FilesFolderMoveSerializer, request)
        parent = _lookup_folder(request, found, "parent", data["parent"])
        services.folder_move(actor=request.user, folder=folder, parent=parent)
        return _folder_response(request, found, pk)


class FolderRestoreView(APIView):
    @extend_schema(
        summary="Restore a folder from the trash",
        description=(
            "With everything that went to the trash with it; into its old place, or the "
            "nearest folder not in the trash, with a free name. Whoever made it, and the "
            "library's admins, within the trash days; for others it does not exist (404). "
            "A folder that is not in the trash: 403."
        ),
        request=None,
        responses={200: FilesFolderSerializer, 403: ERROR, 404: FOLDER_NOT_FOUND},
    )
    def post(self, request, library: str, pk: int):
        found = selectors.get_library_for(request.user, library)
        folder = selectors.get_folder_for(request.user, found, pk, include_trashed=True)
        services.folder_restore(actor=request.user, folder=folder)
        return _folder_response(request, found, pk)


# --- files ------------------------------------------------------------------------------


class FileListView(SizeLimitedView):
    @extend_schema(
        summary="Upload a file",
        description=(
            "Multipart: `upload` (one file per request), and `folder`, `name`, "
            "`description`, `tags`. The type is detected from the bytes. A name already used "
            "in the folder: 400 with the code `name_taken` (upload a new version of that "
            "file instead). Those who may upload there."
        ),
        request={"multipart/form-data": FilesUploadSerializer},
        responses={
            201: FilesFileDetailSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: LIBRARY_NOT_FOUND,
            413: TOO_LARGE,
        },
    )
    def post(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        refused = _refused_upload(request)
        if refused is not None:
            return refused
        data = validated(FilesUploadSerializer, request)
        folder = _lookup_folder(request, found, "folder", data.get("folder"))
        try:
            file = services.file_upload(
                actor=request.user,
                library=found,
                folder=folder,
                upload=data["upload"],
                name=data.get("name") or None,
                description=data["description"],
                tags=data["tags"],
            )
        except ValidationError as error:
            return _name_taken_or_raise(error)
        return _file_response(request, file.pk, code=status.HTTP_201_CREATED)


def _name_taken_or_raise(error: ValidationError) -> Response:
    """A name already used in the folder: 400 saying so, with ``code`` ``name_taken`` and the
    other file's id (to upload a new version of it instead)."""
    for message in getattr(error, "error_dict", {}).get("name", ()):
        if message.code == "name_taken":
            data = {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
            data.update(code="name_taken", file=message.params["file_id"])
            return Response(data, status=status.HTTP_400_BAD_REQUEST)
    raise error


class FileDetailView(APIView):
    parser_classes = JSON_PARSERS

    @extend_schema(
        summary="A file",
        description=(
            "With where it is, its current version and what you may do. Files in the trash "
            "exist only for those who may restore them."
        ),
        responses={200: FilesFileDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _file_response(request, pk)

    @extend_schema(
        summary="Edit a file",
        description=(
            "Send any of `name`, `description`, `tags`; what you leave out stays. Its "
            "uploader and the library's admins."
        ),
        request=FilesFileEditSerializer,
        responses={200: FilesFileDetailSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        file = _file(request, pk)
        data = validated(FilesFileEditSerializer, request)
        try:
            services.file_edit(
                actor=request.user,
                file=file,
                name=data.get("name"),
                description=data.get("description"),
                tags=data.get("tags"),
            )
        except ValidationError as error:
            return _name_taken_or_raise(error)
        return _file_response(request, pk)

    @extend_schema(
        summary="Delete a file",
        description=(
            "Moves it to its library's trash, restorable for the trash days. Its uploader "
            "and the library's admins."
        ),
        responses={204: DELETED, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.file_delete(actor=request.user, file=_file(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FileMoveView(APIView):
    parser_classes = JSON_PARSERS

    @extend_schema(
        summary="Move a file",
        description=(
            "Into `folder` (a folder of the same library) or to the top (null). Its uploader "
            "and the library's admins."
        ),
        request=FilesFileMoveSerializer,
        responses={200: FilesFileDetailSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        file = _file(request, pk)
        data = validated(FilesFileMoveSerializer, request)
        folder = _lookup_folder(request, file.library, "folder", data["folder"])
        try:
            services.file_move(actor=request.user, file=file, folder=folder)
        except ValidationError as error:
            return _name_taken_or_raise(error)
        return _file_response(request, pk)


class FileRestoreView(APIView):
    @extend_schema(
        summary="Restore a file from the trash",
        description=(
            "Into its folder (or the nearest one not in the trash), with a free name. Its "
            "uploader and the library's admins, within the trash days; for others it does "
            "not exist (404). A file that is not in the trash: 403."
        ),
        request=None,
        responses={200: FilesFileDetailSerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        services.file_restore(actor=request.user, file=_file(request, pk, include_trashed=True))
        return _file_response(request, pk)


class FileDownloadView(APIView):
    @extend_schema(
        summary="Download a file",
        description="Its current version, always as an attachment.",
        responses={(200, "application/octet-stream"): DOWNLOAD, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        file = _file(request, pk)
        if file.current is None:  # pragma: no cover - every file has a version.
            raise Http404("No such file.")
        return _download(request, file, file.current)


# --- versions ---------------------------------------------------------------------------


class VersionListView(SizeLimitedView):
    @extend_schema(
        operation_id="v1_files_file_versions_list",
        summary="A file's versions",
        description="Every upload of the file, newest first.",
        responses={200: FilesVersionListSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        file = _file(request, pk)
        links = Links(request)
        return Response(
            {
                "file": {
                    "id": file.pk,
                    "name": file.name,
                    "url": links.route("files-api:file-detail", pk=file.pk),
                },
                "results": [
                    version_data(version, links, file=file)
                    for version in selectors.file_versions(file)
                ],
            }
        )

    @extend_schema(
        summary="Upload a new version",
        description=(
            "Multipart: `upload` and `comment` (what changed). It becomes the current "
            "version; the older ones stay. Those who may upload to the library."
        ),
        request={"multipart/form-data": FilesVersionUploadSerializer},
        responses={
            201: FilesFileDetailSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            413: TOO_LARGE,
        },
    )
    def post(self, request, pk: int):
        file = _file(request, pk)
        refused = _refused_upload(request)
        if refused is not None:
            return refused
        data = validated(FilesVersionUploadSerializer, request)
        services.file_upload_version(
            actor=request.user, file=file, upload=data["upload"], comment=data["comment"]
        )
        return _file_response(request, pk, code=status.HTTP_201_CREATED)


class VersionDetailView(APIView):
    @extend_schema(
        summary="Delete an old version",
        description=(
            "And its stored bytes, for good. Not the current version. The file's uploader "
            "and the library's admins."
        ),
        responses={
            204: OpenApiResponse(description="Deleted."),
            400: FIELD_ERRORS,
            403: ERROR,
            404: VERSION_NOT_FOUND,
        },
    )
    def delete(self, request, pk: int, number: int):
        file = _file(request, pk)
        selectors.get_version_for(request.user, file, number)
        services.file_version_delete(actor=request.user, file=file, number=number)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VersionDownloadView(APIView):
    @extend_schema(
        summary="Download a version",
        description="Any version of a file you may read, as an attachment.",
        responses={(200, "application/octet-stream"): DOWNLOAD, 404: VERSION_NOT_FOUND},
    )
    def get(self, request, pk: int, number: int):
        file = _file(request, pk)
        return _download(request, file, selectors.get_version_for(request.user, file, number))


class VersionRestoreView(APIView):
    @extend_schema(
        summary="Make an old version current again",
        description=(
            "As a new version with a copy of its bytes (the history keeps every step). "
            "Those who may upload to the library. The current version: 400."
        ),
        request=None,
        responses={
            200: FilesFileDetailSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: VERSION_NOT_FOUND,
        },
    )
    def post(self, request, pk: int, number: int):
        file = _file(request, pk)
        selectors.get_version_for(request.user, file, number)
        services.file_version_restore(actor=request.user, file=file, number=number)
        return _file_response(request, pk)


# --- the trash --------------------------------------------------------------------------


class TrashView(APIView):
    @extend_schema(
        summary="A library's trash",
        description=(
            "What you may restore, latest first: your own files and folders, or everything "
            "for the library's admins. Those who upload to the library or manage it."
        ),
        responses={200: FilesTrashSerializer, 403: ERROR, 404: LIBRARY_NOT_FOUND},
    )
    def get(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        folders, files = selectors.trash_for(request.user, found)
        prefetch_related_objects(files, "tags", "current__uploaded_by")
        links = Links(request)
        return Response(
            {
                "library": library_ref_data(found, links),
                "days": settings.FILE_TRASH_DAYS,
                "folders": [trash_folder_data(f, links, library=found) for f in folders],
                "files": [trash_file_data(_placed(f, found), links) for f in files],
            }
        )

    @extend_schema(
        summary="Empty a library's trash",
        description=(
            "Deletes for good (and their stored bytes) the files and folders in the trash "
            "that you may restore."
        ),
        request=None,
        responses={200: FilesTrashEmptiedSerializer, 403: ERROR, 404: LIBRARY_NOT_FOUND},
    )
    def delete(self, request, library: str):
        found = selectors.get_library_for(request.user, library)
        deleted = services.trash_empty(actor=request.user, library=found)
        return Response({"deleted": deleted})
