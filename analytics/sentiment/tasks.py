"""Celery tasks of the sentiment scorer (re-exported by ``analytics.tasks``)."""

from celery import shared_task

from analytics.sentiment import services

__all__ = ["score_content_sentiment"]


@shared_task(soft_time_limit=30, time_limit=60)
def score_content_sentiment(kind: str, object_id: int) -> str | None:
    """Score one post, comment, thread, reply or article (or drop its row when it is gone);
    returns the label, or None when the item has no row. Idempotent."""
    row = services.content_sentiment_score(kind=kind, object_id=object_id)
    return row.label if row is not None else None
