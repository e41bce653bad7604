"""The Adoption dashboard costs the same number of queries for 10 people as for 100."""

import datetime

import pytest

from analytics import rollups
from profiles.models import User
from profiles.roles import ANALYSTS
from tests.analytics.adoption_dashboard.conftest import API, PAGE
from tests.analytics.data.conftest import MONDAY, at, log
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

# Session and user, site roles, the access log, the filter choices (page) and the three
# selectors (attract 2, engage 4, retention 2).
PAGE_QUERIES = 18
API_QUERIES = 13
CSV_QUERIES = 13
# Odd days (25 February to 28 February, 1 to 5 April), a whole month (March), a whole week.
RANGE = {"from": "2026-02-25", "to": "2026-04-12"}


def company(size: int) -> None:
    departments = [DepartmentFactory(name=f"Unit {n}") for n in range(5)]
    offices = [OfficeFactory(name=f"Site {n}") for n in range(3)]
    people = User.objects.bulk_create(  # No password hashing: 100 people stay quick.
        User(username=f"p{n}", department=departments[n % 5], office=offices[n % 3],
             date_joined=at(2, 8))
        for n in range(size)
    )  # fmt: skip
    for n, someone in enumerate(people):
        log("user.logged_in", someone, at(2 + n % 7, 9))
        log("post.created", someone, at(3 + n % 5, 9), kind="post")
        log("reaction.added", someone, at(10 + n % 9, 9), public=n % 2 == 0, kind="like")
    rollups.rollup_range(MONDAY - datetime.timedelta(days=7), datetime.date(2026, 4, 12))


@pytest.mark.parametrize("size", [10, 100])
def test_the_page_csv_and_api_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    company(size)
    client.force_login(in_group(UserFactory(username="analyst"), ANALYSTS))

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(PAGE, RANGE)
    assert response.status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        response = client.get(API, RANGE)
    assert response.status_code == 200
    assert response.json()["tables"]["summary"]["rows"][0]["value"]["value"] == size
    for table in ("summary", "engage-offices", "retention"):
        with django_assert_max_num_queries(CSV_QUERIES):
            assert client.get(f"{PAGE}{table}.csv", RANGE).status_code == 200
