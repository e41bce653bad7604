"""The wiki's pages, under /wiki/. The words after a space's address (``changes``, ``new``,
``settings``, ``watch``...) are never page addresses (``wiki.text.RESERVED_PAGE_SLUGS``), and
``changes`` and ``me`` are never space addresses (``wiki.services._common``)."""

from django.urls import path

from wiki.views import browse, edit, export, history

app_name = "wiki"

page = "<str:space>/<str:slug>/"

urlpatterns = [
    path("", browse.index, name="index"),
    path("changes/", browse.changes, name="changes"),
    path("me/", browse.personal_create, name="personal-create"),
    path("<str:space>/", browse.space, name="space"),
    path("<str:space>/changes/", browse.space_changes, name="space-changes"),
    path("<str:space>/settings/", browse.space_settings, name="space-settings"),
    path("<str:space>/watch/", browse.space_watch, name="space-watch"),
    path("<str:space>/unwatch/", browse.space_unwatch, name="space-unwatch"),
    path("<str:space>/new/", edit.page_create, name="page-create"),
    path("<str:space>/new/preview/", edit.preview, name="preview"),
    path(page, browse.page, name="page"),
    path(f"{page}edit/", edit.page_edit, name="page-edit"),
    path(f"{page}history/", history.history, name="history"),
    path(f"{page}revisions/<int:number>/", history.revision, name="revision"),
    path(f"{page}revisions/<int:number>/revert/", history.revert, name="revert"),
    path(f"{page}diff/", history.diff, name="diff"),
    path(f"{page}move/", edit.page_move, name="page-move"),
    path(f"{page}protect/", edit.page_protect, name="page-protect"),
    path(f"{page}delete/", edit.page_delete, name="page-delete"),
    path(f"{page}restore/", edit.page_restore, name="page-restore"),
    path(f"{page}watch/", browse.page_watch, name="page-watch"),
    path(f"{page}unwatch/", browse.page_unwatch, name="page-unwatch"),
    path(f"{page}export.md", export.markdown, name="export-markdown"),
    path(f"{page}print/", export.printable, name="print"),
]
