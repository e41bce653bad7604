from django.urls import path

from wiki import api

app_name = "wiki-api"

urlpatterns = [
    path("spaces/", api.SpaceListView.as_view(), name="space-list"),
    path("spaces/<str:space>/", api.SpaceDetailView.as_view(), name="space-detail"),
    path("spaces/<str:space>/pages/", api.SpacePagesView.as_view(), name="space-pages"),
    path(
        "spaces/<str:space>/pages/<str:slug>/",
        api.SpacePageView.as_view(),
        name="space-page",
    ),
    path("spaces/<str:space>/changes/", api.SpaceChangesView.as_view(), name="space-changes"),
    path("spaces/<str:space>/watch/", api.SpaceWatchView.as_view(), name="space-watch"),
    path("changes/", api.ChangesView.as_view(), name="changes"),
    path("pages/<int:pk>/", api.PageDetailView.as_view(), name="page-detail"),
    path("pages/<int:pk>/revisions/", api.PageRevisionsView.as_view(), name="page-revisions"),
    path(
        "pages/<int:pk>/revisions/<int:number>/",
        api.RevisionDetailView.as_view(),
        name="revision-detail",
    ),
    path(
        "pages/<int:pk>/revisions/<int:number>/revert/",
        api.PageRevertView.as_view(),
        name="page-revert",
    ),
    path("pages/<int:pk>/diff/", api.PageDiffView.as_view(), name="page-diff"),
    path("pages/<int:pk>/move/", api.PageMoveView.as_view(), name="page-move"),
    path("pages/<int:pk>/protect/", api.PageProtectView.as_view(), name="page-protect"),
    path("pages/<int:pk>/restore/", api.PageRestoreView.as_view(), name="page-restore"),
    path("pages/<int:pk>/watch/", api.PageWatchView.as_view(), name="page-watch"),
    path("pages/<int:pk>/backlinks/", api.PageBacklinksView.as_view(), name="page-backlinks"),
]
