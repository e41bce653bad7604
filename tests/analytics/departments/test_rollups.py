"""The departments' monthly rollups against the hand-built world (numbers in conftest)."""

import datetime

import pytest
from django.db.models import Count, Sum

from analytics import rollups
from analytics.models import DepartmentTopicMonth, InteractionMonth

pytestmark = pytest.mark.django_db

MARCH, JUNE, JULY = (datetime.date(2025, month, 1) for month in (3, 6, 7))


def topic(world, month, department, tag):
    rows = DepartmentTopicMonth.objects.filter(
        month=month, department=world.departments[department], tag=tag
    )
    found = rows.aggregate(items=Sum("items"), people=Count("author", distinct=True))
    return found["items"] or 0, found["people"]


def interactions(world, month, department):
    rows = InteractionMonth.objects.filter(
        month=month, actor_department=world.departments[department]
    )
    found = rows.aggregate(
        n=Sum("interactions"),
        actors=Count("actor", distinct=True),
        targets=Count("target", distinct=True),
    )
    return found["n"] or 0, found["actors"], found["targets"]


def test_topic_rows_count_public_items_per_tag_and_all_of_them(world):
    assert topic(world, MARCH, "finance", "") == (36, 6)
    assert topic(world, MARCH, "finance", "closing") == (10, 5)
    assert topic(world, MARCH, "finance", "payroll") == (8, 4)
    assert topic(world, MARCH, "it", "laptops") == (4, 4)
    assert topic(world, JUNE, "hr", "") == (7, 5)


def test_private_community_writing_and_interactions_are_never_rolled_up(world):
    tax = world.communities["tax"].pk
    assert not DepartmentTopicMonth.objects.filter(tag="project-falcon").exists()
    assert not DepartmentTopicMonth.objects.filter(community_id=tax).exists()
    assert not InteractionMonth.objects.filter(community_id=tax).exists()


def test_interaction_rows_per_pair_of_people_never_oneself(world):
    assert interactions(world, JUNE, "finance") == (5, 5, 5)
    assert interactions(world, JUNE, "hr") == (7, 5, 5)
    h1 = world.people["h1"]
    assert not InteractionMonth.objects.filter(actor=h1, target=h1).exists()
    assert interactions(world, JULY, "it") == (4, 4, 1)


def test_recomputing_a_month_or_one_of_its_days_writes_the_same_rows(world):
    def rows():
        return sorted(
            InteractionMonth.objects.values_list(
                "month", "actor_department", "actor_office", "community_id", "actor", "target",
                "interactions",
            )
        ) + sorted(
            DepartmentTopicMonth.objects.values_list(
                "month", "department", "office", "community", "tag", "author", "items"
            )
        )  # fmt: skip

    before = rows()
    rollups.rollup_departments_month(JUNE)
    assert rows() == before
    InteractionMonth.objects.filter(month=JUNE).delete()
    DepartmentTopicMonth.objects.filter(month=JUNE).delete()
    rollups.rollup_day(datetime.date(2025, 6, 20))  # The day's run recomputes its month.
    assert rows() == before
