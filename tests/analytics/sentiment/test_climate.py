"""The climate selectors against a small fixture whose numbers are worked out by hand.

Week of Monday 2 March 2026 (and one item the week after), Finance and Sales:

- Finance, company-wide posts by f1..f5: 3 positive, 1 neutral, 1 negative (5 people)
- Sales, in the public community "Finance Club", by s1..s4: 1 positive, 3 negative (4 people)
- Finance f1, in the private "Tax Team": 2 negative (counted company-wide only)
- Sales s1, the week after: 1 positive
"""

import itertools
from datetime import UTC, date, datetime

import pytest

from analytics.models import ContentSentiment
from analytics.selectors.climate import climate_index, negative_topics
from profiles.models import Department
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, tzinfo=UTC)
END = datetime(2026, 3, 16, tzinfo=UTC)
WEEK1, WEEK2 = date(2026, 3, 2), date(2026, 3, 9)


IDS = itertools.count(1)


def written(author, label, *, day=3, community=None, tags=(), kind="post"):
    return ContentSentiment(
        kind=kind,
        object_id=next(IDS),
        author=author,
        department_id=author.department_id,
        office_id=author.office_id,
        community=community,
        is_public=community is None or community.type == "public",
        language="en",
        score={"positive": 0.6, "neutral": 0.0, "negative": -0.6}[label],
        label=label,
        tags=list(tags),
        written_at=datetime(2026, 3, day, 9, tzinfo=UTC),
    )


@pytest.fixture
def climate(public_community, private_community):
    finance = DepartmentFactory(name="Finance")
    sales = DepartmentFactory(name="Sales")
    jakarta = OfficeFactory(name="Jakarta")
    f = [UserFactory(username=f"f{i}", department=finance, office=jakarta) for i in range(5)]
    s = [UserFactory(username=f"s{i}", department=sales) for i in range(4)]
    rows = [
        written(f[0], "positive", tags=["payroll"]),
        written(f[1], "positive", tags=["payroll"]),
        written(f[2], "positive"),
        written(f[3], "neutral", tags=["payroll"]),
        written(f[4], "negative", tags=["payroll", "parking"]),
        written(s[0], "positive", community=public_community, tags=["parking"]),
        written(s[1], "negative", community=public_community, tags=["parking"]),
        written(s[2], "negative", community=public_community, tags=["parking"]),
        written(s[3], "negative", community=public_community, tags=["parking", "payroll"]),
        written(f[0], "negative", community=private_community, tags=["merger"]),
        written(f[0], "negative", community=private_community, tags=["merger"], kind="comment"),
        written(s[0], "positive", day=10, tags=["parking"]),
    ]
    ContentSentiment.objects.bulk_create(rows)
    return {"finance": finance, "sales": sales, "jakarta": jakarta}


def values(row):
    return tuple(
        getattr(row, name).shown()
        for name in ("positive", "neutral", "negative", "volume", "index")
    )


def test_the_company_wide_index_counts_everything_per_week(climate):
    rows = climate_index(start=START, end=END)

    assert [(r.period, r.group_id, r.people) for r in rows] == [(WEEK1, None, 9), (WEEK2, None, 1)]
    # 4 positive, 1 neutral, 6 negative of 11: (4 - 6) / 11.
    assert values(rows[0]) == (4, 1, 6, 11, -0.182)
    assert rows[1].suppressed and rows[1].index.shown() is None


def test_by_department_private_writing_is_left_out_and_small_groups_are_suppressed(climate):
    rows = climate_index(start=START, end=END, group_by="department")

    by_name = {(r.period, r.group_name): r for r in rows}
    finance = by_name[(WEEK1, "Finance")]
    # Finance's two private negatives count company-wide only: 3 - 1 of 5.
    assert (finance.people, values(finance)) == (5, (3, 1, 1, 5, 0.4))
    assert finance.group_id == climate["finance"].pk
    sales = by_name[(WEEK1, "Sales")]
    assert sales.people == 4
    assert sales.suppressed
    assert values(sales) == (None,) * 5
    assert str(sales.index) == "fewer than 5 people"


def test_by_office_and_by_public_community(climate, public_community, private_community):
    offices = climate_index(start=START, end=END, group_by="office")
    assert [(r.period, r.group_name, r.people) for r in offices] == [(WEEK1, "Jakarta", 5)]
    assert values(offices[0]) == (3, 1, 1, 5, 0.4)

    communities = climate_index(start=START, end=END, group_by="community")
    assert [(r.group_id, r.people, r.suppressed) for r in communities] == [
        (public_community.pk, 4, True)
    ]
    assert climate_index(start=START, end=END, community=private_community) == []


def test_a_filter_is_a_breakdown_and_leaves_private_writing_out(climate):
    rows = climate_index(start=START, end=END, department=climate["finance"])

    assert [(r.period, r.group_id, r.people) for r in rows] == [(WEEK1, None, 5)]
    assert values(rows[0]) == (3, 1, 1, 5, 0.4)


def sales_in_week_one():
    rows = climate_index(start=START, end=END, group_by="department")
    return next(r for r in rows if (r.period, r.group_name) == (WEEK1, "Sales"))


def test_suppression_starts_below_the_minimum_group_size(climate, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 4
    sales = sales_in_week_one()
    assert (sales.people, sales.suppressed, values(sales)) == (4, False, (1, 0, 3, 4, -0.5))

    settings.ANALYTICS_MIN_GROUP_SIZE = 5
    sales = sales_in_week_one()
    assert (sales.people, sales.suppressed, values(sales)) == (4, True, (None,) * 5)


def test_an_unknown_grouping_is_refused(db):
    with pytest.raises(ValueError, match="Cannot group the climate by 'person'"):
        climate_index(start=START, end=END, group_by="person")


def test_negative_topics_rank_public_tags_and_never_show_private_ones(climate):
    topics = negative_topics(start=START, end=END)

    # parking: f4, s0..s3 and (week 2) s0 = 5 people, 6 items, 4 negative by 4 people.
    # payroll: f0, f1, f3, f4, s3 = 5 people, 5 items, 2 negative by 2 people.
    # merger: private, never listed.
    assert [(t.slug, t.volume.shown(), t.people) for t in topics] == [
        ("parking", 6, 5),
        ("payroll", 5, 5),
    ]
    assert topics[0].negative.people == 4 and topics[0].negative.suppressed
    assert topics[1].negative.shown() is None


def test_negative_topics_show_negative_figures_from_enough_people(climate, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 4

    topics = negative_topics(start=START, end=END)

    assert [t.slug for t in topics] == ["parking", "payroll"]
    assert (topics[0].negative.shown(), topics[0].negative_share.shown()) == (4, 0.667)
    # Payroll's 2 negative items come from 2 people: the topic shows, its negatives do not.
    assert (topics[1].volume.shown(), topics[1].negative.shown()) == (5, None)


def test_negative_topics_leave_out_topics_of_fewer_people(climate, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 6

    assert negative_topics(start=START, end=END) == []


def test_the_selectors_take_two_queries(climate, django_assert_num_queries):
    with django_assert_num_queries(2):
        climate_index(start=START, end=END, group_by="department")
    with django_assert_num_queries(2):
        negative_topics(start=START, end=END)
    assert Department.objects.count() == 2
