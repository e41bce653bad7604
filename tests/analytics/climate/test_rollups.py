"""The Climate rollup (``analytics.climate_rollups``, run with the Conversation rollup's weeks)
on the Climate world (numbers in conftest.py): exact rows, idempotent re-runs, and the same
dashboard figures from the rollup as from the scored rows, for whole and partial weeks."""

from datetime import date

import pytest

from analytics.conversation_rollups import rollup_conversation_week
from analytics.forms import Filters
from analytics.models import (
    ClimateLevel,
    ClimateSentimentWeek,
    ClimateTopicWeek,
    ContentSentiment,
    ConversationWeek,
)
from analytics.selectors.climate import (
    WHOLE_LEVELS,
    Climate,
    climate_dashboard,
    climate_index,
    negative_topics,
)
from analytics.selectors.conversation.rolled import start_of
from analytics.selectors.conversation.volumes import unpack_authors
from communities.models import Community, CommunityType
from tests.analytics.climate.conftest import PERIOD, at, written

pytestmark = pytest.mark.django_db

WEEK1, WEEK2 = date(2026, 3, 2), date(2026, 3, 9)
API = "/api/v1/analytics/climate/"


def roll_up(*weeks) -> None:
    for week in weeks or (WEEK1, WEEK2):
        rollup_conversation_week(week)


def week_row(week, level, group_id=None) -> tuple:
    row = ClimateSentimentWeek.objects.get(span=1, week=week, level=level, group_id=group_id)
    return row.positive, row.neutral, row.negative, row.people


def topic_row(week, tag) -> tuple:
    row = ClimateTopicWeek.objects.get(span=1, week=week, tag=tag, level=ClimateLevel.ALL)
    return row.items, row.negative, row.people, unpack_authors(row.negative_authors).bit_count()


def stored_rows() -> set:
    return {
        (r.week, r.span, r.level, r.group_id, r.department_id, r.office_id, r.positive,
         r.neutral, r.negative, r.people, unpack_authors(r.authors))
        for r in ClimateSentimentWeek.objects.all()
    } | {
        (r.week, r.span, r.level, r.department_id, r.office_id, r.tag, r.items, r.negative,
         r.people, unpack_authors(r.authors), unpack_authors(r.negative_authors))
        for r in ClimateTopicWeek.objects.all()
    }  # fmt: skip


def from_rows_only(filters: Filters) -> Climate:
    """The dashboard as ``climate_index`` and ``negative_topics`` read it from
    ``ContentSentiment`` alone."""
    span = {"start": filters.since, "end": filters.until}
    narrowed = {
        "department": filters.department,
        "office": filters.office,
        "community": filters.community,
    }

    def by_name(rows):
        return sorted(rows, key=lambda row: (row.group_name.casefold(), row.group_id, row.period))

    return Climate(
        weeks=climate_index(**span, **narrowed),
        by_department=by_name(climate_index(**span, group_by="department", **narrowed)),
        by_office=by_name(climate_index(**span, group_by="office", **narrowed)),
        by_community=by_name(climate_index(**span, group_by="community", **narrowed)),
        topics=negative_topics(**span, **narrowed),
    )


def test_a_week_rolls_up_into_exact_rows_per_level(world):
    roll_up()
    finance, it = world.departments["finance"].pk, world.departments["it"].pk
    surabaya, tech = world.offices["surabaya"].pk, world.communities["tech"].pk
    # Company-wide, the private community's two negatives included: 4/1/7 by 10 people.
    assert week_row(WEEK1, ClimateLevel.ALL) == (4, 1, 7, 10)
    assert week_row(WEEK2, ClimateLevel.ALL) == (3, 0, 3, 6)
    assert week_row(WEEK1, ClimateLevel.DEPARTMENT, finance) == (3, 1, 1, 5)
    assert week_row(WEEK2, ClimateLevel.DEPARTMENT, finance) == (3, 0, 2, 5)
    assert week_row(WEEK1, ClimateLevel.DEPARTMENT, it) == (1, 0, 3, 4)
    assert week_row(WEEK1, ClimateLevel.OFFICE, surabaya) == (1, 0, 4, 5)
    assert week_row(WEEK1, ClimateLevel.COMMUNITY, tech) == (1, 0, 4, 5)
    assert week_row(WEEK2, ClimateLevel.COMMUNITY, tech) == (0, 0, 1, 1)
    # The private Tax Team feeds no breakdown and no topic.
    communities = ClimateSentimentWeek.objects.filter(level=ClimateLevel.COMMUNITY)
    assert set(communities.values_list("group_id", flat=True)) == {tech}
    assert topic_row(WEEK1, "laptops") == (5, 4, 5, 4)
    assert topic_row(WEEK2, "laptops") == (1, 1, 1, 1)
    assert topic_row(WEEK1, "payroll") == (5, 1, 5, 1)
    assert topic_row(WEEK2, "payroll") == (5, 2, 5, 2)
    assert not ClimateTopicWeek.objects.filter(tag="falcon-merger").exists()
    # The Tuesdays' own rows (span 0), for periods that cut a week.
    day = ClimateSentimentWeek.objects.get(span=0, week=date(2026, 3, 3), level="all")
    assert (day.positive, day.neutral, day.negative, day.people) == (4, 1, 7, 10)
    # Each week: all, Finance, IT, Jakarta HQ, Surabaya, Tech Corner; on one day each (and
    # the filters' rows, tests/analytics/climate/test_filtered_rollups.py).
    whole = ClimateSentimentWeek.objects.filter(level__in=WHOLE_LEVELS)
    assert whole.filter(span=1).count() == 12
    assert whole.filter(span=0).count() == 12
    assert ClimateTopicWeek.objects.filter(span=0, level=ClimateLevel.ALL).count() == 4


