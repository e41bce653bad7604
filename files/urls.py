"""The file share's pages, under /files/. Library addresses never take the words used here
(``file``, ``me``...: ``files.services._common.RESERVED_LIBRARY_SLUGS``); comments and
reactions on a file are the feed's, at /files/<pk>/comments/... (``files.apps``)."""

from django.urls import path

from files.views import browse, detail, folders, serve, uploads

app_name = "files"

file = "file/<int:pk>/"
version = f"{file}v/<int:number>/"
folder = "<str:library>/folders/<int:pk>/"

urlpatterns = [
    path("", browse.index, name="index"),
    path("me/", browse.personal, name="personal"),
    path(file, detail.detail, name="detail"),
    path(f"{file}download/", serve.download, name="download"),
    path(f"{file}preview/", serve.preview, name="preview"),
    path(f"{file}edit/", detail.edit, name="edit"),
    path(f"{file}move/", detail.move, name="move"),
    path(f"{file}delete/", detail.delete, name="delete"),
    path(f"{file}restore/", detail.restore, name="restore"),
    path(f"{file}share/", detail.share, name="share"),
    path(f"{file}upload-version/", uploads.upload_version, name="upload-version"),
    path(f"{version}download/", serve.version_download, name="version-download"),
    path(f"{version}restore/", detail.version_restore, name="version-restore"),
    path(f"{version}delete/", detail.version_delete, name="version-delete"),
    path("<str:library>/", browse.library, name="library"),
    path("<str:library>/f/<int:folder>/", browse.folder, name="folder"),
    path("<str:library>/upload/", uploads.upload, name="upload"),
    path("<str:library>/trash/", browse.trash, name="trash"),
    path("<str:library>/trash/empty/", browse.trash_empty, name="trash-empty"),
    path("<str:library>/folders/new/", folders.create, name="folder-create"),
    path(f"{folder}rename/", folders.rename, name="folder-rename"),
    path(f"{folder}move/", folders.move, name="folder-move"),
    path(f"{folder}delete/", folders.delete, name="folder-delete"),
    path(f"{folder}restore/", folders.restore, name="folder-restore"),
]
