"""Moderation: the audit log of what moderators did, and reports people send them.

The audit log (``ModerationAction``) is append-only, like the analytics event log: a row
says who did what to which thing, where, when and why, and it keeps a text copy of the
thing so the record stays readable after the thing is gone. Reports point at a community
or at any placed content (``communities.models.PlacedContent``) and carry the community
they belong to, which decides whose moderation queue they land in.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, PlacedContent
from core.models import AppendOnlyModel, TimeStampedModel

REASON_MAX_LENGTH = 1000


class ActionType(models.TextChoices):
    HIDE = "hide", _("Hid content")
    RESTORE = "restore", _("Restored content")
    DELETE = "delete", _("Deleted content")
    REMOVE_MEMBER = "remove_member", _("Removed a member")
    RESOLVE_REPORT = "resolve_report", _("Resolved a report")
    DISMISS_REPORT = "dismiss_report", _("Dismissed a report")
    PIN = "pin", _("Pinned a thread")
    UNPIN = "unpin", _("Unpinned a thread")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    MOVE = "move", _("Moved a thread")
    MERGE = "merge", _("Merged a thread into another")


class ModerationAction(AppendOnlyModel):
    """One thing a moderator did: who, what, to which thing, where, when and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=ActionType.choices)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("target type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    # What the target looked like when this happened (it may be deleted or edited later).
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        "moderation.Report",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        indexes = [
            models.Index(fields=["community", "created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class Report(TimeStampedModel):
    """Someone asks the moderators to look at a community or a piece of content."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("target type"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    # The community the target is in (the community itself for a community report); empty
    # for company-wide content, which only site moderators handle.
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    resolution_note = models.TextField(
        _("moderator's note"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=Q(status="open"),
                name="unique_open_report",
                violation_error_message=_("You have already reported this."),
            )
        ]
        indexes = [
            models.Index(fields=["status", "community"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"Report {self.pk} on {self.target_type_id}:{self.target_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN

    @property
    def is_about_community(self) -> bool:
        return isinstance(self.target, Community)

    @property
    def is_about_content(self) -> bool:
        return isinstance(self.target, PlacedContent)

    @property
    def target_label(self) -> str:
        """The target in a few words, for queues and lists."""
        target = self.target
        if target is None:
            return str(_("(deleted)"))
        text = str(target)
        return text if len(text) <= 120 else f"{text[:119]}…"

    @property
    def target_url(self) -> str:
        """Where the target can be seen: its own page, else its community's page, else ""."""
        target = self.target
        if target is None:
            return ""
        if hasattr(target, "get_absolute_url"):
            return target.get_absolute_url()
        community = getattr(target, "community", None)
        return community.get_absolute_url() if community is not None else ""
