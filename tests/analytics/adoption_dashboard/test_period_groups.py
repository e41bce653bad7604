"""``PeriodGroupActivity``: people active per week and month, department and office, which the
Adoption dashboard's WAU and MAU read (the town of tests/analytics/data, by hand)."""

import datetime

import pytest

from analytics import rollups
from analytics.models import PeriodGroupActivity
from analytics.selectors.adoption import engage
from tests.analytics.data.conftest import MONDAY, at, log

pytestmark = pytest.mark.django_db


def groups(town, period: str, start: datetime.date) -> dict:
    departments = {town[key].pk: key for key in ("sales", "tech")}
    offices = {town[key].pk: key for key in ("jakarta", "bandung")}
    return {
        (departments[row.department_id], offices[row.office_id]): (row.people, row.public_people)
        for row in PeriodGroupActivity.objects.filter(period=period, start=start)
    }


def test_people_active_per_week_and_month_by_department_and_office(rolled):
    assert groups(rolled, "week", MONDAY) == {
        ("sales", "jakarta"): (2, 2),
        ("sales", "bandung"): (1, 1),
    }
    assert groups(rolled, "week", MONDAY + datetime.timedelta(days=7)) == {
        ("sales", "jakarta"): (2, 2),
        ("tech", "bandung"): (1, 1),
    }
    assert groups(rolled, "month", datetime.date(2026, 3, 1)) == {
        ("sales", "jakarta"): (2, 2),
        ("sales", "bandung"): (1, 1),
        ("tech", "bandung"): (1, 1),
    }


def test_someone_active_only_in_a_private_community_counts_for_everyone_not_in_public(rolled):
    log("post.created", rolled["bayu"], at(11), public=False, kind="post")
    rollups.rollup_day(datetime.date(2026, 3, 11))
    week = groups(rolled, "week", MONDAY + datetime.timedelta(days=7))
    assert week[("tech", "bandung")] == (2, 1)
    assert groups(rolled, "month", datetime.date(2026, 3, 1))[("tech", "bandung")] == (2, 1)


def test_recomputing_a_range_writes_the_same_rows(rolled):
    def rows():
        return sorted(
            PeriodGroupActivity.objects.values_list(
                "period", "start", "department_id", "office_id", "people", "public_people"
            )
        )

    before = rows()
    rollups.rollup_range(MONDAY, MONDAY + datetime.timedelta(days=13))
    assert rows() == before


def test_wau_and_mau_read_from_the_groups_match_the_people_rows(rolled):
    # Fortnight: weeks of 2 and 9 March have 3 people each, March has 4.
    figures = engage(MONDAY, MONDAY + datetime.timedelta(days=13), daily=False)
    assert figures.total.wau.value == 3.0
    assert figures.total.mau.value == 4.0
    sales = engage(
        MONDAY, MONDAY + datetime.timedelta(days=13), department=rolled["sales"], daily=False
    )
    assert (sales.total.wau.value, sales.total.mau.value) == (2.5, 3.0)
