"""Celery beat's schedule without a beat process: the embedded mode.

With Redis, one beat process sends the entries of ``CELERY_BEAT_SCHEDULE`` to the workers.
Without Redis there is no broker, so no beat, and tasks run eagerly in the web process. There,
once a request has been answered, the process runs the entries that came due since they last
ran: scheduled articles get published, digests sent, the trash purged, analytics rolled up.
``ScheduledRun`` remembers the last runs across restarts and processes, so a time missed while
the server was off is caught up once (not once per missed time), and two requests at the same
moment run an entry once. ``EMBEDDED_SCHEDULE`` (on exactly when ``REDIS_URL`` is unset)
switches it.
"""

import datetime
import logging
import time

from celery.schedules import crontab, maybe_schedule
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.models import ScheduledRun

logger = logging.getLogger(__name__)


def next_run(entry: dict, last_run_at: datetime.datetime) -> datetime.datetime:
    """When ``entry`` (a crontab or an interval) is due after ``last_run_at``."""
    when = maybe_schedule(entry["schedule"])
    if isinstance(when, crontab):
        start, delta, _now = when.remaining_delta(last_run_at)
        return start + delta
    return last_run_at + when.run_every


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Run the entries due at ``now``; returns the names of those run."""
    now = now or timezone.now()
    runs = {run.name: run for run in ScheduledRun.objects.all()}
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        run = runs.get(name)
        if run is None:
            # First sight: count from now, as a beat process does when it first starts.
            try:
                ScheduledRun.objects.create(name=name, task=entry["task"], last_run_at=now)
            except IntegrityError:  # Another request saw it first.
                pass
            continue
        if now < next_run(entry, run.last_run_at):
            continue
        claimed = ScheduledRun.objects.filter(pk=run.pk, last_run_at=run.last_run_at).update(
            last_run_at=now, task=entry["task"]
        )
        if claimed:
            run_entry(run, entry)
            ran.append(name)
    return ran


def run_entry(run: ScheduledRun, entry: dict) -> bool:
    """Run ``entry``'s task here and now, recording how it went on ``run``; whether it
    succeeded. A failing task is recorded and logged, and the next entries still run."""
    started = time.monotonic()
    task = import_string(entry["task"])
    result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=False)
    failed = result.failed()
    if failed:
        logger.error("Scheduled task %s failed:\n%s", entry["task"], result.traceback)
    ScheduledRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now(),
        duration_ms=round((time.monotonic() - started) * 1000),
        error=(result.traceback or str(result.result)) if failed else "",
    )
    return not failed


def after_request(**kwargs) -> None:
    """``request_finished``: at most once a minute (per cache), run what is due. The answer
    has gone out by then, so nobody waits for it."""
    if not settings.EMBEDDED_SCHEDULE:
        return
    if not cache.add(f"schedule:checked:{timezone.now():%Y-%m-%dT%H:%M}", True, 120):
        return
    try:
        run_due()
    except Exception:  # The site keeps answering; the log says what broke.
        logger.exception("The embedded schedule failed.")


def run_now(run: ScheduledRun) -> bool:
    """Run ``run``'s entry at once (an admin's action), whether due or not: here in the
    embedded mode, on a worker otherwise. Whether it ran (or was queued) without failing."""
    entry = settings.CELERY_BEAT_SCHEDULE.get(run.name)
    if entry is None:
        raise ValidationError(_("%(name)s is no longer in the schedule.") % {"name": run.name})
    if not settings.EMBEDDED_SCHEDULE:
        task = import_string(entry["task"])
        task.apply_async(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
        return True
    ScheduledRun.objects.filter(pk=run.pk).update(last_run_at=timezone.now())
    return run_entry(run, entry)
