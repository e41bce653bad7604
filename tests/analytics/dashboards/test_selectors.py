"""The Response and no-result-search selectors against hand-computed numbers."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from analytics.forms import default_filters
from analytics.selectors.response import (
    percentile_cont,
    response_dashboard,
    response_times_by_category,
    response_times_by_department,
)

pytestmark = pytest.mark.django_db


def figures(row):
    return [
        row.questions.shown(),
        row.first_reply_median.shown(),
        row.first_reply_p90.shown(),
        row.accepted_median.shown(),
        row.accepted_p90.shown(),
    ]


def test_percentile_cont_interpolates_between_ranks_like_postgresql():
    assert percentile_cont([10, 1, 3, 2, 4], 0.5) == 3
    assert percentile_cont([1, 2, 3, 4, 10], 0.9) == pytest.approx(7.6)
    assert percentile_cont([5], 0.9) == 5
    assert percentile_cont([], 0.5) is None


def test_company_wide_times_include_private_questions_without_filters(world):
    data = response_dashboard(default_filters())
    assert data.includes_private is True
    assert figures(data.total) == [12, 5.0, 19.0, 7.0, 70.0]
    assert data.total.first_reply_median.people == 9
    assert data.total.accepted_median.people == 5
    assert data.unanswered.value == 2
    assert data.unanswered.suppressed


def test_times_by_category_cover_public_places_only(world):
    rows = {row.label: row for row in response_times_by_category(default_filters())}
    assert set(rows) == {"Payroll", "Laptops (Tech Corner)"}
    assert figures(rows["Payroll"]) == [5, 3.0, 7.6, 6.0, 15.2]
    laptops = rows["Laptops (Tech Corner)"]
    assert laptops.questions.shown() == 5
    assert laptops.first_reply_median.value == 5.0
    assert laptops.first_reply_median.people == 4
    assert laptops.first_reply_median.suppressed
    assert laptops.accepted_median.value is None and laptops.accepted_median.suppressed


def test_times_by_department_use_the_askers_department(world):
    rows = {row.label: row for row in response_times_by_department(default_filters())}
    assert set(rows) == {"Finance", "IT", "No department"}
    assert figures(rows["Finance"]) == [5, 3.0, 7.6, 6.0, 15.2]
    assert rows["IT"].questions.value == 4
    assert rows["IT"].questions.suppressed
    assert rows["No department"].questions.suppressed


def test_a_department_filter_leaves_private_communities_out_of_the_total(world):
    filters = replace(default_filters(), department=world.departments["finance"])
    data = response_dashboard(filters)
    assert data.includes_private is False
    assert figures(data.total) == [5, 3.0, 7.6, 6.0, 15.2]
    assert [row.label for row in data.by_category] == ["Payroll"]


def test_an_office_filter_counts_the_askers_of_that_office(world):
    filters = replace(default_filters(), office=world.offices["surabaya"])
    data = response_dashboard(filters)
    assert data.total.questions.value == 5  # i1..i4 and n1, all in Laptops.
    assert data.total.questions.people == 5
    assert [row.label for row in data.by_category] == ["Laptops (Tech Corner)"]


def test_a_community_filter_keeps_that_communitys_questions(world):
    filters = replace(default_filters(), community=world.communities["tech"])
    data = response_dashboard(filters)
    assert data.total.questions.value == 5
    assert [row.label for row in data.by_department] == ["IT", "No department"]


def test_the_date_range_counts_questions_asked_in_it(world):
    today = timezone.localdate()
    # Only the questions of the last five days: Laptops (150-154 h), the printer (72 h) and
    # the private one (60 h).
    filters = replace(default_filters(), start=today - timedelta(days=7), end=today)
    data = response_dashboard(filters)
    assert data.total.questions.value == 6
    assert [row.label for row in data.by_category] == ["Laptops (Tech Corner)"]


def test_unanswered_questions_list_public_titles_only(world):
    data = response_dashboard(default_filters())
    assert [item.title for item in data.unanswered_public] == ["Printer jammed on floor 3"]
    assert data.unanswered_public[0].hours_waiting == 72
    assert data.unanswered_public[0].category == "Laptops"


def test_top_answerers_come_from_accepted_answers_on_public_questions(world):
    data = response_dashboard(default_filters())
    assert [(e.topic, e.person, e.accepted_answers.shown()) for e in data.experts] == [
        ("payroll", "Sinta Dewi", 5)
    ]


def test_an_answerer_who_helped_fewer_askers_than_the_threshold_is_not_listed(world, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 6
    assert response_dashboard(default_filters()).experts == []
