"""The departments' monthly rollups against the hand-built world (numbers in conftest)."""

import datetime

import pytest
from django.db.models import Count, Sum

from analytics import rollups
from analytics.models import (
    CellScope,
    DepartmentTopicMonth,
    DepartmentTopicTotal,
    InteractionCellMonth,
)

pytestmark = pytest.mark.django_db

MARCH, JUNE, JULY = (datetime.date(2025, month, 1) for month in (3, 6, 7))


def topic(world, month, department, tag):
    rows = DepartmentTopicMonth.objects.filter(
        month=month, department=world.departments[department], tag=tag
    )
    found = rows.aggregate(items=Sum("items"), people=Count("author", distinct=True))
    return found["items"] or 0, found["people"]


def interactions(world, month, department):
    """(interactions, distinct actors, distinct people acted on) of the department's row."""
    rows = InteractionCellMonth.objects.filter(
        month=month, scope=CellScope.ALL, actor_department=world.departments[department]
    )
    actors, targets = set(), set()
    for row in rows:
        actors |= row.actors
        targets |= row.targets
    return sum(row.interactions for row in rows), len(actors), len(targets)


def test_topic_rows_count_public_items_per_tag_and_all_of_them(world):
    assert topic(world, MARCH, "finance", "") == (36, 6)
    assert topic(world, MARCH, "finance", "closing") == (10, 5)
    assert topic(world, MARCH, "finance", "payroll") == (8, 4)
    assert topic(world, MARCH, "it", "laptops") == (4, 4)
    assert topic(world, JUNE, "hr", "") == (7, 5)


def test_topic_totals_count_items_and_authors_for_every_office_and_per_office(world):
    def totals(scope, department, tag):
        return sorted(
            DepartmentTopicTotal.objects.filter(
                month=MARCH, scope=scope, department=world.departments[department], tag=tag
            ).values_list("office", "items", "people")
        )

    jakarta, surabaya = world.offices["jakarta"].pk, world.offices["surabaya"].pk
    assert totals(CellScope.ALL, "finance", "") == [(None, 36, 6)]
    assert totals(CellScope.ALL, "finance", "payroll") == [(None, 8, 4)]
    assert totals(CellScope.OFFICE, "finance", "closing") == [(jakarta, 10, 5)]
    assert totals(CellScope.OFFICE, "it", "laptops") == [(surabaya, 4, 4)]
    assert not DepartmentTopicTotal.objects.filter(tag="project-falcon").exists()


def test_private_community_writing_and_interactions_are_never_rolled_up(world):
    tax = world.communities["tax"].pk
    assert not DepartmentTopicMonth.objects.filter(tag="project-falcon").exists()
    assert not DepartmentTopicMonth.objects.filter(community_id=tax).exists()
    assert not InteractionCellMonth.objects.filter(community_id=tax).exists()


def test_interaction_cells_hold_the_people_on_both_sides_never_oneself(world):
    assert interactions(world, JUNE, "finance") == (5, 5, 5)
    assert interactions(world, JUNE, "hr") == (7, 5, 5)
    # h1 reacted to their own post in July, and HR did nothing else with anyone then.
    assert not InteractionCellMonth.objects.filter(
        month=JULY, actor_department=world.departments["hr"]
    ).exists()
    assert interactions(world, JULY, "it") == (4, 4, 1)
    p = world.people
    cell = InteractionCellMonth.objects.get(
        month=JULY, scope=CellScope.ALL, actor_department=world.departments["finance"]
    )
    assert cell.target_department == world.departments["hr"]
    assert cell.actors == {p[f"f{n}"].pk for n in range(1, 6)}
    assert cell.targets == {p["h1"].pk}


def test_each_cell_is_also_kept_per_office_and_only_public_communities_per_community(world):
    jakarta, surabaya = world.offices["jakarta"], world.offices["surabaya"]
    by_scope = sorted(
        (row.scope, row.actor_department.name, row.actor_office_id, row.community_id,
         row.target_department.name, row.interactions)
        for row in InteractionCellMonth.objects.filter(month__in=[JUNE, JULY])
    )  # fmt: skip
    assert by_scope == [
        ("all", "Finance", None, None, "HR", 5),
        ("all", "Finance", None, None, "HR", 5),
        ("all", "HR", None, None, "Finance", 7),
        ("all", "IT", None, None, "HR", 4),
        ("office", "Finance", jakarta.pk, None, "HR", 5),
        ("office", "Finance", jakarta.pk, None, "HR", 5),
        ("office", "HR", jakarta.pk, None, "Finance", 7),
        ("office", "IT", surabaya.pk, None, "HR", 4),
    ]


def test_recomputing_a_month_or_one_of_its_days_writes_the_same_rows(world):
    def rows():
        return sorted(
            (*row[:-2], sorted(row[-2]), sorted(row[-1]))
            for row in InteractionCellMonth.objects.values_list(
                "month", "scope", "actor_department", "actor_office", "community_id",
                "target_department", "interactions", "actors", "targets",
            )
        ) + sorted(
            DepartmentTopicMonth.objects.values_list(
                "month", "department", "office", "community", "tag", "author", "items"
            )
        ) + sorted(
            DepartmentTopicTotal.objects.values_list(
                "month", "scope", "department", "office", "tag", "items", "people"
            ),
            key=str,
        )  # fmt: skip

    before = rows()
    rollups.rollup_departments_month(JUNE)
    assert rows() == before
    InteractionCellMonth.objects.filter(month=JUNE).delete()
    DepartmentTopicMonth.objects.filter(month=JUNE).delete()
    DepartmentTopicTotal.objects.filter(month=JUNE).delete()
    rollups.rollup_day(datetime.date(2025, 6, 20))  # The day's run recomputes its month.
    assert rows() == before
