"""The wiki in the admin: a moderator's window onto spaces, pages, their revisions, links and
watchers.

Rows are read-only, as in the forum's admin: people write through the services, which keep
revisions, links, placement, the feed card and events right. The actions (protect, delete,
restore; who edits a space) call the same services as the acting admin, so the moderation
log records who did it and refusals come back as messages. Staff who are not site moderators
see only the wiki content they may read on the site (the placement rule).
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ActionsMixin, ReadOnlyMixin, placement, readable, short
from wiki import services
from wiki.models import EditPolicy, Page, PageAlias, PageLink, PageRevision, Space, Watch


@admin.register(Space)
class SpaceAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "placement", "owner", "edit_policy", "page_count",
                    "home_page", "created_at")  # fmt: skip
    list_select_related = ("community", "owner", "home_page")
    list_filter = ("kind", "edit_policy", "created_at")
    search_fields = ("name", "slug", "description", "community__name", "owner__username",
                     "owner__display_name")  # fmt: skip
    actions = ("members_edit", "admins_edit")
    fields = ("kind", "name", "slug", "description", "community", "owner", "edit_policy",
              "home_page", "created_at", "updated_at")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # Spaces are set up through the services (the space's settings).

    def get_queryset(self, request):
        spaces = readable(super().get_queryset(request), request.user)
        return spaces.annotate(live_pages=Count("pages", filter=Q(pages__deleted_at__isnull=True)))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # A space goes with its community (or its owner).

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, space: Space) -> str:
        return placement(space)

    @admin.display(description=_("pages"), ordering="live_pages")
    def page_count(self, space: Space) -> int:
        return space.live_pages

    def _policy(self, request, queryset, policy: str) -> None:
        self._act(
            request, list(queryset.select_related("community")),
            lambda s: services.space_edit(actor=request.user, space=s, edit_policy=policy),
            lambda n: ngettext("%(count)d space changed.", "%(count)d spaces changed.", n),
        )  # fmt: skip

    @admin.action(description=_("Let the members edit selected spaces"), permissions=["change"])
    def members_edit(self, request, queryset):
        self._policy(request, queryset, EditPolicy.MEMBERS)

    @admin.action(description=_("Let only admins edit selected spaces"), permissions=["change"])
    def admins_edit(self, request, queryset):
        self._policy(request, queryset, EditPolicy.ADMINS)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("alive", _("Published")), ("deleted", _("Deleted")),
                ("hidden", _("Hidden by a moderator")), ("protected", _("Protected"))]  # fmt: skip

    def queryset(self, request, queryset):
        value = self.value()
        if value == "alive":
            return queryset.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        if value == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        if value == "hidden":
            return queryset.filter(hidden_at__isnull=False)
        if value == "protected":
            return queryset.filter(is_protected=True)
        return queryset


class PageRevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = PageRevision
    fields = ("number", "kind", "title", "summary", "author", "reverted_to", "created_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Page)
class PageAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("title", "space", "placement", "author", "revision_number", "edited_by",
                    "edited_at", "is_protected", "deleted", "hidden")  # fmt: skip
    list_select_related = ("space", "community", "author", "edited_by")
    list_filter = (StatusFilter, "is_protected", ("space", admin.RelatedOnlyFieldListFilter),
                   "space__kind", "edited_at")  # fmt: skip
    search_fields = ("title", "slug", "body", "author__username", "author__display_name",
                     "space__name")  # fmt: skip
    date_hierarchy = "edited_at"
    show_full_result_count = False
    actions = ("protect", "unprotect", "soft_delete", "restore")
    inlines = (PageRevisionInline,)
    fieldsets = (
        (None, {"fields": ("space", "community", "parent", "title", "slug", "body")}),
        (_("History"), {"fields": ("author", "created_at", "revision_number", "edited_by",
                                   "edited_at")}),
        (_("Moderation"), {"fields": ("is_protected", "position", "deleted_at", "deleted_by",
                                      "hidden_at", "hidden_by")}),
    )  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # Read-only: "change" is only what lets a moderator use the actions.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # Deleting is soft, with the action below, so it can be undone.

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, page: Page) -> str:
        return placement(page)

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, page: Page) -> bool:
        return page.is_deleted

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, page: Page) -> bool:
        return page.is_hidden

    def _each(self, request, queryset, call, done) -> None:
        self._act(
            request, list(queryset.select_related("space__community", "community", "author")),
            call, done,
        )  # fmt: skip

    @admin.action(description=_("Protect selected pages"), permissions=["change"])
    def protect(self, request, queryset):
        self._each(
            request,
            queryset.filter(is_protected=False),
            lambda p: services.page_protect(actor=request.user, page=p, protected=True),
            lambda n: ngettext("%(count)d page protected.", "%(count)d pages protected.", n),
        )

    @admin.action(description=_("Unprotect selected pages"), permissions=["change"])
    def unprotect(self, request, queryset):
        self._each(
            request,
            queryset.filter(is_protected=True),
            lambda p: services.page_protect(actor=request.user, page=p, protected=False),
            lambda n: ngettext("%(count)d page unprotected.", "%(count)d pages unprotected.", n),
        )

    @admin.action(description=_("Delete selected pages (can be undone)"), permissions=["change"])
    def soft_delete(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=True),
            lambda p: services.page_delete(actor=request.user, page=p),
            lambda n: ngettext("%(count)d page deleted.", "%(count)d pages deleted.", n),
        )

    @admin.action(description=_("Restore selected deleted pages"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=False),
            lambda p: services.page_restore(actor=request.user, page=p),
            lambda n: ngettext("%(count)d page restored.", "%(count)d pages restored.", n),
        )


@admin.register(PageRevision)
class PageRevisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("page", "number", "kind", "short_summary", "author", "reverted_to",
                    "created_at")  # fmt: skip
    list_select_related = ("page", "author")
    list_filter = ("kind", "created_at")
    search_fields = ("title", "body", "summary", "page__title", "author__username",
                     "author__display_name")  # fmt: skip
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "page__")

    @admin.display(description=_("summary"))
    def short_summary(self, revision: PageRevision) -> str:
        return short(revision.summary)


@admin.register(PageLink)
class PageLinkAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("source", "title", "space", "slug")
    list_select_related = ("source", "space")
    list_filter = (("space", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("title", "slug", "source__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "source__")


@admin.register(PageAlias)
class PageAliasAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("slug", "page", "space", "created_at")
    list_select_related = ("page", "space")
    list_filter = (("space", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("slug", "page__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "page__")


@admin.register(Watch)
class WatchAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "space", "page", "created_at")
    list_select_related = ("user", "space", "page")
    list_filter = (("space", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("user__username", "user__display_name", "space__name", "page__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "space__")
