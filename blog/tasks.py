"""Background work for blogs (schedule in ``settings.CELERY_BEAT_SCHEDULE``)."""

import logging

from celery import shared_task
from django.utils import timezone

from blog.models import Article
from blog.services.articles import article_publish_due

logger = logging.getLogger(__name__)

DUE_BATCH = 200


@shared_task(soft_time_limit=50, time_limit=60)
def publish_due_articles() -> int:
    """Publish every scheduled article whose time has come; returns how many went out.
    Idempotent: each article is locked and re-checked, so a second run publishes nothing."""
    now = timezone.now()
    ids = list(Article.objects.due(now).order_by("publish_at", "id").values_list("pk", flat=True))
    published = 0
    for start in range(0, len(ids), DUE_BATCH):
        for pk in ids[start : start + DUE_BATCH]:
            try:
                published += article_publish_due(article_id=pk, now=now) is not None
            except Exception:  # One broken article must not hold back everyone else's.
                logger.exception("Publishing scheduled article %s failed", pk)
    return published
