"""The Climate world: scored writing (``ContentSentiment`` rows, the scorer's output, fixed by
hand) over two weeks, with numbers worked out by hand.

Week of Monday 2 March 2026:
- Finance f1..f5 (office Jakarta HQ), company-wide, tag payroll: f1 f2 f3 positive, f4
  neutral, f5 negative.
- In the public community "Tech Corner", tag laptops: i1 positive; i2 i3 i4 (IT, office
  Surabaya) and n1 (no department, office Surabaya) negative.
- In the private community "Tax Team", tag falcon-merger: f1 negative twice.
Week of Monday 9 March 2026:
- Finance, tag payroll: f1 f2 negative, f3 f4 f5 positive.
- Tech Corner, tag laptops: i1 negative.

Company-wide: week 1: 4 positive, 1 neutral, 7 negative of 12 by 10 people: -0.25;
week 2: 3 positive, 3 negative of 6 by 6 people: 0.0.
Finance (public only): week 1 3/1/1 of 5: 0.4; week 2 3/0/2 of 5: 0.2.
IT: 4 people in week 1, 1 in week 2: suppressed. Surabaya and Tech Corner, week 1: i1..i4
and n1, 1 positive and 4 negative of 5: -0.6; week 2 (i1 alone) suppressed.
Topics: laptops 6 pieces by 5 people, 5 negative by 5 people (83.3 %); payroll 10 pieces
by 5 people, 3 negative by 3 people (suppressed). falcon-merger: private, never shown.
"""

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from taggit.models import Tag

from analytics.alerts import climate_alerts_raise
from analytics.models import ContentSentiment
from communities.models import CommunityType
from profiles.roles import ANALYSTS, LEADERS
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import fresh, in_group, join

PRIVATE_WORDS = ("Tax Team", "tax-team", "Falcon", "falcon")
PERIOD = {"from": "2026-03-02", "to": "2026-03-15"}
QUERY = "from=2026-03-02&to=2026-03-15"
SCORES = {"positive": 0.6, "neutral": 0.0, "negative": -0.6}
_ids = itertools.count(1)


def written(author, label: str, when: datetime, *, community=None, tags=()) -> ContentSentiment:
    """One scored piece of writing as the scorer stores it (author's place at the time)."""
    return ContentSentiment(
        kind="post",
        object_id=next(_ids),
        author=author,
        department_id=author.department_id,
        office_id=author.office_id,
        community=community,
        is_public=community is None or community.type == CommunityType.PUBLIC,
        language="en",
        score=SCORES[label],
        label=label,
        tags=list(tags),
        written_at=when,
    )


@dataclass
class World:
    people: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    offices: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)


