"""The departments dashboard costs the same number of queries for little and for much data."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from analytics.models import ContentSentiment, Event
from profiles.roles import ANALYSTS
from tests.analytics.departments.conftest import roll_up_2025
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

# Session and user, site roles, the access log, the filter choices and the six selector queries.
PAGE_QUERIES = 15
API_QUERIES = 10
QUERY = {"from": "2025-01-01", "to": "2025-12-31"}


def _activity(people: int, items: int) -> None:
    """``items`` tagged posts and as many comments on each other's posts, in a year, by
    ``people`` people of four departments (rows as the event log and the scorer write them)."""
    departments = [DepartmentFactory(name=f"Department {n}") for n in range(4)]
    users = [UserFactory(username=f"p{n}", department=departments[n % 4]) for n in range(people)]
    events, rows = [], []
    for n in range(items):
        author, other = users[n % people], users[(n * 7 + 1) % people]
        when = datetime.datetime(2025, 1 + n % 12, 10, 12, tzinfo=ZoneInfo("Asia/Jakarta"))
        rows.append(
            ContentSentiment(
                kind="post", object_id=n, author=author, department=author.department,
                language="en", score=0, label="neutral", tags=[f"topic-{n % 5}"],
                written_at=when,
            )
        )  # fmt: skip
        events.append(
            Event(
                verb="comment.created", actor=other, department=other.department,
                occurred_at=when, payload={"target_author_id": author.pk,
                                           "mentioned_user_ids": [users[0].pk]},
            )
        )  # fmt: skip
    ContentSentiment.objects.bulk_create(rows)
    Event.objects.bulk_create(events)
    roll_up_2025()


@pytest.mark.parametrize(("people", "items"), [(8, 10), (40, 300)])
def test_the_page_csv_and_api_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, people, items
):
    _activity(people, items)
    client.force_login(in_group(UserFactory(username="analyst"), ANALYSTS))
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get("/analytics/departments/", QUERY).status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        response = client.get("/api/v1/analytics/departments/", QUERY)
    assert response.status_code == 200
    assert response.json()["tables"]["interactions"]["rows"]
    for table in ("topics", "interactions"):
        with django_assert_max_num_queries(API_QUERIES):
            assert client.get(f"/analytics/departments/{table}.csv", QUERY).status_code == 200
