"""Background work for notifications (schedule in ``settings.CELERY_BEAT_SCHEDULE``)."""

import logging

from celery import shared_task

from notifications import selectors, services
from profiles.models import User

logger = logging.getLogger(__name__)

DIGEST_BATCH = 200


@shared_task(soft_time_limit=3300, time_limit=3600)
def send_daily_digests() -> int:
    """E-mail every person who has unread notifications they want by e-mail; returns how
    many e-mails went. Idempotent: what a digest reported is marked and never sent again."""
    recipient_ids = (
        selectors.digest_pending().order_by().values_list("recipient_id", flat=True).distinct()
    )
    sent = 0
    ids = sorted(set(recipient_ids))
    for start in range(0, len(ids), DIGEST_BATCH):
        for user in User.objects.filter(pk__in=ids[start : start + DIGEST_BATCH]):
            try:
                sent += bool(services.digest_send(user=user))
            except Exception:  # One bad address must not stop everyone else's digest.
                logger.exception("Digest for user %s failed", user.pk)
    return sent


@shared_task(soft_time_limit=240, time_limit=300)
def push_badges_task(user_ids: list[int], announce: bool = False) -> None:
    """Send the new unread badge to many people's open pages (after a big announcement)."""
    services.send_badges(user_ids, announce=announce)
