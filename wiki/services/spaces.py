"""Spaces: the company's one, one per community (made when the community is), personal ones
on request; and their settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from communities.models import Community
from core import events
from profiles.models import User
from wiki import permissions
from wiki.models import EditPolicy, Page, Space, SpaceKind
from wiki.services._common import collect, free_space_slug

COMPANY_SLUG = "company"
NAME_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 1000


def _publish(name: str, *, actor, space: Space, **payload) -> None:
    events.publish(
        name,
        actor=actor,
        obj=space,
        community_id=space.community_id,
        payload={"kind": space.kind, **payload},
    )


def _create(space: Space, *, find) -> Space:
    """Save a new space; if a concurrent call made it first, return theirs (``find()``)."""
    space.full_clean(exclude=["community", "owner", "home_page"], validate_constraints=False)
    try:
        with transaction.atomic():
            space.save()
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing
    _publish("wiki.space_created", actor=space.owner, space=space)
    return space


@transaction.atomic
def space_company_ensure() -> Space:
    """The company space, made the first time (idempotent; named in the site's language)."""
    existing = Space.objects.filter(kind=SpaceKind.COMPANY).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(site)s wiki") % {"site": settings.SITE_NAME}
    space = Space(kind=SpaceKind.COMPANY, name=name, slug=free_space_slug(COMPANY_SLUG))
    return _create(space, find=lambda: Space.objects.filter(kind=SpaceKind.COMPANY).first())


@transaction.atomic
def space_ensure_for_community(*, community: Community) -> Space:
    """The space of ``community``, made the first time (idempotent; its address is the
    community's, or a free one like it)."""
    existing = Space.objects.filter(community=community).first()
    if existing is not None:
        return existing
    space = Space(
        kind=SpaceKind.COMMUNITY,
        community=community,
        name=community.name[:NAME_MAX_LENGTH],
        slug=free_space_slug(community.slug),
    )
    return _create(space, find=lambda: Space.objects.filter(community=community).first())


@transaction.atomic
def space_create_personal(*, owner: User) -> Space:
    """``owner``'s personal space, made the first time (idempotent; ``u-<username>``)."""
    existing = Space.objects.filter(owner=owner).first()
    if existing is not None:
        return existing
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        name = _("%(name)s's notes") % {"name": owner.name}
    space = Space(
        kind=SpaceKind.PERSONAL,
        owner=owner,
        name=name[:NAME_MAX_LENGTH],
        slug=free_space_slug(f"u-{owner.username}"),
    )
    return _create(space, find=lambda: Space.objects.filter(owner=owner).first())


@transaction.atomic
def space_edit(
    *,
    actor: User,
    space: Space,
    name: str | None = None,
    description: str | None = None,
    edit_policy: str | None = None,
    home_page: Page | None = None,
) -> Space:
    """Change a space's name, description, who edits it, or its home page (its admins).
    Arguments left None stay as they are."""
    permissions.check_edit_space(actor, space)
    locked = (
        Space.objects.select_for_update(of=("self",)).select_related("community").get(pk=space.pk)
    )
    errors: dict = {}
    changed = []
    if name is not None:
        cleaned = collect(errors, lambda: _clean_name(name))
        if cleaned is not None and cleaned != locked.name:
            locked.name = cleaned
            changed.append("name")
    if description is not None:
        cleaned = collect(errors, lambda: _clean_description(description))
        if cleaned is not None and cleaned != locked.description:
            locked.description = cleaned
            changed.append("description")
    if edit_policy is not None:
        if edit_policy not in EditPolicy.values:
            errors.setdefault("edit_policy", []).append(
                _("Choose who edits: the members or only the admins.")
            )
        elif edit_policy != locked.edit_policy:
            locked.edit_policy = edit_policy
            changed.append("edit_policy")
    if home_page is not None:
        if home_page.space_id != locked.pk or home_page.is_deleted:
            errors.setdefault("home_page", []).append(_("Choose a page of this space."))
        elif home_page.pk != locked.home_page_id:
            locked.home_page = home_page
            changed.append("home_page")
    if errors:
        raise ValidationError(errors)
    if changed:
        locked.full_clean(exclude=["community", "owner", "home_page"], validate_constraints=False)
        locked.save(update_fields=[*changed, "updated_at"])
        _publish("wiki.space_edited", actor=actor, space=locked, fields=changed)
    return locked


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the space a name.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("Keep the name under %(limit)d characters.") % {"limit": NAME_MAX_LENGTH}}
        )
    return name


def _clean_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {
                "description": _("Keep the description under %(limit)d characters.")
                % {"limit": DESCRIPTION_MAX_LENGTH}
            }
        )
    return description
