"""Notifications in the admin: for staff to look into "why did I (not) get this?"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification, NotificationPreference


class ReadFilter(admin.SimpleListFilter):
    title = _("read")
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return (("yes", _("Read")), ("no", _("Unread")))

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(read_at__isnull=self.value() == "no")
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "verb", "actor", "actor_count", "community", "updated_at",
                    "read_at", "emailed_at")  # fmt: skip
    list_select_related = ("recipient", "actor", "community")
    list_filter = ("verb", ReadFilter, ("emailed_at", admin.EmptyFieldListFilter),
                   "created_at")  # fmt: skip
    search_fields = ("recipient__username", "recipient__display_name", "recipient__email",
                     "actor__username", "actor__display_name")  # fmt: skip
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient", "actor", "community")
    readonly_fields = ("target_type", "target_id", "actor_ids", "created_at", "updated_at")
    fields = ("recipient", "verb", "actor", "actor_count", "actor_ids", "target_type",
              "target_id", "community", "url", "read_at", "emailed_at", "created_at",
              "updated_at")  # fmt: skip


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "verb", "channel", "updated_at")
    list_select_related = ("user",)
    list_filter = ("verb", "channel")
    search_fields = ("user__username", "user__display_name", "user__email")
    raw_id_fields = ("user",)