def at(day: date, hour: int = 3) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def build_world() -> World:
    world = World()
    finance = world.departments["finance"] = DepartmentFactory(name="Finance")
    it = world.departments["it"] = DepartmentFactory(name="IT")
    jakarta = world.offices["jakarta"] = OfficeFactory(name="Jakarta HQ")
    surabaya = world.offices["surabaya"] = OfficeFactory(name="Surabaya")
    p = world.people
    for n in range(1, 6):
        p[f"f{n}"] = UserFactory(username=f"f{n}", department=finance, office=jakarta)
    for n in range(1, 5):
        p[f"i{n}"] = UserFactory(username=f"i{n}", department=it, office=surabaya)
    p["n1"] = UserFactory(username="n1", office=surabaya)
    p["employee"] = UserFactory(username="employee", department=finance)
    p["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    p["member_leader"] = in_group(UserFactory(username="member_leader"), LEADERS)
    p["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    p["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    tech = world.communities["tech"] = build_community(name="Tech Corner", slug="tech-corner")
    tax = world.communities["tax"] = build_community(
        name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    for name in ("i1", "i2", "i3", "i4", "n1"):
        join(p[name], tech)
    for name in ("f1", "member_leader"):
        join(p[name], tax)
    for name in p:
        fresh(p[name])
    for slug, name in (("payroll", "Payroll"), ("laptops", "Laptops"),
                       ("falcon-merger", "Falcon merger")):  # fmt: skip
        Tag.objects.get_or_create(slug=slug, defaults={"name": name})

    week1, week2 = date(2026, 3, 3), date(2026, 3, 10)  # Tuesdays.
    rows = [
        *(written(p[f"f{n}"], "positive", at(week1), tags=["payroll"]) for n in (1, 2, 3)),
        written(p["f4"], "neutral", at(week1), tags=["payroll"]),
        written(p["f5"], "negative", at(week1), tags=["payroll"]),
        written(p["i1"], "positive", at(week1), community=tech, tags=["laptops"]),
        *(
            written(p[name], "negative", at(week1), community=tech, tags=["laptops"])
            for name in ("i2", "i3", "i4", "n1")
        ),  # fmt: skip
        *(
            written(p["f1"], "negative", at(week1, hour), community=tax, tags=["falcon-merger"])
            for hour in (4, 5)
        ),  # fmt: skip
        *(written(p[f"f{n}"], "negative", at(week2), tags=["payroll"]) for n in (1, 2)),
        *(written(p[f"f{n}"], "positive", at(week2), tags=["payroll"]) for n in (3, 4, 5)),
        written(p["i1"], "negative", at(week2), community=tech, tags=["laptops"]),
    ]
    ContentSentiment.objects.bulk_create(rows)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_world()


# --- the alerts' place: this week is the week of Monday 23 March 2026 (now: Wednesday 25
# March, noon in Jakarta), compared with the four weeks before it (23 February to 22 March).
# Sales s1..s5, each of those weeks: one piece each, s1's negative (20 pieces, 4 negative:
# 20 %, 5 a week). Ops o1..o5 the same, and this week again the same (no jump).

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 3, 25, 12, tzinfo=JAKARTA)
WEEK = date(2026, 3, 23)


@pytest.fixture
def place(db):
    """Two departments with four quiet weeks behind them, two Leaders and two others."""
    sales = DepartmentFactory(name="Sales")
    ops = DepartmentFactory(name="Ops")
    people = {f"s{n}": UserFactory(username=f"s{n}", department=sales) for n in range(1, 7)}
    people |= {f"o{n}": UserFactory(username=f"o{n}", department=ops) for n in range(1, 6)}
    people |= {f"p{n}": UserFactory(username=f"p{n}") for n in range(1, 7)}
    people["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    people["pemimpin"] = in_group(UserFactory(username="pemimpin", language="id"), LEADERS)
    people["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    people["employee"] = UserFactory(username="employee", department=sales)
    rows = []
    for weeks_ago in range(1, 5):
        day = NOW - timedelta(weeks=weeks_ago)
        for prefix in ("s", "o"):
            rows += [written(people[f"{prefix}1"], "negative", day)]
            rows += [written(people[f"{prefix}{n}"], "positive", day) for n in range(2, 6)]
    rows += [written(people["o1"], "negative", NOW)]
    rows += [written(people[f"o{n}"], "positive", NOW) for n in range(2, 6)]
    ContentSentiment.objects.bulk_create(rows)
    Tag.objects.get_or_create(slug="canteen", defaults={"name": "Canteen"})
    return {"sales": sales, "ops": ops, "people": people}


def this_week(people, labels, *, when=NOW, community=None, tags=()):
    """This week's writing: ``labels[i]`` by ``people[i % len(people)]``."""
    ContentSentiment.objects.bulk_create(
        [
            written(people[n % len(people)], label, when, community=community, tags=tags)
            for n, label in enumerate(labels)
        ]
    )


def sales_people(place, count=5):
    return [place["people"][f"s{n}"] for n in range(1, count + 1)]


def sales_jump(place, *, people=5, negative=6, pieces=10):
    """This week: ``pieces`` pieces by ``people`` Sales people, the first ``negative`` of
    them negative (so with 5 people and 6 of 10: s1 s2 s3 s4 s5 s1 negative, 60 %)."""
    labels = ["negative"] * negative + ["positive"] * (pieces - negative)
    this_week(sales_people(place, people), labels)


def raise_alerts(django_capture_on_commit_callbacks, now=NOW):
    with django_capture_on_commit_callbacks(execute=True):
        return climate_alerts_raise(now=now)
