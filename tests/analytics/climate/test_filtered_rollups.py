"""The department and office filters read the Climate rollup (``analytics.climate_rollups``):
its rows per department and office (and with the community, and the tags per department,
office or both) on the Climate world (numbers in conftest.py), summed with their author sets
merged, give exactly the figures of the scored rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics.forms import Filters
from analytics.models import ClimateLevel, ClimateSentimentWeek, ClimateTopicWeek, ContentSentiment
from analytics.selectors.climate import climate_dashboard
from analytics.selectors.conversation.volumes import unpack_authors
from tests.analytics.climate.test_rollups import API, PERIOD, WEEK1, WEEK2, from_rows_only, roll_up

pytestmark = pytest.mark.django_db


def sentiment_row(week, level, *, department=None, office=None, community=None) -> tuple:
    row = ClimateSentimentWeek.objects.get(
        span=1, week=week, level=level, department_id=department, office_id=office,
        group_id=community,
    )  # fmt: skip
    return row.positive, row.neutral, row.negative, row.people


def topic_row(week, level, tag, *, department=None, office=None) -> tuple:
    row = ClimateTopicWeek.objects.get(
        span=1, week=week, level=level, department_id=department, office_id=office, tag=tag
    )
    return row.items, row.negative, row.people, unpack_authors(row.negative_authors).bit_count()


def test_the_filters_rows_count_public_writing_per_department_and_office(world):
    roll_up()
    finance, it = world.departments["finance"].pk, world.departments["it"].pk
    jakarta, surabaya = world.offices["jakarta"].pk, world.offices["surabaya"].pk
    tech = world.communities["tech"].pk
    level = ClimateLevel.DEPARTMENT_OFFICE
    # Finance in Jakarta: the Tax Team's two private negatives left out (3/1/1, not 3/1/3).
    assert sentiment_row(WEEK1, level, department=finance, office=jakarta) == (3, 1, 1, 5)
    assert sentiment_row(WEEK2, level, department=finance, office=jakarta) == (3, 0, 2, 5)
    assert sentiment_row(WEEK1, level, department=it, office=surabaya) == (1, 0, 3, 4)
    # n1 has no department: still counted for the office filter.
    assert sentiment_row(WEEK1, level, office=surabaya) == (0, 0, 1, 1)
    community = {"community": tech}
    assert sentiment_row(WEEK1, ClimateLevel.DEPARTMENT_COMMUNITY, department=it, **community) == (
        1,
        0,
        3,
        4,
    )
    assert sentiment_row(WEEK1, ClimateLevel.OFFICE_COMMUNITY, office=surabaya, **community) == (
        1, 0, 4, 5,
    )  # fmt: skip
    assert sentiment_row(
        WEEK2, ClimateLevel.DEPARTMENT_OFFICE_COMMUNITY, department=it, office=surabaya,
        **community,
    ) == (0, 0, 1, 1)  # fmt: skip
    filtered = ClimateSentimentWeek.objects.filter(span=1).exclude(
        level__in=[ClimateLevel.ALL, ClimateLevel.DEPARTMENT, ClimateLevel.OFFICE,
                   ClimateLevel.COMMUNITY]
    )  # fmt: skip
    # Week 1: 3 per department and office, 1 of each with the community; week 2: 2 and 1 each.
    assert filtered.count() == 11
    assert topic_row(WEEK1, ClimateLevel.DEPARTMENT, "payroll", department=finance) == (5, 1, 5, 1)
    assert topic_row(WEEK1, ClimateLevel.OFFICE, "laptops", office=surabaya) == (5, 4, 5, 4)
    assert topic_row(
        WEEK1, ClimateLevel.DEPARTMENT_OFFICE, "laptops", department=it, office=surabaya
    ) == (4, 3, 4, 3)
    # The private Tax Team's tag has no row at any level.
    assert not ClimateTopicWeek.objects.filter(tag="falcon-merger").exists()
    assert ClimateTopicWeek.objects.filter(span=1).count() == 16


FILTERS = [
    {"department": "finance"},
    {"department": "it"},
    {"office": "jakarta"},
    {"office": "surabaya"},
    {"department": "it", "office": "surabaya"},
    {"department": "finance", "office": "jakarta"},
    {"department": "finance", "office": "surabaya"},
]
PERIODS = [
    (WEEK1, date(2026, 3, 15)),  # Two whole weeks.
    (date(2026, 3, 3), date(2026, 3, 12)),  # Cut weeks: their days' rows.
    (date(2026, 3, 4), date(2026, 3, 15)),  # Week 1 without its writing.
]


@pytest.mark.parametrize("start,end", PERIODS)
@pytest.mark.parametrize("narrowed", FILTERS)
def test_a_filtered_dashboard_from_the_rollup_equals_the_scored_rows(world, narrowed, start, end):
    places = {**world.departments, **world.offices}
    filters = Filters(start=start, end=end, **{key: places[n] for key, n in narrowed.items()})
    expected = from_rows_only(filters)
    roll_up()
    assert climate_dashboard(filters) == expected


@pytest.mark.parametrize("narrowed", FILTERS)
def test_a_week_not_rolled_up_adds_its_scored_rows_to_the_filtered_rollup(world, narrowed):
    places = {**world.departments, **world.offices}
    filters = Filters(
        start=WEEK1, end=date(2026, 3, 15), **{key: places[n] for key, n in narrowed.items()}
    )
    expected = from_rows_only(filters)
    roll_up(WEEK1)
    assert climate_dashboard(filters) == expected


def test_the_filtered_figures_are_exact_and_suppressed_below_the_group_size(world):
    roll_up()
    filters = Filters(start=WEEK1, end=date(2026, 3, 15), office=world.offices["surabaya"])
    climate = climate_dashboard(filters)
    # i1..i4 and n1 in week 1: 1 positive, 4 negative of 5 by 5 people; week 2 i1 alone.
    assert [(row.period, row.index.shown(), row.volume.shown(), row.people) for row in
            climate.weeks] == [(WEEK1, -0.6, 5, 5), (WEEK2, None, None, 1)]  # fmt: skip
    # IT only (n1 has no department): 4 people, suppressed. Laptops over both weeks: 6 pieces,
    # 5 negative, by 5 people (i1..i4, n1).
    assert [(row.group_name, row.volume.shown(), row.people) for row in climate.by_department] == [
        ("IT", None, 4),
        ("IT", None, 1),
    ]
    assert [(t.slug, t.volume.shown(), t.negative.shown(), t.people) for t in climate.topics] == [
        ("laptops", 6, 5, 5)
    ]


@pytest.mark.parametrize(
    "narrowed",
    [
        {"department": "finance"},
        {"office": "jakarta"},
        {"department": "finance", "office": "jakarta"},
    ],
)
def test_the_api_reads_the_filtered_weeks_from_the_rollup(as_user, world, narrowed):
    roll_up()
    # Rows removed after the rollup: the rolled-up weeks still show them, so the API read the
    # rollup, not the scored rows, and not one query touched the scored rows.
    ContentSentiment.objects.filter(written_at__date__gte=WEEK2).delete()
    query = {**PERIOD}
    places = {**world.departments, **world.offices}
    query |= {key: places[name].pk for key, name in narrowed.items()}
    with CaptureQueriesContext(connection) as queries:
        data = as_user("leader").get(API, query).json()["tables"]
    assert not [q for q in queries if "analytics_contentsentiment" in q["sql"]]
    weeks = [(row["label"], row["volume"]["value"]) for row in data["weeks"]["rows"]]
    assert weeks == [("2026-03-02", 5), ("2026-03-09", 5)]
    topics = [(row["topic"], row["negative"]["value"]) for row in data["negative-topics"]["rows"]]
    assert topics == [("Payroll", None)]


def test_a_community_filter_still_reads_the_scored_rows(as_user, world):
    roll_up()
    ContentSentiment.objects.filter(written_at__date__gte=WEEK2).delete()
    query = {**PERIOD, "community": world.communities["tech"].pk}
    data = as_user("leader").get(API, query).json()["tables"]
    assert [row["label"] for row in data["weeks"]["rows"]] == ["2026-03-02"]
