"""Following topics: a person follows a tag and its posts join their home feed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.models import TimeStampedModel


class TagFollow(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="tag_follows",
    )
    tag = models.ForeignKey(
        Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="follows"
    )

    class Meta:
        verbose_name = _("followed tag")
        verbose_name_plural = _("followed tags")
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="unique_tag_follow")]

    def __str__(self):
        return f"{self.user} follows #{self.tag}"
