"""Writes about topics: following and unfollowing, and the admins' renaming and merging.

Renaming and merging keep every link: content links to tags by id, so a renamed tag keeps
its posts, threads, articles, pages, files, skills, followers and search documents; the old
slug becomes a ``TagAlias`` whose page redirects. A merge moves every row that points at the
merged tags (every through model, found from the tag's relations, so a new content type is
covered without a change here) to the target, dropping the rows the target already has.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from taggit.models import Tag

from core import events
from tags.models import TagAlias, TagFollow, tag_link_fields
from tags.selectors import TRENDING_CACHE_KEY


@transaction.atomic
def tag_follow(*, user, tag) -> TagFollow:
    """Follow ``tag``: its posts join the person's home feed (idempotent)."""
    follow, created = TagFollow.objects.get_or_create(user=user, tag=tag)
    if created:
        events.publish("tag.followed", actor=user, obj=tag)
    return follow


@transaction.atomic
def tag_unfollow(*, user, tag) -> bool:
    """Stop following ``tag``; False when not following it."""
    deleted, _rows = TagFollow.objects.filter(user=user, tag=tag).delete()
    if deleted:
        events.publish("tag.unfollowed", actor=user, obj=tag)
    return bool(deleted)


# --- renaming and merging (Django admin) ----------------------------------------------------


def check_tag_free(tag: Tag | None, *, name: str, slug: str) -> None:
    """Refuse a name or slug another tag has (names compare case-insensitively, as taggit
    does with TAGGIT_CASE_INSENSITIVE)."""
    others = Tag.objects.exclude(pk=tag.pk) if tag is not None else Tag.objects.all()
    errors = {}
    if others.filter(name__iexact=name).exists():
        errors["name"] = _("Another tag is called “%(name)s”: merge them instead.") % {"name": name}
    if others.filter(slug=slug).exists():
        errors["slug"] = _("Another tag has the address “%(slug)s”: merge them instead.") % {
            "slug": slug
        }
    if errors:
        raise ValidationError(errors)


def _after_change(tag_id: int) -> None:
    """After commit: forget the cached trending tags, and re-index what carries the tag (its
    name is among the words a document is found by)."""
    from tags.tasks import tag_documents_reindex

    def run():
        cache.delete(TRENDING_CACHE_KEY)
        tag_documents_reindex.delay(tag_id)

    transaction.on_commit(run)


@transaction.atomic
def tag_create(*, name: str, slug: str = "", actor=None) -> Tag:
    """A new tag (admins; content makes its tags itself). The slug defaults to the name's."""
    name = (name or "").strip()
    tag = Tag(name=name)
    tag.slug = (slug or "").strip() or tag.slugify(name)
    tag.full_clean()
    check_tag_free(None, name=name, slug=tag.slug)
    tag.save()
    TagAlias.objects.filter(slug=tag.slug).delete()  # The address is a real tag's now.
    return tag


@transaction.atomic
def tag_rename(*, tag: Tag, name: str, slug: str = "", actor=None) -> Tag:
    """Give ``tag`` a new name and slug (the slug defaults to the name's). Everything tagged
    keeps it, and the old slug redirects to the new one."""
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    old_slug = tag.slug
    tag.name = (name or "").strip()
    tag.slug = (slug or "").strip() or tag.slugify(tag.name)
    tag.full_clean(validate_unique=False)
    check_tag_free(tag, name=tag.name, slug=tag.slug)
    tag.save()
    if tag.slug != old_slug:
        TagAlias.objects.filter(slug=tag.slug).delete()
        TagAlias.objects.update_or_create(slug=old_slug, defaults={"tag": tag})
        events.publish("tag.renamed", actor=actor, obj=tag, payload={"old_slug": old_slug})
    _after_change(tag.pk)
    return tag


def _unique_partners(link: models.ForeignKey) -> list[list[str]]:
    """For each unique constraint of ``link``'s model that includes it, the other columns:
    a row that moves to the target tag must not meet a row with the same ones."""
    meta = link.model._meta
    sets = [list(fields) for fields in meta.unique_together]
    sets += [
        list(c.fields)
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    return [[f for f in fields if f != link.name] for fields in sets if link.name in fields]


def _move_links(source: Tag, target: Tag) -> None:
    for link in tag_link_fields():
        manager = link.model._base_manager
        rows = manager.filter(**{link.name: source})
        for partners in _unique_partners(link):
            taken = manager.filter(
                **{link.name: target}, **{p: OuterRef(p) for p in partners}
            )  # The target already has this row (the same post, person, document...).
            rows.filter(Exists(taken)).delete()
        rows.update(**{link.name: target})


@transaction.atomic
def tag_merge(*, sources: Iterable[Tag], target: Tag, actor=None) -> Tag:
    """Merge ``sources`` into ``target``: everything tagged with one of them is tagged with
    ``target`` (once), their followers follow it, their slugs redirect to it; then they are
    deleted. Returns ``target``."""
    target = Tag.objects.select_for_update().get(pk=target.pk)
    merged = list(
        Tag.objects.select_for_update()
        .filter(pk__in=[t.pk for t in sources])
        .exclude(pk=target.pk)
        .order_by("pk")
    )
    if not merged:
        raise ValidationError(
            _("Choose at least one other tag to merge into “%(name)s”.") % {"name": target.name}
        )
    for source in merged:
        _move_links(source, target)  # Its aliases too: they now point at the target.
        TagAlias.objects.update_or_create(slug=source.slug, defaults={"tag": target})
        source.delete()
    events.publish(
        "tag.merged",
        actor=actor,
        obj=target,
        payload={"merged": [t.slug for t in merged]},
    )
    _after_change(target.pk)
    return target
