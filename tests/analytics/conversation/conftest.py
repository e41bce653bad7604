"""The Conversation dashboard's world, built through the services; timestamps are set
afterwards (the services stamp "now") and the writing is then scored by the sentiment
backfill, which writes the ``ContentSentiment`` rows the dashboard reads.

The period is eight whole weeks, Monday to Sunday, ending with the last Sunday before today.
Week 0 is its last week ("this week" for the topics), week 7 its first.

- Week 0, company-wide: posts "Payroll delay again" (tag payroll) by f1..f5 and i1.
  f1's post P1: reactions by f2..f5, i1, i2, comments by f2 and f3 -> 8, from 6 other people.
  f2's post P2: reactions by f1, f3, f4, f5, two comments by f1 -> 6, from 4 people: not top.
- Week 0, public community "Tech Corner": i1's thread "Laptop refresh schedule" (tag laptops)
  with replies "Laptop refresh please" by i2, i3, i4, f1, f2.
- Week 0, i2's personal article "Kubernetes migration guide", reactions i1, i3, i4, f1, f2.
- Week 0, private community "Tax Team": "Falcon merger timeline" (tag project-falcon) by
  f1..f5; f1's has reactions by f2..f5 and member_leader.
- Weeks 1 and 3: f6 posts "Salary question" (tag payroll), company-wide.
- Weeks 1..7: i1..i4 each post "Weekly status report" in Tech Corner.
- Searches with no results: "cuti bersama" by f1..f5 in week 0.

Expected, no filters other than the period:
- All writing 52 by 10 people: posts 41 (10), comments 4 (3: suppressed), threads 1 (1),
  replies 5 (5), articles 1 (1).
- Weeks 7, 6, 5, 4, 2: 4 posts by 4 people (suppressed); weeks 3 and 1: 5 by 5; week 0:
  posts 11 (6 people), comments 4 (3), threads 1, replies 5 (5), articles 1; all 22 (9).
- Departments (public writing): Finance 13 by 6 (posts 7 by 6, comments 4 by 3, replies 2
  by 2); IT 34 by 4 (suppressed).
- Communities: Tech Corner 34 by 6 (posts 28 by 4, threads 1, replies 5 by 5).
- Top: P1 (8, 6 people), the laptop thread (5 replies, 5 people), the article (5, 5).
- Topics (baseline weeks 1..4): tag payroll 10 items by 6 people against [1, 0, 1, 0]:
  mean 0.5, deviation 0.5, z 19.0, ratio 20.0; tag laptops 6 by 6, new; phrases
  "laptop refresh" 6 by 6 and "payroll delay" 6 by 6, new.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from analytics.forms import Filters
from analytics.sentiment.services import sentiment_backfill
from analytics.services import event_record
from blog.services.articles import article_create
from communities.models import CommunityType
from core.events import DomainEvent
from feed.services.conversation import comment_create, reaction_set
from feed.services.posts import post_create
from forums import services as forums
from profiles.roles import ANALYSTS, LEADERS
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import fresh, in_group, join

PRIVATE_WORDS = ("Falcon", "falcon", "project-falcon", "Tax Team", "merger", "timeline")


def period() -> tuple[date, date]:
    """Eight whole weeks ending with the last Sunday before today."""
    today = timezone.localdate()
    end = today - timedelta(days=today.weekday() + 1)
    return end - timedelta(days=55), end


def period_filters(**extra) -> Filters:
    start, end = period()
    return Filters(start=start, end=end, **extra)


def period_query(**extra) -> dict:
    start, end = period()
    return {"from": start.isoformat(), "to": end.isoformat(), **extra}


def in_week(week: int, minutes: int = 0) -> datetime:
    """A moment on the Thursday of week ``week`` (0: the period's last)."""
    _start, end = period()
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return until - timedelta(days=7 * week + 4) + timedelta(hours=10, minutes=minutes)


def week_label(week: int) -> str:
    _start, end = period()
    return (end - timedelta(days=6 + 7 * week)).isoformat()


@dataclass
class World:
    people: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)


