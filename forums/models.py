"""The discussion forum: categories, threads (discussions and questions), replies, votes.

A ``Category`` is company-wide (``community`` empty) or belongs to one community; a
``Thread`` is placed content (``communities.models.PlacedContent``) whose placement always
comes from its category (the services keep ``thread.community == thread.category.community``),
so the one visibility rule applies to threads and, through them, to their replies.

``Thread.objects.visible_to(user)`` is the placement rule, without deleted threads and
without threads merged into another one (a merged thread lives on only as a redirect:
``forums.selectors.thread_detail`` follows ``merged_into``). Counters (``reply_count``,
``score``, a reply's ``up_count``/``down_count``/``score``) are kept by the services in the
transaction of the change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models import Community, PlacedContent, PlacedContentQuerySet
from core.models import TimeStampedModel

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
CATEGORY_NAME_MAX_LENGTH = 80


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Categories ``user`` may browse: company-wide ones, and those of communities whose
        content they may read."""
        if not user.is_authenticated:
            return self.none()
        readable = Community.objects.with_content_visible_to(user)
        return self.filter(Q(community__isnull=True) | Q(community__in=readable))


class Category(TimeStampedModel):
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_categories",
        help_text=_("Empty: company-wide."),
    )
    name = models.CharField(_("name"), max_length=CATEGORY_NAME_MAX_LENGTH)
    slug = models.SlugField(_("address"), max_length=CATEGORY_NAME_MAX_LENGTH, allow_unicode=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "slug"], name="forum_category_unique_slug_in_community"
            ),
            # NULLs are distinct in a unique index: company-wide categories need their own.
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(community__isnull=True),
                name="forum_category_unique_company_slug",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Company-wide slugs are unique; a community's category is addressed by its id.
        is_slug = self.community_id is None and self.slug and not self.slug.isdigit()
        return reverse("forums:category", args=[self.slug if is_slug else self.pk])

    def is_visible_to(self, user) -> bool:
        from communities.permissions import can_read_content

        if not user.is_authenticated:
            return False
        return self.community_id is None or can_read_content(user, self.community)


class ThreadQuerySet(PlacedContentQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True, merged_into__isnull=True)

    def visible_to(self, user):
        """Threads ``user`` may see: the placement rule, not deleted, not merged away."""
        return super().visible_to(user).filter(deleted_at__isnull=True, merged_into__isnull=True)

    def followed_by(self, user):
        return self.annotate(
            is_followed=Exists(ThreadSubscription.objects.filter(thread=OuterRef("pk"), user=user))
        )


class TaggedThread(TaggedItemBase):
    content_object = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="tag_items")

    class Meta:
        verbose_name = _("thread tag")
        verbose_name_plural = _("thread tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_thread_tag")
        ]


