import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from analytics import rollups, tasks
from analytics.models import DailyActivity, PeriodActivity
from esn.celery import app as celery_app
from tests.analytics.data.conftest import log
from tests.factories import UserFactory


def now_in_jakarta() -> datetime.datetime:
    return datetime.datetime.now(rollups.company_zone())


def test_the_beat_runs_today_hourly_and_closes_yesterday_nightly():
    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE

    hourly, nightly = schedule["analytics-rollup-today"], schedule["analytics-close-day"]
    assert hourly["task"] == "analytics.tasks.rollup_today"
    assert nightly["task"] == "analytics.tasks.close_day"
    assert {hourly["task"], nightly["task"]} <= set(celery_app.tasks)
    assert (hourly["schedule"].minute, hourly["schedule"].hour) == ({5}, set(range(24)))
    assert (nightly["schedule"].minute, nightly["schedule"].hour) == ({20}, {0})
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE  # Days end when the beat thinks.


def test_the_rollup_tasks_have_time_limits():
    for task in (tasks.rollup_today, tasks.close_day, tasks.rollup_range):
        assert 0 < task.soft_time_limit < task.time_limit <= 600


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="embedded mode only")
def test_without_redis_the_tasks_run_in_process(db):
    someone = UserFactory(username="wati")
    log("user.logged_in", someone, now_in_jakarta())
    log("user.logged_in", someone, now_in_jakarta() - datetime.timedelta(days=1))

    assert tasks.rollup_today.delay().get(timeout=5) == 1
    assert tasks.close_day.delay().get(timeout=5) == 1
    assert DailyActivity.objects.filter(user=someone).count() == 2


def test_the_range_task_takes_iso_dates(db):
    someone = UserFactory(username="wati")
    log("user.logged_in", someone, now_in_jakarta() - datetime.timedelta(days=2))
    first = (rollups.local_today() - datetime.timedelta(days=3)).isoformat()

    assert tasks.rollup_range.apply(args=(first, rollups.local_today().isoformat())).get() == 1


@pytest.mark.redis
def test_a_real_worker_computes_todays_rollup_through_redis(transactional_db):
    assert celery_app.conf.task_always_eager is False
    assert celery_app.conf.broker_url.startswith("redis://")
    someone = UserFactory(username="wati")
    log("user.logged_in", someone, now_in_jakarta())
    log("post.created", someone, now_in_jakarta(), kind="post")

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = tasks.rollup_today.delay()
        # Leaves this process through the broker; the worker writes the rows.
        assert result.get(timeout=30) == 1

    row = DailyActivity.objects.get(user=someone)
    assert (row.day, row.actions, row.contributions, row.logins) == (
        rollups.local_today(), 2, 1, 1,
    )  # fmt: skip
    assert PeriodActivity.objects.filter(user=someone).count() == 2  # Its week and month.
