"""The file share in the admin: a moderator's window onto libraries, folders, files and their
versions.

Rows are read-only, as in the wiki's admin: people write through the services, which keep
versions, stored bytes, placement and events right. The actions (to the trash, restore,
empty a trash, extract text again) call the same services as the acting admin, so refusals
come back as messages. Staff who are not site moderators see only what they may read on the
site (the placement rule).
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ActionsMixin, ReadOnlyMixin, placement, readable
from files import services
from files.models import File, FileVersion, Folder, Library


class TrashFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("alive", _("In use")), ("trashed", _("In the trash"))]

    def queryset(self, request, queryset):
        if self.value() == "alive":
            return queryset.filter(deleted_at__isnull=True)
        if self.value() == "trashed":
            return queryset.filter(deleted_at__isnull=False)
        return queryset


@admin.register(Library)
class LibraryAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "placement", "owner", "file_count", "created_at")
    list_select_related = ("community", "owner")
    list_filter = ("kind", "created_at")
    search_fields = ("name", "slug", "community__name", "owner__username", "owner__display_name")
    actions = ("empty_trash",)
    fields = ("kind", "name", "slug", "community", "owner", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # Libraries are made by the services (with their community).

    def get_queryset(self, request):
        libraries = readable(super().get_queryset(request), request.user)
        return libraries.annotate(live_files=Count("files", filter=Q(files__deleted_at=None)))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # A library goes with its community (or its owner).

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, library: Library) -> str:
        return placement(library)

    @admin.display(description=_("files"), ordering="live_files")
    def file_count(self, library: Library) -> int:
        return library.live_files

    @admin.action(description=_("Empty the trash of selected libraries"), permissions=["change"])
    def empty_trash(self, request, queryset):
        self._act(
            request, list(queryset.select_related("community", "owner")),
            lambda library: services.trash_empty(actor=request.user, library=library),
            lambda n: ngettext("%(count)d trash emptied.", "%(count)d trashes emptied.", n),
        )  # fmt: skip


@admin.register(Folder)
class FolderAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "library", "parent", "created_by", "created_at", "deleted")
    list_select_related = ("library", "parent", "created_by")
    list_filter = (TrashFilter, "library__kind", ("library", admin.RelatedOnlyFieldListFilter),
                   "created_at")  # fmt: skip
    search_fields = ("name", "library__name", "created_by__username", "created_by__display_name")
    actions = ("trash", "restore")
    fields = ("library", "parent", "name", "created_by", "created_at", "updated_at",
              "deleted_at", "deleted_by", "trashed_with")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "library__")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # To the trash with the action below, so it can be undone.

    @admin.display(description=_("in the trash"), boolean=True, ordering="deleted_at")
    def deleted(self, folder: Folder) -> bool:
        return folder.is_deleted

    def _each(self, request, queryset, call, done) -> None:
        self._act(request, list(queryset.select_related("library__community", "library__owner")),
                  call, done)  # fmt: skip

    @admin.action(description=_("Move selected folders to the trash"), permissions=["change"])
    def trash(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=True),
            lambda f: services.folder_delete(actor=request.user, folder=f),
            lambda n: ngettext(
                "%(count)d folder moved to the trash.", "%(count)d folders moved to the trash.", n
            ),  # fmt: skip
        )

    @admin.action(description=_("Restore selected folders from the trash"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=False),
            lambda f: services.folder_restore(actor=request.user, folder=f),
            lambda n: ngettext("%(count)d folder restored.", "%(count)d folders restored.", n),
        )


class FileVersionInline(ReadOnlyMixin, admin.TabularInline):
    model = FileVersion
    fields = ("number", "original_name", "size", "content_type", "sha256", "uploaded_by",
              "comment", "text_state", "created_at")  # fmt: skip
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(File)
class FileAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "library", "placement", "folder", "author", "shown_size",
                    "content_type", "version_count", "download_count", "updated_at", "deleted",
                    "hidden")  # fmt: skip
    list_select_related = ("library", "community", "folder", "author")
    list_filter = (TrashFilter, "library__kind", ("library", admin.RelatedOnlyFieldListFilter),
                   "content_type", "updated_at")  # fmt: skip
    search_fields = ("name", "description", "author__username", "author__display_name",
                     "library__name", "versions__sha256")  # fmt: skip
    date_hierarchy = "updated_at"
    show_full_result_count = False
    actions = ("trash", "restore")
    inlines = (FileVersionInline,)
    fieldsets = (
        (None, {"fields": ("library", "community", "folder", "name", "description")}),
        (_("Current version"), {"fields": ("current", "size", "content_type", "version_count",
                                           "download_count", "comment_count",
                                           "reaction_count")}),
        (_("History"), {"fields": ("author", "created_at", "updated_at")}),
        (_("Moderation"), {"fields": ("deleted_at", "deleted_by", "trashed_with", "hidden_at",
                                      "hidden_by")}),
    )  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # To the trash with the action below; purging is the trash's.

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, file: File) -> str:
        return placement(file)

    @admin.display(description=_("size"), ordering="size")
    def shown_size(self, file: File) -> str:
        return filesizeformat(file.size)

    @admin.display(description=_("in the trash"), boolean=True, ordering="deleted_at")
    def deleted(self, file: File) -> bool:
        return file.is_deleted

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, file: File) -> bool:
        return file.is_hidden

    def _each(self, request, queryset, call, done) -> None:
        rows = queryset.select_related("library__community", "library__owner", "folder",
                                       "community", "author")  # fmt: skip
        self._act(request, list(rows), call, done)

    @admin.action(description=_("Move selected files to the trash"), permissions=["change"])
    def trash(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=True),
            lambda f: services.file_delete(actor=request.user, file=f),
            lambda n: ngettext(
                "%(count)d file moved to the trash.", "%(count)d files moved to the trash.", n
            ),  # fmt: skip
        )

    @admin.action(description=_("Restore selected files from the trash"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=False),
            lambda f: services.file_restore(actor=request.user, file=f),
            lambda n: ngettext("%(count)d file restored.", "%(count)d files restored.", n),
        )


@admin.register(FileVersion)
class FileVersionAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("file", "number", "original_name", "shown_size", "content_type",
                    "text_state", "uploaded_by", "created_at")  # fmt: skip
    list_select_related = ("file", "uploaded_by")
    list_filter = ("text_state", "content_type", "created_at")
    search_fields = ("original_name", "file__name", "sha256", "comment",
                     "uploaded_by__username")  # fmt: skip
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("extract_again",)
    fields = ("file", "number", "original_name", "size", "sha256", "content_type", "uploaded_by",
              "comment", "restored_from", "text_state", "text", "created_at")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # The stored bytes and their facts never change.

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "file__")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # Old versions are deleted on the file's page (which removes the bytes).

    @admin.display(description=_("size"), ordering="size")
    def shown_size(self, version: FileVersion) -> str:
        return filesizeformat(version.size)

    @admin.action(description=_("Extract the text of selected versions again"),
                  permissions=["change"])  # fmt: skip
    def extract_again(self, request, queryset):
        self._act(
            request, list(queryset),
            lambda v: services.version_extract_text(version_id=v.pk, again=True),
            lambda n: ngettext("%(count)d version read again.", "%(count)d versions read again.",
                               n),
        )  # fmt: skip
