"""The analytics schedule without a beat process: the embedded mode.

With Redis, Celery beat runs ``rollup_today`` and ``climate_alerts`` every hour and
``close_day`` every night (``CELERY_BEAT_SCHEDULE``). Without Redis no beat runs and tasks run
eagerly in the web process, so the dashboards catch up when they are opened: the first one
opened in an hour runs today's rollup and the climate alerts, the first one on a day also
closes yesterday. ``ANALYTICS_EMBEDDED_SCHEDULE`` (on exactly when ``REDIS_URL`` is unset)
switches it.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

HOUR = 3600
DAY = 24 * HOUR


def catch_up() -> None:
    """Run the analytics tasks that beat would have run since the last catch-up."""
    if not settings.ANALYTICS_EMBEDDED_SCHEDULE:
        return
    # Imported here: the rollups bump analytics.cache's data version, and the cache calls this.
    from analytics import rollups, tasks

    now = timezone.localtime(timezone.now(), rollups.company_zone())
    yesterday = now.date() - datetime.timedelta(days=1)
    # cache.add: only the first request of the day / hour runs them.
    if cache.add(f"analytics:schedule:closed:{yesterday.isoformat()}", True, 2 * DAY):
        tasks.close_day()
    if cache.add(f"analytics:schedule:hour:{now:%Y-%m-%dT%H}", True, HOUR):
        tasks.rollup_today()
        tasks.climate_alerts()
