"""The status feed: posts and the conversation around them.

A ``Post`` is placed content (``communities.models.PlacedContent``): company-wide or in one
community, under the one visibility rule. A share is a post pointing at its original, and
is only shown to people who may also see the original. Announcements are posts pinned on
top of their feeds until ``announcement_until``; polls and praise hang off a post.

Comments and reactions are generic (any target with ``is_visible_to``, ``comment_count`` and
``reaction_count``), so blog articles and files reuse them rather than copying them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models import Community, PlacedContent, PlacedContentQuerySet
from core.models import TimeStampedModel

BODY_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 5000
MAX_IMAGES = 10
POLL_MIN_OPTIONS, POLL_MAX_OPTIONS = 2, 6


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Like")
    CELEBRATE = "celebrate", _("Celebrate")
    INSIGHTFUL = "insightful", _("Insightful")
    SUPPORT = "support", _("Support")
    FUNNY = "funny", _("Funny")


REACTION_EMOJI = {
    ReactionKind.LIKE: "👍",
    ReactionKind.CELEBRATE: "🎉",
    ReactionKind.INSIGHTFUL: "💡",
    ReactionKind.SUPPORT: "💚",
    ReactionKind.FUNNY: "😄",
}


class PostKind(models.TextChoices):
    POST = "post", _("Post")
    SHARE = "share", _("Share")
    POLL = "poll", _("Poll")
    PRAISE = "praise", _("Praise")
    # Posts that stand for another app's content (``feed.items``).
    THREAD = "thread", _("Forum thread")
    ARTICLE = "article", _("Blog article")
    WIKI_PAGE = "wiki_page", _("Wiki page")


# Posts that stand for a forum thread, a blog article or a wiki page (``feed.items``): the
# conversation happens on the item, and the item's own services write, move and withdraw it.
ITEM_KINDS = frozenset({PostKind.THREAD, PostKind.ARTICLE, PostKind.WIKI_PAGE})


class PraiseValue(models.TextChoices):
    TEAMWORK = "teamwork", _("Teamwork")
    CUSTOMER_FOCUS = "customer_focus", _("Customer focus")
    INNOVATION = "innovation", _("Innovation")
    INTEGRITY = "integrity", _("Integrity")
    EXCELLENCE = "excellence", _("Excellence")
    EXTRA_MILE = "extra_mile", _("Going the extra mile")


class PostQuerySet(PlacedContentQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def status_updates(self):
        """Posts people wrote in the feed, not the cards of threads, articles or pages."""
        return self.exclude(kind__in=ITEM_KINDS)

    def visible_to(self, user):
        """Posts ``user`` may see: the placement rule, not deleted, and for a share, only when
        the original is visible too (a deleted or hidden original shows as unavailable)."""
        if not user.is_authenticated:
            return self.none()
        readable = Community.objects.with_content_visible_to(user)
        return self.filter(
            Q(community__isnull=True) | Q(community__in=readable),
            Q(shared_post__isnull=True)
            | Q(shared_post__community__isnull=True)
            | Q(shared_post__community__in=readable),
            hidden_at__isnull=True,
            deleted_at__isnull=True,
        )

    def pinned_announcements(self, now=None):
        return self.filter(is_announcement=True, announcement_until__gt=now or timezone.now())


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="tag_items")

    class Meta:
        verbose_name = _("post tag")
        verbose_name_plural = _("post tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_tag")
        ]


class Post(PlacedContent):
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices, default="post")
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH, blank=True)
    # Derived from ``body`` by the services (sanitised Markdown, mentions and hashtags linked).
    body_html = models.TextField(_("message (HTML)"), blank=True, editable=False)
    shared_post = models.ForeignKey(
        "self",
        verbose_name=_("shared post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shares",
    )
    # For item posts (ITEM_KINDS): the id of the thread, article or page this post stands for.
    item_id = models.PositiveBigIntegerField(_("item"), null=True, blank=True, editable=False)
    is_announcement = models.BooleanField(_("announcement"), default=False)
    announcement_until = models.DateTimeField(_("pinned until"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    reaction_count = models.PositiveIntegerField(_("reactions"), default=0)
    share_count = models.PositiveIntegerField(_("shares"), default=0)
    seen_count = models.PositiveIntegerField(_("seen by"), default=0)
    mentioned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="mentioned_in_posts",
    )
    mentioned_communities = models.ManyToManyField(
        Community, verbose_name=_("mentioned communities"), blank=True, related_name="+"
    )
    tags = TaggableManager(_("tags"), through=TaggedPost, blank=True)
    comments = GenericRelation("feed.Comment", related_query_name="post")
    reactions = GenericRelation("feed.Reaction", related_query_name="post")

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "item_id"],
                condition=Q(item_id__isnull=False),
                name="unique_post_item",
            )
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="post_timeline"),
            models.Index(fields=["author", "-created_at"], name="post_author_timeline"),
            models.Index(fields=["community", "-created_at"], name="post_community_timeline"),
            models.Index(
                fields=["announcement_until"],
                condition=Q(is_announcement=True),
                name="post_announcements",
            ),
            # The home feed's company-announcements branch: rare rows, newest first.
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(is_announcement=True, community__isnull=True),
                name="post_company_announcements",
            ),
        ]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "") or f"{self.get_kind_display()} {self.pk}"

    def get_absolute_url(self):
        return reverse("feed:post-detail", kwargs={"pk": self.pk})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_pinned(self) -> bool:
        return self.is_announcement and bool(
            self.announcement_until and self.announcement_until > timezone.now()
        )

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this post (the same as ``Post.objects.visible_to``)."""
        if self.is_deleted or not super().is_visible_to(user):
            return False
        original = self.shared_post
        if original is None or original.community_id is None:
            return True
        from communities.permissions import can_read_content

        return can_read_content(user, original.community)


