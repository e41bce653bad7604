"""The summary costs the same number of queries for 6 people as for 60."""

import datetime

import pytest

from analytics import rollups
from analytics.models import ContentSentiment
from forums import services as forums
from profiles.roles import ANALYSTS, COMMUNICATORS
from tests.analytics.data.conftest import log, person
from tests.analytics.summary.conftest import SEPTEMBER, World, asked, at, written
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

# Session, user and site roles, the department choices, the access log, and the selectors for
# both months: adoption 2 x 7 (their breakdowns name departments and offices), climate 2 + 1
# + 2, response 2 x 1 + 2, searches 2.
PAGE_QUERIES = 30
LABELS = ("positive", "neutral", "negative")


def _month_of(count: int) -> None:
    world = World()
    world.people["sinta"] = UserFactory(username="sinta")
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)
    category = forums.category_create(actor=communicator, name="HR")
    departments = [DepartmentFactory(name=f"Department {n}") for n in range(3)]
    people = [
        person(f"p{n}", departments[n % 3], None, at(8, 3) if n % 4 else at(10, 2))
        for n in range(count)
    ]
    rows = []
    for n, someone in enumerate(people):
        log("user.logged_in", someone, at(9, 1 + n % 28))
        log("user.logged_in", someone, at(10, 1 + n % 31))
        log("reaction.added", someone, at(10, 3), kind="like")
        log("search.performed", someone, at(10, 4), query=f"query {n % 3}", results=0)
        rows.append(written(someone, LABELS[n % 3], at(10, 1 + n % 31), tags=[f"topic-{n % 4}"]))
        asked(world, someone, category, f"Question {n}", at(10, 1 + n % 28),
              first=1 + n % 7, accepted=(2 + n % 5) if n % 3 else None)  # fmt: skip
    ContentSentiment.objects.bulk_create(rows)
    rollups.rollup_range(SEPTEMBER, datetime.date(2026, 10, 31))
    return departments


@pytest.mark.parametrize("count", [6, 60])
def test_the_summary_takes_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries, count
):
    settings.POSTING_RATE_LIMIT = 0
    departments = _month_of(count)
    client.force_login(in_group(UserFactory(username="analyst"), ANALYSTS))
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get("/analytics/summary/?month=2026-10").status_code == 200
    with django_assert_max_num_queries(PAGE_QUERIES):
        path = f"/analytics/summary/?month=2026-10&department={departments[0].pk}"
        assert client.get(path).status_code == 200
