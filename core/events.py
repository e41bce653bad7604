"""Domain events: services publish them after commit, other apps subscribe.

A service calls ``publish("user.followed", actor=..., obj=...)`` inside its transaction;
subscribers run once the transaction commits, so they never see rolled-back work. Each
app registers its subscribers in ``AppConfig.ready()`` with ``subscribe``. A failing
subscriber is logged and does not stop the others or the request.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

ALL_EVENTS = "*"


@dataclass(frozen=True)
class DomainEvent:
    name: str
    actor_id: int | None
    object_type: str = ""
    object_id: int | None = None
    community_id: int | None = None
    department_id: int | None = None
    office_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    occurred_at: datetime = field(default_factory=timezone.now)


Subscriber = Callable[[DomainEvent], None]
_subscribers: dict[str, list[Subscriber]] = defaultdict(list)
_muted: ContextVar[bool] = ContextVar("events_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """Run services without delivering their events: for writing history (the demo seed
    replays 90 days through the services and must not notify anyone today of it)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def subscribe(name: str, handler: Subscriber) -> None:
    """Call ``handler`` for every event called ``name`` (or every event, for ``"*"``)."""
    if handler not in _subscribers[name]:
        _subscribers[name].append(handler)


def publish(
    name: str,
    *,
    actor=None,
    obj=None,
    community_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> DomainEvent:
    """Build an event now and deliver it to subscribers when the transaction commits."""
    event = DomainEvent(
        name=name,
        actor_id=getattr(actor, "pk", None),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=getattr(obj, "pk", None),
        community_id=community_id,
        # The department at the time of the event, not whatever it is when analysed.
        department_id=getattr(actor, "department_id", None),
        office_id=getattr(actor, "office_id", None),
        payload=payload or {},
    )
    if not _muted.get():
        transaction.on_commit(lambda: dispatch(event))
    return event


def dispatch(event: DomainEvent) -> None:
    """Run every subscriber of ``event``; used by ``publish`` after commit."""
    for handler in [*_subscribers.get(event.name, []), *_subscribers.get(ALL_EVENTS, [])]:
        try:
            handler(event)
        except Exception:
            logger.exception("Subscriber %r failed on %s", handler, event.name)
