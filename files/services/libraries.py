"""Libraries: the company's one, one per community (made when the community is), personal
ones on request."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from communities.models import Community
from core import events
from files.models import Library, LibraryKind
from files.services._common import free_library_slug
from profiles.models import User

COMPANY_SLUG = "company"
NAME_MAX_LENGTH = 120


def _create(library: Library, *, find) -> Library:
    """Save a new library; if a concurrent call made it first, return theirs (``find()``)."""
    library.full_clean(exclude=["community", "owner"], validate_constraints=False)
    try:
        with transaction.atomic():
            library.save()
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing
    events.publish(
        "files.library_created",
        actor=library.owner,
        obj=library,
        community_id=library.community_id,
        payload={"kind": library.kind},
    )
    return library


@transaction.atomic
def library_company_ensure() -> Library:
    """The company library, made the first time (idempotent; named in the site's language)."""
    existing = Library.objects.filter(kind=LibraryKind.COMPANY).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(site)s files") % {"site": settings.SITE_NAME}
    library = Library(
        kind=LibraryKind.COMPANY, name=name[:NAME_MAX_LENGTH], slug=free_library_slug(COMPANY_SLUG)
    )
    return _create(library, find=lambda: Library.objects.filter(kind=LibraryKind.COMPANY).first())


@transaction.atomic
def library_ensure_for_community(*, community: Community) -> Library:
    """The library of ``community``, made the first time (idempotent; its address is the
    community's, or a free one like it)."""
    existing = Library.objects.filter(community=community).first()
    if existing is not None:
        return existing
    library = Library(
        kind=LibraryKind.COMMUNITY,
        community=community,
        name=community.name[:NAME_MAX_LENGTH],
        slug=free_library_slug(community.slug),
    )
    return _create(library, find=lambda: Library.objects.filter(community=community).first())


@transaction.atomic
def library_create_personal(*, owner: User) -> Library:
    """``owner``'s personal library, made the first time (idempotent; ``u-<username>``)."""
    existing = Library.objects.filter(owner=owner).first()
    if existing is not None:
        return existing
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        name = _("%(name)s's files") % {"name": owner.name}
    library = Library(
        kind=LibraryKind.PERSONAL,
        owner=owner,
        name=name[:NAME_MAX_LENGTH],
        slug=free_library_slug(f"u-{owner.username}"),
    )
    return _create(library, find=lambda: Library.objects.filter(owner=owner).first())
