"""Followed tags in the admin. Follows are added and removed through the services, so the
events (and the person's home feed) stay right; the tags themselves live in taggit's admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tags.models import TagFollow
from tags.services import tag_follow, tag_unfollow


@admin.register(TagFollow)
class TagFollowAdmin(admin.ModelAdmin):
    list_display = ("user", "tag_name", "created_at")
    list_select_related = ("user", "tag")
    list_filter = ("created_at",)
    search_fields = ("user__username", "user__display_name", "tag__name", "tag__slug")
    autocomplete_fields = ("user", "tag")
    show_full_result_count = False
    fields = ("user", "tag", "created_at")
    readonly_fields = ("created_at",)

    @admin.display(description=_("tag"), ordering="tag__name")
    def tag_name(self, follow: TagFollow) -> str:
        return f"#{follow.tag.name}"

    def get_readonly_fields(self, request, obj=None):
        # A follow is a person and a tag: to change either, remove it and add another.
        return ("user", "tag", "created_at") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        stored = tag_follow(user=form.cleaned_data["user"], tag=form.cleaned_data["tag"])
        obj.pk, obj.created_at, obj._state = stored.pk, stored.created_at, stored._state

    def delete_model(self, request, obj):
        tag_unfollow(user=obj.user, tag=obj.tag)

    def delete_queryset(self, request, queryset):
        for follow in queryset.select_related("user", "tag"):
            tag_unfollow(user=follow.user, tag=follow.tag)