def stamp(obj, when: datetime, *, field: str = "created_at"):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})
    return obj


def post(author, body, *, week, community=None, tags=(), minutes=0):
    item = post_create(author=author, body=body, community=community, tags=list(tags))
    return stamp(item, in_week(week, minutes))


def comment(author, target, body, *, week, minutes=0):
    return stamp(comment_create(author=author, target=target, body=body),
                 in_week(week, minutes))  # fmt: skip


def react(people, target):
    for person in people:
        reaction_set(user=person, target=target, kind="like")


def no_results_search(person, query, *, when):
    event_record(
        event=DomainEvent(
            name="search.performed",
            actor_id=person.pk,
            department_id=person.department_id,
            office_id=person.office_id,
            payload={"query": query, "results": 0, "kinds": []},
            occurred_at=when,
        )
    )


def build_world() -> World:
    world = World()
    finance = world.departments["finance"] = DepartmentFactory(name="Finance")
    it = world.departments["it"] = DepartmentFactory(name="IT")
    jakarta = OfficeFactory(name="Jakarta HQ")
    people = world.people
    for n in range(1, 7):
        people[f"f{n}"] = UserFactory(username=f"f{n}", department=finance, office=jakarta)
    for n in range(1, 5):
        people[f"i{n}"] = UserFactory(username=f"i{n}", department=it)
    people["employee"] = UserFactory(username="employee", department=finance)
    people["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    people["member_leader"] = in_group(UserFactory(username="member_leader"), LEADERS)
    people["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    people["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    f = [people[f"f{n}"] for n in range(1, 7)]
    i = [people[f"i{n}"] for n in range(1, 5)]

    tech = world.communities["tech"] = build_community(name="Tech Corner", slug="tech-corner")
    tax = world.communities["tax"] = build_community(
        name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    for person in [*i, f[0], f[1]]:
        join(person, tech)
    for person in [*f[:5], people["member_leader"]]:
        join(person, tax)
    for name in people:
        fresh(people[name])

    payroll = [
        post(person, "Payroll delay again", week=0, tags=["payroll"], minutes=n)
        for n, person in enumerate([*f[:5], i[0]])
    ]
    p1, p2 = world.items["p1"], world.items["p2"] = payroll[0], payroll[1]
    react([*f[1:5], i[0], i[1]], p1)
    comment(f[1], p1, "Same here", week=0)
    comment(f[2], p1, "Same here", week=0)
    react([f[0], f[2], f[3], f[4]], p2)
    comment(f[0], p2, "Agreed, escalating", week=0)
    comment(f[0], p2, "Agreed, escalating", week=0)

    hardware = forums.category_create(actor=tech.created_by, community=tech, name="Hardware")
    thread = world.items["thread"] = forums.thread_create(
        author=i[0], category=hardware, title="Laptop refresh schedule", tags=["laptops"]
    )
    stamp(thread, in_week(0))
    for n, person in enumerate([i[1], i[2], i[3], f[0], f[1]]):
        reply = forums.reply_create(author=person, thread=thread, body="Laptop refresh please")
        stamp(reply, in_week(0, n + 1))

    article = world.items["article"] = article_create(
        author=i[1], title="Kubernetes migration guide", body="How we moved.", publish="now"
    )
    stamp(article, in_week(0), field="published_at")
    react([i[0], i[2], i[3], f[0], f[1]], article)

    falcon = [
        post(person, "Falcon merger timeline", week=0, community=tax, tags=["project-falcon"])
        for person in f[:5]
    ]
    world.items["falcon"] = falcon[0]
    react([*f[1:5], people["member_leader"]], falcon[0])

    for week in (1, 3):
        post(f[5], "Salary question", week=week, tags=["payroll"])
    for week in range(1, 8):
        for n, person in enumerate(i):
            post(person, "Weekly status report", week=week, community=tech, minutes=n)

    for person in f[:5]:
        no_results_search(person, "cuti bersama", when=in_week(0))
    sentiment_backfill()
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_world()
