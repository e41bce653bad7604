"""Four people are too few, five are enough: department figures, topics and top posts."""

import pytest

from analytics.privacy import suppressed_text
from analytics.selectors.conversation import conversation_dashboard
from analytics.sentiment.services import sentiment_backfill
from profiles.roles import LEADERS
from tests.analytics.conversation.conftest import (
    comment,
    period_filters,
    period_query,
    post,
    react,
)
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db


def build(count: int):
    """``count`` people of Operations each post "Kopi machine broken" (tag kopi) twice this
    week, and react to and comment on a0's post."""
    operations = DepartmentFactory(name="Operations")
    people = [UserFactory(username=f"o{n}", department=operations) for n in range(count)]
    target = post(UserFactory(username="a0"), "Coffee corner opening", week=0)
    for n, person in enumerate(people):
        post(person, "Kopi machine broken", week=0, tags=["kopi"], minutes=n)
        post(person, "Kopi machine broken", week=0, tags=["kopi"], minutes=30 + n)
        comment(person, target, "Ok!", week=0)
    react(people, target)
    sentiment_backfill()
    return operations, target


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_figures_topics_and_top_posts_need_five_people(count, shown):
    operations, target = build(count)
    data = conversation_dashboard(period_filters())
    row = next(row for row in data.departments if row.label == "Operations")
    assert (row.total.value, row.total.people) == (3 * count, count)
    assert row.total.suppressed is not shown
    # Eight or ten items: always enough items, so only the people decide.
    topics = [(t.kind, t.name, t.this_week.value) for t in data.topics]
    expected = [("tag", "kopi", 2 * count), ("phrase", "kopi machine broken", 2 * count)]
    assert topics == (expected if shown else [])
    top = [(t.url, t.engagement.value, t.people.value) for t in data.top_posts]
    assert top == ([(target.get_absolute_url(), 2 * count, count)] if shown else [])


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_the_page_and_api_show_the_suppression_text_or_the_number(client, count, shown):
    build(count)
    client.force_login(in_group(UserFactory(username="boss"), LEADERS))
    html = client.get("/analytics/conversation/", period_query()).content.decode()
    assert ("kopi machine broken" in html) is shown
    api = client.get("/api/v1/analytics/conversation/", period_query()).json()
    row = next(r for r in api["tables"]["by-department"]["rows"] if r["label"] == "Operations")
    if shown:
        assert row["total"] == {"value": 15, "suppressed": False}
    else:
        assert row["total"] == {"value": None, "suppressed": True}
        assert suppressed_text() in html
