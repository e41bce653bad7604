"""A person's recent activity on their profile, gathered from every app.

Each app registers a provider: ``provider(subject, viewer, limit) -> list[ActivityItem]``
returning only what ``viewer`` may see. The profile page merges them newest first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from profiles.models import Follow, User


@dataclass(frozen=True)
class ActivityItem:
    when: datetime
    icon: str
    verb: str  # Translated text, e.g. "followed".
    target_label: str = ""
    target_url: str = ""


Provider = Callable[[User, User, int], list[ActivityItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def recent_activity(subject: User, viewer: User, *, limit: int = 10) -> list[ActivityItem]:
    """The newest ``limit`` things ``subject`` did that ``viewer`` may see."""
    items = [item for provider in _providers for item in provider(subject, viewer, limit)]
    return sorted(items, key=lambda item: item.when, reverse=True)[:limit]


@register
def joined(subject: User, viewer: User, limit: int) -> list[ActivityItem]:
    return [ActivityItem(when=subject.date_joined, icon="person-plus", verb=_("joined Kolega"))]


@register
def followed(subject: User, viewer: User, limit: int) -> list[ActivityItem]:
    follows = (
        Follow.objects.filter(follower=subject, followee__is_active=True)
        .select_related("followee")
        .order_by("-created_at")[:limit]
    )
    return [
        ActivityItem(
            when=f.created_at,
            icon="person-check",
            verb=_("followed"),
            target_label=f.followee.name,
            target_url=f.followee.get_absolute_url(),
        )
        for f in follows
    ]
