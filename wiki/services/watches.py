"""Watching a page or a whole space: its watchers are told of edits (``Verb.WIKI_EDITED``,
one notification per page per hour, see ``notifications.services``)."""

from django.db import IntegrityError, transaction

from core import events
from profiles.models import User
from wiki import permissions
from wiki.models import Page, Space, Watch


def _add(user: User, **lookup) -> bool:
    if Watch.objects.filter(user=user, **lookup).exists():
        return False
    watch = Watch(user=user, **lookup)
    # The person, space and page come loaded; the constraints back the uniqueness.
    watch.full_clean(exclude=["user", "space", "page"], validate_constraints=False)
    try:
        with transaction.atomic():
            watch.save()
    except IntegrityError:  # Watched at the same moment in another request.
        return False
    return True


@transaction.atomic
def watch_page(*, user: User, page: Page) -> bool:
    """``user`` watches ``page``; True when they did not before. Http404 if they cannot
    see it."""
    permissions.check_read_page(user, page)
    added = _add(user, space_id=page.space_id, page=page)
    if added:
        events.publish("wiki.page_watched", actor=user, obj=page, community_id=page.community_id)
    return added


@transaction.atomic
def unwatch_page(*, user: User, page: Page) -> bool:
    """``user`` stops watching ``page``; True when they watched it."""
    permissions.check_read_page(user, page)
    removed, _kinds = Watch.objects.filter(user=user, page=page).delete()
    return removed > 0


@transaction.atomic
def watch_space(*, user: User, space: Space) -> bool:
    """``user`` watches every page of ``space``; True when they did not before. Http404 if
    they cannot see it."""
    permissions.check_read_space(user, space)
    added = _add(user, space=space, page=None)
    if added:
        events.publish("wiki.space_watched", actor=user, obj=space, community_id=space.community_id)
    return added


@transaction.atomic
def unwatch_space(*, user: User, space: Space) -> bool:
    """``user`` stops watching ``space`` as a whole (pages they watch one by one stay)."""
    permissions.check_read_space(user, space)
    removed, _kinds = Watch.objects.filter(user=user, space=space, page__isnull=True).delete()
    return removed > 0
