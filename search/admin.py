"""The search index in the admin: read-only (it is derived from the content), for the
moderators to see what a document holds and to rewrite documents that look wrong."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import sees_everything
from core.admin import ReadOnlyMixin, short
from search import indexing
from search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("kind", "headline", "community", "author", "created_at", "indexed_at")
    list_select_related = ("community", "author")
    list_filter = ("kind", "created_at")
    search_fields = ("title",)
    show_full_result_count = False
    actions = ("reindex_selected",)
    fields = (
        "kind",
        "object_id",
        "address",
        "title",
        "subtitle",
        "keywords",
        "tag_names",
        "body",
        "community",
        "origin_community",
        "author",
        "engagement",
        "created_at",
        "indexed_at",
    )
    readonly_fields = fields

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        # Site moderators read the index without a model permission of their own.
        return request.user.is_staff and (
            sees_everything(request.user) or super().has_view_permission(request, obj)
        )

    def has_reindex_permission(self, request):
        return self.has_view_permission(request)

    def get_queryset(self, request):
        # Staff who are not site moderators see the documents they could find by searching.
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("title"), ordering="title")
    def headline(self, document: SearchDocument) -> str:
        return short(document.title or document.body)

    @admin.display(description=_("address"))
    def address(self, document: SearchDocument) -> str:
        return format_html('<a href="{}">{}</a>', document.url, document.url)

    @admin.display(description=_("tags"))
    def tag_names(self, document: SearchDocument) -> str:
        return ", ".join(tag.name for tag in document.tags.all()) or "-"

    @admin.action(description=_("Re-index selected"), permissions=["reindex"])
    def reindex_selected(self, request, queryset):
        wanted = {}
        for kind, object_id in queryset.values_list("kind", "object_id"):
            wanted.setdefault(kind, []).append(object_id)
        for kind, object_ids in wanted.items():
            indexing.refresh(kind, object_ids)
        count = sum(len(ids) for ids in wanted.values())
        message = ngettext(
            "%(count)d document re-indexed.", "%(count)d documents re-indexed.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
