"""Celery tasks of analytics. The sentiment tasks live with the scorer and are imported here
so that Celery's autodiscovery (which looks for ``<app>.tasks``) registers them."""

import datetime

from celery import shared_task

from analytics import rollups
from analytics.sentiment.tasks import *  # noqa: F403


@shared_task(time_limit=120, soft_time_limit=100)
def rollup_today() -> int:
    """Hourly: recompute today so far (its day, week, month and the people active today)."""
    return rollups.rollup_day(rollups.local_today())


@shared_task(time_limit=600, soft_time_limit=540)
def close_day() -> int:
    """Nightly: recompute yesterday once its last hour is in the log."""
    return rollups.rollup_day(rollups.local_today() - datetime.timedelta(days=1))


@shared_task(time_limit=600, soft_time_limit=540)
def rollup_range(start: str, end: str) -> int:
    """Recompute the days ``start`` to ``end`` (ISO dates), e.g. queued from the admin."""
    return rollups.rollup_range(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    )


@shared_task(time_limit=120, soft_time_limit=100)
def climate_alerts() -> int:
    """Hourly: raise this week's new climate alerts and tell the Leaders (each jump once)."""
    from analytics.alerts import climate_alerts_raise

    return len(climate_alerts_raise())
