"""The embedded mode's analytics schedule: without a beat process, opening a dashboard runs
today's rollup and the climate alerts once an hour and closes yesterday once a day."""

import datetime

import pytest
from django.utils import timezone

from analytics.models import DailyActivity, Event
from analytics.rollups import local_today
from profiles.roles import LEADERS
from tests.factories import UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

ADOPTION = "/analytics/adoption/"


@pytest.fixture
def leader(client):
    person = in_group(UserFactory(username="leader"), LEADERS)
    client.force_login(person)
    return person


def _log(person, when):
    return Event._base_manager.create(
        verb="comment.created", actor=person, occurred_at=when, object_type="feed.comment"
    )


def _days_rolled_up(person) -> set:
    return set(DailyActivity.objects.filter(user=person).values_list("day", flat=True))


def test_opening_a_dashboard_rolls_up_yesterday_and_today_once(client, leader, settings):
    settings.ANALYTICS_EMBEDDED_SCHEDULE = True
    today = local_today()
    _log(leader, timezone.now())
    _log(leader, timezone.now() - datetime.timedelta(days=1))

    assert client.get(ADOPTION).status_code == 200
    assert _days_rolled_up(leader) == {today, today - datetime.timedelta(days=1)}

    # Within the hour, a second look computes nothing again.
    DailyActivity.objects.all().delete()
    assert client.get(ADOPTION).status_code == 200
    assert _days_rolled_up(leader) == set()


def test_the_api_and_the_summary_catch_up_too(client, leader, settings):
    settings.ANALYTICS_EMBEDDED_SCHEDULE = True
    _log(leader, timezone.now())
    assert client.get("/api/v1/analytics/adoption/").status_code == 200
    assert local_today() in _days_rolled_up(leader)

    settings.ANALYTICS_CACHE_SECONDS = 0
    DailyActivity.objects.all().delete()
    from django.core.cache import cache

    cache.clear()  # A new hour, as far as the schedule can tell.
    assert client.get("/analytics/summary/").status_code == 200
    assert local_today() in _days_rolled_up(leader)


def test_with_a_beat_process_the_pages_compute_nothing(client, leader, settings):
    settings.ANALYTICS_EMBEDDED_SCHEDULE = False
    _log(leader, timezone.now())
    assert client.get(ADOPTION).status_code == 200
    assert _days_rolled_up(leader) == set()