class PostRevision(models.Model):
    """A previous text of an edited post, kept for its author and the moderators."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH, blank=True)
    # When this text was written (the post's creation or an earlier edit).
    written_at = models.DateTimeField(_("written"))
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-replaced_at", "-id"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        return f"{self.post_id} @ {self.written_at:%Y-%m-%d %H:%M}"


class PostImage(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("image"), upload_to="posts/images/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="posts/thumbs/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("post image")
        verbose_name_plural = _("post images")

    def __str__(self):
        return self.description or self.image.name


class PostAttachment(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="posts/files/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class CommentQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def on(self, target):
        """Comments on ``target`` (a post, an article...)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )


class Comment(TimeStampedModel):
    """A comment on any commentable target, or a reply to one (one level deep)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    body_html = models.TextField(_("comment (HTML)"), blank=True, editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    reaction_count = models.PositiveIntegerField(_("reactions"), default=0)
    mentioned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="mentioned_in_comments",
    )
    reactions = GenericRelation("feed.Reaction", related_query_name="comment")

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="comment_target")
        ]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def is_visible_to(self, user) -> bool:
        """A comment is visible where its target is, unless deleted."""
        return not self.is_deleted and self.target is not None and self.target.is_visible_to(user)


class Reaction(TimeStampedModel):
    """One person's reaction to one item; changing it replaces the kind."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    kind = models.CharField(_("reaction"), max_length=12, choices=ReactionKind.choices)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="one_reaction_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"], name="reaction_kind")]

    def __str__(self):
        return f"{self.user} {self.kind}"

    @property
    def emoji(self) -> str:
        return REACTION_EMOJI[self.kind]


class Bookmark(TimeStampedModel):
    """A post saved for later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="bookmarks",
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="bookmarks"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved post")
        verbose_name_plural = _("saved posts")
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="unique_bookmark")]

    def __str__(self):
        return f"{self.user} saved {self.post_id}"


class Poll(models.Model):
    post = models.OneToOneField(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="poll"
    )
    question = models.CharField(_("question"), max_length=300)
    allows_multiple = models.BooleanField(_("several answers allowed"), default=False)
    closes_at = models.DateTimeField(_("closes"))
    voter_count = models.PositiveIntegerField(_("voters"), default=0)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self):
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closes_at <= timezone.now()


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="options"
    )
    text = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")

    def __str__(self):
        return self.text


class PollVote(TimeStampedModel):
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="votes"
    )
    option = models.ForeignKey(
        PollOption, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="poll_votes",
    )

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="one_vote_per_answer")
        ]
        indexes = [models.Index(fields=["poll", "user"], name="poll_vote_voter")]

    def __str__(self):
        return f"{self.user} -> {self.option_id}"


class Praise(models.Model):
    """Kudos: a post that thanks colleagues for living one of the company's values."""

    post = models.OneToOneField(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="praise"
    )
    value = models.CharField(_("value"), max_length=20, choices=PraiseValue.choices)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thanked"), related_name="praise_received"
    )

    class Meta:
        verbose_name = _("praise")
        verbose_name_plural = _("praise")

    def __str__(self):
        return f"{self.get_value_display()} ({self.post_id})"


class AnnouncementView(models.Model):
    """Someone saw an announcement (for "seen by N")."""

    post = models.ForeignKey(
        Post, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="views"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    seen_at = models.DateTimeField(_("seen"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement view")
        verbose_name_plural = _("announcement views")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_view_per_person")]

    def __str__(self):
        return f"{self.user} saw {self.post_id}"
