"""Setting up the forum: categories company-wide and per community."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.models import Community
from core import events
from forums import permissions
from forums.models import CATEGORY_NAME_MAX_LENGTH, Category
from profiles.models import User


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the category a name.")})
    if len(name) > CATEGORY_NAME_MAX_LENGTH:
        raise ValidationError(
            {
                "name": _("Keep the name under %(limit)d characters.")
                % {"limit": CATEGORY_NAME_MAX_LENGTH}
            }
        )
    return name


def _clean_slug(slug: str, *, name: str, community: Community | None, exclude=None) -> str:
    slug = slugify(slug or name, allow_unicode=True)[:CATEGORY_NAME_MAX_LENGTH]
    if not slug:
        raise ValidationError({"slug": _("Use letters or digits in the address.")})
    taken = Category.objects.filter(community=community, slug=slug)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"slug": _("Another category here already uses this address.")})
    return slug


def _clean_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > 1000:
        raise ValidationError({"description": _("Keep the description under 1000 characters.")})
    return description


@transaction.atomic
def category_create(
    *,
    actor: User,
    name: str,
    community: Community | None = None,
    slug: str = "",
    description: str = "",
) -> Category:
    """A new category, last in its place (company-wide: Communicators; a community: admins)."""
    permissions.check_manage_categories(actor, community)
    errors, cleaned = {}, {}
    for field, step in (
        ("name", lambda: _clean_name(name)),
        ("description", lambda: _clean_description(description)),
    ):
        try:
            cleaned[field] = step()
        except ValidationError as error:
            errors.update(error.message_dict)
    if "name" in cleaned:
        try:
            cleaned["slug"] = _clean_slug(slug, name=cleaned["name"], community=community)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    last = Category.objects.filter(community=community).aggregate(last=Max("position"))["last"]
    category = Category(
        community=community,
        created_by=actor,
        position=0 if last is None else last + 1,
        **cleaned,
    )
    category.full_clean(exclude=["community", "created_by"], validate_constraints=False)
    category.save()
    events.publish(
        "forum.category_created", actor=actor, obj=category, community_id=category.community_id
    )
    return category


@transaction.atomic
def category_edit(
    *,
    actor: User,
    category: Category,
    name: str | None = None,
    slug: str | None = None,
    description: str | None = None,
) -> Category:
    """Rename, re-address or re-describe a category (``None`` leaves a field as it is)."""
    permissions.check_manage_categories(actor, category.community)
    locked = Category.objects.select_for_update().get(pk=category.pk)
    errors = {}
    try:
        if name is not None:
            locked.name = _clean_name(name)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if description is not None:
            locked.description = _clean_description(description)
    except ValidationError as error:
        errors.update(error.message_dict)
    if slug is not None and not errors:
        try:
            locked.slug = _clean_slug(
                slug, name=locked.name, community=locked.community, exclude=locked
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    locked.save(update_fields=["name", "slug", "description", "updated_at"])
    events.publish(
        "forum.category_edited", actor=actor, obj=locked, community_id=locked.community_id
    )
    return locked


@transaction.atomic
def category_reorder(
    *, actor: User, community: Community | None = None, order: list[int]
) -> list[Category]:
    """Put the categories of one place in ``order`` (their ids, first to last); categories left
    out keep their relative order after those named. Returns them in the new order."""
    permissions.check_manage_categories(actor, community)
    categories = list(Category.objects.select_for_update().filter(community=community))
    by_id = {c.pk: c for c in categories}
    order = [int(pk) for pk in order]
    unknown = [pk for pk in order if pk not in by_id]
    if unknown or len(set(order)) != len(order):
        raise ValidationError({"order": _("List each category of this forum once.")})
    named = [by_id[pk] for pk in order]
    rest = [c for c in categories if c.pk not in set(order)]
    ordered = named + rest
    for position, category in enumerate(ordered):
        category.position = position
    Category.objects.bulk_update(ordered, ["position"])
    return ordered


@transaction.atomic
def category_delete(*, actor: User, category: Category) -> None:
    """Remove an empty category (one with threads, even deleted ones, stays)."""
    permissions.check_manage_categories(actor, category.community)
    if category.threads.exists():
        raise ValidationError(
            _("This category still has threads: move them to another category first.")
        )
    events.publish(
        "forum.category_deleted", actor=actor, obj=category, community_id=category.community_id
    )
    category.delete()
