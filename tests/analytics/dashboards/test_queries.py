"""The dashboards cost the same number of queries for 10 questions as for 100."""

import pytest

from forums import services as forums
from profiles.roles import ANALYSTS, COMMUNICATORS
from tests.analytics.dashboards.conftest import World, ask
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group, join

pytestmark = pytest.mark.django_db

# Session and user, site roles, the access log, the filter choices and the selectors.
PAGE_QUERIES = 19
API_QUERIES = 14


def _questions(count: int) -> World:
    world = World()
    world.people["sinta"] = UserFactory(username="sinta", display_name="Sinta Dewi")
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)
    company = forums.category_create(actor=communicator, name="HR")
    club = build_community(name="Club")
    join(world.people["sinta"], club)
    club_category = forums.category_create(actor=club.created_by, community=club, name="Club")
    departments = [DepartmentFactory(name=f"Department {n}") for n in range(3)]
    askers = [UserFactory(username=f"a{n}", department=departments[n % 3]) for n in range(10)]
    for asker in askers:
        join(asker, club)
    for n in range(count):
        category = company if n % 2 else club_category
        ask(world, askers[n % 10], category, f"Question {n}", hours_ago=60 + n,
            first=1 + n % 7, accepted=(2 + n % 5) if n % 3 else None,
            tags=[f"topic-{n % 4}"])  # fmt: skip
    return world


@pytest.mark.parametrize("count", [10, 100])
def test_the_response_page_and_api_take_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries, count
):
    settings.POSTING_RATE_LIMIT = 0
    _questions(count)
    analyst = in_group(UserFactory(username="analyst"), ANALYSTS)
    client.force_login(analyst)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get("/analytics/response/")
    assert response.status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        assert client.get("/api/v1/analytics/response/").status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        assert client.get("/analytics/response/experts.csv").status_code == 200
