"""Following and unfollowing topics."""

from django.db import transaction

from core import events
from tags.models import TagFollow


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
