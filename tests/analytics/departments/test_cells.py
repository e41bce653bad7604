"""The matrix's monthly cells (``InteractionCellMonth``) and the days around them from the
event log: people on both sides counted once across both, every filter read from the level
of rows that holds it, and the department of the person acted on fixed when the month is
rolled up.

Sales s1..s6 (s1..s3 in North, s4..s6 in South), Ops o1..o6 (North). April 2025: s1..s5
react to o1..o5 (s_n to o_n), company-wide. 1-10 May 2025: s2..s6 comment on o2..o6's
posts in the public community "Guild". Writing, April 2025, tagged "pricing": s1..s5 in
Guild, s1 and s6 company-wide. Both months are rolled up.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from analytics.forms import Filters
from analytics.models import ContentSentiment, Event
from analytics.rollups import rollup_departments_month
from analytics.selectors.departments import department_interactions, department_topics_by_month
from profiles.services import profile_update
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def company():
    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    north, south = OfficeFactory(name="North"), OfficeFactory(name="South")
    people = {}
    for n in range(1, 7):
        office = north if n <= 3 else south
        people[f"s{n}"] = UserFactory(username=f"s{n}", department=sales, office=office)
        people[f"o{n}"] = UserFactory(username=f"o{n}", department=ops, office=north)
    guild = build_community(name="Guild")
    events = []
    for n in range(1, 6):
        actor = people[f"s{n}"]
        events.append(
            Event(
                verb="reaction.added", actor=actor, department=sales, office=actor.office,
                occurred_at=datetime.datetime(2025, 4, 2 * n, 9, tzinfo=JAKARTA),
                payload={"kind": "like", "target_author_id": people[f"o{n}"].pk},
            )
        )  # fmt: skip
    for n in range(2, 7):
        actor = people[f"s{n}"]
        events.append(
            Event(
                verb="comment.created", actor=actor, department=sales, office=actor.office,
                community_id=guild.pk, community_public=True,
                occurred_at=datetime.datetime(2025, 5, n, 9, tzinfo=JAKARTA),
                payload={"target_author_id": people[f"o{n}"].pk},
            )
        )  # fmt: skip
    Event.objects.bulk_create(events)
    writing = [(f"s{n}", guild) for n in range(1, 6)] + [("s1", None), ("s6", None)]
    ContentSentiment.objects.bulk_create(
        ContentSentiment(
            kind="post", object_id=number, author=people[name], department=sales,
            office=people[name].office, community=community, language="en", score=0,
            label="neutral", tags=["pricing"],
            written_at=datetime.datetime(2025, 4, 20, 9, tzinfo=JAKARTA),
        )
        for number, (name, community) in enumerate(writing)
    )  # fmt: skip
    for month in (4, 5):
        rollup_departments_month(D(2025, month, 1))
    return {"sales": sales, "ops": ops, "north": north, "guild": guild, **people}


def cell(company, start, end, source="sales", target="ops", **narrowing):
    found = department_interactions(Filters(start=start, end=end, **narrowing)).cells.get(
        (company[source].pk, company[target].pk)
    )
    return None if found is None else (found.interactions, found.actors, found.targets)


def test_a_whole_month_and_days_from_the_log_count_each_person_once(company):
    assert cell(company, D(2025, 4, 1), D(2025, 5, 10)) == (10, 6, 6)
    assert cell(company, D(2025, 4, 1), D(2025, 4, 30)) == (5, 5, 5)  # The cells only.
    assert cell(company, D(2025, 5, 3), D(2025, 5, 10)) == (4, 4, 4)  # The log only.
    assert cell(company, D(2025, 3, 28), D(2025, 5, 31)) == (10, 6, 6)  # Cells, log around.


def test_the_community_filter_reads_that_community_only(company):
    guild = company["guild"]
    assert cell(company, D(2025, 4, 1), D(2025, 5, 31), community=guild) == (5, 5, 5)
    assert cell(company, D(2025, 4, 1), D(2025, 5, 4), community=guild) == (3, 3, 3)


def test_the_office_filter_counts_that_offices_actors(company):
    north = company["north"]
    # April s1..s3, May s2 and s3: five interactions from three people with three.
    assert cell(company, D(2025, 4, 1), D(2025, 5, 31), office=north) == (5, 3, 3)
    both = {"office": north, "community": company["guild"], "department": company["sales"]}
    assert cell(company, D(2025, 4, 1), D(2025, 5, 31), **both) == (2, 2, 2)


def test_people_acted_on_stay_in_the_department_they_had_when_the_month_was_rolled_up(company):
    profile_update(user=company["o5"], department=company["sales"])
    assert cell(company, D(2025, 4, 1), D(2025, 4, 30)) == (5, 5, 5)
    # A range starting on a Monday still reads its whole months from the cells.
    assert cell(company, D(2025, 3, 31), D(2025, 4, 30)) == (5, 5, 5)
    # Days read from the log place them in their department of now.
    assert cell(company, D(2025, 5, 1), D(2025, 5, 10)) == (4, 4, 4)
    assert cell(company, D(2025, 5, 1), D(2025, 5, 10), target="sales") == (1, 1, 1)
    rollup_departments_month(D(2025, 5, 1))
    assert cell(company, D(2025, 5, 1), D(2025, 5, 31), target="sales") == (1, 1, 1)


def april_topics(company, **narrowing):
    rows = department_topics_by_month(
        Filters(start=D(2025, 4, 1), end=D(2025, 4, 30), **narrowing)
    )[2]
    return [
        (row.department, row.month.month, row.items.value, row.items.people,
         [(topic.slug, topic.items.value, topic.items.people) for topic in row.topics])
        for row in rows
    ]  # fmt: skip


def test_topics_per_department_office_and_community_count_each_author_once(company):
    assert april_topics(company) == [("Sales", 4, 7, 6, [("pricing", 7, 6)])]
    guild, north = company["guild"], company["north"]
    assert april_topics(company, community=guild) == [("Sales", 4, 5, 5, [("pricing", 5, 5)])]
    assert april_topics(company, office=north) == [("Sales", 4, 4, 3, [])]
    assert april_topics(company, office=north, community=guild) == [("Sales", 4, 3, 3, [])]
