"""The departments selectors against the hand-built world (numbers in conftest)."""

import datetime

import pytest

from analytics.forms import Filters
from analytics.selectors.departments import (
    department_interactions,
    department_topics_by_month,
    topics_range,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def filters(start, end, **narrowing):
    return Filters(start=start, end=end, **narrowing)


def shown(figure):
    return None if figure is None else figure.shown()


def topic_table(rows):
    return [
        (
            row.department,
            f"{row.month:%Y-%m}",
            shown(row.items),
            [(topic.slug, topic.items.value, topic.items.people) for topic in row.topics],
        )
        for row in rows
    ]


def test_topics_by_month_lists_the_top_three_used_by_enough_people(world):
    start, end, rows = department_topics_by_month(filters(D(2025, 1, 1), D(2025, 12, 31)))
    assert (start, end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert topic_table(rows) == [
        ("Finance", "2025-03", 36, [("closing", 10, 5), ("budget", 7, 5), ("tax", 6, 6)]),
        ("Finance", "2025-06", 5, []),
        ("Finance", "2025-07", None, []),  # 4 people: suppressed, and no topic.
        ("HR", "2025-06", 7, []),
        ("HR", "2025-07", 5, [("appraisal", 5, 5)]),  # Exactly 5 people: listed.
        ("IT", "2025-03", None, []),
    ]


def test_private_writing_and_its_tags_never_count(world):
    _start, _end, rows = department_topics_by_month(filters(D(2025, 3, 1), D(2026, 2, 28)))
    slugs = {topic.slug for row in rows for topic in row.topics}
    assert "project-falcon" not in slugs
    march = next(row for row in rows if row.department == "Finance" and row.month.month == 3)
    assert march.items.value == 36


def test_a_short_range_is_widened_to_the_twelve_months_ending_with_it(world):
    july = filters(D(2025, 7, 1), D(2025, 7, 31))
    assert topics_range(july) == (D(2024, 8, 1), D(2025, 7, 31))
    assert topics_range(filters(D(2024, 1, 1), D(2025, 7, 31))) == (D(2024, 1, 1), D(2025, 7, 31))
    start, _end, rows = department_topics_by_month(july)
    assert start == D(2024, 8, 1)
    assert len(rows) == 6


def test_the_department_filter_keeps_its_rows(world):
    hr = world.departments["hr"]
    _start, _end, rows = department_topics_by_month(
        filters(D(2025, 1, 1), D(2025, 12, 31), department=hr)
    )
    assert [(row.department, row.month.month) for row in rows] == [("HR", 6), ("HR", 7)]


def matrix_table(matrix):
    return {
        (source_name, target_name): (
            None if matrix.cell(source, target) is None else matrix.cell(source, target).shown()
        )
        for source, source_name in matrix.rows
        for target, target_name in matrix.columns
    }


def test_who_talks_to_whom_in_june(world):
    matrix = department_interactions(filters(D(2025, 6, 1), D(2025, 6, 30)))
    assert [name for _pk, name in matrix.rows] == ["Finance", "HR"]
    assert [name for _pk, name in matrix.columns] == ["Finance", "HR"]
    assert matrix_table(matrix) == {
        ("Finance", "Finance"): None,  # Only in the private community.
        ("Finance", "HR"): 5,
        ("HR", "Finance"): 7,
        ("HR", "HR"): None,
    }
    cell = matrix.cells[world.departments["hr"].pk, world.departments["finance"].pk]
    assert (cell.interactions, cell.actors, cell.targets) == (7, 5, 5)


def test_a_cell_needs_enough_people_on_both_sides(world):
    matrix = department_interactions(filters(D(2025, 7, 1), D(2025, 7, 31)))
    finance, hr, it = (world.departments[name].pk for name in ("finance", "hr", "it"))
    assert [name for _pk, name in matrix.rows] == ["Finance", "IT"]
    five_on_one = matrix.cells[finance, hr]
    assert (five_on_one.interactions, five_on_one.actors, five_on_one.targets) == (5, 5, 1)
    assert five_on_one.figure.suppressed
    four = matrix.cells[it, hr]
    assert (four.interactions, four.actors, four.targets) == (4, 4, 1)
    assert four.figure.suppressed


def test_over_the_year(world):
    matrix = department_interactions(filters(D(2025, 1, 1), D(2025, 12, 31)))
    assert matrix_table(matrix) == {
        ("Finance", "Finance"): None,
        ("Finance", "HR"): 10,
        ("HR", "Finance"): 7,
        ("HR", "HR"): None,
        ("IT", "Finance"): None,
        ("IT", "HR"): None,  # 4 people: suppressed.
    }


def test_the_department_filter_keeps_its_row_and_the_office_filter_narrows(world):
    year = (D(2025, 1, 1), D(2025, 12, 31))
    matrix = department_interactions(filters(*year, department=world.departments["hr"]))
    assert [name for _pk, name in matrix.rows] == ["HR"]
    matrix = department_interactions(filters(*year, office=world.offices["surabaya"]))
    assert [name for _pk, name in matrix.rows] == ["IT"]


def test_a_private_community_filter_yields_nothing_even_past_the_form(world):
    tax = filters(D(2025, 1, 1), D(2025, 12, 31), community=world.communities["tax"])
    assert department_topics_by_month(tax)[2] == []
    assert department_interactions(tax).cells == {}


def test_the_office_filter_narrows_the_topics(world):
    surabaya = filters(D(2025, 1, 1), D(2025, 12, 31), office=world.offices["surabaya"])
    rows = department_topics_by_month(surabaya)[2]
    assert [(row.department, row.month.month, row.items.people) for row in rows] == [("IT", 3, 4)]
