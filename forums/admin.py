"""The forum in the admin: a moderator's window onto categories, threads and replies.

Rows are read-only, as in the feed's admin: people write through the services, which keep
counters, revisions, placement and events right. Moderators act through the actions (pin,
lock, soft-delete, restore), which call the same services as the acting admin, so the
moderation log records who did it. Staff who are not site moderators see only the forum
content they may read on the site (the placement rule).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ActionsMixin, ReadOnlyMixin, placement, readable, short
from forums import services
from forums.models import (
    Category,
    Reply,
    ReplyAttachment,
    ReplyRevision,
    ReplyVote,
    Thread,
    ThreadRevision,
    ThreadSubscription,
)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        choices = [("alive", _("Published")), ("deleted", _("Deleted"))]
        if model_admin.model is Thread:
            choices += [("hidden", _("Hidden by a moderator")), ("merged", _("Merged"))]
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "alive":
            alive = queryset.filter(deleted_at__isnull=True)
            if queryset.model is Thread:
                alive = alive.filter(hidden_at__isnull=True, merged_into__isnull=True)
            return alive
        if value == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        if value == "hidden":
            return queryset.filter(hidden_at__isnull=False)
        if value == "merged":
            return queryset.filter(merged_into__isnull=False)
        return queryset


@admin.register(Category)
class CategoryAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "placement", "position", "created_by", "created_at")
    list_select_related = ("community", "created_by")
    list_filter = (("community", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("name", "slug", "description", "community__name")
    actions = ("delete_empty",)
    fields = ("community", "name", "slug", "description", "position", "created_by", "created_at")

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # Categories are set up through the services (forum pages).

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # Only empty categories go, with the action below.

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, category: Category) -> str:
        return placement(category)

    @admin.action(description=_("Delete selected empty categories"), permissions=["change"])
    def delete_empty(self, request, queryset):
        self._act(
            request, list(queryset.select_related("community")),
            lambda c: services.category_delete(actor=request.user, category=c),
            lambda n: ngettext("%(count)d category deleted.", "%(count)d categories deleted.", n),
        )  # fmt: skip


class ThreadRevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = ThreadRevision
    fields = ("written_at", "replaced_at", "replaced_by", "title", "body")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("earlier versions")


@admin.register(Thread)
class ThreadAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "placement", "category", "author", "reply_count", "score",
                    "solved", "is_pinned", "is_locked", "deleted", "hidden",
                    "last_activity_at")  # fmt: skip
    list_select_related = ("author", "community", "category")
    list_filter = ("kind", "is_pinned", "is_locked", StatusFilter,
                   ("category", admin.RelatedOnlyFieldListFilter),
                   ("community", admin.RelatedOnlyFieldListFilter), "created_at")  # fmt: skip
    search_fields = ("title", "body", "author__username", "author__display_name")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("pin", "unpin", "lock", "unlock", "soft_delete", "restore")
    inlines = (ThreadRevisionInline,)
    fieldsets = (
        (None, {"fields": ("author", "category", "community", "kind", "title", "body")}),
        (_("Answers"), {"fields": ("accepted_reply", "solved_at", "first_reply_at",
                                   "last_activity_at", "reply_count", "score", "view_count")}),
        (_("Moderation"), {"fields": ("is_pinned", "is_locked", "merged_into", "merged_at")}),
        (_("Record"), {"fields": ("created_at", "edited_at", "deleted_at", "deleted_by",
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
    def placement(self, thread: Thread) -> str:
        return placement(thread)

    @admin.display(description=_("solved"), boolean=True, ordering="solved_at")
    def solved(self, thread: Thread) -> bool:
        return thread.is_solved

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, thread: Thread) -> bool:
        return thread.is_deleted

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, thread: Thread) -> bool:
        return thread.is_hidden

    def _each(self, request, queryset, service, done) -> None:
        self._act(
            request, list(queryset.select_related("community", "category")),
            lambda t: service(actor=request.user, thread=t), done,
        )  # fmt: skip

    @admin.action(description=_("Pin selected threads"), permissions=["change"])
    def pin(self, request, queryset):
        self._each(
            request,
            queryset,
            services.thread_pin,
            lambda n: ngettext("%(count)d thread pinned.", "%(count)d threads pinned.", n),
        )

    @admin.action(description=_("Unpin selected threads"), permissions=["change"])
    def unpin(self, request, queryset):
        self._each(
            request,
            queryset,
            services.thread_unpin,
            lambda n: ngettext("%(count)d thread unpinned.", "%(count)d threads unpinned.", n),
        )

    @admin.action(description=_("Lock selected threads"), permissions=["change"])
    def lock(self, request, queryset):
        self._each(
            request,
            queryset,
            services.thread_lock,
            lambda n: ngettext("%(count)d thread locked.", "%(count)d threads locked.", n),
        )

    @admin.action(description=_("Unlock selected threads"), permissions=["change"])
    def unlock(self, request, queryset):
        self._each(
            request,
            queryset,
            services.thread_unlock,
            lambda n: ngettext("%(count)d thread unlocked.", "%(count)d threads unlocked.", n),
        )

    @admin.action(description=_("Delete selected threads (can be undone)"), permissions=["change"])
    def soft_delete(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=True),
            services.thread_delete,
            lambda n: ngettext("%(count)d thread deleted.", "%(count)d threads deleted.", n),
        )

    @admin.action(description=_("Restore selected deleted threads"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=False),
            services.thread_restore,
            lambda n: ngettext("%(count)d thread restored.", "%(count)d threads restored.", n),
        )


class ReplyRevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = ReplyRevision
    fields = ("written_at", "replaced_at", "replaced_by", "body")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("earlier versions")


class ReplyAttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = ReplyAttachment
    fields = ("name", "size", "content_type", "position")
    readonly_fields = fields
    extra = 0


@admin.register(Reply)
class ReplyAdmin(ActionsMixin, admin.ModelAdmin):
    list_display = ("short_body", "thread", "author", "score", "up_count", "down_count",
                    "created_at", "deleted")  # fmt: skip
    list_select_related = ("author", "thread")
    list_filter = (StatusFilter, "created_at")
    search_fields = ("body", "author__username", "author__display_name", "thread__title")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("soft_delete", "restore")
    inlines = (ReplyRevisionInline, ReplyAttachmentInline)
    fields = ("thread", "author", "quoted", "body", "up_count", "down_count", "score",
              "created_at", "edited_at", "deleted_at", "deleted_by")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "thread__")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reply"))
    def short_body(self, reply: Reply) -> str:
        return short(reply.body)

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, reply: Reply) -> bool:
        return reply.is_deleted

    def _each(self, request, queryset, service, done) -> None:
        self._act(
            request, list(queryset.select_related("thread__community", "thread__category")),
            lambda r: service(actor=request.user, reply=r), done,
        )  # fmt: skip

    @admin.action(description=_("Delete selected replies (can be undone)"), permissions=["change"])
    def soft_delete(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=True),
            services.reply_delete,
            lambda n: ngettext("%(count)d reply deleted.", "%(count)d replies deleted.", n),
        )

    @admin.action(description=_("Restore selected deleted replies"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(deleted_at__isnull=False),
            services.reply_restore,
            lambda n: ngettext("%(count)d reply restored.", "%(count)d replies restored.", n),
        )


@admin.register(ThreadRevision)
class ThreadRevisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("thread", "title", "written_at", "replaced_at", "replaced_by")
    list_select_related = ("thread", "replaced_by")
    list_filter = ("replaced_at",)
    search_fields = ("title", "body", "thread__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "thread__")


@admin.register(ReplyRevision)
class ReplyRevisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("reply", "written_at", "replaced_at", "replaced_by")
    list_select_related = ("reply", "replaced_by")
    list_filter = ("replaced_at",)
    search_fields = ("body", "reply__thread__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "reply__thread__")


@admin.register(ReplyAttachment)
class ReplyAttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "reply", "size", "content_type")
    list_select_related = ("reply",)
    list_filter = ("content_type",)
    search_fields = ("name", "reply__thread__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "reply__thread__")


@admin.register(ReplyVote)
class ReplyVoteAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "reply", "value", "created_at")
    list_select_related = ("user", "reply")
    list_filter = ("value", "created_at")
    search_fields = ("user__username", "user__display_name", "reply__thread__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "reply__thread__")


@admin.register(ThreadSubscription)
class ThreadSubscriptionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "thread", "created_at")
    list_select_related = ("user", "thread")
    list_filter = ("created_at",)
    search_fields = ("user__username", "user__display_name", "thread__title")

    def get_queryset(self, request):
        return readable(super().get_queryset(request), request.user, "thread__")
