"""Celery tasks of analytics. The sentiment tasks live with the scorer and are imported here
so that Celery's autodiscovery (which looks for ``<app>.tasks``) registers them."""

from analytics.sentiment.tasks import *  # noqa: F403