class Thread(PlacedContent):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="threads"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    # Derived from ``body`` by the services (feed.text.render_text: the one sanitiser).
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    tags = TaggableManager(_("tags"), through=TaggedThread, blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    accepted_reply = models.ForeignKey(
        "Reply",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    # The first reply by someone other than the asker (kept if that reply is deleted later:
    # it is a measure of how fast people answered).
    first_reply_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("latest activity"), null=True, blank=True)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    # The sum of the scores of its replies ("most votes").
    score = models.IntegerField(_("votes"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
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
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_threads",
    )
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True)
    mentioned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="mentioned_in_threads",
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["category", "-last_activity_at", "-id"], name="thread_activity"),
            models.Index(fields=["category", "-created_at", "-id"], name="thread_newest"),
            models.Index(fields=["category", "-score", "-id"], name="thread_votes"),
            models.Index(fields=["-last_activity_at"], name="thread_last_activity"),
            models.Index(fields=["author", "-created_at"], name="thread_author"),
            models.Index(fields=["community", "-created_at"], name="thread_community"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:thread-detail", args=[self.pk])

    @property
    def is_question(self) -> bool:
        return self.kind == ThreadKind.QUESTION

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def is_live(self) -> bool:
        """Not deleted, merged away or hidden: someone may still see it."""
        return not self.is_deleted and not self.is_merged and not self.is_hidden

    @property
    def is_solved(self) -> bool:
        return self.accepted_reply_id is not None

    @property
    def time_to_first_reply(self):
        """How long the asker waited for someone else's first reply (None: still waiting)."""
        return self.first_reply_at - self.created_at if self.first_reply_at else None

    @property
    def time_to_accepted_answer(self):
        """How long until an answer was accepted ("answered in 14 minutes"); None if unsolved."""
        return self.solved_at - self.created_at if self.solved_at else None

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this thread (the same as ``Thread.objects.visible_to``)."""
        return not self.is_deleted and not self.is_merged and super().is_visible_to(user)


class ThreadRevision(models.Model):
    """An earlier title and text of an edited thread."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    written_at = models.DateTimeField(_("written"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-replaced_at", "-id"]
        verbose_name = _("thread revision")
        verbose_name_plural = _("thread revisions")

    def __str__(self):
        return f"{self.thread_id} @ {self.written_at:%Y-%m-%d %H:%M}"


class ReplyQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user):
        """Replies ``user`` may see: not deleted, in a thread they may see."""
        return self.alive().filter(thread__in=Thread.objects.visible_to(user))


class Reply(TimeStampedModel):
    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="forum_replies",
    )
    body = models.TextField(_("reply"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(_("reply (HTML)"), blank=True, editable=False)
    quoted = models.ForeignKey(
        "self",
        verbose_name=_("quotes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quoted_by",
    )
    up_count = models.PositiveIntegerField(_("up-votes"), default=0)
    down_count = models.PositiveIntegerField(_("down-votes"), default=0)
    score = models.IntegerField(_("score"), default=0)
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
    mentioned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="mentioned_in_forum_replies",
    )

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="reply_thread"),
            models.Index(fields=["author", "-created_at"], name="reply_author"),
        ]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self):
        """The reply's permalink: it leads to the page of the thread that holds the reply."""
        return reverse("forums:reply", args=[self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def community(self):
        """Where the reply is placed: its thread's place (for moderation and notifications)."""
        return self.thread.community

    @property
    def community_id(self):
        return self.thread.community_id

    def is_visible_to(self, user) -> bool:
        return not self.is_deleted and self.thread.is_visible_to(user)


class ReplyRevision(models.Model):
    """An earlier text of an edited reply."""

    reply = models.ForeignKey(
        Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("reply"), max_length=BODY_MAX_LENGTH)
    written_at = models.DateTimeField(_("written"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-replaced_at", "-id"]
        verbose_name = _("reply revision")
        verbose_name_plural = _("reply revisions")

    def __str__(self):
        return f"{self.reply_id} @ {self.written_at:%Y-%m-%d %H:%M}"


class ReplyAttachment(models.Model):
    reply = models.ForeignKey(
        Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="forums/files/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("reply attachment")
        verbose_name_plural = _("reply attachments")

    def __str__(self):
        return self.name


class VoteValue(models.IntegerChoices):
    UP = 1, _("Up")
    DOWN = -1, _("Down")


class ReplyVote(TimeStampedModel):
    reply = models.ForeignKey(
        Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="forum_votes",
    )
    value = models.SmallIntegerField(_("vote"), choices=VoteValue.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["reply", "user"], name="one_vote_per_reply"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_is_up_or_down"),
        ]

    def __str__(self):
        return f"{self.user} {self.value:+d} on {self.reply_id}"


class ThreadSubscription(TimeStampedModel):
    """Someone follows a thread: they hear about its new replies and its accepted answer."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )

    class Meta:
        verbose_name = _("thread subscription")
        verbose_name_plural = _("thread subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_subscription_per_thread")
        ]

    def __str__(self):
        return f"{self.user} follows {self.thread_id}"
