"""Notifications: what happened that concerns someone, and how they want to hear about it.

A notification points at its target (a post, a comment, a person, a community) and is shown
only while its recipient may still see that target (``notifications.visibility``), so a
deleted post or a private community one has left takes its notifications with it.

Reactions are grouped: one unread row per recipient and item, whose ``actor`` is the latest
person and ``actor_count`` how many reacted ("Ani and 3 others reacted to your post"). Edits
to a watched wiki page are batched the same way, one row per page per hour.
``updated_at`` is the latest activity and orders the list; marking read or e-mailed goes
through ``QuerySet.update()``, which leaves it alone.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Verb(models.TextChoices):
    MENTION = "mention", _("Mentions of me")
    COMMENT = "comment", _("Comments on my posts")
    REPLY = "reply", _("Replies to my comments")
    REACTION = "reaction", _("Reactions to my posts and comments")
    FOLLOW = "follow", _("New followers")
    SHARE = "share", _("Shares of my posts")
    PRAISE = "praise", _("Praise for me")
    COMMUNITY_INVITE = "community_invite", _("Invitations to communities")
    JOIN_REQUEST = "join_request", _("Requests to join communities I manage")
    JOIN_APPROVED = "join_approved", _("Approved requests to join")
    ANNOUNCEMENT = "announcement", _("Announcements")
    FORUM_REPLY = "forum_reply", _("Replies in threads I follow")
    ANSWER_ACCEPTED = "answer_accepted", _("My answers accepted")
    THREAD_SOLVED = "thread_solved", _("Answers accepted in threads I follow")
    EXPERT_ASKED = "expert_asked", _("Questions people asked me")
    WIKI_EDITED = "wiki_edited", _("Edits to wiki pages I watch")
    CLIMATE_ALERT = "climate_alert", _("Climate alerts (Leaders)")


ICONS = {
    Verb.MENTION: "at",
    Verb.COMMENT: "chat-left-text",
    Verb.REPLY: "reply",
    Verb.REACTION: "emoji-smile",
    Verb.FOLLOW: "person-plus",
    Verb.SHARE: "repeat",
    Verb.PRAISE: "award",
    Verb.COMMUNITY_INVITE: "envelope-paper",
    Verb.JOIN_REQUEST: "door-open",
    Verb.JOIN_APPROVED: "check2-circle",
    Verb.ANNOUNCEMENT: "megaphone",
    Verb.FORUM_REPLY: "chat-square-text",
    Verb.ANSWER_ACCEPTED: "patch-check",
    Verb.THREAD_SOLVED: "check2-square",
    Verb.EXPERT_ASKED: "question-circle",
    Verb.WIKI_EDITED: "journal-text",
    Verb.CLIMATE_ALERT: "thermometer-half",
}

# Verbs whose unread notifications about one item collect their actors in one row.
GROUPED_VERBS = frozenset({Verb.REACTION})
# How many actor ids a grouped row remembers (to count each person once).
MAX_GROUPED_ACTORS = 100
# Verbs batched by time: one row per recipient and item within the window collects the
# actors, read or not (a new actor makes it unread again); past the window a new row starts.
BATCH_WINDOWS = {Verb.WIKI_EDITED: timedelta(hours=1)}


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("In the app and the daily e-mail")
    OFF = "off", _("Off")


DEFAULT_CHANNEL = Channel.IN_APP


class Notification(TimeStampedModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    verb = models.CharField(_("type"), max_length=20, choices=Verb.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    actor_count = models.PositiveIntegerField(_("people"), default=1)
    # The people counted in ``actor_count`` (grouped verbs only).
    actor_ids = models.JSONField(default=list, blank=True, editable=False)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-updated_at", "-id"], name="notification_list"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="notification_undigested",
            ),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]
        constraints = [
            # One unread grouped row per recipient and item; a new one starts once it is read.
            models.UniqueConstraint(
                fields=["recipient", "verb", "target_type", "target_id"],
                condition=Q(read_at__isnull=True, verb__in=sorted(GROUPED_VERBS)),
                name="one_unread_group_per_item",
            )
        ]

    def __str__(self):
        return f"{self.get_verb_display()} → {self.recipient}"

    def get_absolute_url(self):
        return reverse("notifications:open", kwargs={"pk": self.pk})

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def icon(self) -> str:
        return ICONS.get(self.verb, "bell")

    @property
    def message(self):
        """What happened, as HTML in the active language ("<b>Ani</b> and 3 others...")."""
        from notifications.messages import describe_html

        return describe_html(self)

    @property
    def message_text(self) -> str:
        from notifications.messages import describe_text

        return describe_text(self)

    @property
    def other_count(self) -> int:
        """How many people besides ``actor`` (grouped notifications)."""
        return max(self.actor_count - 1, 0)


class NotificationPreference(TimeStampedModel):
    """How one person wants to hear about one type of notification (no row: the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    verb = models.CharField(_("type"), max_length=20, choices=Verb.choices)
    channel = models.CharField(
        _("how"), max_length=10, choices=Channel.choices, default=DEFAULT_CHANNEL
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "verb"], name="one_preference_per_type")
        ]

    def __str__(self):
        return f"{self.user}: {self.verb} = {self.channel}"
