from analytics.models import Event
from core.events import DomainEvent


def event_record(*, event: DomainEvent) -> Event:
    """Append one domain event to the analytics log."""
    return Event.objects.create(
        verb=event.name,
        actor_id=event.actor_id,
        object_type=event.object_type,
        object_id=event.object_id,
        community_id=event.community_id,
        department_id=event.department_id,
        occurred_at=event.occurred_at,
        payload=event.payload,
    )
