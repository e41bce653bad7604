"""Following topics, and the old addresses of renamed or merged topics.

The tags themselves are django-taggit's ``Tag``; every content type links to them through its
own through model (``feed.TaggedPost``, ``forums.TaggedThread``...), and the search index
carries them for all of them (``search.SearchDocumentTag``).
"""

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


class TagAlias(TimeStampedModel):
    """A slug a tag had before it was renamed, or the slug of a tag merged into it: its
    page redirects to the tag's page, so links written into posts keep working."""

    slug = models.SlugField(_("old slug"), max_length=100, unique=True, allow_unicode=True)
    tag = models.ForeignKey(
        Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = _("old tag address")
        verbose_name_plural = _("old tag addresses")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.slug} → {self.tag.slug}"


def tag_link_fields() -> list[models.ForeignKey]:
    """Every foreign key to ``Tag`` (outside taggit's tag table itself): the through models
    of every content type, skills and interests, search documents, follows, old addresses.
    Found from the models, so a new content type is covered without a change here."""
    from django.apps import apps

    return [
        f
        for model in apps.get_models(include_auto_created=True)
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is Tag
    ]


def tag_use_fields() -> list[models.ForeignKey]:
    """The links that are uses of a tag: something tagged with it (not a follow, an old
    address or the search index's copy)."""
    from search.models import SearchDocumentTag

    derived = (TagFollow, TagAlias, SearchDocumentTag)
    return [f for f in tag_link_fields() if not issubclass(f.model, derived)]
