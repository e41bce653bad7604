from analytics.models import Event
from communities.models import Community, CommunityType
from core.events import DomainEvent


def community_is_public(community_id: int | None) -> bool:
    """Whether activity in this community may show in breakdowns: company-wide activity (no
    community) and public communities yes; private, secret and vanished communities no."""
    if community_id is None:
        return True
    kind = Community.objects.filter(pk=community_id).values_list("type", flat=True).first()
    return kind == CommunityType.PUBLIC


def event_record(*, event: DomainEvent) -> Event:
    """Append one domain event to the analytics log, with where the actor and the community
    stood at the time (one primary-key lookup for events in a community)."""
    return Event.objects.create(
        verb=event.name,
        actor_id=event.actor_id,
        object_type=event.object_type,
        object_id=event.object_id,
        community_id=event.community_id,
        community_public=community_is_public(event.community_id),
        department_id=event.department_id,
        office_id=event.office_id,
        occurred_at=event.occurred_at,
        payload=event.payload,
    )
