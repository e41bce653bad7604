from django.urls import path

from files import api

app_name = "files-api"

library = "libraries/<str:library>/"
folder = f"{library}folders/<int:pk>/"
file = "files/<int:pk>/"
version = f"{file}versions/<int:number>/"

urlpatterns = [
    path("libraries/", api.LibraryListView.as_view(), name="library-list"),
    path(library, api.LibraryDetailView.as_view(), name="library-detail"),
    path(f"{library}contents/", api.LibraryContentsView.as_view(), name="library-contents"),
    path(f"{library}folders/", api.FolderListView.as_view(), name="folder-list"),
    path(f"{library}files/", api.FileListView.as_view(), name="file-list"),
    path(f"{library}trash/", api.TrashView.as_view(), name="trash"),
    path(folder, api.FolderDetailView.as_view(), name="folder-detail"),
    path(f"{folder}move/", api.FolderMoveView.as_view(), name="folder-move"),
    path(f"{folder}restore/", api.FolderRestoreView.as_view(), name="folder-restore"),
    path(file, api.FileDetailView.as_view(), name="file-detail"),
    path(f"{file}move/", api.FileMoveView.as_view(), name="file-move"),
    path(f"{file}restore/", api.FileRestoreView.as_view(), name="file-restore"),
    path(f"{file}download/", api.FileDownloadView.as_view(), name="file-download"),
    path(f"{file}versions/", api.VersionListView.as_view(), name="file-versions"),
    path(version, api.VersionDetailView.as_view(), name="version-detail"),
    path(f"{version}download/", api.VersionDownloadView.as_view(), name="version-download"),
    path(f"{version}restore/", api.VersionRestoreView.as_view(), name="version-restore"),
]
