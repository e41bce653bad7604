"""Which logged events count as someone's action in the daily rollup."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from analytics.models import DailyActivity, Event
from analytics.rollups import rollup_daily
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 5, 14)


def _log(person, verb: str, payload: dict) -> None:
    Event.objects.create(
        verb=verb, actor=person, department=person.department, payload=payload,
        occurred_at=datetime.datetime(2025, 5, 14, 10, tzinfo=ZoneInfo("Asia/Jakarta")),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "counted"),
    [
        ({}, 1),  # Logged without a kind (older events, other publishers): a post.
        ({"kind": None}, 1),
        ({"kind": "post"}, 1),
        ({"kind": "thread"}, 0),  # The thread's own event counts instead.
        ({"kind": "article"}, 0),
        ({"kind": "wiki_page"}, 0),
    ],
)
def test_a_post_counts_as_an_action_unless_it_stands_for_another_item(payload, counted):
    person = UserFactory(username="poster")
    _log(person, "post.created", payload)
    _log(person, "user.logged_in", {})
    rollup_daily(DAY)
    row = DailyActivity.objects.get(user=person, day=DAY)
    assert (row.actions, row.contributions, row.logins) == (1 + counted, counted, 1)
