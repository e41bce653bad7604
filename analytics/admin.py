"""Analytics in the admin: the event log, the rollups, sentiment scores and the access log,
searchable and filterable, never edited (each is written by code, from the log)."""

from django.contrib import admin

from analytics.models import (
    AccessLog,
    ClimateAlert,
    ClimateSentimentWeek,
    ClimateTopicWeek,
    ContentSentiment,
    ConversationTopicDay,
    ConversationVolume,
    ConversationWeek,
    DailyActivity,
    Event,
    PeriodActivity,
    PersonAdoption,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes rows here: logs are append-only and the rest is
    recomputed (``manage.py analytics_backfill``)."""

    # These tables grow with the log: skip the unfiltered COUNT(*) on every page.
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = (
        "occurred_at",
        "verb",
        "actor",
        "object_type",
        "object_id",
        "department",
        "office",
        "community_public",
    )
    list_select_related = ("actor", "department", "office")
    list_filter = ("verb", "community_public", "department", "office")
    date_hierarchy = "occurred_at"
    search_fields = ("verb", "actor__username", "actor__display_name")
    fields = (
        "occurred_at",
        "verb",
        "actor",
        "object_type",
        "object_id",
        "community_id",
        "community_public",
        "department",
        "office",
        "payload",
    )


COUNTER_COLUMNS = ("actions", "contributions", "reactions", "logins", "public_actions")


@admin.register(DailyActivity)
class DailyActivityAdmin(ReadOnlyAdmin):
    list_display = ("day", "user", "department", "office", *COUNTER_COLUMNS)
    list_select_related = ("user", "department", "office")
    list_filter = ("department", "office")
    date_hierarchy = "day"
    search_fields = ("user__username", "user__display_name")


@admin.register(PeriodActivity)
class PeriodActivityAdmin(ReadOnlyAdmin):
    list_display = ("period", "start", "user", "department", "office", "days_active",
                    *COUNTER_COLUMNS)  # fmt: skip
    list_select_related = ("user", "department", "office")
    list_filter = ("period", "department", "office")
    date_hierarchy = "start"
    search_fields = ("user__username", "user__display_name")


@admin.register(PersonAdoption)
class PersonAdoptionAdmin(ReadOnlyAdmin):
    list_display = ("user", "registered_on", "first_active_on", "first_contribution_on",
                    "activated", "cohort_week", "department", "office")  # fmt: skip
    list_select_related = ("user", "department", "office")
    list_filter = ("activated", "department", "office")
    date_hierarchy = "registered_on"
    search_fields = ("user__username", "user__display_name")


@admin.register(ContentSentiment)
class ContentSentimentAdmin(ReadOnlyAdmin):
    # Sentiment is never attributed to a person: neither the author nor the item (which
    # would lead to its author) is listed or shown.
    list_display = ("written_at", "kind", "language", "label", "score", "department", "office",
                    "is_public")  # fmt: skip
    list_select_related = ("department", "office")
    list_filter = ("kind", "language", "label", "is_public", "department", "office")
    date_hierarchy = "written_at"
    search_fields = ("kind", "language", "label")
    fields = ("kind", "language", "label", "score", "tags", "department", "office", "community",
              "is_public", "written_at", "scored_at")  # fmt: skip


@admin.register(ConversationWeek)
class ConversationWeekAdmin(ReadOnlyAdmin):
    list_display = ("week", "items", "complete", "rolled_at", "fingerprint")
    list_filter = ("complete",)
    date_hierarchy = "week"


# The author sets are left out: like sentiment, volumes are never tied to a person here.
@admin.register(ConversationVolume)
class ConversationVolumeAdmin(ReadOnlyAdmin):
    list_display = ("week", "span", "level", "kind", "department", "office", "community",
                    "items", "people")  # fmt: skip
    list_select_related = ("department", "office", "community")
    list_filter = ("level", "span", "kind", "department", "office")
    date_hierarchy = "week"
    fields = ("week", "span", "level", "kind", "department", "office", "community", "items",
              "people")  # fmt: skip


@admin.register(ConversationTopicDay)
class ConversationTopicDayAdmin(ReadOnlyAdmin):
    list_display = ("day", "source", "name", "items", "people")
    list_filter = ("source",)
    date_hierarchy = "day"
    search_fields = ("name",)
    fields = ("day", "source", "name", "items", "people")


# As for the volumes: the author sets are left out.
@admin.register(ClimateSentimentWeek)
class ClimateSentimentWeekAdmin(ReadOnlyAdmin):
    list_display = ("week", "span", "level", "group_id", "positive", "neutral", "negative",
                    "people")  # fmt: skip
    list_filter = ("level", "span")
    date_hierarchy = "week"
    fields = ("week", "span", "level", "group_id", "positive", "neutral", "negative", "people")


@admin.register(ClimateTopicWeek)
class ClimateTopicWeekAdmin(ReadOnlyAdmin):
    list_display = ("week", "span", "tag", "items", "negative", "people")
    list_filter = ("span",)
    date_hierarchy = "week"
    search_fields = ("tag",)
    fields = ("week", "span", "tag", "items", "negative", "people")


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Who looked at which analytics: superusers only, even among staff."""

    list_display = ("accessed_at", "user", "kind", "dashboard", "path")
    list_select_related = ("user",)
    list_filter = ("kind", "dashboard")
    date_hierarchy = "accessed_at"
    search_fields = ("user__username", "user__display_name", "dashboard", "path")
    fields = ("accessed_at", "user", "kind", "dashboard", "filters", "path")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(ClimateAlert)
class ClimateAlertAdmin(ReadOnlyAdmin):
    """Raised climate alerts: aggregates only (a department or a tag, never a person)."""

    list_display = ("raised_at", "week", "scope", "label", "kind", "value", "baseline",
                    "volume", "people")  # fmt: skip
    list_filter = ("scope", "kind", "week")
    date_hierarchy = "raised_at"
    search_fields = ("label", "subject")
    fields = ("raised_at", "week", "scope", "subject", "label", "department", "kind", "value",
              "baseline", "volume", "people", "baseline_people", "baseline_weeks")  # fmt: skip
