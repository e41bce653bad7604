"""The feed in the admin: a moderator's window onto posts and the conversation around them.

Everything here is read-only: posts, comments and reactions are written by people through the
services, which keep counters, revisions and events right. The admin changes things through
the same services: posts and comments are deleted softly (and posts restored) with the
actions, as the acting admin, so the moderation log records who did it. Staff who are not
site moderators see only what they may read on the site (the placement rule).
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import sees_everything
from core.admin import ReadOnlyMixin, placement, readable, refusal, short
from feed.models import (
    AnnouncementView,
    Bookmark,
    Comment,
    Poll,
    PollOption,
    PollVote,
    Post,
    PostAttachment,
    PostImage,
    PostRevision,
    Praise,
    Reaction,
)
from feed.services.conversation import comment_delete
from feed.services.posts import post_delete, post_restore


def readable_posts(queryset, user):
    """The posts of ``queryset`` whose placement ``user`` may read (deleted and hidden ones
    included, for moderation); everything for site moderators and superusers."""
    # A share also needs its original readable (no original: its community is NULL too).
    return readable(readable(queryset, user), user, prefix="shared_post__")


def _target(content_type_id: int, object_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    label = model._meta.verbose_name if model else _("item")
    return f"{label} #{object_id}"


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        choices = [("alive", _("Published")), ("deleted", _("Deleted"))]
        if model_admin.model is Post:
            choices.append(("hidden", _("Hidden by a moderator")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "alive":
            alive = queryset.filter(deleted_at__isnull=True)
            return alive.filter(hidden_at__isnull=True) if queryset.model is Post else alive
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "hidden":
            return queryset.filter(hidden_at__isnull=False)
        return queryset


# --- posts ---------------------------------------------------------------------------------


class PostRevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = PostRevision
    fk_name = "post"
    fields = ("written_at", "replaced_at", "replaced_by", "body")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("earlier versions")


class PostImageInline(ReadOnlyMixin, admin.TabularInline):
    model = PostImage
    fields = ("preview", "description", "width", "height", "position")
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("image"))
    def preview(self, image: PostImage):
        if not image.thumbnail:
            return "—"
        # Post media is private: served by the feed's view, which checks who may see the post.
        return format_html(
            '<img src="{}" alt="" style="max-width: 160px; max-height: 120px; border-radius: 4px">',
            reverse("feed:post-thumbnail", args=[image.post_id, image.pk]),
        )


class PostAttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = PostAttachment
    fields = ("name", "size", "content_type", "position")
    readonly_fields = fields
    extra = 0


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("short_body", "kind", "placement", "author", "created_at", "comment_count",
                    "reaction_count", "share_count", "is_announcement", "deleted", "hidden",
                    "topics")  # fmt: skip
    list_select_related = ("author", "community")
    list_filter = ("kind", "is_announcement", StatusFilter,
                   ("community", admin.RelatedOnlyFieldListFilter), "created_at")  # fmt: skip
    search_fields = ("body", "author__username", "author__display_name", "community__name")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("soft_delete", "restore")
    inlines = (PostRevisionInline, PostImageInline, PostAttachmentInline)
    fieldsets = (
        (None, {"fields": ("author", "community", "kind", "body", "topics", "shared_post")}),
        (_("Announcement"), {"fields": ("is_announcement", "announcement_until", "seen_count")}),
        (_("Conversation"), {"fields": ("comment_count", "reaction_count", "share_count")}),
        (_("Record"), {"fields": ("created_at", "edited_at", "deleted_at", "deleted_by",
                                  "hidden_at", "hidden_by")}),
    )  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # Read-only: "change" is only what lets a moderator use the actions.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_queryset(self, request):
        posts = super().get_queryset(request).prefetch_related("tags")
        return readable_posts(posts, request.user)

    def has_add_permission(self, request):
        return False  # People post on the site, where the text is checked and rendered.

    def has_delete_permission(self, request, obj=None):
        return False  # Deleting is soft, with the action below, so it can be undone.

    @admin.display(description=_("message"))
    def short_body(self, post: Post) -> str:
        return short(post.body) or f"({post.get_kind_display()})"

    @admin.display(description=_("placed in"), ordering="community__name")
    def placement(self, post: Post) -> str:
        return placement(post)

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, post: Post) -> bool:
        return post.is_deleted

    @admin.display(description=_("hidden"), boolean=True, ordering="hidden_at")
    def hidden(self, post: Post) -> bool:
        return post.is_hidden

    @admin.display(description=_("topics"))
    def topics(self, post: Post) -> str:
        return ", ".join(sorted(tag.name for tag in post.tags.all()))

    def _act(self, request, queryset, service, done) -> None:
        changed = 0
        for post in queryset.select_related("community"):
            try:
                service(actor=request.user, post=post)
            except (PermissionDenied, ValidationError, Http404) as error:
                self.message_user(request, f"{post.pk}: {refusal(error)}", messages.WARNING)
            else:
                changed += 1
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Delete selected posts (can be undone)"), permissions=["change"])
    def soft_delete(self, request, queryset):
        self._act(
            request, queryset.filter(deleted_at__isnull=True), post_delete,
            lambda n: ngettext("%(count)d post deleted.", "%(count)d posts deleted.", n),
        )  # fmt: skip

    @admin.action(description=_("Restore selected deleted posts"), permissions=["change"])
    def restore(self, request, queryset):
        self._act(
            request, queryset.filter(deleted_at__isnull=False), post_restore,
            lambda n: ngettext("%(count)d post restored.", "%(count)d posts restored.", n),
        )  # fmt: skip


# --- the conversation ----------------------------------------------------------------------


def _on_readable_posts(queryset, user):
    """Rows about posts (by content type and id) whose post ``user`` may read."""
    if sees_everything(user):
        return queryset
    posts = readable_posts(Post.objects.all(), user).values("pk")
    post_type = ContentType.objects.get_for_model(Post)
    return queryset.filter(content_type=post_type, object_id__in=posts)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("short_body", "author", "on", "is_reply", "created_at", "reply_count",
                    "reaction_count", "deleted")  # fmt: skip
    list_select_related = ("author",)
    list_filter = (StatusFilter, ("content_type", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("body", "author__username", "author__display_name")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("soft_delete",)
    fields = ("author", "on", "parent", "body", "reply_count", "reaction_count", "created_at",
              "edited_at", "deleted_at", "deleted_by")  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return _on_readable_posts(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"))
    def short_body(self, comment: Comment) -> str:
        return short(comment.body)

    @admin.display(description=_("on"))
    def on(self, comment: Comment) -> str:
        return _target(comment.content_type_id, comment.object_id)

    @admin.display(description=_("reply"), boolean=True)
    def is_reply(self, comment: Comment) -> bool:
        return comment.parent_id is not None

    @admin.display(description=_("deleted"), boolean=True, ordering="deleted_at")
    def deleted(self, comment: Comment) -> bool:
        return comment.is_deleted

    @admin.action(description=_("Delete selected comments"), permissions=["change"])
    def soft_delete(self, request, queryset):
        changed = 0
        for comment in queryset.filter(deleted_at__isnull=True):
            try:
                comment_delete(actor=request.user, comment=comment)
            except (PermissionDenied, ValidationError, Http404) as error:
                self.message_user(request, f"{comment.pk}: {refusal(error)}", messages.WARNING)
            else:
                changed += 1
        message = ngettext("%(count)d comment deleted.", "%(count)d comments deleted.", changed)
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "reaction", "on", "created_at")
    list_select_related = ("user",)
    list_filter = ("kind", ("content_type", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("user__username", "user__display_name")
    show_full_result_count = False
    fields = ("user", "kind", "on", "created_at", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return _on_readable_posts(super().get_queryset(request), request.user)

    @admin.display(description=_("reaction"), ordering="kind")
    def reaction(self, reaction: Reaction) -> str:
        return f"{reaction.emoji} {reaction.get_kind_display()}"

    @admin.display(description=_("on"))
    def on(self, reaction: Reaction) -> str:
        return _target(reaction.content_type_id, reaction.object_id)


@admin.register(Bookmark)
class BookmarkAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "post", "created_at")
    list_select_related = ("user", "post")
    search_fields = ("user__username", "user__display_name")
    list_filter = ("created_at",)
    show_full_result_count = False
    fields = ("user", "post", "created_at")
    readonly_fields = fields


# --- polls, praise, announcements ----------------------------------------------------------


class PollOptionInline(ReadOnlyMixin, admin.TabularInline):
    model = PollOption
    fields = ("position", "text", "vote_count")
    readonly_fields = fields
    extra = 0


@admin.register(Poll)
class PollAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("question", "asked_by", "allows_multiple", "closes_at", "open",
                    "voter_count")  # fmt: skip
    list_select_related = ("post__author",)
    list_filter = ("allows_multiple", "closes_at")
    search_fields = ("question", "options__text", "post__author__username")
    show_full_result_count = False
    inlines = (PollOptionInline,)
    fields = ("post", "question", "allows_multiple", "closes_at", "voter_count")
    readonly_fields = fields

    def get_queryset(self, request):
        polls = super().get_queryset(request)
        if sees_everything(request.user):
            return polls
        return polls.filter(post__in=readable_posts(Post.objects.all(), request.user))

    @admin.display(description=_("asked by"), ordering="post__author__display_name")
    def asked_by(self, poll: Poll):
        return poll.post.author

    @admin.display(description=_("open"), boolean=True)
    def open(self, poll: Poll) -> bool:
        return not poll.is_closed


@admin.register(PollVote)
class PollVoteAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "poll", "option", "created_at")
    list_select_related = ("user", "poll", "option")
    search_fields = ("user__username", "user__display_name", "poll__question")
    show_full_result_count = False
    fields = ("user", "poll", "option", "created_at")
    readonly_fields = fields


@admin.register(Praise)
class PraiseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("value", "given_by", "thanked", "post", "given_at")
    list_select_related = ("post__author",)
    list_filter = ("value",)
    search_fields = ("post__author__username", "post__author__display_name",
                     "recipients__username", "recipients__display_name")  # fmt: skip
    show_full_result_count = False
    fields = ("post", "value", "recipients")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(thanked_count=Count("recipients"))

    @admin.display(description=_("given by"), ordering="post__author__display_name")
    def given_by(self, praise: Praise):
        return praise.post.author

    @admin.display(description=_("people thanked"), ordering="thanked_count")
    def thanked(self, praise: Praise) -> int:
        return praise.thanked_count

    @admin.display(description=_("given"), ordering="post__created_at")
    def given_at(self, praise: Praise):
        return praise.post.created_at


@admin.register(AnnouncementView)
class AnnouncementViewAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("post", "user", "seen_at")
    list_select_related = ("post", "user")
    list_filter = ("seen_at",)
    search_fields = ("user__username", "user__display_name", "post__body")
    show_full_result_count = False
    fields = ("post", "user", "seen_at")
    readonly_fields = fields
