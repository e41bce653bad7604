"""The event log in the admin: searchable and filterable, never edited."""

from django.contrib import admin

from analytics.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, so nobody adds, changes or deletes rows here."""

    list_display = ("occurred_at", "verb", "actor", "object_type", "object_id", "department")
    list_select_related = ("actor", "department")
    list_filter = ("verb", "department")
    date_hierarchy = "occurred_at"
    search_fields = ("verb", "actor__username", "actor__display_name")
    # The log grows without bound: skip the unfiltered COUNT(*) on every page.
    show_full_result_count = False
    fields = (
        "occurred_at",
        "verb",
        "actor",
        "object_type",
        "object_id",
        "community_id",
        "department",
        "payload",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
