import datetime

import pytest
from axes.models import AccessAttempt
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.tasks import clear_expired_sessions, prune_login_attempts
from esn.celery import app as celery_app


def make_session(*, expired: bool) -> str:
    store = SessionStore()
    store["hello"] = "world"
    store.create()
    if expired:
        # Sessions cannot be created already expired; age this one instead.
        Session.objects.filter(session_key=store.session_key).update(
            expire_date=timezone.now() - datetime.timedelta(days=1)
        )
    return store.session_key


def make_login_attempt(*, username: str, age: datetime.timedelta) -> AccessAttempt:
    attempt = AccessAttempt.objects.create(
        username=username,
        ip_address="10.0.0.1",
        user_agent="pytest",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    # attempt_time is auto_now_add, so backdate it after creation.
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - age)
    return attempt


def test_clear_expired_sessions_deletes_only_expired_sessions(db):
    expired = make_session(expired=True)
    live = make_session(expired=False)

    result = clear_expired_sessions.apply()

    assert result.get() == 1
    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=live).exists()


def test_prune_login_attempts_forgets_only_attempts_older_than_the_cool_off(db):
    cool_off = settings.AXES_COOLOFF_TIME
    old = make_login_attempt(username="old", age=cool_off + datetime.timedelta(minutes=1))
    recent = make_login_attempt(username="recent", age=datetime.timedelta(minutes=1))

    result = prune_login_attempts.apply()

    assert result.get() == 1
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert AccessAttempt.objects.filter(pk=recent.pk).exists()


def test_every_beat_schedule_entry_names_a_registered_task():
    celery_app.loader.import_default_modules()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled
    assert scheduled <= set(celery_app.tasks)


def test_tasks_have_time_limits():
    assert celery_app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert celery_app.conf.task_soft_time_limit < celery_app.conf.task_time_limit


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="embedded mode only")
def test_without_redis_delay_runs_the_task_in_process(db):
    make_session(expired=True)

    assert celery_app.conf.task_always_eager is True
    assert clear_expired_sessions.delay().get(timeout=5) == 1


@pytest.mark.redis
def test_a_real_worker_runs_a_queued_task_and_returns_the_result_through_redis(
    transactional_db,
):
    assert celery_app.conf.task_always_eager is False
    assert celery_app.conf.broker_url.startswith("redis://")
    expired = make_session(expired=True)

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = clear_expired_sessions.delay()
        # Leaves this process through the Redis broker; comes back through the result backend.
        assert result.get(timeout=30) == 1

    assert result.successful()
    assert not Session.objects.filter(session_key=expired).exists()
