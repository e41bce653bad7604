from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel


class Event(AppendOnlyModel):
    """One row per domain event: the append-only log that analytics roll up."""

    verb = models.CharField(_("verb"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    community_id = models.BigIntegerField(_("community id"), null=True, blank=True)
    # Copied from the actor when the event happened, so moves do not rewrite history.
    department = models.ForeignKey(
        "profiles.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["verb", "occurred_at"])]

    def __str__(self):
        return f"{self.verb} by {self.actor_id} at {self.occurred_at:%Y-%m-%d %H:%M}"
