"""Blogs in the admin: a moderator's window onto articles, their history and feed tokens.

Articles are written on the site, where the text is checked and rendered, so they are
read-only here; the actions change them through the services, as the acting admin (publish
and unpublish are the author's; delete and restore are the author's and the moderators', and
the moderation log records them). Staff who are not site moderators see only the articles
whose placement they may read on the site.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from blog.models import Article, ArticleImage, ArticleRevision, ArticleStatus, FeedToken
from blog.services.articles import (
    article_delete,
    article_publish,
    article_restore,
    article_unpublish,
)
from blog.services.feed_tokens import feed_token_rotate
from communities.models import sees_everything
from core.admin import readable, refusal


def readable_articles(queryset, user):
    """The articles of ``queryset`` whose placement ``user`` may read (drafts, deleted and
    hidden ones included, for moderation); everything for site moderators and superusers."""
    return readable(queryset, user)


class LifeFilter(admin.SimpleListFilter):
    title = _("deleted or hidden")
    parameter_name = "life"

    def lookups(self, request, model_admin):
        return [
            ("alive", _("Neither")),
            ("deleted", _("Deleted")),
            ("hidden", _("Hidden by a moderator")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "alive":
            return queryset.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "hidden":
            return queryset.filter(hidden_at__isnull=False)
        return queryset


class BlogFilter(admin.SimpleListFilter):
    title = _("blog")
    parameter_name = "blog"

    def lookups(self, request, model_admin):
        return [
            ("company", _("Company blog")),
            ("personal", _("Personal blogs")),
            ("community", _("Community blogs")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "company":
            return queryset.filter(is_company=True)
        if self.value() == "personal":
            return queryset.filter(community__isnull=True, is_company=False)
        if self.value() == "community":
            return queryset.filter(community__isnull=False)
        return queryset


class ArticleRevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ("written_at", "replaced_at", "replaced_by", "title", "body")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("earlier versions")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "blog_name", "author", "status", "published_at", "reading_minutes",
                    "comment_count", "reaction_count", "view_count", "deleted",
                    "hidden")  # fmt: skip
    list_select_related = ("author", "community")
    list_filter = ("status", BlogFilter, LifeFilter,
                   ("community", admin.RelatedOnlyFieldListFilter), "published_at")  # fmt: skip
    search_fields = ("title", "body", "author__username", "author__display_name",
                     "community__name")  # fmt: skip
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("publish", "unpublish", "soft_delete", "restore")
    inlines = (ArticleRevisionInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "community", "is_company", "excerpt",
                           "body", "topics", "cover")}),
        (_("Publication"), {"fields": ("status", "publish_at", "published_at", "edited_at",
                                       "reading_minutes")}),
        (_("Conversation"), {"fields": ("comment_count", "reaction_count", "view_count")}),
        (_("Record"), {"fields": ("created_at", "deleted_at", "deleted_by", "hidden_at",
                                  "hidden_by")}),
    )  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # Read-only: "change" is only what lets a moderator use the actions.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_queryset(self, request):
        articles = super().get_queryset(request).prefetch_related("tags")
        return readable_articles(articles, request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # Deleting is soft, with the action below, so it can be undone.

    @admin.display(description=_("blog"))
    def blog_name(self, article: Article) -> str:
        if article.community_id:
            return article.community.name
        return _("Company blog") if article.is_company else _("Personal blog")

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, article: Article) -> bool:
        return article.is_deleted

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, article: Article) -> bool:
        return article.is_hidden

    @admin.display(description=_("topics"))
    def topics(self, article: Article) -> str:
        return ", ".join(sorted(tag.name for tag in article.tags.all()))

    def _act(self, request, queryset, service, done) -> None:
        changed = 0
        for article in queryset.select_related("author", "community"):
            try:
                service(actor=request.user, article=article)
            except (PermissionDenied, ValidationError, Http404) as error:
                self.message_user(request, f"{article.pk}: {refusal(error)}", messages.WARNING)
            else:
                changed += 1
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Publish selected articles now (their authors)"),
                  permissions=["change"])  # fmt: skip
    def publish(self, request, queryset):
        self._act(
            request, queryset.exclude(status=ArticleStatus.PUBLISHED), article_publish,
            lambda n: ngettext("%(count)d article published.", "%(count)d articles published.", n),
        )  # fmt: skip

    @admin.action(description=_("Take selected articles back to drafts (their authors)"),
                  permissions=["change"])  # fmt: skip
    def unpublish(self, request, queryset):
        self._act(
            request, queryset.exclude(status=ArticleStatus.DRAFT), article_unpublish,
            lambda n: ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.",
                               n),
        )  # fmt: skip

    @admin.action(description=_("Delete selected articles (can be undone)"),
                  permissions=["change"])  # fmt: skip
    def soft_delete(self, request, queryset):
        self._act(
            request, queryset.filter(deleted_at__isnull=True), article_delete,
            lambda n: ngettext("%(count)d article deleted.", "%(count)d articles deleted.", n),
        )  # fmt: skip

    @admin.action(description=_("Restore selected deleted articles"), permissions=["change"])
    def restore(self, request, queryset):
        self._act(
            request, queryset.filter(deleted_at__isnull=False), article_restore,
            lambda n: ngettext("%(count)d article restored.", "%(count)d articles restored.", n),
        )  # fmt: skip


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ("title", "article", "written_at", "replaced_at", "replaced_by")
    list_select_related = ("article", "replaced_by")
    list_filter = ("replaced_at",)
    search_fields = ("title", "body", "article__title", "replaced_by__username")
    show_full_result_count = False
    fields = ("article", "title", "body", "written_at", "replaced_at", "replaced_by")
    readonly_fields = fields

    def get_queryset(self, request):
        revisions = super().get_queryset(request)
        if sees_everything(request.user):
            return revisions
        articles = readable_articles(Article.objects.all(), request.user)
        return revisions.filter(article__in=articles)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ArticleImage)
class ArticleImageAdmin(admin.ModelAdmin):
    """Images uploaded for articles' text, read-only; deleting one takes it out of the text
    (the text then shows nothing there)."""

    list_display = ("__str__", "article", "number", "width", "height", "created_at")
    list_select_related = ("article",)
    list_filter = ("created_at",)
    search_fields = ("alt", "article__title", "article__author__username")
    show_full_result_count = False
    fields = ("article", "number", "image", "width", "height", "alt", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        images = super().get_queryset(request)
        if sees_everything(request.user):
            return images
        articles = readable_articles(Article.objects.all(), request.user)
        return images.filter(article__in=articles)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Who has a feed token (never the token itself); rotating one cuts off a lost reader."""

    list_display = ("user", "created_at", "updated_at")
    list_select_related = ("user",)
    list_filter = ("created_at", "updated_at")
    search_fields = ("user__username", "user__display_name", "user__email")
    show_full_result_count = False
    actions = ("rotate",)
    fields = ("user", "created_at", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Give the selected people new feed tokens"),
                  permissions=["change"])  # fmt: skip
    def rotate(self, request, queryset):
        rows = list(queryset.select_related("user"))
        for token in rows:
            feed_token_rotate(user=token.user)
        message = ngettext(
            "%(count)d feed token replaced.", "%(count)d feed tokens replaced.", len(rows)
        )
        self.message_user(request, message % {"count": len(rows)}, messages.SUCCESS)
