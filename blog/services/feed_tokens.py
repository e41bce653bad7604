"""The per-person secret that lets a feed reader fetch the blogs' Atom feeds."""

import secrets

from django.db import transaction

from blog.models import FeedToken
from core import events
from profiles.models import User


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_token_get_or_create(*, user: User) -> FeedToken:
    """``user``'s feed token, made the first time it is asked for."""
    token, _created = FeedToken.objects.get_or_create(user=user, defaults={"token": _new_token()})
    return token


@transaction.atomic
def feed_token_rotate(*, user: User) -> FeedToken:
    """Give ``user`` a new feed token; the old one stops working at once."""
    token = FeedToken.objects.select_for_update().filter(user=user).first()
    if token is None:
        token = FeedToken(user=user)
    token.token = _new_token()
    token.full_clean(exclude=["user"])
    token.save()
    events.publish("blog.feed_token_rotated", actor=user, obj=token)
    return token
