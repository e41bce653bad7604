from analytics.services import event_record
from core import events
from core.events import DomainEvent


def record_event(event: DomainEvent) -> None:
    """Every domain event of every app lands in the event log."""
    event_record(event=event)


def register() -> None:
    events.subscribe(events.ALL_EVENTS, record_event)