def test_running_the_rollup_again_writes_the_same_rows(world):
    roll_up()
    first = stored_rows()
    roll_up()
    assert stored_rows() == first
    assert len(first) == 2 * (23 + 16)  # Weeks and days: sentiment and topic rows.


@pytest.mark.parametrize(
    "start,end",
    [
        (WEEK1, date(2026, 3, 15)),  # Two whole weeks.
        (date(2026, 3, 3), date(2026, 3, 12)),  # Cut weeks: their days' rows.
        (date(2026, 3, 4), date(2026, 3, 15)),  # Week 1 without its writing.
    ],
)
def test_the_rollup_and_the_scored_rows_give_the_same_dashboard(world, start, end):
    filters = Filters(start=start, end=end)
    expected = from_rows_only(filters)
    roll_up()
    assert climate_dashboard(filters) == expected


def test_a_week_not_rolled_up_is_read_from_the_scored_rows(world):
    filters = Filters(start=WEEK1, end=date(2026, 3, 15))
    expected = from_rows_only(filters)
    roll_up(WEEK1)
    assert climate_dashboard(filters) == expected
    weeks = climate_dashboard(filters).weeks
    assert [(row.period, row.index.value, row.volume.value) for row in weeks] == [
        (WEEK1, -0.25, 12),
        (WEEK2, 0.0, 6),
    ]


def test_whole_weeks_are_read_from_the_rollup(as_user, world):
    roll_up()
    # Rows removed after the rollup: the dashboard still reads the rolled-up weeks (the next
    # run notices the change and rolls the week up again).
    ContentSentiment.objects.filter(written_at__date__gte=WEEK2).delete()
    data = as_user("leader").get(API, PERIOD).json()["tables"]
    weeks = [(row["label"], row["volume"]["value"]) for row in data["weeks"]["rows"]]
    assert weeks == [("2026-03-02", 12), ("2026-03-09", 6)]
    topics = [(row["topic"], row["negative"]["value"]) for row in data["negative-topics"]["rows"]]
    assert topics == [("Laptops", 5), ("Payroll", None)]


def test_a_community_made_private_after_the_rollup_leaves_the_breakdown(world):
    roll_up()
    Community.objects.filter(pk=world.communities["tech"].pk).update(type=CommunityType.PRIVATE)
    filters = Filters(start=WEEK1, end=date(2026, 3, 15))
    assert climate_dashboard(filters).by_community == []
    assert climate_dashboard(filters) == from_rows_only(filters)


@pytest.mark.parametrize(
    "narrowed",
    [
        {"department": "finance"},
        {"department": "it"},
        {"office": "surabaya"},
        {"community": "tech"},
        {"community": "tax"},
        {"department": "it", "community": "tech"},
    ],
)
def test_a_filter_gives_the_figures_of_the_scored_rows(world, narrowed):
    roll_up()
    places = {**world.departments, **world.offices, **world.communities}
    filters = Filters(
        start=WEEK1, end=date(2026, 3, 15), **{key: places[name] for key, name in narrowed.items()}
    )
    assert climate_dashboard(filters) == from_rows_only(filters)


def test_a_department_filter_counts_its_public_writing(world):
    filters = Filters(start=WEEK1, end=date(2026, 3, 15), department=world.departments["finance"])
    climate = climate_dashboard(filters)
    assert [(row.period, row.index.value, row.volume.value) for row in climate.weeks] == [
        (WEEK1, 0.4, 5),
        (WEEK2, 0.2, 5),
    ]
    assert [(row.group_name, row.period, row.people) for row in climate.by_office] == [
        ("Jakarta HQ", WEEK1, 5),
        ("Jakarta HQ", WEEK2, 5),
    ]
    assert climate.by_community == []


def test_a_week_cut_by_its_last_run_merges_its_days_rows_with_the_scored_rows(world):
    """Week 2 rolled up at midnight after Tuesday (as the hourly run does): Monday and
    Tuesday from their rows, the rest of the week from the scored rows; f1, f2 and i1, who
    wrote on Tuesday, write again on Thursday and count once."""
    roll_up()
    ConversationWeek.objects.filter(week=WEEK2).update(
        rolled_at=start_of(date(2026, 3, 11)), complete=False
    )
    thursday = at(date(2026, 3, 12))
    people = world.people
    ContentSentiment.objects.bulk_create(
        [written(people[name], "negative", thursday, tags=["payroll"]) for name in ("f1", "f2")]
        + [written(people["i1"], "positive", thursday, community=world.communities["tech"])]
    )
    filters = Filters(start=WEEK1, end=date(2026, 3, 15))
    rolled = climate_dashboard(filters)
    assert rolled == from_rows_only(filters)
    assert [
        (row.period, row.negative.value, row.volume.value, row.people) for row in rolled.weeks
    ] == [
        (WEEK1, 7, 12, 10),
        (WEEK2, 5, 9, 6),
    ]
