"""Writing is scored after it is written, changed, hidden or deleted: each event enqueues the
scoring task for its item, which upserts the item's row or removes it."""

from analytics.models import ContentKind
from core import events

# Event name prefix -> the kind of item the event's object is.
EVENT_KINDS = {
    "post": ContentKind.POST,
    "comment": ContentKind.COMMENT,
    "thread": ContentKind.THREAD,
    "reply": ContentKind.REPLY,
    "article": ContentKind.ARTICLE,
}
VERBS = ("created", "edited", "deleted", "restored", "published", "unpublished", "moved", "merged")

# Moderation hides placed content of any type: the event's object type says which.
OBJECT_TYPES = {
    "feed.post": ContentKind.POST,
    "forums.thread": ContentKind.THREAD,
    "blog.article": ContentKind.ARTICLE,
}


def enqueue_scoring(event: events.DomainEvent) -> None:
    from analytics.sentiment.tasks import score_content_sentiment

    if event.name.startswith("moderation."):
        kind = OBJECT_TYPES.get(event.object_type)
    else:
        kind = EVENT_KINDS.get(event.name.split(".", 1)[0])
    if kind is None or event.object_id is None:
        return
    score_content_sentiment.delay(kind, event.object_id)


def register() -> None:
    for prefix in EVENT_KINDS:
        for verb in VERBS:
            events.subscribe(f"{prefix}.{verb}", enqueue_scoring)
    events.subscribe("moderation.content_hidden", enqueue_scoring)
    events.subscribe("moderation.content_restored", enqueue_scoring)
