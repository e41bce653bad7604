"""The embedded mode's schedule: without a beat process, the web process runs the entries of
CELERY_BEAT_SCHEDULE once it has answered a request, when they are due, each due time once."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from analytics.models import DailyActivity, Event
from analytics.rollups import local_today
from blog.models import ArticleStatus
from core import schedule
from core.models import ScheduledRun
from tests.blog.conftest import write
from tests.core.test_tasks import make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo(settings.CELERY_TIMEZONE)
SESSIONS = {"task": "core.tasks.clear_expired_sessions", "schedule": crontab()}


def at(hour: int, minute: int = 0, second: int = 0, day: int = 29) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, second, tzinfo=JAKARTA)


@pytest.fixture
def embedded(settings):
    settings.EMBEDDED_SCHEDULE = True
    cache.clear()  # Nothing checked this minute yet.
    return settings


@pytest.fixture
def clock(monkeypatch):
    """Set the time: ``clock(at(9, 30))``."""

    def set_to(when):
        monkeypatch.setattr(timezone, "now", lambda: when)
        return when

    return set_to


def _last_runs() -> dict:
    return dict(ScheduledRun.objects.values_list("name", "last_run_at"))


def test_a_request_publishes_an_article_whose_time_has_come(client, embedded, clock, author):
    clock(at(9, 0))
    article = write(author, publish="schedule", publish_at=at(9, 0, 30))

    # The first request meets the schedule: it counts from now, as beat does when it starts.
    assert client.get(reverse("login")).status_code == 200
    assert set(_last_runs()) == set(settings.CELERY_BEAT_SCHEDULE)
    article.refresh_from_db()
    assert article.status == ArticleStatus.SCHEDULED

    # A minute on, the next request (anyone's) runs the every-minute entry.
    clock(at(9, 1, 10))
    assert client.get(reverse("login")).status_code == 200
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    run = ScheduledRun.objects.get(name="publish-due-articles")
    assert run.last_run_at == at(9, 1, 10) and run.finished_at is not None and run.error == ""
    assert [name for name, when in _last_runs().items() if when == at(9, 1, 10)] == [
        "publish-due-articles"
    ]


def test_what_came_due_while_nobody_asked_runs_once_on_the_next_request(embedded, clock):
    schedule.run_due(at(1, 0))
    expired = make_session(expired=True)
    person = UserFactory()
    Event._base_manager.create(
        verb="comment.created", actor=person, occurred_at=timezone.now(), object_type="feed.comment"
    )

    # Before five past the hour only the every-minute entry is due.
    assert schedule.run_due(at(1, 4)) == ["publish-due-articles"]
    assert Session.objects.filter(session_key=expired).exists()

    # At half past nine the nightly, morning and hourly entries have all come due, once each
    # however many of their times passed; closing the day (00:20) came before the last run.
    assert set(schedule.run_due(at(9, 30))) == set(settings.CELERY_BEAT_SCHEDULE) - {
        "analytics-close-day"
    }
    assert not Session.objects.filter(session_key=expired).exists()
    assert DailyActivity.objects.filter(user=person, day=local_today()).exists()
    assert schedule.run_due(at(9, 31)) == ["publish-due-articles"]
    assert schedule.run_due(at(9, 31)) == []  # That time is taken.

    # The next night closes the day.
    assert "analytics-close-day" in schedule.run_due(at(0, 21, day=30))


def test_a_failing_task_is_recorded_and_the_others_still_run(embedded, caplog):
    embedded.CELERY_BEAT_SCHEDULE = {
        "broken": {**SESSIONS, "kwargs": {"unknown": 1}},
        "sessions": SESSIONS,
    }
    schedule.run_due(at(9, 0))
    expired = make_session(expired=True)

    with caplog.at_level(logging.ERROR, logger="core.schedule"):
        assert schedule.run_due(at(9, 1)) == ["broken", "sessions"]

    broken, sessions = ScheduledRun.objects.order_by("name")
    assert "TypeError" in broken.error and "unknown" in broken.error
    assert sessions.error == "" and sessions.duration_ms is not None
    assert not Session.objects.filter(session_key=expired).exists()
    assert "core.tasks.clear_expired_sessions failed" in caplog.text


def test_one_look_a_minute_however_many_requests(client, embedded, clock):
    clock(at(9, 0, 5))
    client.get(reverse("login"))
    ScheduledRun.objects.all().delete()

    clock(at(9, 0, 50))
    client.get(reverse("login"))
    assert not ScheduledRun.objects.exists()

    clock(at(9, 1, 0))
    client.get(reverse("login"))
    assert ScheduledRun.objects.count() == len(settings.CELERY_BEAT_SCHEDULE)


def test_with_a_beat_process_requests_run_nothing(client, settings, clock):
    settings.EMBEDDED_SCHEDULE = False
    cache.clear()
    clock(at(9, 0))
    client.get(reverse("login"))

    assert not ScheduledRun.objects.exists()


def test_an_interval_entry_is_due_its_interval_after_the_last_run():
    entry = {"task": SESSIONS["task"], "schedule": datetime.timedelta(minutes=15)}

    assert schedule.next_run(entry, at(9, 0)) == at(9, 15)
    assert schedule.next_run(SESSIONS, at(9, 0, 30)) == at(9, 1)
    nightly = {"task": SESSIONS["task"], "schedule": crontab(hour=2, minute=0)}
    assert schedule.next_run(nightly, at(1, 59)) == at(2, 0)
    assert schedule.next_run(nightly, at(2, 0)) == at(2, 0, day=30)


CHANGELIST = "/admin/core/scheduledrun/"


def _run_now(client, *runs):
    return client.post(
        CHANGELIST,
        {"action": "run_selected_now", "_selected_action": [run.pk for run in runs]},
        follow=True,
    )


def test_a_superuser_runs_an_entry_now_from_the_admin(client, embedded, staff_user):
    embedded.CELERY_BEAT_SCHEDULE = {"sessions": SESSIONS}
    schedule.run_due()
    gone = ScheduledRun.objects.create(name="renamed", task=SESSIONS["task"], last_run_at=at(9, 0))
    expired = make_session(expired=True)
    client.force_login(staff_user)

    response = _run_now(client, ScheduledRun.objects.get(name="sessions"), gone)

    shown = [str(message) for message in response.context["messages"]]
    assert "sessions ran." in shown
    assert "renamed is no longer in the schedule." in shown
    assert not Session.objects.filter(session_key=expired).exists()
    assert ScheduledRun.objects.get(name="sessions").finished_at is not None


def test_staff_who_may_only_look_cannot_run_entries(client, embedded):
    schedule.run_due()
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_scheduledrun"))
    expired = make_session(expired=True)
    client.force_login(viewer)

    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "publish-due-articles" in response.content.decode()
    assert response.context["action_form"] is None

    _run_now(client, *ScheduledRun.objects.all())
    assert Session.objects.filter(session_key=expired).exists()
    assert not ScheduledRun.objects.filter(finished_at__isnull=False).exists()


@pytest.mark.parametrize("count", [10, 100])
def test_the_runs_list_takes_the_same_queries_for_10_and_100_rows(
    client, staff_user, django_assert_max_num_queries, count
):
    ScheduledRun.objects.bulk_create(
        ScheduledRun(name=f"entry-{n}", task=SESSIONS["task"], last_run_at=at(9, 0), error="x" * n)
        for n in range(count)
    )
    client.force_login(staff_user)

    with django_assert_max_num_queries(4):
        response = client.get(CHANGELIST, {"q": "entry"})
    assert response.status_code == 200
    assert "entry-9" in response.content.decode()
